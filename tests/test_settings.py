"""geo.toml: the project's settings (base_url), read with tomllib, with clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from geo.__main__ import main
from geo.errors import GeoDataError
from geo.settings import Settings, read_settings


def test_no_file_means_the_defaults(tmp_path: Path) -> None:
    assert read_settings(tmp_path) == Settings()


def test_base_url_gets_its_slash(tmp_path: Path) -> None:
    (tmp_path / "geo.toml").write_text('[site]\nbase_url = "https://example.org/maps"\n', encoding="utf-8")
    assert read_settings(tmp_path).base_url == "https://example.org/maps/"


@pytest.mark.parametrize(("text", "message"), [
    ('[site]\nbase_url = "maps/"\n', "is not an absolute http(s) URL"),
    ("[site\nbase_url = 1\n", "fix the TOML syntax"),
    ('site = "x"\n', "[site] must be a table"),
])
def test_bad_settings_say_what_to_fix(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "geo.toml").write_text(text, encoding="utf-8")
    with pytest.raises(GeoDataError, match=message.replace("(", r"\(").replace(")", r"\)").replace("[", r"\[")
                       .replace("]", r"\]")):
        read_settings(tmp_path)


def test_build_with_a_base_url(project_dir: Path) -> None:
    (project_dir / "geo.toml").write_text('[site]\nbase_url = "https://example.org/war/"\n', encoding="utf-8")
    assert main(["build", "--root", str(project_dir), "--out", "site"]) == 0
    page = (project_dir / "site" / "pursuit.html").read_text(encoding="utf-8")
    assert 'src="https://example.org/war/pursuit.html"' in page.replace("&#34;", '"').replace("&quot;", '"')
    lpf = json.loads((project_dir / "site" / "data" / "gazetteer.lpf.json").read_text(encoding="utf-8"))
    assert {f["@id"] for f in lpf["features"]} >= {"https://example.org/war/gazetteer.html#jia_shan"}
    assert main(["build", "--root", str(project_dir), "--out", "site", "--base-url", "https://x.org/y"]) == 0
    lpf = json.loads((project_dir / "site" / "data" / "gazetteer.lpf.json").read_text(encoding="utf-8"))
    assert all(f["@id"].startswith("https://x.org/y/gazetteer.html#") for f in lpf["features"])
