"""Read an outside gazetteer for ``geo places import``: LP-TSV, Linked Places JSON or a plain CSV.

Every kind becomes the same :class:`Incoming` records: a name and every other name form, a point
(or none), a type word, years and links to the authorities of :data:`geo.schema.AUTHORITIES`.
The kind is told by the extension and the content: JSON (``.json``, ``.jsonld``, ``.geojson`` or a
file starting with ``{``) is read as a Linked Places FeatureCollection; a delimited file (tab, comma
or ``;``, told from its header line) is an LP-TSV when it has the World Historical Gazetteer's
``id``, ``title`` and ``start`` fields, a plain CSV otherwise, read through the header spellings of
:data:`geo.schema.IMPORT_HEADERS`. Spreadsheet quirks (BOM, CRLF, blank rows, a decimal comma, a blank
or unreadable point) never stop the reading: a row without a usable point has none, with a warning.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from geo import schema as S
from geo.errors import Issue, ValidationError
from geo.tables import Table, parse_csv_text, parse_float, parse_int, split_list
from geo.text import has_han

JSON_SUFFIXES = (".json", ".jsonld", ".geojson")
NAME_COLUMNS: tuple[str, ...] = (S.NAME, S.NAME_SIMPLIFIED, S.VARIANTS)
"""Our columns whose forms an incoming name is compared with (and pinyin, for a romanised record)."""
LICENCE_NOTE = ("CHGIS coordinates are not copied into our data (we link to CHGIS, never copy its points): "
                "give new_lat and new_lon from a source you may copy and name it in new_source")

LP_TSV_FIELDS = ("id", "title", "start")
"""The fields that make a delimited file an LP-TSV (the WHG format also requires ``title_source``)."""
LINK_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (S.WIKIDATA, re.compile(r"^(?:wd:|wikidata:)(Q[1-9][0-9]*)$|wikidata\.org/(?:wiki|entity)/(Q[1-9][0-9]*)")),
    (S.CHGIS, re.compile(r"\b(hvd_[0-9]+)\b")),
    (S.DILA, re.compile(r"\b(PL[0-9]{12})\b")),
    (S.WHG, re.compile(r"^whg:([0-9]+)$|whgazetteer\.org/places/([0-9]+)")),
)
_WKT_POINT = re.compile(r"POINT\s*\(\s*(-?[0-9.]+)\s+(-?[0-9.]+)\s*\)", re.IGNORECASE)
_HEADER_SUFFIX = re.compile(r"@[A-Za-z-]+$")


@dataclass(frozen=True)
class Incoming:
    """One place of an outside gazetteer, as ``geo places import`` compares it with ours.

    ``forms`` are every name form the record carries (the name first); ``links`` are the
    authority ids it names, as ``(gazetteer column, id)`` pairs (``("chgis", "hvd_87659")``).
    """

    line: int
    id: str
    name: str
    forms: tuple[str, ...]
    lat: float | None = None
    lon: float | None = None
    pinyin: str = ""
    type: str = ""
    start: int | None = None
    end: int | None = None
    modern: str = ""
    basis: str = ""
    """How the point was found, when the extract says (a ``location_basis`` term)."""
    polity: str = ""
    uncertainty_km: float | None = None
    links: tuple[tuple[str, str], ...] = ()

    @property
    def is_chgis(self) -> bool:
        """Whether the record comes from CHGIS (its id is a TGAZ ``hvd_`` id): its point is never copied."""
        return self.id.startswith("hvd_")


@dataclass(frozen=True)
class Extract:
    """An outside gazetteer as read: its kind (``LP-TSV``, ``LPF``, ``CSV``), records and reading warnings."""

    path: str
    kind: str
    records: tuple[Incoming, ...]
    issues: tuple[Issue, ...] = field(default=())


def links_in(texts: Iterable[str]) -> tuple[tuple[str, str], ...]:
    """The authority ids named in ``texts`` (CURIEs such as ``wd:Q…``, bare TGAZ ids, the authorities' URLs).

    >>> links_in(["wd:Q877229", "https://maps.cga.harvard.edu/tgaz/placename/hvd_87659", "tgn:7000"])
    (('wikidata', 'Q877229'), ('chgis', 'hvd_87659'))
    """
    found: list[tuple[str, str]] = []
    for text in texts:
        for column, pattern in LINK_PATTERNS:
            for match in pattern.finditer(text.strip()):
                value = next(g for g in match.groups() if g)
                if (column, value) not in found:
                    found.append((column, value))
    return tuple(found)


def _unique(forms: Iterable[str]) -> tuple[str, ...]:
    seen: list[str] = []
    for form in (f.strip() for f in forms):
        if form and form not in seen:
            seen.append(form)
    return tuple(seen)


# --- delimited files: LP-TSV and plain CSV --------------------------------------------------------

def _delimiter(text: str) -> str:
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    counts = {d: first.count(d) for d in ("\t", ",", ";")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def header_roles(header: Iterable[str]) -> dict[str, str]:
    """Which input column fills which gazetteer column (see :data:`geo.schema.IMPORT_HEADERS`).

    >>> header_roles(["SYS_ID", "NAME_CH", "NAME_PY", "X_COOR", "Y_COOR", "BEG_YR"])["lat"]
    'Y_COOR'
    """
    lowered = {_HEADER_SUFFIX.sub("", h.strip()).lower(): h for h in reversed(tuple(header)) if h.strip()}
    roles = {}
    for role, spellings in S.IMPORT_HEADERS.items():
        found = next((lowered[s] for s in spellings if s in lowered), None)
        if found is not None and found not in roles.values():
            roles[role] = found
    return roles


def _layout_issue(table: Table, roles: Mapping[str, str]) -> Issue | None:
    wanted = [(S.NAME, "a name"), (S.LAT, "a latitude"), (S.LON, "a longitude")]
    point = "geowkt" in roles
    missing = [(role, what) for role, what in wanted if role not in roles and not (point and role in (S.LAT, S.LON))]
    if not missing:
        return None
    expected = "; ".join(f"{what}: one of {', '.join(S.IMPORT_HEADERS[role])}" for role, what in missing)
    msg = (f"cannot tell the layout of this file: no column for {', '.join(what for _, what in missing)} "
           f"(the columns are {', '.join(table.header) or 'none'})")
    return Issue(table.path, 1, 0, msg, f"rename the columns ({expected}; case does not matter), or export the "
                 "gazetteer as LP-TSV or Linked Places JSON")


def _point(row: Mapping[str, str], roles: Mapping[str, str]) -> tuple[float | None, float | None]:
    lat = parse_float(row.get(roles.get(S.LAT, ""), "")) if S.LAT in roles else None
    lon = parse_float(row.get(roles.get(S.LON, ""), "")) if S.LON in roles else None
    wkt = _WKT_POINT.search(row.get(roles.get("geowkt", ""), "")) if "geowkt" in roles else None
    if (lat is None or lon is None) and wkt:
        lon, lat = float(wkt[1]), float(wkt[2])
    return lat, lon


def _row_record(line: int, row: Mapping[str, str], roles: Mapping[str, str]) -> Incoming:
    def cell(role: str) -> str:
        return row.get(roles[role], "").strip() if role in roles else ""

    name, pinyin = cell(S.NAME), cell(S.PINYIN)
    variants = split_list(cell(S.VARIANTS), S.VARIANT_SEPARATOR)
    lat, lon = _point(row, roles)
    ids = [cell(c) for c in S.AUTHORITIES]
    links = links_in([cell(S.PLACE_ID), *ids, *split_list(cell("matches"))])
    links += tuple((c, v) for c in (S.WIKIDATA, S.WHG) for v in split_list(cell(c)) if (c, v) not in links)
    return Incoming(
        line=line, id=cell(S.PLACE_ID) or (links[0][1] if links else ""), name=name or pinyin,
        forms=_unique([name, cell(S.NAME_SIMPLIFIED), *variants, pinyin]), lat=lat, lon=lon, pinyin=pinyin,
        type=cell(S.PLACE_TYPE), start=parse_int(cell(S.VALID_FROM)), end=parse_int(cell(S.VALID_TO)),
        modern=cell(S.MODERN), basis=cell(S.LOCATION_BASIS), polity=cell(S.POLITY),
        uncertainty_km=parse_float(cell(S.UNCERTAINTY_KM)), links=links,
    )


def _point_warning(path: str, line: int, row: Mapping[str, str], roles: Mapping[str, str]) -> Issue:
    shown = ", ".join(f"{roles[r]} {row.get(roles[r], '').strip()!r}" for r in (S.LAT, S.LON) if r in roles)
    return Issue(path, line, 0, f"no usable point ({shown or 'no coordinates'}): the place is matched by name only",
                 "give decimal degrees, like 41.98", "warning")


def table_to_extract(table: Table) -> Extract:
    """The records of a delimited gazetteer (LP-TSV or plain CSV); a :class:`ValidationError` for an unknown layout."""
    errors = [i for i in table.issues if i.severity == "error"]
    roles = header_roles(table.header)
    layout = _layout_issue(table, roles) if table.header else None
    if errors or layout:
        raise ValidationError([*errors, *([layout] if layout else [])])
    lowered = {_HEADER_SUFFIX.sub("", h).lower() for h in table.header}
    kind = "LP-TSV" if all(f in lowered for f in LP_TSV_FIELDS) else "CSV"
    records, issues = [], list(table.issues)
    for line, row in table.records():
        record = _row_record(line, row, roles)
        if not record.name:
            issues.append(Issue(table.path, line, table.column(roles[S.NAME]), "a row without a name: skipped",
                                "fill in the name or delete the row", "warning"))
            continue
        if record.lat is None or record.lon is None:
            issues.append(_point_warning(table.path, line, row, roles))
        records.append(record)
    return Extract(table.path, kind, tuple(records), tuple(issues))


# --- Linked Places JSON ---------------------------------------------------------------------------

def _feature_lines(text: str, count: int) -> list[int]:
    """The line on which each feature of the ``features`` array starts (1 for all when it cannot be told)."""
    start = text.find('"features"')
    start = text.find("[", start) + 1 if start >= 0 else 0
    decoder, lines, pos = json.JSONDecoder(), [], start
    try:
        while start and len(lines) < count:
            while text[pos] in " \t\r\n,":
                pos += 1
            _, end = decoder.raw_decode(text, pos)
            lines.append(text.count("\n", 0, pos) + 1)
            pos = end
    except (ValueError, IndexError):
        return [1] * count
    return lines if len(lines) == count else [1] * count


def _lpf_point(geometry: object) -> tuple[float | None, float | None]:
    if not isinstance(geometry, dict):
        return None, None
    if geometry.get("type") == "GeometryCollection":
        for part in geometry.get("geometries") or []:
            lat, lon = _lpf_point(part)
            if lat is not None:
                return lat, lon
        return None, None
    coords = geometry.get("coordinates")
    if geometry.get("type") == "Point" and isinstance(coords, list) and len(coords) >= 2:
        lon, lat = (parse_float(str(c)) for c in coords[:2])
        return (lat, lon) if lat is not None and lon is not None else (None, None)
    return None, None


def _lpf_years(when: object) -> tuple[int | None, int | None]:
    spans = when.get("timespans") if isinstance(when, dict) else None
    if not spans or not isinstance(spans[0], dict):
        return None, None

    def year(end: str) -> int | None:
        bound = spans[0].get(end)
        text = str(next(iter(bound.values()), "")) if isinstance(bound, dict) and bound else ""
        match = re.match(r"^-?\d+", text)
        return int(match[0]) if match else None

    return year("start"), year("end")


def _lpf_names(feature: Mapping[str, object]) -> tuple[str, str, list[str]]:
    """The name (traditional characters first), its pinyin and every toponym."""
    names = [n for n in feature.get("names") or [] if isinstance(n, dict) and str(n.get("toponym", "")).strip()]
    toponyms = [str(n["toponym"]).strip() for n in names]
    lang = {str(n["toponym"]).strip(): str(n.get("lang", "")) for n in names}
    title = str((feature.get("properties") or {}).get("title", "")).strip()
    han = [t for t in toponyms if has_han(t)]
    name = next((t for t in han if lang[t] in ("zh-Hant", "zh")), han[0] if han else "") or title
    pinyin = next((t for t in toponyms if lang[t].startswith("zh-Latn")), "")
    return name, pinyin, toponyms


def _lpf_type(feature: Mapping[str, object]) -> str:
    for kind in feature.get("types") or []:
        if not isinstance(kind, dict):
            continue
        labels = [str(s.get("label", "")) for s in kind.get("sourceLabels") or [] if isinstance(s, dict)]
        for label in [*labels, str(kind.get("label", ""))]:
            if label.strip():
                return label.strip()
    return ""


def _lpf_record(line: int, feature: Mapping[str, object]) -> Incoming:
    name, pinyin, toponyms = _lpf_names(feature)
    identifier = str(feature.get("@id", "")).strip()
    short = re.split(r"[#/]", identifier)[-1] if identifier else ""
    lat, lon = _lpf_point(feature.get("geometry"))
    start, end = _lpf_years(feature.get("when"))
    links = links_in([identifier, *(str(link.get("identifier", "")) for link in feature.get("links") or []
                                    if isinstance(link, dict))])
    descriptions = [d for d in feature.get("descriptions") or [] if isinstance(d, dict)]
    return Incoming(line=line, id=short, name=name, forms=_unique([name, *toponyms]), lat=lat, lon=lon,
                    pinyin=pinyin, type=_lpf_type(feature), start=start, end=end,
                    modern=str(descriptions[0].get("value", "")).split(". ")[0] if descriptions else "",
                    links=links)


def _lpf_features(text: str, path: str) -> list[object]:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValidationError([Issue(path, exc.lineno, exc.colno, f"not valid JSON: {exc.msg}",
                                     "export the gazetteer again as Linked Places JSON")]) from None
    is_collection = isinstance(document, dict) and document.get("type") == "FeatureCollection"
    features = document.get("features") if is_collection else None
    if not isinstance(features, list):
        raise ValidationError([Issue(path, 1, 0, "not a Linked Places file: expected a FeatureCollection with "
                                     "'features'", "export the gazetteer as Linked Places (LPF) JSON, LP-TSV or "
                                     "a CSV with name, lat and lon columns")])
    return features


def lpf_to_extract(text: str, *, path: str) -> Extract:
    """The records of a Linked Places FeatureCollection (``properties.title``, ``names[].toponym``, a Point)."""
    features = _lpf_features(text, path)
    records, issues = [], []
    for line, feature in zip(_feature_lines(text, len(features)), features):
        record = _lpf_record(line, feature) if isinstance(feature, dict) else None
        if record is None or not record.name:
            issues.append(Issue(path, line, 0, "a feature without a title or toponym: skipped",
                                "give it properties.title or names[].toponym", "warning"))
            continue
        if record.lat is None:
            issues.append(Issue(path, line, 0, f"feature {record.id or record.name!r} has no Point: it is matched "
                                "by name only", "give it a Point geometry", "warning"))
        records.append(record)
    return Extract(path, "LPF", tuple(records), tuple(issues))


# --- either -----------------------------------------------------------------------------------------

def _decode(data: bytes, path: str) -> str:
    try:
        return data.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ValidationError([Issue(path, line, 0, "the file is not UTF-8",
                                     "save it as 'CSV UTF-8' (Excel) or 'Unicode (UTF-8)' (LibreOffice)")]) from None


def read_extract(path: str | Path, *, display: str | None = None) -> Extract:
    """Read an outside gazetteer of any kind this module knows (see the module's description).

    Raises
    ------
    ValidationError
        When the file cannot be read, is not UTF-8, is not valid JSON, or its layout is unknown.
    """
    shown = display or str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ValidationError([Issue(shown, 0, 0, f"cannot read the file: {exc.strerror}", "check the path")]) from None
    text = _decode(data, shown)
    if Path(path).suffix.lower() in JSON_SUFFIXES or text.lstrip().startswith("{"):
        return lpf_to_extract(text, path=shown)
    return table_to_extract(parse_csv_text(text, path=shown, delimiter=_delimiter(text)))
