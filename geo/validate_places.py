"""Check the gazetteer (``places/gazetteer.csv``): every problem at once, as :class:`geo.errors.Issue` values.

Pure Python plus OpenCC and pypinyin (imported on first use through :mod:`geo.names`);
no pandas, so ``geo check`` stays well under a second. At most one issue is kept per
cell, the most severe first.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from geo import schema as S
from geo.errors import Issue, ValidationError
from geo.names import has_han, pinyin_keys, pinyin_matches, to_simplified
from geo.tables import Table, comma_readings, normalise_number_text, parse_int, plain_number, split_list
from geo.text import to_simplified_each
from geo.validate_place_cells import (
    FLOAT_COLUMNS,
    INT_COLUMNS,
    PLAIN_NUMBER,
    REGION_LAT,
    REGION_LON,
    Numbers,
    fine_rows,
    has_stray_space,
    in_region,
    plain_numbers,
    vocabulary_columns,
)
from geo.validate_place_names import (
    EARTH_RADIUS_KM,
    NEAR_KM,
    duplicate_ids,
    duplicate_names,
    name_keys,
    near_duplicates,
    variant_lists,
)
from geo.validate_tables import SLUG, cell_issue, table_issue

__all__ = [
    "EARTH_RADIUS_KM", "FLOAT_COLUMNS", "INT_COLUMNS", "NEAR_KM", "canonical_number", "check_columns",
    "check_homonyms", "check_places", "has_stray_space", "normalise_cell", "validate_places",
]

NUMBER_BOUNDS: dict[str, tuple[float, float]] = {S.LAT: (-90.0, 90.0), S.LON: (-180.0, 180.0)}
COLUMN_ALIASES: dict[str, str] = {
    "latitude": S.LAT, "longitude": S.LON, "lng": S.LON, "long": S.LON, "uncertainty": S.UNCERTAINTY_KM,
    "basis": S.LOCATION_BASIS, "notes": S.NOTE, "sources": S.SOURCE, "variant": S.VARIANTS,
    "simplified": S.NAME_SIMPLIFIED, "place_type": S.PLACE_TYPE,
}

_DECIMAL = re.compile(r"^(-?)(\d+)(?:\.(\d*))?$")
_BAD_SPACE_IN_ROW = re.compile(r"(?:^|\x00)\s|\s(?:\x00|$)|[^\S \n]| {2}| \n|\n ")
_HSPACE = re.compile(r"[^\S\n]+")
_SEVERITY_RANK = {"error": 0, "warning": 1}


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
    issues = [table_issue(table, line, col, f"empty {col!r}", f"fill in the {col!r} column")
              for col in S.PLACE_REQUIRED if col in row and not row[col].strip()]
    if not _BAD_SPACE_IN_ROW.search("\x00".join(row.values())):
        return issues
    for col in table.header:
        cell = row.get(col, "")
        if cell and has_stray_space(cell):
            issues.append(table_issue(table, line, col, f"stray whitespace in {col} {cell!r}",
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
        if PLAIN_NUMBER.fullmatch(text) and not (integer and "." in text):
            values[col] = float(text)
            continue
        canon = canonical_number(text, integer=integer, column=col)
        if canon is None and "," in text:
            issues.append(_comma_issue(table, line, col, text))
            continue
        if canon is None:
            what = "a whole year" if integer and canonical_number(text) else "a number"
            hint = "write a year CE in ASCII digits, like 1122" if integer else "write a decimal number, like 41.98"
            issues.append(table_issue(table, line, col, f"{col} {text!r} is not {what}", hint))
            continue
        values[col] = float(canon)
        plain = normalise_number_text(text)
        if plain != text or ("," in plain and "." not in plain):
            issues.append(table_issue(table, line, col, f"full-width digits or punctuation in {col} {text!r}: "
                                      f"read as {canon}", "retype it in ASCII (geo places fmt does this)", "warning"))
    return values


def _comma_issue(table: Table, line: int, col: str, text: str) -> Issue:
    """A number whose comma could mean a decimal point or a thousands separator: say both, guess neither."""
    readings = comma_readings(normalise_number_text(text))
    shown = {"decimal": "with a decimal comma", "thousands": "with thousands separators"}
    if not readings:
        return table_issue(table, line, col, f"{col} {text!r} is not a number",
                           "write ASCII digits with a point for decimals and no separators, like 41.98")
    told = " or ".join(f"{value} ({shown[kind]})" for kind, value in readings.items())
    what = "is ambiguous" if len(readings) > 1 else "uses a comma"
    return table_issue(table, line, col, f"{col} {text!r} {what}: it reads as {told}",
                       f"write {' or '.join(readings.values())} in ASCII digits, a point for decimals and no "
                       "separators")


def _coordinate_issues(table: Table, line: int, row: dict[str, str], values: Numbers) -> list[Issue]:
    if S.LAT not in values or S.LON not in values:
        return []
    lat, lon = values[S.LAT], values[S.LON]
    if in_region(lat, lon):
        return []
    lat_text, lon_text = row[S.LAT].strip(), row[S.LON].strip()
    if in_region(lon, lat):
        return [table_issue(table, line, S.LAT, f"lat {lat_text!r} and lon {lon_text!r} look swapped",
                            "swap lat and lon")]
    issues = []
    if not -90 <= lat <= 90:
        issues.append(table_issue(table, line, S.LAT, f"lat {lat_text!r} is out of range", "latitude is -90 to 90"))
    if not -180 <= lon <= 180:
        issues.append(table_issue(table, line, S.LON, f"lon {lon_text!r} is out of range", "longitude is -180 to 180"))
    if issues:
        return issues
    box = f"lat {REGION_LAT[0]:g}..{REGION_LAT[1]:g}, lon {REGION_LON[0]:g}..{REGION_LON[1]:g}"
    return [table_issue(table, line, S.LAT, f"point (lat {lat_text!r}, lon {lon_text!r}) is outside East and "
                        "Inner Asia", f"check the coordinates: places should lie within {box}")]


def _range_issues(table: Table, line: int, row: dict[str, str], values: Numbers) -> list[Issue]:
    issues = _coordinate_issues(table, line, row, values)
    if values.get(S.UNCERTAINTY_KM, 0.0) < 0:
        issues.append(table_issue(table, line, S.UNCERTAINTY_KM, f"uncertainty_km {row[S.UNCERTAINTY_KM].strip()!r} "
                                  "is negative", "give the radius in km, 0 or more"))
    issues += _plausibility_issues(table, line, row, values)
    start, end = values.get(S.VALID_FROM), values.get(S.VALID_TO)
    if start is not None and end is not None and start > end:
        issues.append(table_issue(table, line, S.VALID_FROM, f"valid_from {row[S.VALID_FROM].strip()!r} is after "
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
        issues.append(table_issue(table, line, S.UNCERTAINTY_KM, f"uncertainty_km {row[S.UNCERTAINTY_KM].strip()!r} is "
                                  f"far more than a {kind} can be off (over {limit:g} km)",
                                  "check for a typo (an extra zero?); give the radius in km", "warning"))
    for col in (S.LAT, S.LON):
        text = normalise_number_text(row.get(col, ""))
        decimals = len(text.split(".", 1)[1]) if "." in text else 0
        if decimals > S.MAX_DECIMALS:
            issues.append(table_issue(table, line, col, f"{col} {text!r} has {decimals} decimals, more than the "
                                      f"{S.MAX_DECIMALS} documented", "round it: 6 decimals are 0.1 m, and no point "
                                      "here is known that well", "warning"))
    return issues


def _vocabulary_issues(table: Table, line: int, row: dict[str, str], vocabularies: S.Vocabularies) -> list[Issue]:
    issues = []
    for col, allowed in vocabulary_columns(vocabularies).items():
        value = row.get(col, "").strip()
        if value and value not in allowed:
            close = _closest(value, allowed)
            hint = (f"did you mean {close!r}? " if close else "") + f"use one of: {', '.join(allowed)}"
            issues.append(table_issue(table, line, col, f"unknown {col} {value!r}", hint))
    return issues


def _text_issues(table: Table, line: int, row: dict[str, str]) -> list[Issue]:
    issues = []
    place = row.get(S.PLACE_ID, "").strip()
    if place and not SLUG.match(place):
        what = "contains Chinese characters" if has_han(place) else "is not a slug"
        issues.append(table_issue(table, line, S.PLACE_ID, f"id {place!r} {what}",
                                  "use lower-case ASCII letters, digits and '_', starting with a letter"))
    romanised = row.get(S.PINYIN, "").strip()
    if has_han(romanised):
        issues.append(table_issue(table, line, S.PINYIN, f"pinyin {romanised!r} contains Chinese characters",
                                  "write Hanyu pinyin with tone marks, like Shàngjīng"))
    name = row.get(S.NAME, "").strip()
    for variant in split_list(row.get(S.VARIANTS, ""), S.VARIANT_SEPARATOR):
        if name and variant == name:
            issues.append(table_issue(table, line, S.VARIANTS, f"variant {variant!r} is the same as the name",
                                      "delete it from 'variants'", "warning"))
    return issues


def _reading_issues(table: Table, line: int, row: dict[str, str]) -> list[Issue]:
    return _readings(table, line, *(row.get(c, "").strip() for c in (S.NAME, S.NAME_SIMPLIFIED, S.PINYIN)))


def _readings(table: Table, line: int, name: str, simplified: str, romanised: str, *, opencc: str | None = None,
              key: str | None = None, han: bool | None = None) -> list[Issue]:
    """Warnings where the simplified form or the pinyin does not read the name.

    ``opencc`` (the name's t2s form), ``key`` (the pinyin's :func:`geo.names.pinyin_key`) and ``han`` (whether
    the pinyin holds Chinese characters) are given when a pass over the whole column already found them.
    """
    issues = []
    opencc = to_simplified(name) if opencc is None and name and simplified else opencc
    han = has_han(romanised) if han is None else han
    if name and simplified and S.NAME_SIMPLIFIED in table.header and opencc != simplified:
        issues.append(table_issue(table, line, S.NAME_SIMPLIFIED, f"name_simplified {simplified!r} differs from "
                                  f"OpenCC's {opencc!r} for {name!r}",
                                  "check it; keep it if the historical form differs", "warning"))
    if name and romanised and S.PINYIN in table.header and not han and not pinyin_matches(name, romanised, key=key):
        issues.append(table_issue(table, line, S.PINYIN, f"pinyin {romanised!r} does not match {name!r} "
                                  f"(pypinyin reads {_reading(name)!r})",
                                  "check the reading; keep it if it is a historical one (女真, 可汗)", "warning"))
    return issues


def _reading(name: str) -> str:
    from pypinyin import Style, lazy_pinyin

    return "".join(lazy_pinyin(name, style=Style.TONE)).capitalize()


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


def check_places(table: Table, *, vocabularies: S.Vocabularies = S.VOCABULARIES) -> list[Issue]:
    """Every problem of the gazetteer, sorted by line and column, at most one per cell.

    Whole columns are read first (:func:`fine_rows`); only the rows that may have a problem go through
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
    numbers, listed = plain_numbers(table), variant_lists(table)
    fine = fine_rows(table, numbers, listed, vocabularies=vocabularies)
    readings = zip(table.cells(S.NAME), table.cells(S.NAME_SIMPLIFIED), table.cells(S.PINYIN))
    distinct = sorted(set(table.cells(S.NAME)))
    opencc = dict(zip(distinct, to_simplified_each(distinct)))
    romanised = table.cells(S.PINYIN)
    keys, han = pinyin_keys(romanised), has_han("".join(romanised))
    for i, (line, ok, names) in enumerate(zip(table.lines, fine, readings)):
        if ok:
            issues += _readings(table, line, *names, opencc=opencc[names[0]], key=keys[i],
                                han=has_han(names[2]) if han else False)
            continue
        row = table.rows[i]
        numbers[i] = values = _read_numbers(table, line, row, issues)
        issues += _cell_issues(table, line, row)
        issues += _range_issues(table, line, row, values) + _vocabulary_issues(table, line, row, vocabularies)
        issues += _text_issues(table, line, row) + _reading_issues(table, line, row) + _link_issues(table, line, row)
    keys = name_keys(table, listed)
    issues += duplicate_ids(table) + duplicate_names(table, keys) + near_duplicates(table, numbers, keys)
    return _dedupe(issues)


def validate_places(table: Table) -> None:
    """Raise :class:`ValidationError` listing every issue when any of them is an error."""
    issues = check_places(table)
    if any(i.severity == "error" for i in issues):
        raise ValidationError(issues)


def check_homonyms(table: Table, *, places: Iterable[str], seeds: Iterable[str] | None = None) -> list[Issue]:
    """What the structural check of ``places/homonyms.csv`` cannot see: unknown places and seeds, inverted years.

    Parameters
    ----------
    table : Table
        The homonyms table (its structure is checked by :func:`geo.validate_tables.check_table`).
    places : iterable of str
        The gazetteer's ids.
    seeds : iterable of str, optional
        The sigla of the project's seeds: a reading bound to another siglum never applies.
    """
    issues, known, sigla = [], set(places), None if seeds is None else set(seeds)
    for line, row in table.records():
        siglum = row.get(S.HN_SIGLUM, "").strip()
        if sigla is not None and siglum and siglum not in sigla:
            close = difflib.get_close_matches(siglum, sorted(sigla), n=1, cutoff=0.5)
            hint = f"did you mean {close[0]!r}? " if close else ""
            issues.append(table_issue(table, line, S.HN_SIGLUM, f"no seed has the siglum {siglum!r}: the reading "
                                      "never applies", f"{hint}the seeds are {', '.join(sorted(sigla))}", "warning"))
        place = row.get(S.HN_PLACE, "").strip()
        if place and place not in known:
            hint = _closest(place, known)
            issues.append(table_issue(table, line, S.HN_PLACE, f"unknown place {place!r}: no gazetteer row has this id",
                                      f"did you mean {hint!r}?" if hint else "use an id of places/gazetteer.csv"))
        first, last = (parse_int(row.get(c, "").strip()) for c in (S.HN_FROM, S.HN_TO))
        if first is not None and last is not None and first > last:
            issues.append(table_issue(table, line, S.HN_FROM, f"{S.HN_FROM} {first} is after {S.HN_TO} {last}",
                                      "swap them: the reading holds from the first year to the last"))
        if not (row.get(S.HN_REGIME, "").strip() or row.get(S.HN_SIGLUM, "").strip() or first is not None
                or last is not None):
            issues.append(table_issue(table, line, S.HN_NAME, "the reading has no condition (regime, years or siglum), "
                                      "so it holds everywhere and the name is never ambiguous",
                                      "add the regime, years or seed in which the name stands for this place, or "
                                      "make the name a variant of the place in the gazetteer", "warning"))
    return issues
