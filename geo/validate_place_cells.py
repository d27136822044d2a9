"""The gazetteer's cells, and the cheap pass over whole columns that clears most rows before the per-row checks.

:func:`fine_rows` says which rows are sure to give no issue but their readings'; only the others go through
every check of :mod:`geo.validate_places`.
"""

from __future__ import annotations

import re

from geo import schema as S
from geo.names import has_han
from geo.tables import Rows, Table, normalise_number_text
from geo.validate_tables import SLUG, all_slugs, cell_issue

#: The box within which a point is plausible for East and Inner Asia (a point outside it is probably a typo).
REGION_LAT = (15.0, 60.0)
REGION_LON = (60.0, 150.0)
FLOAT_COLUMNS: tuple[str, ...] = (S.LAT, S.LON, S.UNCERTAINTY_KM)
INT_COLUMNS: tuple[str, ...] = (S.VALID_FROM, S.VALID_TO)
_BAD_SPACE = re.compile(r"^\s|\s$|[^\S \n]| {2}| \n|\n ")
PLAIN_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
_PRECISE = re.compile(rf"\.[0-9]{{{S.MAX_DECIMALS + 1},}}")  # more decimals than documented
_ODD_SPACE = re.compile(r"[^\S \n]")  # whitespace other than a space or a line end: always stray
_ASCII_ODD_SPACE = "".join(c for c in map(chr, range(128)) if c.isspace() and c not in " \n")
_STRAY = ("  ", " \n", "\n ", "\x00 ", " \x00", "\x00\n", "\n\x00")  # in a column's cells joined by NUL
_ENDS = (" ", "\n")

Numbers = dict[str, float]


def has_stray_space(text: str) -> bool:
    """Whether :func:`geo.validate_places.normalise_cell` would change the cell (CRLF inside a cell is fine)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    return bool(_BAD_SPACE.search(text))


def in_region(lat: float, lon: float) -> bool:
    """Whether the point lies in the box of :data:`REGION_LAT` and :data:`REGION_LON`."""
    return REGION_LAT[0] <= lat <= REGION_LAT[1] and REGION_LON[0] <= lon <= REGION_LON[1]


def plain_numbers(table: Table) -> list[Numbers | None]:
    """Each row's numbers when every number cell is plain ASCII (None for a row that needs a closer look)."""
    columns = []
    for col in (c for c in FLOAT_COLUMNS + INT_COLUMNS if c in table.header):
        cells, integer = table.cells(col), col in INT_COLUMNS
        plain = {t for t in set(cells) if not t or (PLAIN_NUMBER.fullmatch(t) and not (integer and "." in t))}
        columns.append((col, cells, plain))
    out: list[Numbers | None] = []
    for i in range(len(table.rows)):
        values: Numbers | None = {}
        for col, cells, plain in columns:
            text = cells[i]
            if text not in plain:
                values = None
                break
            if text:
                values[col] = float(text)
        out.append(values)
    return out


def vocabulary_columns(vocabularies: S.Vocabularies) -> dict[str, tuple[str, ...]]:
    """The gazetteer's columns with a vocabulary, and the terms each allows in this project."""
    return {col: vocabularies[S.GAZETTEER.field(col).vocabulary or ""]
            for col in (S.PLACE_TYPE, S.LOCATION_BASIS, S.POLITY)}


def fine_rows(table: Table, numbers: list[Numbers | None], listed: list[list[str]], *,
          vocabularies: S.Vocabularies) -> list[bool]:
    """Whether each row is sure to give no issue but its readings' (a cheap pass over whole columns).

    ``listed`` holds each row's variants (:func:`variant_lists`).

    A row that is not gets every per-row check, in the order :func:`check_places` runs them.
    """
    fine = [v is not None for v in numbers]
    for col in S.PLACE_REQUIRED:
        if col in table.header:
            fine = [f and bool(c) for f, c in zip(fine, table.cells(col))]
    for col in table.header:
        spaced = _stray_rows(table, col)
        fine = [f and i not in spaced for i, f in enumerate(fine)] if spaced else fine
    for col, allowed in vocabulary_columns(vocabularies).items():
        bad = {v for v in set(table.cells(col)) if v and v not in allowed}
        fine = [f and v not in bad for f, v in zip(fine, table.cells(col))] if bad else fine
    for col in S.AUTHORITIES:
        bad = {v for v in set(table.cells(col)) if v and cell_issue(table, 0, S.GAZETTEER.field(col), v,
                                                                    S.VOCABULARIES)}
        fine = [f and v not in bad for f, v in zip(fine, table.cells(col))] if bad else fine
    ids, romanised, names = table.cells(S.PLACE_ID), table.cells(S.PINYIN), table.cells(S.NAME)
    slugs = all_slugs(ids)
    han = has_han("".join(romanised))
    precise = _too_precise(table)
    kinds = table.cells(S.PLACE_TYPE)
    for i, values in enumerate(numbers):
        if fine[i]:
            fine[i] = (slugs or not ids[i] or bool(SLUG.match(ids[i]))) \
                and not (han and has_han(romanised[i])) \
                and not (listed[i] and names[i] in listed[i]) and i not in precise \
                and not _range_flags(values, kinds[i])
    return fine


def _too_precise(table: Table) -> set[int]:
    """The rows whose lat or lon has more decimals than documented (one search a column when none has)."""
    found: set[int] = set()
    for col in (S.LAT, S.LON):
        cells = table.cells(col)
        if _PRECISE.search("\x00".join(cells)):
            found |= {i for i, text in enumerate(cells) if _PRECISE.search(normalise_number_text(text))}
    return found


def _range_flags(values: Numbers, kind: str) -> bool:
    """Whether :func:`_range_issues` could say anything of a row with these plain numbers and ``type``."""
    lat, lon = values.get(S.LAT), values.get(S.LON)
    if lat is not None and lon is not None and not in_region(lat, lon):
        return True
    radius = values.get(S.UNCERTAINTY_KM)
    limit = S.UNCERTAINTY_LIMIT_KM.get(kind)
    if radius is not None and (radius < 0 or (limit is not None and radius > limit)):
        return True
    start, end = values.get(S.VALID_FROM), values.get(S.VALID_TO)
    return start is not None and end is not None and start > end


def _stray_rows(table: Table, col: str) -> set[int]:
    """The rows whose ``col`` cell has stray whitespace: one search over the whole column when it has none."""
    raw = table.rows.column(col) if isinstance(table.rows, Rows) else [row.get(col, "") for row in table.rows]
    joined = "\x00".join(raw)
    spaced = (" " in joined or "\n" in joined) and any(t in joined for t in _STRAY)
    if not (spaced or _odd_space(joined)) and joined[:1] not in _ENDS and joined[-1:] not in _ENDS:
        return set()
    return {i for i, cell in enumerate(raw) if cell and has_stray_space(cell)}


def _odd_space(text: str) -> bool:
    """Whether ``text`` has whitespace other than a space or a line end (ASCII text: a few fast searches)."""
    return any(c in text for c in _ASCII_ODD_SPACE) if text.isascii() else bool(_ODD_SPACE.search(text))
