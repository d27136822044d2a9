"""``geo places``: find places by any name form, or rewrite the gazetteer in canonical form.

``geo places find QUERY`` matches traditional, simplified and variant names,
pinyin with or without tones, and ids. ``geo places fmt`` rewrites the CSV in
canonical form (standard column order, rows sorted by id, whitespace and numbers
normalised) and refuses to touch a file with errors.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
import unicodedata
from collections.abc import Mapping, Sequence
from pathlib import Path

from geo import atomic
from geo import schema as S
from geo.errors import Issue
from geo.tables import Table, read_table

HELP = "find places by any name form, or rewrite the gazetteer in canonical form"
FIND_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", S.PLACE_ID), ("name", S.NAME), ("pinyin", S.PINYIN), ("type", S.PLACE_TYPE), ("lat", S.LAT),
    ("lon", S.LON), ("±km", S.UNCERTAINTY_KM), ("modern", S.MODERN),
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the ``find`` and ``fmt`` actions of ``geo places``."""
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    find = actions.add_parser("find", help="find rows by name, variant, pinyin or id",
                              description="find gazetteer rows by any name form or id")
    find.add_argument("query", metavar="QUERY", help="a name in any script, pinyin (tones optional) or an id")
    fmt = actions.add_parser("fmt", help="rewrite the gazetteer in canonical form",
                             description="rewrite the gazetteer in canonical form; refuses when it has errors")
    fmt.add_argument("--check", action="store_true", help="only report whether the file is canonical (exit 1 if not)")
    for sub in (find, fmt):
        sub.add_argument("--gazetteer", default=S.GAZETTEER_FILE, metavar="PATH",
                         help=f"the gazetteer CSV (default: {S.GAZETTEER_FILE})")


def run(args: argparse.Namespace) -> int:
    """Run ``geo places find`` or ``geo places fmt``."""
    if args.action == "find":
        return find_command(args.query, args.gazetteer)
    return fmt_command(args.gazetteer, check=args.check)


# --- find ----------------------------------------------------------------------------------------

def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def format_rows(rows: Sequence[Mapping[str, str]]) -> str:
    """An aligned text table of rows (id, name, pinyin, type, lat, lon, ±km, modern)."""
    from geo.validate_places import normalise_cell

    cells = [[title for title, _ in FIND_COLUMNS]]
    cells += [[normalise_cell(row.get(col, "")).replace("\n", " ") for _, col in FIND_COLUMNS] for row in rows]
    widths = [max(_width(line[i]) for line in cells) for i in range(len(FIND_COLUMNS))]
    return "\n".join("  ".join(_pad(c, w) for c, w in zip(line, widths)).rstrip() for line in cells)


def _print_issues(issues: Sequence[Issue]) -> None:
    for issue in issues:
        print(issue, file=sys.stderr)


def find_command(query: str, path: str) -> int:
    """Print the rows matching ``query``; exit 1 with suggestions when none does."""
    from geo.names import build_name_index, closest_ids, lookup_place, name_forms

    table = read_table(path)
    if not table.header:
        _print_issues(table.issues)
        return 1
    ids = lookup_place(query, build_name_index(table.rows))
    by_id: dict[str, dict[str, str]] = {}
    for row in table.rows:
        by_id.setdefault(row.get(S.PLACE_ID, "").strip(), row)
    if not ids:
        print(f"geo places find: no place matches {query!r} in {path}", file=sys.stderr)
        close = closest_ids(query, {place: name_forms(row) for place, row in by_id.items() if place})
        if close:
            named = ", ".join(f"{c} ({by_id[c].get(S.NAME, '').strip()})" for c in close)
            print(f"did you mean: {named}?", file=sys.stderr)
        return 1
    rank = {place: n for n, place in enumerate(ids)}
    rows = [row for row in table.rows if row.get(S.PLACE_ID, "").strip() in rank]
    print(format_rows(sorted(rows, key=lambda row: rank[row[S.PLACE_ID].strip()])))
    return 0


# --- fmt -----------------------------------------------------------------------------------------

def canonical_header(table: Table) -> list[str]:
    """The standard columns in schema order, then the extra columns in their original order."""
    return [*S.PLACE_COLUMNS, *(c for c in table.header if c not in S.PLACE_COLUMNS)]


def canonical_cell(column: str, text: str) -> str:
    """One cell in canonical form: whitespace normalised, numbers in plain ASCII."""
    from geo.validate_places import FLOAT_COLUMNS, INT_COLUMNS, canonical_number, normalise_cell

    cell = normalise_cell(text)
    if cell and (column in FLOAT_COLUMNS or column in INT_COLUMNS):
        return canonical_number(cell, integer=column in INT_COLUMNS, column=column) or cell
    return cell


def canonical_csv(table: Table) -> str:
    """The whole gazetteer as canonical CSV text (``\\n`` line ends, minimal quoting, sorted by id).

    Every cell of every row is kept; only whitespace and number spelling change.
    """
    header = canonical_header(table)
    rows = sorted(([canonical_cell(c, row.get(c, "")) for c in header] for row in table.rows),
                  key=lambda cells: cells[0])
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file next to ``path``, then move it over ``path``."""
    atomic.write_bytes(path, data)


def fmt_command(path: str, *, check: bool = False) -> int:
    """Rewrite (or with ``check`` only inspect) the gazetteer; refuse when it has errors."""
    from geo.validate_places import check_places

    target = Path(path)
    table = read_table(target, display=path)
    issues = check_places(table)
    errors = [i for i in issues if i.severity == "error"]
    if errors:
        _print_issues(issues)
        print(f"geo places fmt: {len(errors)} error(s) in {path}; the file was not changed", file=sys.stderr)
        return 1
    data = canonical_csv(table).encode("utf-8")
    if target.read_bytes() == data:
        print(f"geo places fmt: {path} is already canonical ({len(table.rows)} rows)")
        return 0
    if check:
        print(f"geo places fmt: {path} is not in canonical form; run 'geo places fmt' to rewrite it",
              file=sys.stderr)
        return 1
    write_atomically(target, data)
    print(f"geo places fmt: rewrote {path} in canonical form ({len(table.rows)} rows)")
    return 0
