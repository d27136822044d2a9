from __future__ import annotations

from pathlib import Path

import pytest

from geo.tables import parse_csv_text, parse_float, parse_int, read_table, split_list


def write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "t.csv"
    path.write_bytes(data)
    return path


def test_bom_crlf_blank_lines_and_quoted_newlines(tmp_path: Path) -> None:
    data = '\ufeffid,name,note\r\n\r\na,上京,"two\r\nlines, with comma"\r\nb,中京,\r\n,,\r\n'.encode()
    table = read_table(write(tmp_path, data))
    assert table.header == ("id", "name", "note")
    assert [r["id"] for r in table.rows] == ["a", "b"]
    assert table.lines == (3, 5)
    assert table.rows[0]["note"] == "two\r\nlines, with comma"
    assert table.issues == ()


def test_trailing_empty_columns_are_dropped(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, b"id,name,,\na,b,,\n"))
    assert table.header == ("id", "name")
    assert table.issues == ()


def test_extra_cells_are_reported_with_column() -> None:
    table = parse_csv_text("id,name\na,b,c\n", path="x.csv")
    assert [(i.line, i.column) for i in table.issues] == [(2, 3)]


def test_semicolon_separator_gets_a_hint() -> None:
    table = parse_csv_text("id;name\na;b\n", path="x.csv")
    assert "separated by ';'" in table.issues[0].message


@pytest.mark.parametrize("encoding", ["gb18030", "big5"])
def test_other_encodings_ask_for_utf8(tmp_path: Path, encoding: str) -> None:
    table = read_table(write(tmp_path, "id,name\na,遼上京\n".encode(encoding)))
    assert table.rows == ()
    assert "not UTF-8" in table.issues[0].message
    assert "UTF-8" in table.issues[0].hint


def test_missing_file_is_an_issue(tmp_path: Path) -> None:
    table = read_table(tmp_path / "none.csv")
    assert "cannot read" in table.issues[0].message


@pytest.mark.parametrize(
    ("text", "value"),
    [("41.5", 41.5), ("４１．５", 41.5), (" 41.5\u00a0", 41.5), ("41,5", 41.5), ("x", None), ("", None), ("nan", None)],
)
def test_parse_float(text: str, value: float | None) -> None:
    assert parse_float(text) == value


def test_parse_int_and_split_list() -> None:
    assert parse_int("１１２２") == 1122
    assert parse_int("1.5") is None
    assert split_list(" a ;b；; c") == ["a", "b", "c"]


def test_a_ten_megabyte_cell_is_read(tmp_path: Path) -> None:
    big = "遼" * 3_500_000
    table = read_table(write(tmp_path, f'id,note\na,"{big}"\n'.encode()))
    assert table.issues == ()
    assert len(table.rows[0]["note"]) == 3_500_000


def test_a_nul_byte_is_an_issue_not_a_crash() -> None:
    table = parse_csv_text('id,name\na,"b\x00\nc,d\n', path="x.csv")
    assert all(i.path == "x.csv" for i in table.issues)
