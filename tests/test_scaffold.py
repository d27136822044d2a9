"""geo init: a new project that every command accepts, and that never replaces a file."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from geo import schema as S
from geo.__main__ import main
from geo.errors import OutputError
from geo.scaffold import column_table, init_project, project_name
from geo.settings import read_settings


def test_init_writes_a_project_that_passes_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "Fall of Kaifeng"
    assert main(["init", str(root), "--title-zh", "靖康之變", "--regime", "宋"]) == 0
    assert "geo init: wrote 17 files" in capsys.readouterr().out
    settings = read_settings(root)
    assert (settings.name, settings.title_zh, settings.title_en, settings.default_regime) == \
        ("fall-of-kaifeng", "靖康之變", "Fall of Kaifeng", "song")
    for spec in (S.GAZETTEER, S.UNLOCATED, S.CAMPAIGNS, S.ACTORS, S.EVENTS, S.SKIPPED):
        with (root / spec.path).open(encoding="utf-8") as handle:
            assert next(csv.reader(handle)) == list(spec.columns)
    assert main(["check", "--root", str(root)]) == 0
    assert main(["schema", "--check", "--root", str(root)]) == 0
    package = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    assert package["name"] == "fall-of-kaifeng"


def test_the_readmes_define_every_column(tmp_path: Path) -> None:
    init_project(tmp_path / "p")
    readmes = {folder: (tmp_path / "p" / folder / "README.md").read_text(encoding="utf-8")
               for folder in ("places", "campaigns")}
    for spec in (S.GAZETTEER, S.UNLOCATED, S.CAMPAIGNS, S.ACTORS, S.EVENTS, S.SKIPPED):
        text = readmes[spec.path.split("/")[0]]
        assert all(f"| `{column}` |" in text for column in spec.columns), spec.name


def test_the_column_table_names_the_project_terms(tmp_path: Path) -> None:
    (tmp_path / "geo.toml").write_text('[vocabularies]\nside = ["mongol"]\n', encoding="utf-8")
    table = column_table(S.ACTORS, vocabularies=dict(read_settings(tmp_path).vocabularies))
    assert "`mongol`" in table.split("| `side` |")[1].split("\n")[0]


def test_init_never_replaces_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "places").mkdir()
    (tmp_path / "places" / "gazetteer.csv").write_text("my own data\n", encoding="utf-8")
    with pytest.raises(OutputError, match=r"already holds places/gazetteer\.csv"):
        init_project(tmp_path)
    assert main(["init", str(tmp_path)]) == 1
    assert "never replaces a file" in capsys.readouterr().err
    assert (tmp_path / "places" / "gazetteer.csv").read_text(encoding="utf-8") == "my own data\n"
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["gazetteer.csv", "places"]


def test_init_refuses_a_file_as_its_folder(tmp_path: Path) -> None:
    (tmp_path / "x").write_text("", encoding="utf-8")
    with pytest.raises(OutputError, match="is a file"):
        init_project(tmp_path / "x")


@pytest.mark.parametrize(("folder", "name"), [("Fall of Kaifeng", "fall-of-kaifeng"), ("靖康", "geo-project"),
                                              ("mongol_jin", "mongol_jin")])
def test_project_name_is_a_slug_of_the_folder(tmp_path: Path, folder: str, name: str) -> None:
    assert project_name(tmp_path / folder) == name


def _filled(root: Path) -> Path:
    """A new project with one seed, one place, one actor, one campaign and one event (the builders' defaults)."""
    from geo.testing import write_project

    init_project(root, regime="jin")
    return write_project(root)


@pytest.mark.parametrize("where", ["inside", "outside"])
def test_every_command_works_inside_the_project_or_with_root(where: str, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    root = _filled(tmp_path / "war")
    if where == "inside":
        monkeypatch.chdir(root)
        flag: list[str] = []
    else:
        monkeypatch.chdir(tmp_path)
        flag = ["--root", "war"]
    assert main(["check", *flag]) == 0
    assert main(["annals", "seeds/T.txt", *flag]) == 0
    assert "xijing" in capsys.readouterr().out
    assert main(["tag", "seeds/T.txt", "--json", *flag]) == 0
    assert '"id": "xijing"' in capsys.readouterr().out
    assert main(["propose", "seeds/T.txt", "--campaign", "pursuit", *flag]) == 0
    assert "天輔六年四月辛卯" in capsys.readouterr().out
    assert main(["build", *flag]) == 0
    assert (root / "maps" / "pursuit.html").is_file()
    assert main(["figure", "pursuit", "-o", str(tmp_path / "f.svg"), "--until", "天輔六年四月", *flag]) == 0
    assert main(["schema", "--check", *flag]) == 0
