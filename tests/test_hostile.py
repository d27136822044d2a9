"""Hostile strings in every field that reaches a page: nothing runs, everything shows literally."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from browser import open_page

from geo.pipeline import check_project
from geo.project import read_project
from geo.render.site import build_site

HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(2)></script>`${alert(3)}`\\u0022\u202eZ'
DATA = Path(__file__).parent / "data" / "project"


def rewrite(path: Path, change: dict[str, str], rows: slice = slice(None)) -> None:
    with path.open(encoding="utf-8", newline="") as f:
        table = list(csv.DictReader(f))
    for row in table[rows]:
        row.update(change)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(table[0]))
        writer.writeheader()
        writer.writerows(table)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile") / "project"
    shutil.copytree(DATA, root)
    seed = root / "seeds" / "T.txt"
    seed.write_text(seed.read_text(encoding="utf-8") + HOSTILE + "\n", encoding="utf-8")
    text = {"name": "中京" + HOSTILE, "variants": HOSTILE, "modern": HOSTILE, "source": HOSTILE, "note": HOSTILE}
    rewrite(root / "places" / "gazetteer.csv", text, slice(0, 1))
    rewrite(root / "campaigns" / "campaigns.csv", {"title_zh": HOSTILE, "title_en": HOSTILE,
                                                    "description": HOSTILE, "period": HOSTILE})
    rewrite(root / "campaigns" / "actors.csv", {"name_en": HOSTILE, "name_zh": HOSTILE}, slice(0, 1))
    rewrite(root / "campaigns" / "events.csv", {"quote": HOSTILE, "source": "T:4", "summary_en": HOSTILE,
                                                 "target": HOSTILE, "note": HOSTILE, "reading": "r"})
    assert [i for i in check_project(read_project(root)) if i.severity == "error"] == []
    out = root / "site"
    build_site(read_project(root), out)
    return out


@pytest.mark.browser
@pytest.mark.parametrize("name", ["pursuit.html", "gazetteer.html", "index.html", "about.html"])
def test_no_script_runs_and_text_is_literal(browser, hostile_site: Path, name: str) -> None:
    page, log = open_page(browser, hostile_site / name)
    if name == "pursuit.html":
        page.locator(".geo-event").first.dispatch_event("click")
        page.locator(".leaflet-popup-content").wait_for()
    if name == "gazetteer.html":
        page.locator(".geo-search-input").fill("中京")  # one match: its popup opens
        page.locator(".leaflet-popup-content").wait_for()
    assert log.dialogs == []
    assert log.errors == []
    assert page.locator("img[src=x]").count() == 0
    if name != "about.html":  # the about page shows no text from the CSV files
        assert "<script>alert(1)</script>" in page.locator("body").inner_text()


def test_exports_keep_the_strings_exactly(hostile_site: Path) -> None:
    data = json.loads((hostile_site / "data" / "pursuit.geojson").read_text(encoding="utf-8"))
    assert {f["properties"]["quote"] for f in data["features"]} == {HOSTILE}
    html = (hostile_site / "pursuit.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html
    assert "<img src=x" not in html


@pytest.mark.browser
def test_a_ten_megabyte_note_builds_and_opens(browser, tmp_path: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(DATA, root)
    rewrite(root / "campaigns" / "events.csv", {"note": "注" * 3_500_000}, slice(0, 1))
    out = root / "site"
    build_site(read_project(root), out)
    page, log = open_page(browser, out / "pursuit.html")
    assert page.locator(".geo-event").count() == 5
    assert log.errors == []
    assert log.dialogs == []
