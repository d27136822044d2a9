from __future__ import annotations

import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

import pytest

from geo.errors import ValidationError
from geo.project import read_project
from geo.render import site
from geo.render.site import build_site


def digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_build_writes_the_pages(project_dir: Path, tmp_path: Path) -> None:
    report = build_site(read_project(project_dir), tmp_path / "site")
    names = {p.name for p in (tmp_path / "site").iterdir()}
    assert {"index.html", "pursuit.html", "gazetteer.html", "about.html", "assets", "data", "seeds"} <= names
    assert report.features == 5 + 3
    html = (tmp_path / "site" / "pursuit.html").read_text(encoding="utf-8")
    assert "cdn" not in html.lower()
    assert 'src="assets/leaflet/leaflet.js"' in html


def test_two_builds_are_byte_identical(project_dir: Path, tmp_path: Path) -> None:
    build_site(read_project(project_dir), tmp_path / "a")
    build_site(read_project(project_dir), tmp_path / "b")
    assert digest(tmp_path / "a") == digest(tmp_path / "b")


def test_no_random_ids_left(project_dir: Path, tmp_path: Path) -> None:
    build_site(read_project(project_dir), tmp_path / "a")
    html = (tmp_path / "a" / "pursuit.html").read_text(encoding="utf-8")
    assert not re.search(r"\b[0-9a-f]{32}\b", html)


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


def test_every_internal_link_resolves(project_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_site(read_project(project_dir), out)
    checked = 0
    for page in out.glob("*.html"):
        parser = Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for link in parser.links:
            if urlparse(link).scheme:
                continue
            assert not link.startswith("/"), f"{page.name}: absolute link {link}"
            assert (out / link.split("#")[0]).exists(), f"{page.name}: broken link {link}"
            checked += 1
    assert checked > 20


def test_invalid_data_writes_nothing(project_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_site(read_project(project_dir), out)
    before = digest(out)
    events = project_dir / "campaigns" / "events.csv"
    events.write_text(events.read_text(encoding="utf-8").replace("liao_xijing", "nowhere"), encoding="utf-8")
    with pytest.raises(ValidationError):
        build_site(read_project(project_dir), out)
    assert digest(out) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site.") and p.suffix != ".lock"] == []


def test_failure_midway_leaves_the_old_site(project_dir: Path, tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "site"
    build_site(read_project(project_dir), out)
    before = digest(out)

    def broken(*args: object, **kwargs: object) -> str:
        raise RuntimeError("disk full")

    monkeypatch.setattr(site.pages, "about_page", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        build_site(read_project(project_dir), out)
    assert digest(out) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site.") and p.suffix != ".lock"] == []


def test_without_a_cjk_font_the_site_builds_without_previews(project_dir: Path, tmp_path: Path,
                                                              monkeypatch) -> None:
    from geo.errors import FontError
    from geo.render.figure import fonts

    def no_font() -> None:
        raise FontError("no CJK font found — install Debian's fonts-noto-cjk")

    monkeypatch.setattr(fonts, "find_cjk_font", no_font)
    report = build_site(read_project(project_dir), tmp_path / "site")
    assert "fonts-noto-cjk" in report.warnings[0]
    assert "previews/" not in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert (tmp_path / "site" / "pursuit.html").exists()


def page_data(html: str) -> dict:
    import json

    start = html.index('<script type="application/json" id="geo-data">') + len(
        '<script type="application/json" id="geo-data">')
    return json.loads(html[start:html.index("</script>", start)])


def test_page_data_names_its_fields_once_per_table(project_dir: Path, tmp_path: Path) -> None:
    from geo.render import map_data

    build_site(read_project(project_dir), tmp_path / "site")
    data = page_data((tmp_path / "site" / "pursuit.html").read_text(encoding="utf-8"))
    for name in ("actors", "places", "events", "legs", "readings", "steps"):
        table = data[name]
        assert all(len(row) == len(table["fields"]) for row in table["rows"]), name
    assert data["legs"]["fields"] == list(map_data.LEG_FIELDS)
    assert {"actor", "source", "from_event", "to_event", "distance_km", "days_max"} <= set(data["legs"]["fields"])
    legs = [dict(zip(data["legs"]["fields"], row)) for row in data["legs"]["rows"]]
    events = [dict(zip(data["events"]["fields"], row)) for row in data["events"]["rows"]]
    assert [(events[leg["from_event"]]["id"], events[leg["to_event"]]["id"]) for leg in legs] == [
        ("t_001", "t_004"), ("t_004", "t_005"), ("t_002", "t_003")]
    assert data["strings"][legs[0]["source"]] == "T"


def _events_with_one_reading(n: int):
    import geopandas as gpd
    import pandas as pd
    from shapely.geometry import Point

    from geo import schema as S

    rows = [{S.EVENT_ID: f"e{i}", S.CAMPAIGN: "c" if i < n - 1 else "other", S.PLACE: f"p{i % 2}",
             S.PLACE_NAME: "地", S.PLACE_PINYIN: "di", S.PLACE_MODERN: "x", S.PLACE_BASIS: "ruins",
             S.PLACE_UNCERTAINTY: 1.0, S.ACTOR: "a", S.ACTION: "march", S.TARGET: pd.NA, S.DATE: "天輔六年",
             S.DATE_AS_WRITTEN: pd.NA, S.REGIME: "jin", S.PRECISION: "day", S.JDN_START: 2130000 + i,
             S.JDN_END: 2130000 + i, S.JULIAN_START: "1122-01-01", S.JULIAN_END: "1122-01-01",
             S.QUOTE: "長" * 50, S.SUMMARY_EN: "s", S.EVENT_SOURCE: f"T:{i + 1}", S.CERTAINTY: "certain",
             S.READING: "one", S.NOTE: pd.NA, "geometry": Point(110 + i % 2, 40)} for i in range(n)]
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")


def test_a_reading_group_is_stored_once() -> None:
    import json

    import pandas as pd

    from geo import schema as S
    from geo.render.map_data import campaign_data
    from geo.routes import events_to_routes

    every = _events_with_one_reading(200)
    events = every[every[S.CAMPAIGN] == "c"].reset_index(drop=True)
    actors = pd.DataFrame({S.ACTOR_ID: ["a"], S.NAME_EN: ["A"], S.NAME_ZH: ["甲"], S.COLOUR: ["#000000"]})
    data = campaign_data(events, events_to_routes(events), actors, all_events=every, tiles=[])
    fields = data["events"]["fields"]
    assert {row[fields.index("reading")] for row in data["events"]["rows"]} == {0}
    assert len(data["readings"]["rows"]) == 1  # only the member in another campaign is sent apart
    size = len(json.dumps(data, ensure_ascii=False))
    assert size < 200 * 400, size  # each quote once, not the group's 200 quotes copied into each event


def test_source_pages_number_the_lines_mark_dates_and_places(project_dir: Path, tmp_path: Path) -> None:
    seed = project_dir / "seeds" / "T.txt"
    seed.write_text(seed.read_text(encoding="utf-8") + "<script>alert(1)</script>夾山\n", encoding="utf-8")
    build_site(read_project(project_dir), tmp_path / "site")
    html = (tmp_path / "site" / "sources" / "T.html").read_text(encoding="utf-8")
    assert 'id="L1"' in html and 'id="L4"' in html and 'id="L5"' not in html
    line2 = html[html.index('id="L2"'):html.index('id="L3"')]
    assert "1122-04-18" in line2 and "../pursuit.html#event=t_003" in line2
    assert '<a class="place" href="../gazetteer.html#jia_shan"' in line2
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="../seeds/T.txt"' in html
    about = (tmp_path / "site" / "about.html").read_text(encoding="utf-8")
    assert 'href="sources/T.html"' in about


def test_campaign_pages_and_index_link_every_download_and_the_figure(project_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_site(read_project(project_dir), out)
    for page in ("pursuit.html", "index.html"):
        html = (out / page).read_text(encoding="utf-8")
        for target in ("data/pursuit.geojson", "data/pursuit-routes.geojson", "data/pursuit.csv",
                       "data/pursuit.gpkg", "figures/pursuit.pdf", "figures/pursuit.svg", "figures/pursuit.png"):
            assert f'href="{target}"' in html, (page, target)
            assert (out / target).stat().st_size > 0
    assert (out / "figures" / "pursuit.pdf").read_bytes().startswith(b"%PDF")
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="data/gazetteer.lpf.json"' in index and 'href="data/gazetteer.gpkg"' in index


def test_source_pages_link_a_homonym_to_the_place_its_entry_means(tmp_path: Path) -> None:
    from geo.testing import SEED_LINES, make_homonym, make_place, write_project

    places = [make_place(), make_place(id="huining", name="會寧府", name_simplified="会宁府", variants=""),
              make_place(id="kaifeng", name="京師", name_simplified="京师", variants="", polity="song")]
    homonyms = [make_homonym(name="京師", place="huining", regime="jin", from_year="1115", to_year="1152"),
                make_homonym(name="京師", place="kaifeng", regime="song", from_year="960", to_year="1126")]
    seeds = {"T": [*SEED_LINES, "天會三年八月癸卯，斡魯以遼主至京師。", "京師"]}
    root = write_project(tmp_path / "project", places=places, homonyms=homonyms, seeds=seeds)
    build_site(read_project(root), tmp_path / "site")
    html = (tmp_path / "site" / "sources" / "T.html").read_text(encoding="utf-8")
    line4 = html[html.index('id="L4"'):html.index('id="L5"')]
    assert '<a class="place" href="../gazetteer.html#huining" title="會寧府">京師</a>' in line4
    line5 = html[html.index('id="L5"'):]
    # outside any entry of a Jin year: left open, named with both places, and linked to neither
    assert '<span class="place open" title="京師 or 會寧府? no reading fits jin, T">京師</span>' in line5
