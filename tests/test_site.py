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
