"""Merge an outside gazetteer into ours in one reviewed step (``geo places import``): match, review, apply.

1. :func:`match_extract` compares every record of an :class:`~geo.places_import_read.Extract` with our rows by
   every name form (traditional, simplified, variants: the fold of :mod:`geo.text`; pinyin without tones only
   for a record with no name in characters) and by authority id, then by great-circle distance. A record is
   ``matched`` (one of our rows has the name within :func:`limit_km`), ``conflicting`` (the name is ours but
   the point is far, several of our rows fit, an authority id disagrees, or there is no point to compare) or
   ``new`` (no row of ours has any of its names).
2. :func:`review_rows` turns the matches into the rows of the review file (:data:`geo.schema.REVIEW_COLUMNS`):
   what matched and how far, and the cells the import would write (``new_id`` … ``new_whg``).
3. :func:`apply_review` applies the rows whose ``decision`` is ``accept``: a row with ``our_id`` links that
   row (authority ids into empty cells or the ``chgis`` list, names as variants; never a coordinate); a row
   without adds a new place. CHGIS points are never copied: a new row from CHGIS needs a point from
   elsewhere. The result is checked by the caller before anything is written.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from geo import schema as S
from geo.names import normalise_name, pinyin_key
from geo.places_import_read import LICENCE_NOTE, NAME_COLUMNS, Extract, Incoming
from geo.tables import Table, parse_float, split_list
from geo.text import has_han, to_simplified
from geo.validate_places import EARTH_RADIUS_KM

EXTENDED_TYPES = ("river", "lake", "mountain", "camp")
BASE_KM: dict[str, float] = {**dict.fromkeys(S.AREA_TYPES, 100.0), **dict.fromkeys(EXTENDED_TYPES, 50.0)}
"""How far beyond our row's ``uncertainty_km`` a same-name point may lie and still match (20 km otherwise)."""
POINT_BASE_KM = 20.0
DEFAULT_UNCERTAINTY_KM: dict[str, str] = {**dict.fromkeys(S.AREA_TYPES, "200"),
                                          **dict.fromkeys(EXTENDED_TYPES, "50"), "capital": "5"}
"""The ``new_uncertainty_km`` proposed for a record that gives none (10 km otherwise)."""
IMPORTED_BASIS = "historical_atlas"
SUFFIXES = "州府縣县軍军城寨鎮镇關关山嶺岭河水江谷濼泺泊淀湖路道店島岛口"
"""Characters written as their own pinyin word and id part (安德州 → Āndé zhōu, ``ande_zhou``)."""
TYPE_WORDS: dict[str, str] = {
    **{t: t for t in S.PLACE_TYPES}, "city": "town", "zhou": "prefecture", "fu": "prefecture", "xian": "county",
    "jun": "garrison", "zhen": "town", "zhai": "town", "cheng": "town", "settlement": "town", "village": "town",
    "guan": "pass", "shan": "mountain", "he": "river", "shui": "river", "jiang": "river", "hu": "lake",
    "lu": "region", "dao": "region", "circuit": "region", "military installation": "garrison",
    "fortification": "fortress", "historical region": "region", "cultural group": "people",
    "cantonment": "camp", "州": "prefecture", "府": "prefecture", "縣": "county", "县": "county",
    "軍": "garrison", "军": "garrison", "鎮": "town", "镇": "town", "寨": "town", "城": "town", "關": "pass",
    "关": "pass", "路": "region", "道": "region", "京": "capital", "山": "mountain", "嶺": "mountain",
    "岭": "mountain", "河": "river", "水": "river", "江": "river", "湖": "lake", "泊": "lake", "濼": "lake",
    "泺": "lake", "淀": "lake",
}
"""Type words of other gazetteers (CHGIS ``TYPE_PY``/``TYPE_CH``, Getty AAT labels) → our type."""


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (haversine, mean Earth radius).

    >>> round(haversine_km(43.98, 119.38, 41.58, 118.97))
    269
    """
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, a)))


def limit_km(row: Mapping[str, str], *, within: float | None = None) -> float:
    """How far a same-name point may lie from our ``row`` and still be the same place.

    ``within`` (the ``--within`` option) or a base by type (20 km; rivers, lakes, mountains, camps 50;
    regions, peoples, polities 100), plus the row's ``uncertainty_km``.

    >>> limit_km({"type": "prefecture", "uncertainty_km": "8"}), limit_km({"type": "lake"}, within=5)
    (28.0, 5.0)
    """
    base = within if within is not None else BASE_KM.get(row.get(S.PLACE_TYPE, "").strip(), POINT_BASE_KM)
    return base + max(0.0, parse_float(row.get(S.UNCERTAINTY_KM, "")) or 0.0)


# --- matching -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Candidate:
    """One of our rows that carries a name form (or an authority id) of an incoming record."""

    place: str
    column: str
    """The column of our row that matched (``name``, ``name_simplified``, ``variants``, ``pinyin``, or an
    authority's column such as ``chgis`` when only an id is shared)."""
    form: str
    strength: int
    """0: the record's name is our name; 1: its name is another of our forms; 2: another of its forms is
    one of ours; 3: they are equal only once folded (variant characters, tones); 4: an authority id only."""
    linked: bool
    """Whether an authority id of the record is one of the row's."""
    km: float | None
    limit: float

    @property
    def near(self) -> bool:
        """Whether the points are within the limit (False when either has none)."""
        return self.km is not None and self.km <= self.limit


@dataclass(frozen=True)
class Match:
    """An incoming record, its status, the row of ours it is compared with, and why."""

    record: Incoming
    status: str
    candidate: Candidate | None = None
    note: str = ""


@dataclass(frozen=True)
class Ours:
    """Our gazetteer, indexed once for matching."""

    rows: dict[str, dict[str, str]]
    names: dict[str, list[tuple[str, str, str]]]
    pinyin: dict[str, list[tuple[str, str, str]]]
    links: dict[tuple[str, str], list[str]]
    points: dict[str, tuple[float, float]] = field(default_factory=dict)


def index_ours(table: Table) -> Ours:
    """Index our rows by name key, pinyin key, authority id and point."""
    rows, names, pinyin, links, points = {}, {}, {}, {}, {}
    for row in table.rows:
        place = row.get(S.PLACE_ID, "").strip()
        if not place or place in rows:
            continue
        rows[place] = row
        for column in NAME_COLUMNS:
            for form in split_list(row.get(column, ""), S.VARIANT_SEPARATOR):
                names.setdefault(normalise_name(form), []).append((place, column, form))
        if pinyin_key(row.get(S.PINYIN, "")):
            pinyin.setdefault(pinyin_key(row[S.PINYIN]), []).append((place, S.PINYIN, row[S.PINYIN].strip()))
        for column in S.AUTHORITIES:
            for value in split_list(row.get(column, "")):
                links.setdefault((column, value), []).append(place)
        lat, lon = parse_float(row.get(S.LAT, "")), parse_float(row.get(S.LON, ""))
        if lat is not None and lon is not None:
            points[place] = (lat, lon)
    return Ours(rows, names, pinyin, links, points)


def _strength(form: str, primary: str, ours_form: str, column: str) -> int:
    if "".join(form.split()) != "".join(ours_form.split()):
        return 3
    if form == primary:
        return 0 if column == S.NAME else 1
    return 2


def _hits(record: Incoming, ours: Ours) -> dict[str, tuple[str, str, int]]:
    """Our ids carrying a name form of ``record`` → (our column, our form, strength), the strongest per row."""
    han = [f for f in record.forms if has_han(f)]
    keyed = [(normalise_name(f), f, ours.names) for f in han]
    if not han:  # a romanised record: its names are compared as toneless pinyin
        keyed = [(pinyin_key(f), f, ours.pinyin) for f in record.forms]
    rank = {c: n for n, c in enumerate((*NAME_COLUMNS, S.PINYIN))}
    best: dict[str, tuple[str, str, int]] = {}
    for key, form, index in keyed:
        for place, column, ours_form in index.get(key, ()) if key else ():
            hit = (column, ours_form, _strength(form, record.name, ours_form, column))
            old = best.get(place)
            if old is None or (old[2], rank[old[0]]) > (hit[2], rank[column]):
                best[place] = hit
    return best


def candidates(record: Incoming, ours: Ours, *, within: float | None = None) -> list[Candidate]:
    """Our rows that carry a name form or an authority id of ``record``, nearest first."""
    hits = _hits(record, ours)
    linked = {place: (column, value) for column, value in record.links for place in ours.links.get((column, value), ())}
    found = []
    for place in {*hits, *linked}:
        column, form, strength = hits.get(place) or (*linked[place], 4)
        point = ours.points.get(place)
        km = (haversine_km(record.lat, record.lon, *point)
              if point and record.lat is not None and record.lon is not None else None)
        found.append(Candidate(place, column, form, strength, place in linked, km,
                               limit_km(ours.rows[place], within=within)))
    return sorted(found, key=lambda c: (c.km is None, c.km or 0.0, c.place))


def _disagreement(record: Incoming, row: Mapping[str, str]) -> str:
    """What an authority id of ``record`` says against ``row`` (empty when nothing disagrees)."""
    said = []
    for column, (authority, _) in S.AUTHORITIES.items():
        theirs = [v for c, v in record.links if c == column]
        mine = split_list(row.get(column, ""))
        if theirs and mine and not set(theirs) & set(mine):
            said.append(f"{authority} ids differ (ours {';'.join(mine)}, the import's {';'.join(theirs)})")
    return "; ".join(said)


def _km(c: Candidate) -> str:
    return "no point" if c.km is None else f"{c.km:.1f} km"


def _pick(near: Sequence[Candidate]) -> Candidate | None:
    """The one near candidate that fits best: the only one linked by an authority id, else the only strongest."""
    linked = [c for c in near if c.linked]
    if len(linked) == 1:
        return linked[0]
    pool = linked or near
    strongest = [c for c in pool if c.strength == min(c.strength for c in pool)]
    return strongest[0] if len(strongest) == 1 else None


def classify(record: Incoming, found: Sequence[Candidate], rows: Mapping[str, Mapping[str, str]]) -> Match:
    """The status of ``record`` from its candidates (see :func:`candidates`)."""
    if not found:
        return Match(record, S.NEW)
    near = [c for c in found if c.near]
    if not near:
        first = found[0]
        why = ("no point to compare" if first.km is None
               else f"{first.km:.1f} km apart (a match needs {first.limit:g} km or less)")
        return Match(record, S.CONFLICTING, first, f"same {first.column} as {first.place} ({first.form}) but {why}")
    chosen = near[0] if len(near) == 1 else _pick(near)
    if chosen is None:
        named = ", ".join(f"{c.place} ({_km(c)})" for c in near)
        return Match(record, S.CONFLICTING, near[0], f"fits several of our rows: {named}")
    against = _disagreement(record, rows[chosen.place])
    if against:
        return Match(record, S.CONFLICTING, chosen, against)
    others = ", ".join(f"{c.place} ({_km(c)})" for c in found if c is not chosen)
    return Match(record, S.MATCHED, chosen, f"also named so: {others}" if others else "")


def match_extract(extract: Extract, gazetteer: Table, *, within: float | None = None) -> list[Match]:
    """Every record of ``extract`` compared with ``gazetteer``, in the order of the extract.

    Parameters
    ----------
    extract : Extract
        The outside gazetteer (:func:`geo.places_import_read.read_extract`).
    gazetteer : Table
        Ours, as read by :func:`geo.tables.read_table`.
    within : float, optional
        Base distance in km instead of the type's (see :func:`limit_km`).
    """
    ours = index_ours(gazetteer)
    return [classify(r, candidates(r, ours, within=within), ours.rows) for r in extract.records]


# --- the review file ----------------------------------------------------------------------------

def tone_pinyin(name: str) -> str:
    """Pinyin with tone marks in the gazetteer's style: syllables of one word joined, a suffix apart.

    >>> tone_pinyin("安德州"), tone_pinyin("上京")
    ('Āndé zhōu', 'Shàngjīng')
    """
    from pypinyin import Style, lazy_pinyin

    stem, suffix = (name[:-1], name[-1]) if len(name) > 1 and name[-1] in SUFFIXES else (name, "")
    words = ["".join(lazy_pinyin(part, style=Style.TONE)) for part in (stem, suffix) if part]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def proposed_id(pinyin: str, taken: set[str]) -> str:
    """An id slug from pinyin (``Āndé zhōu`` → ``ande_zhou``), made unique against ``taken`` (which it joins).

    >>> proposed_id("Āndé zhōu", {"ande_zhou"})
    'ande_zhou_2'
    """
    slug = "_".join(filter(None, (pinyin_key(w) for w in pinyin.replace("-", " ").split()))) or "place"
    slug = slug if slug[0].isalpha() else f"place_{slug}"
    chosen, n = slug, 1
    while chosen in taken:
        n += 1
        chosen = f"{slug}_{n}"
    taken.add(chosen)
    return chosen


def guess_type(record: Incoming) -> str:
    """Our type for the record's type words, else for the last character of its name; empty when unknown.

    >>> guess_type(Incoming(1, "", "寧江州", ("寧江州",), type="Zhou")), guess_type(Incoming(1, "", "大魚濼", ()))
    ('prefecture', 'lake')
    """
    for word in split_list(record.type.replace(",", ";")):
        if word.lower() in TYPE_WORDS:
            return TYPE_WORDS[word.lower()]
    return TYPE_WORDS.get(record.name[-1:], "") if has_han(record.name) else ""


def _number(value: float | None) -> str:
    return "" if value is None else f"{round(value, 6):.6f}".rstrip("0").rstrip(".")


def _link_cells(record: Incoming, row: Mapping[str, str] | None) -> dict[str, str]:
    cells = {}
    for column in S.AUTHORITIES:
        mine = set(split_list(row.get(column, ""))) if row else set()
        theirs = [v for c, v in record.links if c == column and v not in mine]
        cells[S.NEW_PREFIX + column] = ";".join(theirs)
    return cells


def _name_cells(record: Incoming, row: Mapping[str, str] | None) -> dict[str, str]:
    """The names to write: for a new row all of them; for a link to ``row`` the forms in characters it lacks."""
    if row is not None:
        keys = {normalise_name(f) for c in NAME_COLUMNS for f in split_list(row.get(c, ""), S.VARIANT_SEPARATOR)}
        missing = [f for f in record.forms if has_han(f) and normalise_name(f) not in keys]
        return {S.NEW_PREFIX + S.VARIANTS: ";".join(dict.fromkeys(missing))}
    simplified = to_simplified(record.name) if has_han(record.name) else ""
    variants = [f for f in record.forms if has_han(f) and f not in (record.name, simplified)]
    return {S.NEW_PREFIX + S.NAME: record.name, S.NEW_PREFIX + S.NAME_SIMPLIFIED: simplified,
            S.NEW_PREFIX + S.VARIANTS: ";".join(variants)}


def _place_cells(record: Incoming, *, source: str, taken: set[str]) -> dict[str, str]:
    kind = guess_type(record)
    pinyin = record.pinyin if not record.pinyin.isascii() else ""  # given with tone marks
    pinyin = pinyin or (tone_pinyin(record.name) if has_han(record.name) else record.pinyin or record.name)
    chgis = record.is_chgis
    cells = {
        S.PLACE_ID: proposed_id(record.pinyin or pinyin, taken), S.PINYIN: pinyin, S.PLACE_TYPE: kind,
        S.LAT: "" if chgis else _number(record.lat), S.LON: "" if chgis else _number(record.lon),
        S.UNCERTAINTY_KM: _number(record.uncertainty_km) or DEFAULT_UNCERTAINTY_KM.get(kind, "10"),
        S.LOCATION_BASIS: "" if chgis else (record.basis or IMPORTED_BASIS), S.MODERN: record.modern,
        S.POLITY: record.polity,
        S.VALID_FROM: "" if record.start is None else str(record.start),
        S.VALID_TO: "" if record.end is None else str(record.end),
        S.SOURCE: f"{source} {record.id}".strip(),
    }
    return {S.NEW_PREFIX + c: v for c, v in cells.items()}


def _what_it_does(cells: Mapping[str, str]) -> str:
    adds = [f"{c.removeprefix(S.NEW_PREFIX)} {cells[c]}" for c in (S.NEW_PREFIX + a for a in S.AUTHORITIES)
            if cells.get(c)]
    adds += [f"variant {v}" for v in split_list(cells.get(S.NEW_PREFIX + S.VARIANTS, ""))]
    return "accept adds " + ", ".join(adds) if adds else "already linked: nothing to add"


def review_row(match: Match, ours: Mapping[str, Mapping[str, str]], *, source: str, taken: set[str]) -> dict[str, str]:
    """One row of the review file for ``match`` (``decision`` left empty)."""
    record, chosen = match.record, match.candidate
    row = ours.get(chosen.place) if chosen else None
    cells = {**_name_cells(record, row if match.status == S.MATCHED else None), **_link_cells(record, row)}
    notes = [match.note]
    if match.status == S.MATCHED:
        notes.append(_what_it_does(cells))
    else:
        cells.update(_place_cells(record, source=source, taken=taken))
        notes.append(LICENCE_NOTE if record.is_chgis else "")
    return {
        **dict.fromkeys(S.REVIEW_COLUMNS, ""), S.STATUS: match.status, S.INCOMING_ID: record.id,
        S.INCOMING_NAME: record.name,
        S.INCOMING_LAT: "" if record.is_chgis else _number(record.lat),
        S.INCOMING_LON: "" if record.is_chgis else _number(record.lon),
        S.OUR_ID: chosen.place if chosen else "", S.OUR_NAME: row.get(S.NAME, "").strip() if row else "",
        S.DISTANCE_KM: "" if chosen is None or chosen.km is None else f"{chosen.km:.1f}",
        S.MATCHED_BY: chosen.column if chosen else "", S.REVIEW_NOTE: "; ".join(n for n in notes if n), **cells,
    }


def review_rows(matches: Sequence[Match], gazetteer: Table, *, source: str,
                accept: Iterable[str] = ()) -> list[dict[str, str]]:
    """The review file's rows: conflicting first, then new, then matched, each in the extract's order.

    ``source`` names the imported file in ``new_source``; rows whose status is in ``accept`` get
    ``decision`` ``accept`` (``geo places import FILE --accept matched new``).
    """
    ours = index_ours(gazetteer).rows
    taken = set(ours)
    order = {S.CONFLICTING: 0, S.NEW: 1, S.MATCHED: 2}
    chosen = set(accept)
    rows = []
    for match in sorted(matches, key=lambda m: (order[m.status], m.record.line)):
        row = review_row(match, ours, source=source, taken=taken)
        row[S.DECISION] = S.ACCEPT if match.status in chosen else ""
        rows.append(row)
    return rows


def review_csv(rows: Sequence[Mapping[str, str]]) -> str:
    """The review rows as CSV text (:data:`geo.schema.REVIEW_COLUMNS`, ``\\n`` line ends)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(S.REVIEW_COLUMNS), lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()
