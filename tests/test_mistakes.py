"""Editing mistakes a new user makes, each with the message it gets, the exit status, and no byte changed."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from geo import schema as S
from geo.__main__ import main
from geo.testing import csv_text, make_event, make_place, write_project


def snapshot(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def check(root: Path, capsys: pytest.CaptureFixture) -> tuple[int, str]:
    before = snapshot(root)
    code = main(["check", "--root", str(root)])
    assert snapshot(root) == before, "geo check changed a file"
    return code, capsys.readouterr().err


def test_a_repeated_column_in_events_is_named_once(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    root = write_project(tmp_path)
    events = root / S.EVENTS_FILE
    lines = events.read_text(encoding="utf-8").splitlines()
    lines[0] = lines[0].replace("date_as_written", "date")
    events.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, err = check(root, capsys)
    assert code == 1
    assert "events.csv:1:5: error: column 'date' appears twice (columns 4 and 5)" in err
    assert "convert" not in err and err.count("error:") == 1


def test_a_deleted_cell_is_found_where_the_row_shifts(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    root = write_project(tmp_path)
    events = root / S.EVENTS_FILE
    header, row = events.read_text(encoding="utf-8").splitlines()
    cells = row.split(",")
    del cells[S.EVENT_COLUMNS.index(S.ACTOR)]
    events.write_text(f"{header}\n{','.join(cells)}\n", encoding="utf-8")
    code, err = check(root, capsys)
    assert code == 1
    assert "events.csv:2:8: error: the row has 15 cells but the header has 16 columns: a cell seems to be " \
           "missing at 'actor'" in err
    assert "unknown actor" not in err and err.count("error:") == 1


def test_a_trailing_ctrl_z_is_ignored_with_a_warning(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    root = write_project(tmp_path)
    with (root / S.GAZETTEER_FILE).open("a", encoding="utf-8") as handle:
        handle.write("\x1a")
    code, err = check(root, capsys)
    assert code == 0
    assert "gazetteer.csv:3:0: warning: a Ctrl-Z end-of-file mark at the end of the file: ignored" in err


@pytest.mark.parametrize(("text", "message"), [
    ("\n\n\n", "events.csv:1:0: error: the file is empty (no header row)"),
    ("\n\nid,campaign\n", "events.csv:1:0: error: the first line is blank: it must name the columns"),
])
def test_a_file_of_blank_lines(tmp_path: Path, capsys: pytest.CaptureFixture, text: str, message: str) -> None:
    root = write_project(tmp_path)
    (root / S.EVENTS_FILE).write_text(text, encoding="utf-8")
    code, err = check(root, capsys)
    assert code == 1 and message in err


def test_no_events_is_a_warning_but_an_empty_new_project_is_clean(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture) -> None:
    root = write_project(tmp_path / "a", events=[])
    code, err = check(root, capsys)
    assert code == 0 and "the file has a header but no events" in err
    empty = write_project(tmp_path / "b", places=[], events=[], actors=[], campaigns=[])
    code, err = check(empty, capsys)
    assert code == 0 and "warning" not in err


def test_curly_quotes_for_the_seeds_corner_brackets(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    seeds = {"T": ["天輔六年四月辛卯，上曰：「復取西京。」"]}
    root = write_project(tmp_path, events=[make_event(quote="上曰：“復取西京。”", source="T:1")], seeds=seeds)
    code, err = check(root, capsys)
    assert code == 1
    assert "the quote differs from T:1 only in its quotation marks (the quote has “”, the line has 「」)" in err
    assert "is not in T:1" not in err


def test_check_outside_a_project_names_root(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    code, err = check(tmp_path, capsys)
    assert code == 1
    assert "no geo project in" in err and "--root DIR" in err and err.count("\n") == 1


@pytest.mark.parametrize(("place", "event", "message"), [
    ({"type": "prefecture", "uncertainty_km": "5000"}, {},
     "gazetteer.csv:2:9: warning: uncertainty_km '5000' is far more than a prefecture can be off"),
    ({"valid_to": "1100"}, {},
     "events.csv:2:4: warning: the event (1122) falls outside the years of xijing (1044–1100)"),
    ({"type": "region", "uncertainty_km": "200"}, {},
     "events.csv:2:9: warning: a capture at xijing, which is a region"),
    ({"lat": "40.0912345"}, {}, "gazetteer.csv:2:7: warning: lat '40.0912345' has 7 decimals"),
])
def test_warnings_where_the_data_is_probably_wrong(tmp_path: Path, capsys: pytest.CaptureFixture, place: dict,
                                                   event: dict, message: str) -> None:
    root = write_project(tmp_path, places=[make_place(**place)], events=[make_event(**event)])
    code, err = check(root, capsys)
    assert code == 0 and message in err


def test_the_same_event_under_two_ids(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    root = write_project(tmp_path, events=[make_event(), make_event(id="e2", seq="2")])
    code, err = check(root, capsys)
    assert code == 0
    assert "events.csv:3:1: warning: the same quote, date, place and actor as 'e1' on line 2" in err


def test_builders_refuse_unknown_columns() -> None:
    with pytest.raises(KeyError, match="no such column: plcae"):
        make_event(plcae="x")
    assert csv_text([make_place()], columns=S.PLACE_COLUMNS).startswith("id,name,")
