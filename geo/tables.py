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
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from geo.errors import Issue

# Spreadsheet cells can be large (a pasted passage, a 10 MB note): lift the csv module's 128 KB cap.
csv.field_size_limit(2**31 - 1)

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

    def column(self, name: str) -> int:
        """Return the 1-based column number of ``name`` (0 when absent)."""
        return self.header.index(name) + 1 if name in self.header else 0

    def records(self) -> Iterator[tuple[int, dict[str, str]]]:
        """Yield ``(line, row)`` pairs."""
        yield from zip(self.lines, self.rows)


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
        data = Path(path).read_bytes()
    except OSError as exc:
        return Table(shown, (), (), (), (Issue(shown, 0, 0, f"cannot read the file: {exc.strerror}",
                                                "check the path"),))
    text, issues = _decode(data, shown)
    if issues:
        return Table(shown, (), (), (), tuple(issues))
    return parse_csv_text(text, path=shown, delimiter=delimiter)


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
