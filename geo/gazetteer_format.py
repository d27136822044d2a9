"""The gazetteer in canonical form, for ``geo places fmt``: standard columns first, numbers in plain ASCII.

Every cell of every row is kept; only whitespace and number spelling change, and never a value's meaning.
No pandas or geopandas here, so ``fmt`` stays fast.
"""

from __future__ import annotations

import csv
import io

from geo import schema as S
from geo.tables import Table
from geo.validate_places import FLOAT_COLUMNS, INT_COLUMNS, canonical_number, normalise_cell


def canonical_header(table: Table) -> list[str]:
    """The standard columns in schema order, then the extra columns in their original order."""
    return [*S.PLACE_COLUMNS, *(c for c in table.header if c not in S.PLACE_COLUMNS)]


def canonical_cell(column: str, text: str) -> str:
    """One cell in canonical form: whitespace normalised, numbers in plain ASCII."""
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
