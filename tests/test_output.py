"""Nothing the user owns is lost: what ``geo build --out``, ``places fmt`` and ``figure -o`` refuse to touch."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from geo.__main__ import main
from geo.output import MANIFEST


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with the hash of its bytes (the build's empty lock files aside)."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and not (p.name.endswith(".lock") and
                                                                     p.stat().st_size == 0)}


def build(project: Path, *args: str) -> int:
    return main(["build", "--root", str(project), *args])


@pytest.mark.parametrize("out", ["places", "campaigns", "seeds", ".", "places/site"])
def test_build_never_writes_into_the_project_folders(project_dir: Path, out: str,
                                                     capsys: pytest.CaptureFixture) -> None:
    before = snapshot(project_dir)
    for force in ([], ["--force"]):
        assert build(project_dir, "--out", out, *force) == 1
        err = capsys.readouterr().err
        assert "will not build into" in err and "choose another --out" in err
        assert "Traceback" not in err
    assert snapshot(project_dir) == before


def test_build_refuses_a_folder_with_the_users_files(project_dir: Path, capsys: pytest.CaptureFixture) -> None:
    folder = project_dir / "d"
    folder.mkdir()
    (folder / "thesis.docx").write_bytes(b"years of work")
    before = snapshot(project_dir)
    assert build(project_dir, "--out", "d") == 1
    err = capsys.readouterr().err
    assert "thesis.docx" in err and "--force" in err
    assert snapshot(project_dir) == before
    assert build(project_dir, "--out", "d", "--force") == 0
    assert not (folder / "thesis.docx").exists() and (folder / "index.html").exists()


def test_build_refuses_to_replace_a_file(project_dir: Path, capsys: pytest.CaptureFixture) -> None:
    (project_dir / "notes.txt").write_text("mine")
    assert build(project_dir, "--out", "notes.txt") == 1
    assert "is a file, not a folder" in capsys.readouterr().err
    assert (project_dir / "notes.txt").read_text() == "mine"


def test_rebuild_replaces_its_own_site_but_not_files_added_to_it(project_dir: Path,
                                                                capsys: pytest.CaptureFixture) -> None:
    assert build(project_dir, "--out", "site") == 0
    manifest = (project_dir / "site" / MANIFEST).read_text()
    assert '"index.html"' in manifest
    assert build(project_dir, "--out", "site") == 0  # its own folder: replaced
    (project_dir / "site" / "my-notes.md").write_text("added by hand")
    assert build(project_dir, "--out", "site") == 1
    assert "my-notes.md" in capsys.readouterr().err
    assert (project_dir / "site" / "my-notes.md").read_text() == "added by hand"


def test_a_site_from_before_the_manifest_is_recognised(project_dir: Path) -> None:
    assert build(project_dir, "--out", "site") == 0
    (project_dir / "site" / MANIFEST).unlink()
    assert build(project_dir, "--out", "site") == 0
    assert (project_dir / "site" / MANIFEST).exists()


def test_an_empty_folder_is_fine(project_dir: Path) -> None:
    (project_dir / "empty").mkdir()
    assert build(project_dir, "--out", "empty") == 0


@pytest.mark.parametrize("out", ["notes.txt/site", "/proc/no-such/site"])
def test_build_under_an_unwritable_path_is_a_user_error(project_dir: Path, out: str,
                                                        capsys: pytest.CaptureFixture) -> None:
    (project_dir / "notes.txt").write_text("mine")
    assert build(project_dir, "--out", out) == 1
    err = capsys.readouterr().err
    assert "cannot write" in err and "internal error" not in err
    assert (project_dir / "notes.txt").read_text() == "mine"


def test_fmt_of_a_gazetteer_that_cannot_be_written(project_dir: Path, capsys: pytest.CaptureFixture) -> None:
    gazetteer = project_dir / "places" / "gazetteer.csv"
    gazetteer.write_text(gazetteer.read_text(encoding="utf-8").replace(",5,", ",5.0,", 1), encoding="utf-8")
    before = gazetteer.read_bytes()
    fd = os.open(gazetteer, os.O_RDONLY)
    try:  # /proc/self/fd/N reads the file, but no file can be created beside it, not even by root
        code = main(["places", "fmt", "--gazetteer", f"/proc/self/fd/{fd}"])
    finally:
        os.close(fd)
    err = capsys.readouterr().err
    assert code == 1, err
    assert "cannot write" in err and "internal error" not in err
    assert gazetteer.read_bytes() == before


def test_figure_to_an_unwritable_path(project_dir: Path, capsys: pytest.CaptureFixture) -> None:
    (project_dir / "notes.txt").write_text("mine")
    out = project_dir / "notes.txt" / "figure.pdf"
    code = main(["figure", "--root", str(project_dir), "-o", str(out), *_first_campaign(project_dir)])
    err = capsys.readouterr().err
    assert code == 1, err
    assert "notes.txt is a file, not a folder" in err


def _first_campaign(project: Path) -> list[str]:
    lines = (project / "campaigns" / "campaigns.csv").read_text(encoding="utf-8").splitlines()
    return [lines[1].split(",")[0]]


def _set_cell(path: Path, row: int, column: str, value: str) -> None:
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    rows[row][column] = value
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def test_an_ambiguous_comma_is_refused_with_both_readings(project_dir: Path, capsys: pytest.CaptureFixture) -> None:
    gazetteer = project_dir / "places" / "gazetteer.csv"
    _set_cell(gazetteer, 0, "uncertainty_km", "1,000")
    before = gazetteer.read_bytes()
    assert main(["check", "--root", str(project_dir)]) == 1
    err = capsys.readouterr().err
    assert "gazetteer.csv:2:9: error: uncertainty_km '1,000' is ambiguous" in err
    assert "1.000 (with a decimal comma)" in err and "1000 (with thousands separators)" in err
    assert main(["places", "fmt", "--gazetteer", str(gazetteer)]) == 1
    assert gazetteer.read_bytes() == before


@pytest.mark.parametrize(("column", "text", "read"), [("lat", "41,980", "41.98"), ("lat", "41,42", "41.42"),
                                                       ("uncertainty_km", "2,5", "2.5")])
def test_an_unmistakable_decimal_comma_is_read_and_kept_by_fmt(project_dir: Path, column: str, text: str,
                                                               read: str, capsys: pytest.CaptureFixture) -> None:
    gazetteer = project_dir / "places" / "gazetteer.csv"
    _set_cell(gazetteer, 0, column, text)
    assert main(["check", "--root", str(project_dir)]) == 0
    assert f"read as {read}" in capsys.readouterr().err
    assert main(["places", "fmt", "--gazetteer", str(gazetteer)]) == 0
    row = next(r for r in gazetteer.read_text(encoding="utf-8").splitlines() if r.startswith("liao_zhongjing,"))
    assert f",{read}," in row


def test_thousands_separators_are_refused(project_dir: Path, capsys: pytest.CaptureFixture) -> None:
    _set_cell(project_dir / "places" / "gazetteer.csv", 0, "uncertainty_km", "1,000,000")
    assert main(["check", "--root", str(project_dir)]) == 1
    assert "uses a comma: it reads as 1000000 (with thousands separators)" in capsys.readouterr().err


def test_a_file_the_build_writes_identically_is_not_in_the_way(project_dir: Path) -> None:
    """A fresh checkout ships ``maps/README.md``: the build writes the same bytes there, so nothing is lost."""
    assert build(project_dir, "--out", "site") == 0
    readme = (project_dir / "site" / "README.md").read_bytes()
    (project_dir / "fresh").mkdir()
    (project_dir / "fresh" / "README.md").write_bytes(readme)
    assert build(project_dir, "--out", "fresh") == 0
    (project_dir / "other").mkdir()
    (project_dir / "other" / "README.md").write_bytes(readme + b"my addition\n")
    assert build(project_dir, "--out", "other") == 1
