"""geo.toml: the project's settings (base_url), read with tomllib, with clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from geo.__main__ import main
from geo.errors import GeoDataError, ValidationError
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


MONGOL = ('[project]\ntitle_en = "The Mongol conquest"\n[vocabularies]\nside = ["mongol"]\naction = ["siege_lifted"]\n'
          'place_type = ["gate"]\npolity = ["mongol"]\n')


def _war(root: Path, *, settings: str | None) -> Path:
    from geo.testing import make_actor, make_event, make_place, write_project

    return write_project(root, places=[make_place(type="gate", polity="mongol")], actors=[make_actor(side="mongol")],
                         events=[make_event(action="siege_lifted")], settings=settings)


def test_a_project_extends_the_vocabularies(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--root", str(_war(tmp_path / "a", settings=MONGOL))]) == 0
    assert main(["check", "--root", str(_war(tmp_path / "b", settings=None))]) == 1
    err = capsys.readouterr().err
    assert "campaigns/actors.csv:2:4: error: unknown side 'mongol'" in err
    assert "campaigns/events.csv:2:9: error: unknown action 'siege_lifted'" in err
    assert "places/gazetteer.csv:2:6: error: unknown type 'gate'" in err
    assert "places/gazetteer.csv:2:12: error: unknown polity 'mongol'" in err


def test_the_extended_terms_reach_the_schema_files(tmp_path: Path) -> None:
    root = _war(tmp_path, settings=MONGOL)
    assert main(["schema", "--write", "--root", str(root)]) == 0
    actors = json.loads((root / "campaigns" / "actors.schema.json").read_text(encoding="utf-8"))
    side = next(f for f in actors["fields"] if f["name"] == "side")
    assert side["constraints"]["enum"][-1] == "mongol"


def test_every_problem_of_the_file_at_once_with_its_line(tmp_path: Path) -> None:
    text = ('[project]\ntitel = "x"\ndefault_regime = "zzz"\n[site]\nbase_url = "maps/"\n'
            '[vocabularies]\nside = ["Mongol"]\nsides = []\n')
    (tmp_path / "geo.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        read_settings(tmp_path)
    assert [(i.line, i.message.split(":")[0].split(" '")[0]) for i in caught.value.issues] == [
        (2, "unknown key"), (3, "[project] default_regime"), (5, "base_url"), (7, "[vocabularies] side"),
        (8, "unknown key")]
    assert "did you mean 'title_zh'?" in caught.value.issues[0].hint
    assert "did you mean 'side'?" in caught.value.issues[-1].hint


def test_the_site_is_the_projects_own(tmp_path: Path) -> None:
    settings = (MONGOL.replace('title_en = "The Mongol conquest"', 'title_zh = "蒙古滅金"\ntitle_en = '
                               '"The Mongol conquest of the Jin"\ndescription = "Maps of 1211–1234."\n'
                               'about = "Our own words.\\n\\nA second paragraph."\nauthor = "A. Historian"\n'
                               'licence = "CC-BY-4.0"'))
    root = _war(tmp_path / "p", settings=settings)
    assert main(["build", "--root", str(root), "--out", "site"]) == 0
    index = (root / "site" / "index.html").read_text(encoding="utf-8")
    about = (root / "site" / "about.html").read_text(encoding="utf-8")
    assert "<h1>蒙古滅金 · The Mongol conquest of the Jin</h1><p>Maps of 1211–1234.</p>" in index
    assert "<title>The Mongol conquest of the Jin — campaign maps</title>" in index
    assert "<p>Our own words.</p><p>A second paragraph.</p>" in about
    assert "By A. Historian · data licence: CC-BY-4.0" in about
    for page in (index, about):
        assert not any(word in page for word in ("遼金", "Liao", "金史", "five_capitals", "yuanyang"))


def test_settings_text_is_escaped_on_the_pages(tmp_path: Path) -> None:
    root = _war(tmp_path / "p", settings='[project]\ntitle_en = "<script>alert(1)</script>"\n'
                                         'about = "<img src=x onerror=alert(1)>"\n' + MONGOL.split("\n", 2)[2])
    assert main(["build", "--root", str(root), "--out", "site"]) == 0
    for name in ("index.html", "about.html"):
        page = (root / "site" / name).read_text(encoding="utf-8")
        assert "<script>alert" not in page and "<img src=x" not in page
