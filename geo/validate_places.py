"""Check the gazetteer (``places/gazetteer.csv``): every problem at once, as :class:`geo.errors.Issue` values.

Pure Python plus OpenCC and pypinyin (imported on first use through :mod:`geo.names`);
no pandas, so ``geo check`` stays well under a second. At most one issue is kept per
cell, the most severe first.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal, InvalidOperation

from geo import schema as S
from geo.errors import Issue, ValidationError
from geo.names import has_han, normalise_name, pinyin_matches, to_simplified
from geo.tables import Rows, Table, comma_readings, normalise_number_text, parse_int, plain_number, split_list
from geo.validate_tables import cell_issue

REGION_LAT = (15.0, 60.0)
REGION_LON = (60.0, 150.0)
NEAR_KM = 1.0
EARTH_RADIUS_KM = 6371.0088
FLOAT_COLUMNS: tuple[str, ...] = (S.LAT, S.LON, S.UNCERTAINTY_KM)
INT_COLUMNS: tuple[str, ...] = (S.VALID_FROM, S.VALID_TO)
NUMBER_BOUNDS: dict[str, tuple[float, float]] = {S.LAT: (-90.0, 90.0), S.LON: (-180.0, 180.0)}
COLUMN_ALIASES: dict[str, str] = {
    "latitude": S.LAT, "longitude": S.LON, "lng": S.LON, "long": S.LON, "uncertainty": S.UNCERTAINTY_KM,
    "basis": S.LOCATION_BASIS, "notes": S.NOTE, "sources": S.SOURCE, "variant": S.VARIANTS,
    "simplified": S.NAME_SIMPLIFIED, "place_type": S.PLACE_TYPE,
}

_SLUG = re.compile(r"^[a-z][a-z0-9_]*$")
_DECIMAL = re.compile(r"^(-?)(\d+)(?:\.(\d*))?$")
_BAD_SPACE = re.compile(r"^\s|\s$|[^\S \n]| {2}| \n|\n ")
_BAD_SPACE_IN_ROW = re.compile(r"(?:^|\x00)\s|\s(?:\x00|$)|[^\S \n]| {2}| \n|\n ")
_PLAIN_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
_HSPACE = re.compile(r"[^\S\n]+")
_ODD_SPACE = re.compile(r"[^\S \n]")  # whitespace other than a space or a line end: always stray
_STRAY = ("  ", " \n", "\n ", "\x00 ", " \x00", "\x00\n", "\n\x00")  # in a column's cells joined by NUL
_ENDS = (" ", "\n")
_SEVERITY_RANK = {"error": 0, "warning": 1}

Numbers = dict[str, float]


def _issue(table: Table, line: int, col: str, msg: str, hint: str = "", severity: str = "error") -> Issue:
    return Issue(table.path, line, table.column(col), msg, hint, severity)


def _closest(value: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(value.lower(), list(choices), n=1, cutoff=0.5)
    return close[0] if close else ""


def normalise_cell(text: str) -> str:
    """A cell with line ends as ``\\n``, runs of spaces collapsed and the ends stripped.

    >>> normalise_cell("  上京\\u00a0 臨潢府 \\r\\n note ")
    '上京 臨潢府\\nnote'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(_HSPACE.sub(" ", part).strip() for part in text.split("\n")).strip()


def has_stray_space(text: str) -> bool:
    """Whether :func:`normalise_cell` would change the cell (CRLF inside a cell is fine)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    return bool(_BAD_SPACE.search(text))


def canonical_number(text: str, *, integer: bool = False, column: str | None = None) -> str | None:
    """The plain ASCII form of a number cell, or None when it is not a (whole) number.

    Full-width digits, a decimal comma, a ``+`` sign, leading and trailing zeros
    and exponents are normalised; no digit that was given is lost.

    >>> canonical_number("４１．９８０"), canonical_number("41.980000"), canonical_number("1122.0", integer=True)
    ('41.98', '41.98', '1122')
    >>> canonical_number("43,5"), canonical_number("abc"), canonical_number("1122.5", integer=True)
    ('43.5', None, None)
    >>> canonical_number("1,000", column="uncertainty_km"), canonical_number("41,980", column="lat")
    (None, '41.98')
    """
    plain = plain_number(text, bounds=NUMBER_BOUNDS.get(column or ""))
    try:
        number = Decimal(plain)
    except InvalidOperation:
        return None
    if not number.is_finite() or abs(number.adjusted()) > 30:
        return None
    if integer and number != number.to_integral_value():
        return None
    match = _DECIMAL.match(format(number, "f"))
    if match is None:
        return None
    whole, frac = match[2].lstrip("0") or "0", (match[3] or "").rstrip("0")
    out = whole + ("." + frac if frac else "")
    return "-" + out if match[1] and out != "0" else out


def check_columns(table: Table) -> list[Issue]:
    """Missing required columns (one issue), unknown columns (warnings) and repeated column names."""
    issues = []
    missing = [c for c in S.PLACE_REQUIRED if c not in table.header]
    if missing:
        issues.append(Issue(table.path, 1, 0, f"missing required columns: {', '.join(missing)}",
                            f"add them to the header row; the columns are {', '.join(S.PLACE_COLUMNS)}"))
    seen: dict[str, int] = {}
    for col, name in enumerate(table.header, start=1):
        if name in seen:
            issues.append(Issue(table.path, 1, col, f"column {name!r} appears twice (columns {seen[name]} "
                                f"and {col})", "delete or rename one of them"))
        seen.setdefault(name, col)
        if name not in S.PLACE_COLUMNS:
            issues.append(Issue(table.path, 1, col, f"unknown column {name!r}: kept but not used",
                                _column_hint(name, missing), "warning"))
    return issues


def _column_hint(name: str, missing: list[str]) -> str:
    guess = COLUMN_ALIASES.get(name.lower()) or _closest(name, missing or S.PLACE_COLUMNS)
    if guess:
        return f"did you mean {guess!r}? rename the column if so"
    return "geo places fmt keeps it after the standard columns; rename it if it was meant to be one of them"


def _cell_issues(table: Table, line: int, row: dict[str, str]) -> list[Issue]:
    issues = [_issue(table, line, col, f"empty {col!r}", f"fill in the {col!r} column")
              for col in S.PLACE_REQUIRED if col in row and not row[col].strip()]
    if not _BAD_SPACE_IN_ROW.search("\x00".join(row.values())):
        return issues
    for col in table.header:
        cell = row.get(col, "")
        if cell and has_stray_space(cell):
            issues.append(_issue(table, line, col, f"stray whitespace in {col} {cell!r}",
                                 "delete spaces at the ends and doubled spaces (geo places fmt does this)",
                                 "warning"))
    return issues


def _read_numbers(table: Table, line: int, row: dict[str, str], issues: list[Issue]) -> Numbers:
    values: Numbers = {}
    for col in FLOAT_COLUMNS + INT_COLUMNS:
        text = row.get(col, "").strip()
        if col not in table.header or not text:
            continue
        integer = col in INT_COLUMNS
        if _PLAIN_NUMBER.fullmatch(text) and not (integer and "." in text):
            values[col] = float(text)
            continue
        canon = canonical_number(text, integer=integer, column=col)
        if canon is None and "," in text:
            issues.append(_comma_issue(table, line, col, text))
            continue
        if canon is None:
            what = "a whole year" if integer and canonical_number(text) else "a number"
            hint = "write a year CE in ASCII digits, like 1122" if integer else "write a decimal number, like 41.98"
            issues.append(_issue(table, line, col, f"{col} {text!r} is not {what}", hint))
            continue
        values[col] = float(canon)
        plain = normalise_number_text(text)
        if plain != text or ("," in plain and "." not in plain):
            issues.append(_issue(table, line, col, f"full-width digits or punctuation in {col} {text!r}: "
                                 f"read as {canon}", "retype it in ASCII (geo places fmt does this)", "warning"))
    return values


def _comma_issue(table: Table, line: int, col: str, text: str) -> Issue:
    """A number whose comma could mean a decimal point or a thousands separator: say both, guess neither."""
    readings = comma_readings(normalise_number_text(text))
    shown = {"decimal": "with a decimal comma", "thousands": "with thousands separators"}
    if not readings:
        return _issue(table, line, col, f"{col} {text!r} is not a number",
                      "write ASCII digits with a point for decimals and no separators, like 41.98")
    told = " or ".join(f"{value} ({shown[kind]})" for kind, value in readings.items())
    what = "is ambiguous" if len(readings) > 1 else "uses a comma"
    return _issue(table, line, col, f"{col} {text!r} {what}: it reads as {told}",
                  f"write {' or '.join(readings.values())} in ASCII digits, a point for decimals and no separators")


def _in_region(lat: float, lon: float) -> bool:
    return REGION_LAT[0] <= lat <= REGION_LAT[1] and REGION_LON[0] <= lon <= REGION_LON[1]


def _coordinate_issues(table: Table, line: int, row: dict[str, str], values: Numbers) -> list[Issue]:
    if S.LAT not in values or S.LON not in values:
        return []
    lat, lon = values[S.LAT], values[S.LON]
    if _in_region(lat, lon):
        return []
    lat_text, lon_text = row[S.LAT].strip(), row[S.LON].strip()
    if _in_region(lon, lat):
        return [_issue(table, line, S.LAT, f"lat {lat_text!r} and lon {lon_text!r} look swapped",
                       "swap lat and lon")]
    issues = []
    if not -90 <= lat <= 90:
        issues.append(_issue(table, line, S.LAT, f"lat {lat_text!r} is out of range", "latitude is -90 to 90"))
    if not -180 <= lon <= 180:
        issues.append(_issue(table, line, S.LON, f"lon {lon_text!r} is out of range", "longitude is -180 to 180"))
    if issues:
        return issues
    box = f"lat {REGION_LAT[0]:g}..{REGION_LAT[1]:g}, lon {REGION_LON[0]:g}..{REGION_LON[1]:g}"
    return [_issue(table, line, S.LAT, f"point (lat {lat_text!r}, lon {lon_text!r}) is outside East and "
                   "Inner Asia", f"check the coordinates: places should lie within {box}")]


def _range_issues(table: Table, line: int, row: dict[str, str], values: Numbers) -> list[Issue]:
    issues = _coordinate_issues(table, line, row, values)
    if values.get(S.UNCERTAINTY_KM, 0.0) < 0:
        issues.append(_issue(table, line, S.UNCERTAINTY_KM, f"uncertainty_km {row[S.UNCERTAINTY_KM].strip()!r} "
                             "is negative", "give the radius in km, 0 or more"))
    issues += _plausibility_issues(table, line, row, values)
    start, end = values.get(S.VALID_FROM), values.get(S.VALID_TO)
    if start is not None and end is not None and start > end:
        issues.append(_issue(table, line, S.VALID_FROM, f"valid_from {row[S.VALID_FROM].strip()!r} is after "
                             f"valid_to {row[S.VALID_TO].strip()!r}", "swap the years or correct one of them"))
    return issues


def _link_issues(table: Table, line: int, row: dict[str, str]) -> list[Issue]:
    """Outside identifiers of the wrong form (a Q-number is Q and digits …): line, column and the expected form."""
    found = [cell_issue(table, line, S.GAZETTEER.field(col), row[col].strip(), S.VOCABULARIES)
             for col in S.AUTHORITIES if row.get(col, "").strip()]
    return [i for i in found if i is not None]


def _plausibility_issues(table: Table, line: int, row: dict[str, str], values: Numbers) -> list[Issue]:
    """Warnings where a value is valid but probably wrong: a radius far too large, invented decimals."""
    issues = []
    kind, radius = row.get(S.PLACE_TYPE, "").strip(), values.get(S.UNCERTAINTY_KM)
    limit = S.UNCERTAINTY_LIMIT_KM.get(kind)
    if radius is not None and limit is not None and radius > limit:
        issues.append(_issue(table, line, S.UNCERTAINTY_KM, f"uncertainty_km {row[S.UNCERTAINTY_KM].strip()!r} is "
                             f"far more than a {kind} can be off (over {limit:g} km)",
                             "check for a typo (an extra zero?); give the radius in km", "warning"))
    for col in (S.LAT, S.LON):
        text = normalise_number_text(row.get(col, ""))
        decimals = len(text.split(".", 1)[1]) if "." in text else 0
        if decimals > S.MAX_DECIMALS:
            issues.append(_issue(table, line, col, f"{col} {text!r} has {decimals} decimals, more than the "
                                 f"{S.MAX_DECIMALS} documented", "round it: 6 decimals are 0.1 m, and no point here "
                                 "is known that well", "warning"))
    return issues


def _vocabulary_issues(table: Table, line: int, row: dict[str, str], vocabularies: S.Vocabularies) -> list[Issue]:
    issues = []
    for col, allowed in _vocabulary_columns(vocabularies).items():
        value = row.get(col, "").strip()
        if value and value not in allowed:
            close = _closest(value, allowed)
            hint = (f"did you mean {close!r}? " if close else "") + f"use one of: {', '.join(allowed)}"
            issues.append(_issue(table, line, col, f"unknown {col} {value!r}", hint))
    return issues


def _text_issues(table: Table, line: int, row: dict[str, str]) -> list[Issue]:
    issues = []
    place = row.get(S.PLACE_ID, "").strip()
    if place and not _SLUG.match(place):
        what = "contains Chinese characters" if has_han(place) else "is not a slug"
        issues.append(_issue(table, line, S.PLACE_ID, f"id {place!r} {what}",
                             "use lower-case ASCII letters, digits and '_', starting with a letter"))
    romanised = row.get(S.PINYIN, "").strip()
    if has_han(romanised):
        issues.append(_issue(table, line, S.PINYIN, f"pinyin {romanised!r} contains Chinese characters",
                             "write Hanyu pinyin with tone marks, like Shàngjīng"))
    name = row.get(S.NAME, "").strip()
    for variant in split_list(row.get(S.VARIANTS, ""), S.VARIANT_SEPARATOR):
        if name and variant == name:
            issues.append(_issue(table, line, S.VARIANTS, f"variant {variant!r} is the same as the name",
                                 "delete it from 'variants'", "warning"))
    return issues


def _reading_issues(table: Table, line: int, row: dict[str, str]) -> list[Issue]:
    return _readings(table, line, *(row.get(c, "").strip() for c in (S.NAME, S.NAME_SIMPLIFIED, S.PINYIN)))


def _readings(table: Table, line: int, name: str, simplified: str, romanised: str) -> list[Issue]:
    issues = []
    if name and simplified and S.NAME_SIMPLIFIED in table.header and to_simplified(name) != simplified:
        issues.append(_issue(table, line, S.NAME_SIMPLIFIED, f"name_simplified {simplified!r} differs from "
                             f"OpenCC's {to_simplified(name)!r} for {name!r}",
                             "check it; keep it if the historical form differs", "warning"))
    if name and romanised and S.PINYIN in table.header and not has_han(romanised) \
            and not pinyin_matches(name, romanised):
        issues.append(_issue(table, line, S.PINYIN, f"pinyin {romanised!r} does not match {name!r} "
                             f"(pypinyin reads {_reading(name)!r})",
                             "check the reading; keep it if it is a historical one (女真, 可汗)", "warning"))
    return issues


def _reading(name: str) -> str:
    from pypinyin import Style, lazy_pinyin

    return "".join(lazy_pinyin(name, style=Style.TONE)).capitalize()


def _duplicate_ids(table: Table) -> list[Issue]:
    issues, seen = [], {}
    for line, place in zip(table.lines, table.cells(S.PLACE_ID)):
        if place in seen:
            issues.append(_issue(table, line, S.PLACE_ID, f"duplicate id {place!r} on lines {seen[place]} "
                                 f"and {line}", "give every row its own id; never reuse an id"))
        elif place:
            seen[place] = line
    return issues


def _name_keys(table: Table) -> list[tuple[str, set[str]]]:
    """Each row's search key of its name, and the keys of all its names (name, simplified, variants).

    Each distinct form is folded once.
    """
    memo: dict[str, str] = {}

    def key(form: str) -> str:
        found = memo.get(form)
        if found is None:
            found = memo[form] = normalise_name(form)
        return found

    keys = []
    for name, simplified, variants in zip(*(table.cells(c) for c in (S.NAME, S.NAME_SIMPLIFIED, S.VARIANTS))):
        own = key(name)
        forms = {own, key(simplified), *(key(v) for v in split_list(variants, S.VARIANT_SEPARATOR))} if variants \
            else {own, key(simplified)}
        keys.append((own, forms - {""}))
    return keys


def _duplicate_names(table: Table, keys: list[tuple[str, set[str]]]) -> list[Issue]:
    issues, seen = [], {}
    for line, name, note, (key, _) in zip(table.lines, table.cells(S.NAME), table.cells(S.NOTE), keys):
        noted = bool(note)
        earlier = [first for first, other in seen.get(key, []) if not (noted and other)]
        if key and earlier:
            issues.append(_issue(table, line, S.NAME, f"name {name!r} is also used on line "
                                 f"{earlier[0]}", "say in 'note' of both rows what distinguishes them, or "
                                 "merge the rows", "warning"))
        seen.setdefault(key, []).append((line, noted))
    return issues


def _unit_vector(lat: float, lon: float) -> tuple[float, float, float]:
    phi, lam = math.radians(lat), math.radians(lon)
    return math.cos(phi) * math.cos(lam), math.cos(phi) * math.sin(lam), math.sin(phi)


def _km(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.dist(a, b) / 2))


def _close_pairs(members: list[int], points: dict[int, tuple[float, ...]]) -> Iterator[tuple[int, int]]:
    """Pairs ``(earlier, later)`` of rows within :data:`NEAR_KM`, through a grid on the unit sphere.

    Cells are twice the distance wide, so a point's near neighbours lie in the 2 × 2 × 2
    block of cells on the sides of the point's cell it is closest to. Only the earliest close
    row of each cell is paired with a later one (the one a message names), so a pasted block
    of identical rows costs linear time, not quadratic.
    """
    chord = NEAR_KM / EARTH_RADIUS_KM  # a 1 km arc is a slightly shorter chord: err on the generous side
    size = 2 * chord
    grid: dict[tuple[int, int, int], list[int]] = {}
    for i in members:
        x, y, z = (c / size for c in points[i])
        cx, cy, cz = math.floor(x), math.floor(y), math.floor(z)
        sx, sy, sz = (1 if x - cx >= 0.5 else -1), (1 if y - cy >= 0.5 else -1), (1 if z - cz >= 0.5 else -1)
        for key in ((cx, cy, cz), (cx + sx, cy, cz), (cx, cy + sy, cz), (cx, cy, cz + sz),
                    (cx + sx, cy + sy, cz), (cx + sx, cy, cz + sz), (cx, cy + sy, cz + sz),
                    (cx + sx, cy + sy, cz + sz)):
            for j in grid.get(key, ()):
                if math.dist(points[i], points[j]) <= chord and _km(points[i], points[j]) <= NEAR_KM:
                    yield j, i
                    break
        grid.setdefault((cx, cy, cz), []).append(i)


def _near_duplicates(table: Table, numbers: list[Numbers], keys: list[tuple[str, set[str]]]) -> list[Issue]:
    """Rows within :data:`NEAR_KM` of an earlier row that shares one of their names (one issue per row)."""
    points = {i: _unit_vector(v[S.LAT], v[S.LON]) for i, v in enumerate(numbers)
              if -90 <= v.get(S.LAT, 99) <= 90 and -180 <= v.get(S.LON, 999) <= 180}
    groups: dict[str, list[int]] = {}
    for i in points:
        for key in keys[i][1]:
            groups.setdefault(key, []).append(i)
    partner: dict[int, int] = {}
    for members in groups.values():
        for j, i in _close_pairs(members, points) if len(members) > 1 else ():
            partner[i] = min(j, partner.get(i, j))
    issues = []
    for i, j in sorted(partner.items()):
        shared = min(keys[i][1] & keys[j][1])
        issues.append(_issue(table, table.lines[i], S.NAME, f"lines {table.lines[j]} and {table.lines[i]} are "
                             f"{_km(points[i], points[j]):.2f} km apart and share the name {shared!r}",
                             "merge the rows if they are the same place; otherwise correct the coordinates or names"))
    return issues


def _dedupe(issues: list[Issue]) -> list[Issue]:
    """Keep one issue per cell (errors before warnings, then in the order found) and sort."""
    ranked = sorted(enumerate(issues), key=lambda p: (_SEVERITY_RANK.get(p[1].severity, 2), p[0]))
    kept, cells = set(), set()
    for _, issue in ranked:
        cell = (issue.path, issue.line, issue.column)
        if issue.column and cell in cells:
            continue
        cells.add(cell)
        kept.add(issue)
    return sorted(kept, key=lambda i: (i.path, i.line, i.column, i.message, i.hint, i.severity))


def _plain_numbers(table: Table) -> list[Numbers | None]:
    """Each row's numbers when every number cell is plain ASCII (None for a row that needs a closer look)."""
    columns = []
    for col in (c for c in FLOAT_COLUMNS + INT_COLUMNS if c in table.header):
        cells, integer = table.cells(col), col in INT_COLUMNS
        plain = {t for t in set(cells) if not t or (_PLAIN_NUMBER.fullmatch(t) and not (integer and "." in t))}
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


def _vocabulary_columns(vocabularies: S.Vocabularies) -> dict[str, tuple[str, ...]]:
    """The gazetteer's columns with a vocabulary, and the terms each allows in this project."""
    return {col: vocabularies[S.GAZETTEER.field(col).vocabulary or ""]
            for col in (S.PLACE_TYPE, S.LOCATION_BASIS, S.POLITY)}


def _fine(table: Table, numbers: list[Numbers | None], *, vocabularies: S.Vocabularies) -> list[bool]:
    """Whether each row is sure to give no issue but its readings' (a cheap pass over whole columns).

    A row that is not gets every per-row check, in the order :func:`check_places` runs them.
    """
    fine = [v is not None for v in numbers]
    for col in S.PLACE_REQUIRED:
        if col in table.header:
            fine = [f and bool(c) for f, c in zip(fine, table.cells(col))]
    for col in table.header:
        spaced = _stray_rows(table, col)
        fine = [f and i not in spaced for i, f in enumerate(fine)] if spaced else fine
    for col, allowed in _vocabulary_columns(vocabularies).items():
        fine = [f and (not v or v in allowed) for f, v in zip(fine, table.cells(col))]
    for col in S.AUTHORITIES:
        bad = {v for v in set(table.cells(col)) if v and cell_issue(table, 0, S.GAZETTEER.field(col), v,
                                                                    S.VOCABULARIES)}
        fine = [f and v not in bad for f, v in zip(fine, table.cells(col))] if bad else fine
    ids, romanised = table.cells(S.PLACE_ID), table.cells(S.PINYIN)
    names, variants = table.cells(S.NAME), table.cells(S.VARIANTS)
    raw_lat, raw_lon = (table.rows.column(c) if isinstance(table.rows, Rows) and c in table.header else None
                        for c in (S.LAT, S.LON))
    for i, values in enumerate(numbers):
        if fine[i]:
            fine[i] = (not ids[i] or bool(_SLUG.match(ids[i]))) and not has_han(romanised[i]) \
                and not (variants[i] and names[i] in split_list(variants[i], S.VARIANT_SEPARATOR)) \
                and not _range_flags(table, i, values, raw_lat, raw_lon)
    return fine


def _range_flags(table: Table, i: int, values: Numbers, raw_lat: list[str] | None, raw_lon: list[str] | None) -> bool:
    """Whether :func:`_range_issues` could say anything of row ``i`` (its numbers plain)."""
    lat, lon = values.get(S.LAT), values.get(S.LON)
    if lat is not None and lon is not None and not _in_region(lat, lon):
        return True
    radius, kind = values.get(S.UNCERTAINTY_KM), table.cells(S.PLACE_TYPE)[i]
    limit = S.UNCERTAINTY_LIMIT_KM.get(kind)
    if radius is not None and (radius < 0 or (limit is not None and radius > limit)):
        return True
    start, end = values.get(S.VALID_FROM), values.get(S.VALID_TO)
    if start is not None and end is not None and start > end:
        return True
    for raw, col in ((raw_lat, S.LAT), (raw_lon, S.LON)):
        text = raw[i] if raw is not None else table.rows[i].get(col, "")
        if "." in text and len(normalise_number_text(text).split(".", 1)[1]) > S.MAX_DECIMALS:
            return True
    return False


def _stray_rows(table: Table, col: str) -> set[int]:
    """The rows whose ``col`` cell has stray whitespace: one search over the whole column when it has none."""
    raw = table.rows.column(col) if isinstance(table.rows, Rows) else [row.get(col, "") for row in table.rows]
    joined = "\x00".join(raw)
    if not (_ODD_SPACE.search(joined) or any(t in joined for t in _STRAY)) and joined[:1] not in _ENDS \
            and joined[-1:] not in _ENDS:
        return set()
    return {i for i, cell in enumerate(raw) if cell and has_stray_space(cell)}


def check_places(table: Table, *, vocabularies: S.Vocabularies = S.VOCABULARIES) -> list[Issue]:
    """Every problem of the gazetteer, sorted by line and column, at most one per cell.

    Whole columns are read first (:func:`_fine`); only the rows that may have a problem go through
    every per-row check, and every row through the readings (simplified form, pinyin).

    Parameters
    ----------
    table : Table
        The gazetteer as read by :func:`geo.tables.read_table` (its reading issues are included).
    vocabularies : mapping
        The allowed terms of each vocabulary: the schema's, or a project's extended ones
        (:attr:`geo.settings.Settings.vocabularies`).

    Returns
    -------
    list of Issue
        Errors and warnings; ``[]`` when the file is clean.
    """
    issues = list(table.issues)
    if not table.header:
        return _dedupe(issues)
    issues += check_columns(table)
    numbers = _plain_numbers(table)
    fine = _fine(table, numbers, vocabularies=vocabularies)
    readings = zip(table.cells(S.NAME), table.cells(S.NAME_SIMPLIFIED), table.cells(S.PINYIN))
    for i, (line, ok, names) in enumerate(zip(table.lines, fine, readings)):
        if ok:
            issues += _readings(table, line, *names)
            continue
        row = table.rows[i]
        numbers[i] = values = _read_numbers(table, line, row, issues)
        issues += _cell_issues(table, line, row)
        issues += _range_issues(table, line, row, values) + _vocabulary_issues(table, line, row, vocabularies)
        issues += _text_issues(table, line, row) + _reading_issues(table, line, row) + _link_issues(table, line, row)
    keys = _name_keys(table)
    issues += _duplicate_ids(table) + _duplicate_names(table, keys) + _near_duplicates(table, numbers, keys)
    return _dedupe(issues)


def validate_places(table: Table) -> None:
    """Raise :class:`ValidationError` listing every issue when any of them is an error."""
    issues = check_places(table)
    if any(i.severity == "error" for i in issues):
        raise ValidationError(issues)


def check_homonyms(table: Table, *, places: Iterable[str]) -> list[Issue]:
    """What the structural check of ``places/homonyms.csv`` cannot see: unknown places and inverted years.

    Parameters
    ----------
    table : Table
        The homonyms table (its structure is checked by :func:`geo.validate_tables.check_table`).
    places : iterable of str
        The gazetteer's ids.
    """
    issues, known = [], set(places)
    for line, row in table.records():
        place = row.get(S.HN_PLACE, "").strip()
        if place and place not in known:
            hint = _closest(place, known)
            issues.append(_issue(table, line, S.HN_PLACE, f"unknown place {place!r}: no gazetteer row has this id",
                                 f"did you mean {hint!r}?" if hint else "use an id of places/gazetteer.csv"))
        first, last = (parse_int(row.get(c, "").strip()) for c in (S.HN_FROM, S.HN_TO))
        if first is not None and last is not None and first > last:
            issues.append(_issue(table, line, S.HN_FROM, f"{S.HN_FROM} {first} is after {S.HN_TO} {last}",
                                 "swap them: the reading holds from the first year to the last"))
        if not (row.get(S.HN_REGIME, "").strip() or row.get(S.HN_SIGLUM, "").strip() or first is not None
                or last is not None):
            issues.append(_issue(table, line, S.HN_NAME, "the reading has no condition (regime, years or siglum), "
                                 "so it holds everywhere and the name is never ambiguous",
                                 "add the regime, years or seed in which the name stands for this place, or "
                                 "make the name a variant of the place in the gazetteer", "warning"))
    return issues
