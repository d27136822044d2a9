from __future__ import annotations

import io
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


TRICKY = [
    "id,name,note\na,上京,\nb,中京,x\n",
    "\ufeffid,name,note\r\na,上京,\"x, y\"\r\n\r\nb,\"q\"\"r\",\r\n , ,\r\n",
    "id,name,,\na,b,,\nc,d\ne\n",
    "id,name\na,b,c\nd,e,,\n",
    'id,name\n "a",b\n"x"y,z\nab"c,d\n',
    "id,name\na,b",
    "id,name,note\na,\"two\nlines\",c\n",
    'id,name\na,"unterminated\n',
    "id,name\r\na,b\r\nc,d\r",
    "id,name\na,b\rc,d\n",
    "id,name\na,\x02\n",
    "id,name\na,b\x1a",
    "id,name\n\n  \n",
    "id,name\n",
    "id,name\n\ufeffa,b\n",
    "id,name\na,\ufeffb\n",
]


def shown(table):  # everything a checker reads
    return table.header, tuple(table.rows), table.lines, table.issues, table.widths


@pytest.mark.parametrize("text", TRICKY)
def test_the_columnar_reader_reads_as_the_csv_module_or_declines(text: str) -> None:
    from geo.tables import _read_columns

    fast = _read_columns(io.BytesIO(text.encode()), path="x.csv")
    if fast is not None:
        assert shown(fast) == shown(parse_csv_text(text, path="x.csv"))


@pytest.mark.parametrize("chunk", [1, 2, 3, 5])
@pytest.mark.parametrize("text", TRICKY)
def test_the_columnar_reader_streams_the_same_at_any_chunk_boundary(text: str, chunk: int,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import geo.tables

    whole = geo.tables._read_columns(io.BytesIO(text.encode()), path="x.csv")
    monkeypatch.setattr(geo.tables._MarkedLines, "CHUNK", chunk)  # a CRLF or a mark split between reads
    streamed = geo.tables._read_columns(io.BytesIO(text.encode()), path="x.csv")
    assert (streamed is None) == (whole is None)
    if streamed is not None:
        assert shown(streamed) == shown(whole) == shown(parse_csv_text(text, path="x.csv"))


def test_a_large_file_is_read_by_columns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import geo.tables

    monkeypatch.setattr(geo.tables, "COLUMNAR_BYTES", 10)
    text = "id,name,note,\na,上京,\nb\n c ,中京,\"x, y\",\n"
    table = read_table(write(tmp_path, text.encode()))
    assert isinstance(table.rows, geo.tables.Rows)
    assert shown(table) == shown(parse_csv_text(text, path=str(tmp_path / "t.csv")))
    assert table.cells("id") == ("a", "b", "c")
    assert table.widths == (3, 1, 4)


def test_a_large_file_in_another_encoding_asks_for_utf8(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import geo.tables

    monkeypatch.setattr(geo.tables, "COLUMNAR_BYTES", 10)
    table = read_table(write(tmp_path, "id,name\na,遼上京\n".encode("gb18030")))
    assert "not UTF-8" in table.issues[0].message
