"""Tests of ``geo places import``: the review, --accept, --apply, the CHGIS rule, refusals and idempotence."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from geo import schema as S
from geo.__main__ import main
from geo.tables import read_table
from geo.testing import csv_text, make_place, write_project
from tests.conftest import import_places

DATA = Path(__file__).parent / "data" / "import"
OURS = import_places()
REVIEW = Path(S.IMPORT_REVIEW_FILE)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A valid project with five places, the current folder."""
    write_project(tmp_path, places=OURS)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def review_rows() -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(REVIEW.read_text(encoding="utf-8"))))


def write_review(rows: list[dict[str, str]]) -> None:
    REVIEW.write_text(csv_text(rows, columns=S.REVIEW_COLUMNS), encoding="utf-8")


def places() -> dict[str, dict[str, str]]:
    return {r[S.PLACE_ID]: r for r in read_table(S.GAZETTEER_FILE).rows}


def test_review_step_writes_the_review_and_nothing_else(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = (project / S.GAZETTEER_FILE).read_bytes()
    assert main(["places", "import", str(DATA / "whg.tsv")]) == 0
    out = capsys.readouterr().out
    assert "(LP-TSV, 3 places): 2 matched, 1 new, 0 conflicting" in out
    assert "geo places import --apply places/import-review.csv" in out
    assert (project / S.GAZETTEER_FILE).read_bytes() == before
    rows = review_rows()
    assert [(r[S.DECISION], r[S.STATUS], r[S.INCOMING_ID], r[S.OUR_ID], r[S.MATCHED_BY], r[S.DISTANCE_KM])
            for r in rows] == [("", S.NEW, "whg_3", "", "", ""),
                               ("", S.MATCHED, "whg_1", "ningjiang_zhou", S.NAME_SIMPLIFIED, "6.8"),
                               ("", S.MATCHED, "whg_2", "huanglong_fu", S.PINYIN, "4.1")]
    assert rows[0]["new_id"] == "han_zhou" and rows[0]["new_source"] == "whg.tsv whg_3"
    first = REVIEW.read_bytes()
    assert main(["places", "import", str(DATA / "whg.tsv")]) == 0
    assert REVIEW.read_bytes() == first  # deterministic


def test_accept_adds_rows_and_links_then_a_rerun_changes_nothing(project: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["places", "import", str(DATA / "whg.tsv"), "--accept", "matched", "new"]) == 0
    assert "added 1 place(s) (han_zhou), linked 1 of our rows" in capsys.readouterr().out
    rows = places()
    assert rows["ningjiang_zhou"][S.WIKIDATA] == "Q100"
    assert (rows["ningjiang_zhou"][S.LAT], rows["ningjiang_zhou"][S.LON]) == ("45.05", "124.85")
    assert (rows["han_zhou"][S.NAME], rows["han_zhou"][S.LAT], rows["han_zhou"][S.WIKIDATA]) == ("韓州", "43.5", "Q200")
    assert main(["check"]) == 0
    after = (project / S.GAZETTEER_FILE).read_bytes()
    assert main(["places", "import", str(DATA / "whg.tsv"), "--accept", "matched", "new"]) == 0
    out = capsys.readouterr().out
    assert "3 matched, 0 new, 0 conflicting" in out and "nothing to change" in out
    assert (project / S.GAZETTEER_FILE).read_bytes() == after
    assert main(["places", "import", "--apply", str(REVIEW)]) == 0
    assert (project / S.GAZETTEER_FILE).read_bytes() == after


def test_apply_the_edited_review(project: Path) -> None:
    assert main(["places", "import", str(DATA / "lpf.json")]) == 0
    rows = review_rows()
    assert [r[S.STATUS] for r in rows] == [S.CONFLICTING, S.MATCHED, S.MATCHED]
    rows[0].update({S.DECISION: "accept", S.OUR_ID: "", "new_id": "song_dongjing", "new_modern": "Kaifeng, Henan",
                    "new_polity": "song"})
    rows[1][S.DECISION] = "accept"
    rows[2][S.DECISION] = "reject"
    write_review(rows)
    assert main(["places", "import", "--apply", str(REVIEW)]) == 0
    ours = places()
    assert (ours["song_dongjing"][S.NAME], ours["song_dongjing"][S.LAT], ours["song_dongjing"][S.VALID_TO]) == (
        "東京", "34.79", "1127")
    assert ours["liao_shangjing"][S.WIKIDATA] == "Q877229"
    assert ours["huanglong_fu"][S.CHGIS] == ""


def test_conflicting_rows_need_the_review(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["places", "import", str(DATA / "lpf.json"), "--accept", "conflicting"]) == 2
    assert "one by one" in capsys.readouterr().err
    assert not REVIEW.exists()


def test_chgis_new_rows_are_refused_and_matched_rows_linked(project: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    before = (project / S.GAZETTEER_FILE).read_bytes()
    assert main(["places", "import", str(DATA / "chgis.csv"), "--accept", "new"]) == 1
    err = capsys.readouterr().err
    assert "places/import-review.csv:2:18: error: hvd_10002 comes from CHGIS and has no point of our own" in err
    assert "we link to CHGIS, never copy its points" in err
    assert (project / S.GAZETTEER_FILE).read_bytes() == before
    assert "45.07" not in REVIEW.read_text(encoding="utf-8")
    assert main(["places", "import", str(DATA / "chgis.csv"), "--accept", "matched"]) == 0
    ours = places()
    assert (ours["ningjiang_zhou"][S.CHGIS], ours["xijing"][S.CHGIS]) == ("hvd_10001", "hvd_10003")
    assert (ours["ningjiang_zhou"][S.LAT], ours["xijing"][S.LAT]) == ("45.05", "40.09")


def test_an_invalid_result_is_reported_at_the_review_row_and_nothing_is_written(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["places", "import", str(DATA / "whg.tsv")]) == 0
    rows = review_rows()
    rows[0].update({S.DECISION: "accept", "new_type": "citty", "new_lat": "143.5"})
    rows[1][S.DECISION] = "accept"
    write_review(rows)
    before = (project / S.GAZETTEER_FILE).read_bytes()
    assert main(["places", "import", "--apply", str(REVIEW)]) == 1
    err = capsys.readouterr().err
    type_col, lat_col = S.REVIEW_COLUMNS.index("new_type") + 1, S.REVIEW_COLUMNS.index("new_lat") + 1
    assert f"places/import-review.csv:2:{type_col}: error: unknown type 'citty'" in err
    assert f"places/import-review.csv:2:{lat_col}: error: lat '143.5' is out of range" in err
    assert "2 error(s) in the gazetteer the import would write; places/gazetteer.csv was not changed" in err
    assert (project / S.GAZETTEER_FILE).read_bytes() == before


def test_a_project_with_errors_is_refused(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = project / S.GAZETTEER_FILE
    path.write_text(path.read_text(encoding="utf-8").replace(",capital,", ",capitol,", 1), encoding="utf-8")
    before = path.read_bytes()
    assert main(["places", "import", str(DATA / "whg.tsv"), "--accept", "matched"]) == 1
    assert "fix them first (geo check)" in capsys.readouterr().err
    assert path.read_bytes() == before


def test_dry_run_writes_nothing(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = (project / S.GAZETTEER_FILE).read_bytes()
    assert main(["places", "import", str(DATA / "whg.tsv"), "--accept", "matched", "new", "--dry-run"]) == 0
    assert "would add 1 place(s) (han_zhou)" in capsys.readouterr().out
    assert not REVIEW.exists()
    assert (project / S.GAZETTEER_FILE).read_bytes() == before


def test_review_path_option_and_refusals(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["places", "import", str(DATA / "ccts.csv"), "--review", "elsewhere.csv"]) == 0
    assert [r[S.STATUS] for r in csv.DictReader(io.StringIO(Path("elsewhere.csv").read_text(encoding="utf-8")))] == [
        S.CONFLICTING, S.MATCHED, S.MATCHED]
    assert main(["places", "import", str(DATA / "ccts.csv"), "--review", S.GAZETTEER_FILE]) == 2
    assert main(["places", "import"]) == 2
    assert main(["places", "import", "--apply", "elsewhere.csv", "--accept", "new"]) == 2
    assert "refusing to write the review over" in capsys.readouterr().err


def test_unknown_layout(project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "odd.csv"
    path.write_text("foo,bar\n1,2\n", encoding="utf-8")
    assert main(["places", "import", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}:1:0: error: cannot tell the layout of this file" in err
    assert "lat: one of" not in err and "a latitude: one of lat, latitude, y_coord" in err


def test_help_states_the_chgis_rule(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["places", "import", "--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert "we link to CHGIS and never copy its coordinates" in " ".join(out.split())
    assert "--apply REVIEW" in out and "--accept" in out and "--within KM" in out


def test_our_linked_places_export_matches_itself(project: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    from geo.gazetteer import places_to_gdf
    from geo.render.export.lpf import places_to_lpf

    good = read_table(Path(__file__).parent / "data" / "places" / "good.csv").rows
    write_project(project, places=[*good, make_place()])
    ours = read_table(project / S.GAZETTEER_FILE)
    exported = tmp_path / "ours.json"
    exported.write_text(json.dumps(places_to_lpf(places_to_gdf(ours, validate=False))), encoding="utf-8")
    assert main(["places", "import", str(exported), "--accept", "matched"]) == 0
    out = capsys.readouterr().out
    assert "(LPF, 10 places): 10 matched, 0 new, 0 conflicting" in out and "nothing to change" in out
    assert {r[S.OUR_ID] for r in review_rows()} == {r[S.INCOMING_ID] for r in review_rows()}


def test_a_review_saved_by_a_spreadsheet_applies(project: Path) -> None:
    assert main(["places", "import", str(DATA / "whg.tsv"), "--accept", "matched", "new", "--dry-run"]) == 0
    assert main(["places", "import", str(DATA / "whg.tsv"), "--accept", "matched", "new", "--review", "r.csv"]) == 0
    expected = (project / S.GAZETTEER_FILE).read_bytes()
    write_project(project, places=OURS)
    text = Path("r.csv").read_text(encoding="utf-8").replace("\n", ",,\r\n")
    Path("excel.csv").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8") + b",,\r\n\r\n")
    assert main(["places", "import", "--apply", "excel.csv"]) == 0
    assert (project / S.GAZETTEER_FILE).read_bytes() == expected
