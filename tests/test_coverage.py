"""``geo coverage``: place names with a gazetteer row, dated passages cited by events, on a tiny project."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from geo.__main__ import main
from geo.coverage import place_coverage, read_seed_annals
from geo.tagger import Gazetteer

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).parent.parent
EXTRA_LINES = "五月，遼主至中京，次沃黑河。過古長城。\n六月，宗翰至西京。\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The fixture project with two more dated lines, ``unlocated.csv`` and ``skipped.csv``."""
    root = tmp_path / "project"
    shutil.copytree(DATA / "project", root)
    seed = root / "seeds" / "T.txt"
    seed.write_text(seed.read_text(encoding="utf-8").rstrip("\n") + "\n" + EXTRA_LINES, encoding="utf-8")
    (root / "places" / "unlocated.csv").write_text(
        "name,seed,line,reason\n沃黑河,T,4,not locatable: unidentified river\n古長城,T,4,not a place: a wall\n",
        encoding="utf-8")
    (root / "campaigns" / "skipped.csv").write_text(
        "source,date_as_written,place,reason\nT:4,五月,中京,not an event: test reason\n"
        "T:5,六月,西京,after the war: a test passage out of scope\n", encoding="utf-8")
    return root


def test_coverage_reports(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["coverage", "--root", str(project)]) == 0
    out = capsys.readouterr().out
    assert "place coverage: 80.0% (4 of 6 names have a row; 1 are not places)" in out
    assert "event coverage: 80.0% (4 of 5 dated entries naming a place in scope are cited; 1 out of scope" in out
    places = (project / "reports" / "coverage-places.md").read_text(encoding="utf-8")
    assert "| 沃黑河 | — | 1 | T:4 | not locatable: unidentified river |" in places
    assert "| 古長城 | — | 1 | T:4 | not a place: a wall |" in places
    assert "| 中京 | liao_zhongjing | 2 | T:1, T:4 |  |" in places
    events = (project / "reports" / "coverage-events.md").read_text(encoding="utf-8")
    assert "- events: 5" in events and "- entries in scope cited by an event: 4 of 5 (80.0%)" in events
    assert "| T | 6 | 1 | 5 | 4 | 80.0% | 1 | 0 |" in events
    assert "| T:4 | 五月 | 中京 (liao_zhongjing) | not an event: test reason |" in events
    assert "| T:5 | 六月 | 西京 (liao_xijing) | after the war: a test passage out of scope |" in events
    assert "T:1" not in events.split("| source |")[1]  # cited entries are not listed


def test_coverage_is_deterministic(project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["coverage", "--root", str(project), "--out", str(tmp_path / "a")]) == 0
    assert main(["coverage", "--root", str(project), "--out", str(tmp_path / "b")]) == 0
    for name in ("coverage-places.md", "coverage-events.md"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    capsys.readouterr()


def test_coverage_without_gazetteer(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["coverage", "--root", str(tmp_path)]) == 1
    assert "no gazetteer" in capsys.readouterr().err


def test_coverage_of_the_seeds() -> None:
    gaz = Gazetteer.from_csv(REPO / "places" / "gazetteer.csv")
    seeds = {s.siglum: s for s in read_seed_annals(REPO, gaz)}
    assert {"DJGZ", "JS", "QDGZ"} <= seeds.keys()
    cov = place_coverage([seeds[k] for k in ("DJGZ", "JS", "QDGZ")], gaz, [])  # the three original seeds
    assert cov.with_row >= 200 and cov.percent >= 80.0


def test_an_entry_whose_names_are_no_places_is_not_counted(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A name the tagger reads as a place but skipped.csv says is none there (a people, a title) names no place."""
    seed = project / "seeds" / "T.txt"
    seed.write_text(seed.read_text(encoding="utf-8") + "七月，賑中京新附之民。\n", encoding="utf-8")
    skipped = project / "campaigns" / "skipped.csv"
    skipped.write_text(skipped.read_text(encoding="utf-8") + "T:6,七月,中京,not a place here: a test people\n",
                       encoding="utf-8")
    assert main(["coverage", "--root", str(project)]) == 0
    out = capsys.readouterr().out
    assert "(4 of 5 dated entries naming a place in scope are cited; 1 out of scope; 1 naming no place;" in out
    events = (project / "reports" / "coverage-events.md").read_text(encoding="utf-8")
    assert "| T | 6 | 1 | 5 | 4 | 80.0% | 1 | 0 | 1 |" in events
    assert "| T:6 | 七月 | 中京 (liao_zhongjing) | not a place here: a test people |" in events
    skipped.write_text(skipped.read_text(encoding="utf-8").replace("not a place here", "not an event"),
                       encoding="utf-8")
    assert main(["coverage", "--root", str(project)]) == 0
    assert "(4 of 6 dated entries naming a place in scope are cited; 1 out of scope; 0 naming no place;" in \
        capsys.readouterr().out
