"""The JSON a map page draws, built from the joined tables.

Compact by design, so a campaign of 10,000 events stays a few megabytes. Every
table is sent as ``{"fields": [...], "rows": [[...], ...]}``: the field names once
per table, each row a list in that order, so the page decodes rows by name and a
new field cannot shift the others. Fields listed in a table's ``"strings"`` hold
indices into the page's one string table (values with few distinct forms are
stored once). Rows refer to each other by index: an event to its place and actor,
a leg to the events at both ends, a reading to its group. A group of readings of
one event (the ``reading`` key) is stored once: the members in this campaign are
the events that carry its index, the members elsewhere are rows of ``readings``.
The page draws each leg as the great circle between its places; the exact
geodesic distances stay in the downloads.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import geopandas as gpd
import pandas as pd

from geo import schema as S
from geo.render.style import ACTION_ORDER, PLACE_TYPE_COLOURS, calendar_label, in_order
from geo.routes import KM_PER_LI
from geo.tables import split_list

FORMAT_VERSION = 2
ACTOR_FIELDS = ("id", "name_en", "name_zh", "colour")
PLACE_FIELDS = ("id", "name", "pinyin", "lat", "lon", "uncertainty_km", "modern", "basis")
EVENT_FIELDS = (
    "id", "place", "actor", "action", "target", "date", "written", "calendar", "precision", "jdn_start", "days",
    "quote", "summary_en", "source", "certainty", "note", "reading", "reckoning",
)
LEG_FIELDS = (
    "actor", "source", "from_event", "to_event", "distance_km", "days_min", "days_max", "uncertain", "implausible",
)
READING_FIELDS = (
    "reading", "id", "campaign", "place", "place_name", "source", "date", "jdn_start", "days", "precision", "quote",
)
STEP_FIELDS = ("jdn", "date", "days", "precision")
GAZETTEER_FIELDS = (
    "id", "name", "name_simplified", "pinyin", "variants", "type", "modern", "location_basis", "source", "note",
    "uncertainty_km", "lat", "lon", "colour", "search", "links",
)
GAZETTEER_EVENT_FIELDS = ("place", "campaign", "id", "date", "jdn_start", "days", "precision", "action", "summary_en")
# Fields with few distinct values are stored once in the string table and referred to by index.
STRING_FIELDS = frozenset({"action", "target", "date", "written", "calendar", "precision", "source", "certainty",
                           "campaign"})


def rounded(value: float) -> float:
    """Round a coordinate to 6 decimals (about 0.1 m)."""
    return round(float(value), 6)


def bounds(points: Iterable[tuple[float, float]]) -> list[list[float]] | None:
    """``[[south, west], [north, east]]`` of (lon, lat) points, or None when there are none."""
    points = list(points)
    if not points:
        return None
    lons, lats = zip(*points)
    return [[rounded(min(lats)), rounded(min(lons))], [rounded(max(lats)), rounded(max(lons))]]


def _text(value: object) -> str:
    return "" if value is None or value is pd.NA or (isinstance(value, float) and value != value) else str(value)


class StringTable:
    """Interns repeated strings: each distinct value is stored once and referred to by its index."""

    def __init__(self) -> None:
        self.values: list[str] = []
        self._index: dict[str, int] = {}

    def __call__(self, value: str) -> int:
        """The index of ``value``, added on first use."""
        if value not in self._index:
            self._index[value] = len(self.values)
            self.values.append(value)
        return self._index[value]


def table(fields: Sequence[str], records: Iterable[dict], strings: StringTable | None = None) -> dict:
    """A table as the page reads it: field names once, rows as lists, string fields as indices.

    >>> table(("a", "b"), [{"a": 1, "b": "x"}])
    {'fields': ['a', 'b'], 'rows': [[1, 'x']], 'strings': []}
    """
    interned = [f for f in fields if f in STRING_FIELDS] if strings is not None else []
    tabled = set(interned)
    rows = [[strings(r[f]) if f in tabled else r[f] for f in fields] for r in records]
    return {"fields": list(fields), "rows": rows, "strings": interned}


def first_campaign(cell: object) -> str:
    """The first campaign id of a ``;``-separated ``campaign`` cell."""
    return next((c.strip() for c in _text(cell).split(S.LIST_SEPARATOR) if c.strip()), "")


def _days(e: dict) -> int:
    return int(e[S.JDN_END]) - int(e[S.JDN_START])


def _place_records(events: gpd.GeoDataFrame) -> list[dict]:
    first = events.drop_duplicates(S.PLACE).sort_values(S.PLACE)
    return [
        {"id": _text(e[S.PLACE]), "name": _text(e[S.PLACE_NAME]), "pinyin": _text(e[S.PLACE_PINYIN]),
         "lat": rounded(e[S.GEOMETRY].y), "lon": rounded(e[S.GEOMETRY].x),
         "uncertainty_km": float(e[S.PLACE_UNCERTAINTY]), "modern": _text(e[S.PLACE_MODERN]),
         "basis": _text(e[S.PLACE_BASIS])}
        for e in first.to_dict("records")
    ]


def _reading_groups(events: gpd.GeoDataFrame, all_events: gpd.GeoDataFrame) -> tuple[dict[str, int], list[dict]]:
    """The reading keys of this campaign's events (key -> group index) and the members outside it."""
    keys = sorted({k for k in events[S.READING].dropna() if _text(k)})
    group = {k: i for i, k in enumerate(keys)}
    inside = set(events[S.EVENT_ID])
    others = all_events[all_events[S.READING].isin(group) & ~all_events[S.EVENT_ID].isin(inside)]
    others = others.sort_values([S.READING, S.EVENT_SOURCE, S.EVENT_ID])
    rows = [
        {"reading": group[o[S.READING]], "id": _text(o[S.EVENT_ID]), "campaign": first_campaign(o[S.CAMPAIGN]),
         "place": _text(o[S.PLACE]), "place_name": _text(o[S.PLACE_NAME]), "source": _text(o[S.EVENT_SOURCE]),
         "date": _text(o[S.DATE]), "jdn_start": int(o[S.JDN_START]), "days": _days(o),
         "precision": _text(o[S.PRECISION]), "quote": _text(o[S.QUOTE])}
        for o in others.to_dict("records")
    ]
    return group, rows


def _event_records(events: gpd.GeoDataFrame, place_index: dict[str, int], actor_index: dict[str, int],
                   groups: dict[str, int]) -> list[dict]:
    return [
        {"id": _text(e[S.EVENT_ID]), "place": place_index[e[S.PLACE]], "actor": actor_index[e[S.ACTOR]],
         "action": _text(e[S.ACTION]), "target": _text(e[S.TARGET]), "date": _text(e[S.DATE]),
         "written": _text(e.get(S.DATE_AS_WRITTEN)),
         "calendar": calendar_label(_text(e[S.REGIME])), "precision": _text(e[S.PRECISION]),
         "jdn_start": int(e[S.JDN_START]), "days": _days(e), "quote": _text(e[S.QUOTE]),
         "summary_en": _text(e[S.SUMMARY_EN]), "source": _text(e[S.EVENT_SOURCE]),
         "certainty": _text(e[S.CERTAINTY]), "note": _text(e.get(S.NOTE)),
         "reading": groups.get(_text(e[S.READING]), -1), "reckoning": _text(e.get(S.RECKONING))}
        for e in events.to_dict("records")
    ]


def _leg_records(legs: gpd.GeoDataFrame, event_index: dict[str, int], actor_index: dict[str, int]) -> list[dict]:
    return [
        {"actor": actor_index[leg["actor"]], "source": _text(leg.get("source")),
         "from_event": event_index[leg["from_event"]], "to_event": event_index[leg["to_event"]],
         "distance_km": float(leg["distance_km"]), "days_min": int(leg["days_min"]), "days_max": int(leg["days_max"]),
         "uncertain": int(bool(leg["uncertain"])), "implausible": int(bool(leg["implausible"]))}
        for leg in legs.to_dict("records")
    ]


def _step_records(events: gpd.GeoDataFrame) -> list[dict]:
    """One step per distinct start day, labelled from its first event."""
    firsts = events.drop_duplicates(S.JDN_START).sort_values(S.JDN_START)
    return [{"jdn": int(e[S.JDN_START]), "date": _text(e[S.DATE]), "days": _days(e),
             "precision": _text(e[S.PRECISION])} for e in firsts.to_dict("records")]


def _actor_records(events: gpd.GeoDataFrame, actors: pd.DataFrame) -> list[dict]:
    rows = actors.set_index(S.ACTOR_ID)
    present = set(events[S.ACTOR])
    return [{"id": a, "name_en": _text(rows.loc[a, S.NAME_EN]), "name_zh": _text(rows.loc[a, S.NAME_ZH]),
             "colour": _text(rows.loc[a, S.COLOUR])} for a in rows.index if a in present]


def campaign_data(events: gpd.GeoDataFrame, legs: gpd.GeoDataFrame, actors: pd.DataFrame, *,
                  all_events: gpd.GeoDataFrame, tiles: list[dict], sources: Iterable[str] = ()) -> dict:
    """Everything one campaign page draws: places, actors, events, legs, readings, time steps, base maps.

    ``sources`` are the sigla that have a reader page (``sources/SIGLUM.html``), so citations link to it.
    """
    actor_rows = _actor_records(events, actors)
    actor_index = {a["id"]: i for i, a in enumerate(actor_rows)}
    places = _place_records(events)
    place_index = {p["id"]: i for i, p in enumerate(places)}
    groups, readings = _reading_groups(events, all_events)
    strings = StringTable()
    event_index = {eid: i for i, eid in enumerate(events[S.EVENT_ID])}
    return {
        "format": FORMAT_VERSION,
        "actors": table(ACTOR_FIELDS, actor_rows),
        "actions": in_order(events[S.ACTION], ACTION_ORDER),
        "places": table(PLACE_FIELDS, places),
        "events": table(EVENT_FIELDS, _event_records(events, place_index, actor_index, groups), strings),
        "legs": table(LEG_FIELDS, _leg_records(legs, event_index, actor_index), strings),
        "readings": table(READING_FIELDS, readings, strings),
        "steps": table(STEP_FIELDS, _step_records(events), strings),
        "strings": strings.values,
        "sources": sorted(set(sources)),
        "tiles": tiles,
        "bounds": bounds((p["lon"], p["lat"]) for p in places),
        "km_per_li": KM_PER_LI,
    }


def _romanised(text: str) -> str:
    """Toneless pinyin of every Han character in ``text``, so a variant name is found by its reading."""
    from pypinyin import Style, lazy_pinyin

    return "".join(lazy_pinyin(text, style=Style.NORMAL, errors="ignore"))


def _search_key(text: dict[str, str]) -> str:
    from geo.names import pinyin_key

    variants = [v for v in text[S.VARIANTS].split(S.VARIANT_SEPARATOR) if v.strip()]
    names = [text[S.PLACE_ID], text[S.NAME], text[S.NAME_SIMPLIFIED], text[S.PINYIN], text[S.VARIANTS],
             pinyin_key(text[S.PINYIN]), *(_romanised(v) for v in variants), text[S.MODERN]]
    return " ".join(n for n in names if n)


def _gazetteer_events(events: gpd.GeoDataFrame, place_index: dict[str, int]) -> list[dict]:
    ordered = events.sort_values([S.PLACE, S.JDN_START, S.EVENT_ID])
    return [
        {"place": place_index[e[S.PLACE]], "campaign": first_campaign(e[S.CAMPAIGN]), "id": _text(e[S.EVENT_ID]),
         "date": _text(e[S.DATE]), "jdn_start": int(e[S.JDN_START]), "days": _days(e),
         "precision": _text(e[S.PRECISION]), "action": _text(e[S.ACTION]), "summary_en": _text(e[S.SUMMARY_EN])}
        for e in ordered.to_dict("records") if e[S.PLACE] in place_index
    ]


def _authority_links(text: dict[str, str]) -> list[list[str]]:
    """``[label, address]`` of each outside record of the place (Wikidata, CHGIS, DILA, WHG)."""
    return [[f"{label} {value}", template.format(value)]
            for column, (label, template) in S.AUTHORITIES.items()
            for value in split_list(text.get(column, ""))]


def gazetteer_data(places: gpd.GeoDataFrame, *, tiles: list[dict], events: gpd.GeoDataFrame | None = None,
                   campaigns: pd.DataFrame | None = None) -> dict:
    """Every place of the gazetteer (all its name forms and its modern identification folded into one search
    key) and, when given, every event at each place across all campaigns."""
    rows = []
    for p in places.sort_values(S.PLACE_ID).to_dict("records"):
        text = {c: _text(p.get(c)) for c in S.PLACE_COLUMNS}
        rows.append({**{f: text[f] for f in GAZETTEER_FIELDS if f in text},
                     "uncertainty_km": float(p[S.UNCERTAINTY_KM]), "lat": rounded(p[S.GEOMETRY].y),
                     "lon": rounded(p[S.GEOMETRY].x), "colour": PLACE_TYPE_COLOURS.get(text[S.PLACE_TYPE], "#888888"),
                     "search": _search_key(text), "links": _authority_links(text)})
    strings = StringTable()
    place_index = {r["id"]: i for i, r in enumerate(rows)}
    found = _gazetteer_events(events, place_index) if events is not None else []
    titles = [] if campaigns is None else [
        {"id": _text(c[S.CAMPAIGN_ID]), "title_zh": _text(c[S.TITLE_ZH]), "title_en": _text(c[S.TITLE_EN])}
        for c in campaigns.sort_values(S.CAMPAIGN_ID).to_dict("records")]
    return {"format": FORMAT_VERSION, "places": table(GAZETTEER_FIELDS, rows),
            "events": table(GAZETTEER_EVENT_FIELDS, found, strings),
            "campaigns": table(("id", "title_zh", "title_en"), titles), "strings": strings.values,
            "tiles": tiles, "bounds": bounds((r["lon"], r["lat"]) for r in rows)}
