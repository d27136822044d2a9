"""Read the hand-edited CSV files exactly as spreadsheets write them.

No validation happens here beyond what is needed to read the file: the result
keeps every cell as text with the physical line each row starts on, so that the
checkers in ``geo.validate`` can point at ``path:line:column``. Problems that
stop a file from being read (wrong encoding, ``;`` separators, a header with
missing columns) come back as :class:`geo.errors.Issue` values in ``Table.issues``.
"""

from __future__ import annotations

import csv
import io
import re
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path

from geo.errors import Issue

# Spreadsheet cells can be large (a pasted passage, a 10 MB note): lift the csv module's 128 KB cap.
csv.field_size_limit(2**31 - 1)

#: Files at least this large are tokenised by pandas' C reader when they allow it (:func:`_read_columns`):
#: the same cells, lines, widths and issues as the csv module's, five times faster, for one import of pandas.
COLUMNAR_BYTES = 8 * 2**20
_END = "\x02"  # the mark put after each line's last cell by the columnar reader
_NOT_SPACE = re.compile(rb"\S")
_BOM = b"\xef\xbb\xbf"

_FULLWIDTH = str.maketrans(
    "０１２３４５６７８９．－＋，　\u00a0\u2007\u202f", "0123456789.-+,    "
)


@dataclass(frozen=True)
class Table:
    """The text cells of one CSV file.

    Attributes
    ----------
    path : str
        The path as given, used in messages.
    header : tuple of str
        Column names, stripped, trailing empty header cells removed.
    rows : tuple of dict
        One dict per non-blank data row, column name to cell text (never None).
    lines : tuple of int
        The 1-based physical line on which each row starts.
    issues : tuple of Issue
        Problems met while reading.
    widths : tuple of int
        How many cells each row had before short rows were padded (empty when not recorded).
    """

    path: str
    header: tuple[str, ...]
    rows: tuple[dict[str, str], ...]
    lines: tuple[int, ...]
    issues: tuple[Issue, ...] = field(default=())
    widths: tuple[int, ...] = field(default=())
    _cells: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)

    def column(self, name: str) -> int:
        """Return the 1-based column number of ``name`` (0 when absent)."""
        return self.header.index(name) + 1 if name in self.header else 0

    def cells(self, name: str) -> tuple[str, ...]:
        """The stripped cells of column ``name`` in row order (``""`` each when absent), computed once per table.

        >>> parse_csv_text("id,name\\na, 上京 \\n", path="x.csv").cells("name")
        ('上京',)
        """
        found = self._cells.get(name)
        if found is None:
            found = self._cells[name] = tuple(map(str.strip, _column(self.rows, name, self.header)))
        return found

    def records(self) -> Iterator[tuple[int, dict[str, str]]]:
        """Yield ``(line, row)`` pairs."""
        yield from zip(self.lines, self.rows)


class Rows(Sequence):
    """The rows of a table read column by column: each row's dict is built only when it is asked for."""

    def __init__(self, names: Sequence[str], columns: Sequence[list[str]]) -> None:
        self._names, self._columns = tuple(names), columns
        self._rows: tuple[dict[str, str], ...] | None = None

    def column(self, name: str) -> list[str]:
        """The cells of ``name`` (the last column of that name, as a row's dict holds it)."""
        return self._columns[len(self._names) - 1 - self._names[::-1].index(name)]

    def _all(self) -> tuple[dict[str, str], ...]:
        if self._rows is None:
            self._rows = tuple(dict(zip(self._names, cells)) for cells in zip(*self._columns))
        return self._rows

    def __len__(self) -> int:
        return len(self._columns[0]) if self._columns else 0

    def __getitem__(self, i: int | slice) -> dict[str, str] | tuple[dict[str, str], ...]:
        if self._rows is None and isinstance(i, int):
            return dict(zip(self._names, (c[i] for c in self._columns)))
        return self._all()[i]

    def __iter__(self) -> Iterator[dict[str, str]]:
        return iter(self._all())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and len(self) == len(other) and tuple(self) == tuple(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return repr(self._all())


def _column(rows: Sequence[dict[str, str]], name: str, header: tuple[str, ...]) -> Sequence[str]:
    if name not in header:
        return [""] * len(rows)
    if isinstance(rows, Rows):
        return rows.column(name)
    try:
        return list(map(itemgetter(name), rows))
    except KeyError:  # a table built by hand may leave cells out
        return [row.get(name, "") for row in rows]


def _decode(data: bytes, path: str) -> tuple[str, list[Issue]]:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        guess = _guess_encoding(data)
        hint = f"the file looks like {guess}; " if guess else ""
        msg = "the file is not UTF-8"
        fix = f"{hint}save it as 'CSV UTF-8' (Excel) or 'Unicode (UTF-8)' (LibreOffice)"
        return "", [Issue(path, line, 0, msg, fix)]


def _guess_encoding(data: bytes) -> str:
    for name in ("gb18030", "big5", "utf-16"):
        try:
            data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
        return name.upper()
    return ""


def _header_issues(header: list[str], path: str, delimiter: str = ",") -> list[Issue]:
    issues = []
    if delimiter == "," and len(header) == 1 and (";" in header[0] or "\t" in header[0]):
        sep = "';'" if ";" in header[0] else "a tab"
        msg = f"the columns are separated by {sep}, not by ','"
        fix = "export as 'CSV (comma delimited)' or set the field separator to ',' when saving"
        issues.append(Issue(path, 1, 1, msg, fix))
    for col, name in enumerate(header, start=1):
        if name != name.strip():
            issues.append(Issue(path, 1, col, f"stray whitespace in column name {name!r}",
                                "delete the spaces around the name", "warning"))
    return issues


def _trim_header(header: list[str]) -> list[str]:
    header = [h.replace("\ufeff", "") for h in header]
    while header and not header[-1].strip():
        header.pop()
    return header


def _row_issues(cells: list[str], width: int, path: str, line: int) -> list[Issue]:
    extra = [c for c in cells[width:] if c.strip()]
    if not extra:
        return []
    msg = f"the row has {len(cells)} cells but the header has {width} columns: extra value {extra[0]!r}"
    return [Issue(path, line, width + 1, msg, "quote cells that contain commas, or add a column name")]


def _strip_eof_mark(text: str, path: str) -> tuple[str, list[Issue]]:
    """Drop a trailing Ctrl-Z (the end-of-file mark of old DOS editors), with a warning."""
    stripped = text.rstrip("\x1a\r\n\t ")
    if "\x1a" not in text[len(stripped):]:
        return text, []
    line = stripped.count("\n") + 2
    return stripped + "\n", [Issue(path, line, 0, "a Ctrl-Z end-of-file mark at the end of the file: ignored",
                                   "save the file again from a spreadsheet or a current editor", "warning")]


def parse_csv_text(text: str, *, path: str, delimiter: str = ",") -> Table:
    """Parse CSV text into a :class:`Table` (see :func:`read_table`); ``delimiter`` for TSV and ``;`` files.

    Examples
    --------
    >>> t = parse_csv_text("id,name\\r\\n\\r\\na,上京\\r\\n", path="x.csv")
    >>> t.rows, t.lines
    (({'id': 'a', 'name': '上京'},), (3,))
    """
    text, issues = _strip_eof_mark(text, path)
    if not text.strip():
        return Table(path, (), (), (), (*issues, Issue(path, 1, 0, "the file is empty (no header row)",
                                                       "the first line must name the columns")))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    try:
        header = _trim_header(next(reader))
    except StopIteration:
        return Table(path, (), (), (), (Issue(path, 1, 0, "the file is empty", "add a header row"),))
    except csv.Error as exc:
        return Table(path, (), (), (), (Issue(path, 1, 0, f"the header row cannot be read: {exc}",
                                              "save the file again as CSV from a spreadsheet"),))
    if not header:
        return Table(path, (), (), (), (*issues, Issue(path, 1, 0, "the first line is blank: it must name the columns",
                                                       "delete the blank lines above the header row")))
    issues += _header_issues(header, path, delimiter)
    names = [h.strip() for h in header]
    rows, lines, widths = [], [], []
    try:
        _read_rows(reader, names, path, rows, lines, issues, widths)
    except csv.Error as exc:
        msg = f"the file cannot be read past this line: {exc}"
        issues.append(Issue(path, reader.line_num, 0, msg, "check for a stray quote character or a NUL byte"))
    return Table(path, tuple(names), tuple(rows), tuple(lines), tuple(issues), tuple(widths))


def _read_rows(reader: object, names: list[str], path: str, rows: list, lines: list, issues: list,
               widths: list) -> None:
    width = len(names)
    start = reader.line_num + 1
    for cells in reader:
        if any(cells) and any(c.strip() for c in cells):
            widths.append(len(cells))
            if len(cells) != width:
                issues += _row_issues(cells, width, path, start)
                cells = cells + [""] * (width - len(cells))
            rows.append(dict(zip(names, cells)))
            lines.append(start)
        start = reader.line_num + 1


def read_table(path: str | Path, *, display: str | None = None, delimiter: str = ",") -> Table:
    """Read a CSV file as written by a spreadsheet or a text editor.

    Copes with a UTF-8 BOM, CRLF line ends, quoted cells with commas and line
    breaks, blank rows and trailing empty columns. A file in another encoding
    or with ``;`` separators gives an issue with the fix.

    Parameters
    ----------
    path : str or Path
        The CSV file.
    display : str, optional
        The path to show in messages (defaults to ``path``).
    delimiter : str, default ","
        The field separator (``"\\t"`` for TSV; the gazetteer and campaign files are always comma-separated).
    """
    shown = display or str(path)
    try:
        columnar = None
        if Path(path).stat().st_size >= COLUMNAR_BYTES:
            with Path(path).open("rb") as handle:  # streamed: a large file is never held whole beside its copy
                columnar = _read_columns(handle, path=shown)
        data = b"" if columnar is not None else Path(path).read_bytes()
    except OSError as exc:
        return Table(shown, (), (), (), (Issue(shown, 0, 0, f"cannot read the file: {exc.strerror}",
                                                "check the path"),))
    if columnar is not None:
        return columnar
    text, issues = _decode(data, shown)
    if issues:
        return Table(shown, (), (), (), tuple(issues))
    return parse_csv_text(text, path=shown, delimiter=delimiter)


class _DeclineError(Exception):
    """The file needs the csv module (a NUL, a Ctrl-Z, a lone CR, the end mark itself): found while streaming."""


class _MarkedLines(io.RawIOBase):
    """The rows of a CSV file after its header, each line ended by ``,`` and the end mark, read chunk by chunk.

    While it streams it counts the lines and declines (:class:`_DeclineError`) what the columnar reader cannot
    read as the csv module does; CRLF line ends become LF.
    """

    CHUNK = 4 * 2**20

    def __init__(self, handle: io.BufferedIOBase) -> None:
        self._handle, self._pending, self._at, self._carry = handle, memoryview(b""), 0, b""
        self.lines, self.ended, self.blank, self._done, self._first = 0, True, True, False, True

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:
        while self._at >= len(self._pending):
            if self._done:
                return 0
            chunk = self._handle.read(self.CHUNK)
            self._done = not chunk  # the last call marks the end of a file that does not end with a line end
            self._pending, self._at = memoryview(self._marked(chunk)), 0
        n = min(len(buffer), len(self._pending) - self._at)
        buffer[:n] = self._pending[self._at:self._at + n]
        self._at += n
        return n

    def _marked(self, chunk: bytes) -> bytes:
        last = not chunk
        chunk, self._carry = self._carry + chunk, b""
        if self._first and not last and len(chunk) < len(_BOM):
            self._carry = chunk  # too short to tell whether the body starts with a BOM
            return b""
        if not last and chunk.endswith(b"\r"):
            chunk, self._carry = chunk[:-1], b"\r"  # a CRLF split between two chunks
        if any(c in chunk for c in (b"\x00", b"\x1a", _END.encode())) or (self._first and chunk.startswith(_BOM)):
            raise _DeclineError  # pandas would drop a BOM that starts the second line; the csv module keeps it
        self._first = self._first and not chunk
        if b"\r" in chunk:
            if chunk.count(b"\r") != chunk.count(b"\r\n"):
                raise _DeclineError
            chunk = chunk.replace(b"\r\n", b"\n")
        if self.blank and _NOT_SPACE.search(chunk):
            self.blank = False
        self.lines += chunk.count(b"\n")
        if chunk:
            self.ended = chunk.endswith(b"\n")
        mark = b"," + _END.encode()
        body = chunk.replace(b"\n", mark + b"\n")
        return body + mark if last and not self.ended else body


def _read_columns(handle: io.BufferedIOBase, *, path: str) -> Table | None:
    """The table as :func:`parse_csv_text` reads it, tokenised by pandas' C reader; None if it needs the csv module.

    Only a file whose every physical line is one row qualifies: UTF-8, no line break inside a cell,
    no lone CR, no NUL, no Ctrl-Z, an unquoted header, no row longer than the header. Each line
    gets an end mark after its last cell, so that a short row shows where it ends (its width). The
    file is streamed (:class:`_MarkedLines`), never held whole beside its marked copy.
    """
    import pandas as pd

    first = handle.readline()
    first = first[3:] if first.startswith(_BOM) else first
    if not first.endswith(b"\n") or b'"' in first:
        return None
    try:
        raw = first.decode("utf-8").rstrip("\n").rstrip("\r").split(",")
    except UnicodeDecodeError:
        return None
    header = _trim_header(raw)
    if not header or any(c in first for c in (b"\x00", b"\x1a", _END.encode())) \
            or (b"\r" in first and not first.endswith(b"\r\n")) or b"\r" in first[:-2]:
        return None
    stream = _MarkedLines(handle)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            frame = pd.read_csv(io.BufferedReader(stream, buffer_size=_MarkedLines.CHUNK), header=None,
                                names=range(len(raw) + 1), dtype=object, na_filter=False, engine="c",
                                quoting=csv.QUOTE_MINIMAL, encoding="utf-8")
    except (_DeclineError, pd.errors.ParserError, pd.errors.ParserWarning, pd.errors.EmptyDataError, ValueError):
        return None  # not UTF-8, or a row longer than the header: the csv module says where
    rows = stream.lines + (not stream.ended)
    if stream.blank or not isinstance(frame.index, pd.RangeIndex) or len(frame) != rows:
        return None  # a row longer than the header, or a quoted cell with a line break: lines are not rows
    columns = [frame[c].tolist() for c in frame.columns]
    del frame
    return _columns_table(columns, header, path=path)


def _columns_table(columns: list[list[str]], header: list[str], *, path: str) -> Table:
    """A :class:`Table` from the columns of :func:`_read_columns` (the last one holding the end marks)."""
    n, width = len(columns) - 1, len(header)
    widths = [n] * len(columns[0])
    for i in (i for i, mark in enumerate(columns[n]) if mark != _END):  # short rows: find their end mark
        widths[i] = next(c for c in range(n) if columns[c][i] == _END)
        columns[widths[i]][i] = ""
    blank = [i for i, first in enumerate(columns[0]) if not first.strip()
             and not any(columns[c][i].strip() for c in range(n))]
    keep = sorted(set(range(len(widths))) - set(blank)) if blank else None
    if keep is not None:
        columns = [[col[i] for i in keep] for col in columns]
        widths = [widths[i] for i in keep]
    lines = [i + 2 for i in keep] if keep is not None else list(range(2, len(widths) + 2))
    issues = _header_issues(header, path)
    for c in range(width, n):  # cells past the header: an issue for the first non-empty one of a row
        for i in (i for i, cell in enumerate(columns[c]) if cell.strip()):
            if not any(columns[k][i].strip() for k in range(width, c)):
                cells = [col[i] for col in columns[:widths[i]]]
                issues += _row_issues(cells, width, path, lines[i])
    names = [h.strip() for h in header]
    rows = Rows(names, columns[:width])
    return Table(path, tuple(names), rows, tuple(lines), tuple(sorted(issues, key=_issue_order)), tuple(widths))


def _issue_order(issue: Issue) -> tuple[int, int]:
    return issue.line, issue.column


def normalise_number_text(text: str) -> str:
    """Turn full-width digits, non-breaking spaces and stray spaces into plain ASCII.

    >>> normalise_number_text("　４１．９８\\u00a0")
    '41.98'
    """
    return text.translate(_FULLWIDTH).strip()


_THOUSANDS = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")


def comma_readings(plain: str) -> dict[str, str]:
    """The readings of a number written with commas: as a decimal comma and as thousands separators.

    >>> comma_readings("1,000"), comma_readings("43,5"), comma_readings("1,000,000")
    ({'decimal': '1.000', 'thousands': '1000'}, {'decimal': '43.5'}, {'thousands': '1000000'})
    """
    readings = {}
    if plain.count(",") == 1 and "." not in plain:
        readings["decimal"] = plain.replace(",", ".")
    if _THOUSANDS.fullmatch(plain):
        readings["thousands"] = plain.replace(",", "")
    return readings


def decimal_comma(plain: str, *, bounds: tuple[float, float] | None = None) -> str | None:
    """The number with its comma read as a decimal point, or None when the comma may mean anything else.

    A comma followed by exactly three digits may be a thousands separator (``1,000``); it is read as a
    decimal comma only when ``bounds`` rule the thousands reading out (``41,980`` as a latitude).

    >>> decimal_comma("41,42"), decimal_comma("1,000"), decimal_comma("41,980", bounds=(-90, 90))
    ('41.42', None, '41.980')
    """
    readings = comma_readings(plain)
    if "decimal" not in readings:
        return None
    if "thousands" in readings and not (bounds and not bounds[0] <= float(readings["thousands"]) <= bounds[1]):
        return None
    return readings["decimal"]


def plain_number(text: str, *, bounds: tuple[float, float] | None = None) -> str:
    """A number cell as ASCII: full-width digits folded, an unmistakable decimal comma made a point.

    A comma that could be a thousands separator is left as it is, so the cell does not parse as a number.

    >>> plain_number(" ４３,５ "), plain_number("1,000")
    ('43.5', '1,000')
    """
    plain = normalise_number_text(text)
    if "," in plain:
        return decimal_comma(plain, bounds=bounds) or plain
    return plain


def parse_float(text: str) -> float | None:
    """Parse a number as a spreadsheet may write it; None when it is not one.

    >>> parse_float("１１９．２"), parse_float("43,5"), parse_float("abc")
    (119.2, 43.5, None)
    """
    plain = plain_number(text)
    try:
        value = float(plain)
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None


def parse_int(text: str) -> int | None:
    """Parse a whole number (``1122``, ``１１２２``, ``1122.0``); None otherwise.

    >>> parse_int("１１２２"), parse_int("-907"), parse_int("3.5")
    (1122, -907, None)
    """
    value = parse_float(text)
    if value is None or not value.is_integer():
        return None
    return int(value)


def split_list(text: str, sep: str = ";") -> list[str]:
    """Split a ``;``-separated cell, dropping empty items and whitespace (full-width ``；`` too).

    >>> split_list("燕京; 南京；;析津府")
    ['燕京', '南京', '析津府']
    """
    return [p.strip() for p in text.replace("；", sep).split(sep) if p.strip()]
