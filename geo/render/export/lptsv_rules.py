"""The rules of LP-TSV, the World Historical Gazetteer's delimited format, as our own checker.

Re-expressed from WHG's published rules, not copied: the LP-TSV v0.5 field definitions
(``tsv_0.5.md`` of LinkedPasts/linked-places-format), the Table Schema WHG's upload validates
with (``datasets/static/validate/schema_tsv.json``), its LP-TSV JSON Schema
(``schema_lptsv_v0.4.json``) and its upload code (``datasets/utils.py`` ``validate_tsv``,
``datasets/views.py`` ``ds_insert_tsv``) of WorldHistoricalGazetteer/whgazetteer.

``lptsv_problems`` names every broken rule with its row (the header is row 1) and column;
``lptsv_table_schema`` states the cell rules as a Frictionless Table Schema.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from geo import schema as S

WHG_ALIASES: dict[str, str] = {
    "bnf": "https://data.bnf.fr/", "cerl": "https://data.cerl.org/thesaurus/", "dbp": "http://dbpedia.org/resource/",
    "gn": "http://www.geonames.org/", "gnd": "http://d-nb.info/gnd/", "gov": "http://gov.genealogy.net/",
    "loc": "http://id.loc.gov/authorities/subjects/", "pl": "https://pleiades.stoa.org/places/",
    "tgn": "http://vocab.getty.edu/page/tgn/", "viaf": "http://viaf.org/viaf/",
    "wd": "https://www.wikidata.org/wiki/", "wp": "https://wikipedia.org/wiki/",
}
"""The authorities WHG knows, by the prefix a match must use instead of their URI base."""
FCLASS_LETTERS = "AHLPRST"
DATE_PATTERN = r"-?\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?"
_DATE = re.compile(rf"^{DATE_PATTERN}(/{DATE_PATTERN})?$")
_CCODE = re.compile(r"^[A-Z]{2}$")
_ALIASED = re.compile(r"^([a-z]{1,8}):(\S+)$")
_URL = re.compile(r"^https?://[^\s/]+\.[^\s/]+\S*$")
_WIKIDATA = re.compile(r"^Q[1-9]\d*$")
_AAT = re.compile(r"^3\d{8}$")
_BCP47 = re.compile(r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*$")
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
MAX_ID, MAX_TITLE = 2044, 255
DATE_HINT = "write YYYY, YYYY-MM or YYYY-MM-DD (-0320 for 320 BCE)"


def _items(cell: str) -> list[str]:
    return [item.strip() for item in cell.split(";")]


def _date(cell: str) -> str | None:
    return None if _DATE.match(cell) else f"{cell!r} is not a year or ISO date — {DATE_HINT}"


def _ccodes(cell: str) -> str | None:
    bad = [c for c in _items(cell) if not _CCODE.match(c)]
    return f"{', '.join(map(repr, bad))}: not ISO 3166-1 alpha-2 codes — write two capitals, ';'-separated" \
        if bad else None


def _match(item: str) -> str | None:
    if _URL.match(item):
        base = next((a for a, b in WHG_ALIASES.items() if item.split("://", 1)[1].startswith(b.split("://", 1)[1])),
                    None)
        return f"{item!r}: write it with WHG's prefix {base}: instead of the URL" if base else None
    aliased = _ALIASED.match(item)
    if not aliased or aliased.group(1) not in WHG_ALIASES:
        return (f"{item!r}: not a full http(s) URL nor a prefix WHG knows "
                f"({', '.join(sorted(WHG_ALIASES))})")
    if aliased.group(1) == "wd" and not _WIKIDATA.match(aliased.group(2)):
        return f"{item!r}: a Wikidata match is wd:Q and digits"
    return None


def _matches(cell: str) -> str | None:
    return next((problem for item in _items(cell) if (problem := _match(item))), None)


def _aat_types(cell: str) -> str | None:
    bad = [a for a in _items(cell) if a and not _AAT.match(a)]
    return f"{', '.join(map(repr, bad))}: AAT ids are numbers (300008389), without 'aat:'" if bad else None


def _fclasses(cell: str) -> str | None:
    bad = [f for f in _items(cell) if len(f) != 1 or f not in FCLASS_LETTERS]
    return f"{', '.join(map(repr, bad))}: feature classes are single letters of {FCLASS_LETTERS}" if bad else None


def _variants(cell: str) -> str | None:
    for item in _items(cell):
        name, _, lang = item.rpartition("@") if "@" in item else (item, "", "")
        if not name or (lang and not _BCP47.match(lang)):
            return f"{item!r}: a variant is a name, optionally @ and a BCP 47 tag (北京@zh-Hant)"
    return None


def _degrees(limit: float) -> Callable[[str], str | None]:
    def check(cell: str) -> str | None:
        if not _NUMBER.match(cell) or not -limit <= float(cell) <= limit:
            return f"{cell!r} is not decimal degrees between {-limit:g} and {limit:g}"
        return None
    return check


def _uri(cell: str) -> str | None:
    return None if _URL.match(cell) or _ALIASED.match(cell) else f"{cell!r} is not a URI"


def _parent_id(cell: str) -> str | None:
    return None if _URL.match(cell) or re.match(r"^#\d+$", cell) else f"{cell!r} is neither a URL nor #WHG-place-id"


def _approximation(cell: str) -> str | None:
    ok = (_NUMBER.match(cell) and float(cell) >= 0) or _ALIASED.match(cell)
    return None if ok else f"{cell!r} is neither a distance in km nor a URI such as gvp:containedWithin"


def _length(limit: int) -> Callable[[str], str | None]:
    return lambda cell: f"longer than {limit} characters" if len(cell) > limit else None


CELL_RULES: dict[str, Callable[[str], str | None]] = {
    S.LP_ID: _length(MAX_ID), S.LP_TITLE: _length(MAX_TITLE), S.LP_TITLE_SOURCE: _length(MAX_TITLE),
    S.LP_START: _date, S.LP_END: _date, S.LP_ATTESTATION_YEAR: lambda c: None if re.match(r"^-?\d{1,4}$", c)
    else f"{c!r} is not a year", S.LP_CCODES: _ccodes, S.LP_MATCHES: _matches, S.LP_AAT_TYPES: _aat_types,
    S.LP_FCLASSES: _fclasses, S.LP_VARIANTS: _variants, S.LP_LON: _degrees(180), S.LP_LAT: _degrees(90),
    S.LP_TITLE_URI: _uri, S.LP_GEO_ID: _uri, S.LP_PARENT_ID: _parent_id, S.LP_APPROXIMATION: _approximation,
}
"""What each non-empty cell of a column must be; None when it is."""


def _year_of(cell: str) -> int:
    return int(re.match(r"^-?\d+", cell).group(0))


def _row_rules(row: dict[str, str]) -> list[tuple[str, str]]:
    """The rules between the cells of one row, as (column, problem)."""
    problems = []
    for column in S.LPTSV_REQUIRED:
        if column in row and not row[column]:  # a missing column is the header's problem
            problems.append((column, "is required and empty"))
    if not row.get(S.LP_START) and not row.get(S.LP_ATTESTATION_YEAR):
        problems.append((S.LP_START, "a row needs a start or an attestation_year"))
    if not row.get(S.LP_FCLASSES) and not any(_items(row.get(S.LP_AAT_TYPES, ""))):
        problems.append((S.LP_AAT_TYPES, "a row needs aat_types or fclasses"))
    start, end = row.get(S.LP_START, ""), row.get(S.LP_END, "")
    if start and end and _DATE.match(start) and _DATE.match(end) and _year_of(end) < _year_of(start):
        problems.append((S.LP_END, f"{end!r} is before the start {start!r}"))
    if len(_items(row.get(S.LP_AAT_TYPES) or "")) > len(_items(row.get(S.LP_TYPES) or "")):
        problems.append((S.LP_AAT_TYPES, "more aat_types than types: each AAT id stands for one of the types"))
    if bool(row.get(S.LP_LON)) != bool(row.get(S.LP_LAT)):
        problems.append((S.LP_LAT, "lon and lat go together"))
    if row.get(S.LP_PARENT_ID) and not row.get(S.LP_PARENT_NAME):
        problems.append((S.LP_PARENT_NAME, "a parent_id needs its parent_name"))
    return problems


def _header_problems(header: list[str]) -> list[str]:
    problems = []
    missing = [c for c in S.LPTSV_REQUIRED if c not in header]
    if missing:
        problems.append(f"row 1 (header): missing required columns: {', '.join(missing)}")
    repeated = sorted({c for c in header if header.count(c) > 1})
    if repeated:
        problems.append(f"row 1 (header): repeated columns: {', '.join(repeated)}")
    return problems


def _cell_problems(row: dict[str, str]) -> list[tuple[str, str]]:
    problems = []
    for column, cell in row.items():
        if cell.startswith('"') and cell.endswith('"') and len(cell) > 1:
            problems.append((column, "is enclosed in quotes: LP-TSV cells are never quoted"))
        rule = CELL_RULES.get(column)
        problem = rule(cell) if rule and cell else None
        if problem:
            problems.append((column, problem))
    return problems


def lptsv_problems(text: str) -> list[str]:
    """Every way ``text`` breaks LP-TSV's rules, as ``row N (id X), column C: problem`` (empty when valid).

    >>> text = "id\\ttitle\\ttitle_source\\tstart\\taat_types\\na\\tA\\tsome book\\t1122/3\\t300008389\\n"
    >>> [p.split(" —")[0] for p in lptsv_problems(text)]
    ["row 2 (id a), column start: '1122/3' is not a year or ISO date"]
    """
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines:
        return ["the file is empty: it needs a header row"]
    header = [c.strip().lower() for c in lines[0].split("\t")]
    problems = _header_problems(header)
    seen: dict[str, int] = {}
    for number, line in enumerate(lines[1:], start=2):
        cells = line.split("\t")
        if len(cells) != len(header):
            problems.append(f"row {number}: {len(cells)} cells for {len(header)} columns — a tab too many or missing")
            continue
        row = dict(zip(header, (c.strip() for c in cells)))
        where = f"row {number} (id {row.get(S.LP_ID) or '?'})"
        if row.get(S.LP_ID) in seen:
            problems.append(f"{where}, column id: repeats the id of row {seen[row[S.LP_ID]]}")
        seen.setdefault(row.get(S.LP_ID, ""), number)
        problems += [f"{where}, column {c}: {p}" for c, p in _cell_problems(row) + _row_rules(row)]
    return problems


def lptsv_table_schema() -> dict:
    """The cell rules of LP-TSV as a Frictionless Table Schema for ``gazetteer.lp.tsv``."""
    date = rf"{DATE_PATTERN}(/{DATE_PATTERN})?"
    aliases = "|".join(sorted(WHG_ALIASES))
    match = rf"(https?://[^\s/]+\.[^\s/]+\S*|({aliases}):\S+)"
    patterns = {
        S.LP_START: date, S.LP_END: date, S.LP_CCODES: r"[A-Z]{2}(;[A-Z]{2})*",
        S.LP_MATCHES: rf"{match}(;{match})*", S.LP_AAT_TYPES: r"(3\d{8})?(;(3\d{8})?)*",
        S.LP_FCLASSES: rf"[{FCLASS_LETTERS}](;[{FCLASS_LETTERS}])*",
    }
    fields = []
    for column in S.LPTSV_COLUMNS:
        field: dict = {"name": column, "type": "number" if column in (S.LP_LON, S.LP_LAT) else "string"}
        constraints: dict = {}
        if column in S.LPTSV_REQUIRED:
            constraints["required"] = True
        if column == S.LP_ID:
            constraints["unique"] = True
        if column in patterns:
            constraints["pattern"] = patterns[column]
        if column in (S.LP_LON, S.LP_LAT):
            limit = 180 if column == S.LP_LON else 90
            constraints.update(minimum=-limit, maximum=limit)
        if constraints:
            field["constraints"] = constraints
        fields.append(field)
    return {"fields": fields, "primaryKey": [S.LP_ID], "missingValues": [""]}
