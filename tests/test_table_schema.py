"""The declarative schema as Frictionless Table Schema files: generated, up to date, and a real check."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import REPO

from geo import schema as S
from geo.__main__ import main
from geo.table_schema import schema_path

frictionless = pytest.importorskip("frictionless")


def _report(csv: Path, schema: Path):
    descriptor = json.loads(schema.read_text(encoding="utf-8"))
    resource = frictionless.Resource(path=csv.name, basepath=str(csv.parent),
                                     schema=frictionless.Schema.from_descriptor(descriptor))
    return resource.validate()


def test_the_shipped_schema_files_are_generated_from_the_schema(capsys: pytest.CaptureFixture) -> None:
    assert main(["schema", "--check", "--root", str(REPO)]) == 0, capsys.readouterr().err


@pytest.mark.parametrize("name", sorted(S.TABLES))
def test_frictionless_accepts_every_shipped_table(name: str) -> None:
    spec = S.TABLES[name]
    report = _report(REPO / spec.path, REPO / schema_path(spec))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]


def test_the_data_package_checks_the_foreign_keys_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "p"
    for rel in ["datapackage.json", *[s.path for s in S.TABLES.values()]]:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(REPO / rel, root / rel)
    monkeypatch.chdir(root)
    assert frictionless.validate("datapackage.json").valid
    events = root / S.EVENTS_FILE
    lines = events.read_text(encoding="utf-8").splitlines(keepends=True)
    first = lines[1].split(",")
    place_column = S.EVENT_COLUMNS.index(S.PLACE)
    first[place_column] = "atlantis"
    events.write_text(lines[0] + ",".join(first) + "".join(lines[2:]), encoding="utf-8")
    report = frictionless.validate("datapackage.json")
    assert not report.valid
    assert "foreign-key" in {t for (t,) in report.flatten(["type"])}


@pytest.mark.parametrize(("column", "value", "error"), [
    ("type", "castle", "constraint-error"),        # not in the vocabulary
    ("lat", "", "constraint-error"),               # required
    ("lat", "191.5", "constraint-error"),          # out of range
    ("id", "Bad Id", "constraint-error"),          # not a slug
    ("uncertainty_km", "1,000", "type-error"),     # not a number
])
def test_frictionless_rejects_a_broken_gazetteer(tmp_path: Path, column: str, value: str, error: str) -> None:
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO((REPO / S.GAZETTEER_FILE).read_text(encoding="utf-8"))))
    rows[0][column] = value
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path = tmp_path / "gazetteer.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    report = _report(path, REPO / schema_path(S.GAZETTEER))
    assert not report.valid
    assert error in {t for (t,) in report.flatten(["type"])}


def test_schema_write_then_check(project_dir: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["schema", "--check", "--root", str(project_dir)]) == 1
    assert "run geo schema --write" in capsys.readouterr().err
    assert main(["schema", "--write", "--root", str(project_dir)]) == 0
    assert main(["schema", "--check", "--root", str(project_dir)]) == 0
    (project_dir / "places" / "gazetteer.schema.json").write_text("{}", encoding="utf-8")
    assert main(["schema", "--check", "--root", str(project_dir)]) == 1
