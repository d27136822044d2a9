"""The JSON a map page draws, built from the joined tables.

Compact by design, so a campaign of 10,000 events stays a few megabytes: places,
actors and events are tables whose rows refer to each other by index; each leg is
the indices of its two places (the page draws the great circle between them); the
exact geodesic distances stay in the downloads.
"""

from __future__ import annotations

from collections.abc import Iterable

import geopandas as gpd
import pandas as pd

from geo import schema as S
from geo.render.style import ACTION_ORDER, PLACE_TYPE_COLOURS, REGIME_NAMES, julian_label
from geo.routes import KM_PER_LI

EVENT_FIELDS = (
    "place", "actor", "action", "target", "date", "calendar", "precision", "jdn_start", "days", "quote",
    "summary_en", "source", "certainty", "note", "readings",
)
# Fields with few distinct values are stored once in a string table and referred to by index.
TABLED_FIELDS = frozenset({"action", "target", "date", "calendar", "precision", "source", "certainty"})


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


def _readings(events: gpd.GeoDataFrame, all_events: gpd.GeoDataFrame) -> dict[str, list[dict]]:
    """For each event with a ``reading`` key, the other sources' readings of the same event."""
    keyed = all_events[all_events[S.READING].notna()]
    groups = {key: group.sort_values([S.EVENT_SOURCE, S.EVENT_ID]) for key, group in keyed.groupby(S.READING)}
    out = {}
    for event_id, key in zip(events[S.EVENT_ID], events[S.READING]):
        if _text(key) and key in groups:
            others = groups[key][groups[key][S.EVENT_ID] != event_id]
            out[event_id] = [
                {"source": _text(o[S.EVENT_SOURCE]), "date": _text(o[S.DATE]), "julian": julian_label(o),
                 "quote": _text(o[S.QUOTE]), "place": _text(o[S.PLACE_NAME])}
                for o in others.to_dict("records")
            ]
    return out


def _places(events: gpd.GeoDataFrame) -> tuple[list[dict], dict[str, int]]:
    first = events.drop_duplicates(S.PLACE).sort_values(S.PLACE)
    rows = [
        {"id": _text(e[S.PLACE]), "name": _text(e[S.PLACE_NAME]), "pinyin": _text(e[S.PLACE_PINYIN]),
         "lat": rounded(e["geometry"].y), "lon": rounded(e["geometry"].x),
         "uncertainty_km": float(e[S.PLACE_UNCERTAINTY]), "modern": _text(e[S.PLACE_MODERN]),
         "basis": _text(e[S.PLACE_BASIS])}
        for e in first.to_dict("records")
    ]
    return rows, {row["id"]: i for i, row in enumerate(rows)}


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


def _event_rows(events: gpd.GeoDataFrame, place_index: dict[str, int], actor_index: dict[str, int],
                readings: dict[str, list[dict]], strings: StringTable) -> list[list]:
    rows = []
    for e in events.to_dict("records"):
        values = {
            "place": place_index[e[S.PLACE]], "actor": actor_index[e[S.ACTOR]], "action": _text(e[S.ACTION]),
            "target": _text(e[S.TARGET]), "date": _text(e[S.DATE]),
            "calendar": REGIME_NAMES.get(_text(e[S.REGIME]), _text(e[S.REGIME])), "precision": _text(e[S.PRECISION]),
            "jdn_start": int(e[S.JDN_START]), "days": int(e[S.JDN_END]) - int(e[S.JDN_START]),
            "quote": _text(e[S.QUOTE]),
            "summary_en": _text(e[S.SUMMARY_EN]), "source": _text(e[S.EVENT_SOURCE]),
            "certainty": _text(e[S.CERTAINTY]), "note": _text(e.get(S.NOTE)),
            "readings": readings.get(e[S.EVENT_ID], 0),
        }
        rows.append([strings(values[f]) if f in TABLED_FIELDS else values[f] for f in EVENT_FIELDS])
    return rows


def _leg_rows(legs: gpd.GeoDataFrame, starts: dict[str, int], place_index: dict[str, int],
              actor_index: dict[str, int]) -> list[list]:
    return [
        [actor_index[leg["actor"]], place_index[leg["from_place"]], place_index[leg["to_place"]],
         float(leg["distance_km"]), int(leg["days_max"]), int(bool(leg["uncertain"])),
         int(bool(leg["implausible"])), int(starts[leg["to_event"]])]
        for leg in legs.to_dict("records")
    ]


def _steps(events: gpd.GeoDataFrame, strings: StringTable) -> list[list[int]]:
    """One ``[jdn, date, days, precision]`` per distinct start day, from its first event (strings as indices)."""
    firsts = events.drop_duplicates(S.JDN_START).sort_values(S.JDN_START)
    return [[int(e[S.JDN_START]), strings(_text(e[S.DATE])), int(e[S.JDN_END]) - int(e[S.JDN_START]),
             strings(_text(e[S.PRECISION]))] for e in firsts.to_dict("records")]


def campaign_data(events: gpd.GeoDataFrame, legs: gpd.GeoDataFrame, actors: pd.DataFrame, *,
                  all_events: gpd.GeoDataFrame, tiles: list[dict]) -> dict:
    """Everything one campaign page draws: places, actors, events, legs, time steps, base maps."""
    actor_rows = actors.set_index(S.ACTOR_ID)
    present = set(events[S.ACTOR])
    used = [a for a in actor_rows.index if a in present]
    actor_index = {a: i for i, a in enumerate(used)}
    places, place_index = _places(events)
    strings = StringTable()
    rows = _event_rows(events, place_index, actor_index, _readings(events, all_events), strings)
    return {
        "actors": [{"id": a, "name_en": _text(actor_rows.loc[a, S.NAME_EN]),
                    "name_zh": _text(actor_rows.loc[a, S.NAME_ZH]), "colour": _text(actor_rows.loc[a, S.COLOUR])}
                   for a in used],
        "actions": [a for a in ACTION_ORDER if a in set(events[S.ACTION])],
        "places": places,
        "event_fields": list(EVENT_FIELDS),
        "tabled_fields": sorted(TABLED_FIELDS),
        "events": rows,
        "legs": _leg_rows(legs, dict(zip(events[S.EVENT_ID], events[S.JDN_START])), place_index, actor_index),
        "steps": _steps(events, strings),
        "strings": strings.values,
        "tiles": tiles,
        "bounds": bounds((p["lon"], p["lat"]) for p in places),
        "km_per_li": KM_PER_LI,
    }


def gazetteer_data(places: gpd.GeoDataFrame, *, tiles: list[dict]) -> dict:
    """Every place of the gazetteer with all its name forms folded into one search key."""
    from geo.names import pinyin_key

    rows = []
    for p in places.sort_values(S.PLACE_ID).to_dict("records"):
        text = {c: _text(p.get(c)) for c in S.PLACE_COLUMNS}
        names = [text[S.PLACE_ID], text[S.NAME], text[S.NAME_SIMPLIFIED], text[S.PINYIN], text[S.VARIANTS],
                 pinyin_key(text[S.PINYIN])]
        rows.append({
            "id": text[S.PLACE_ID], "name": text[S.NAME], "name_simplified": text[S.NAME_SIMPLIFIED],
            "pinyin": text[S.PINYIN], "variants": text[S.VARIANTS], "type": text[S.PLACE_TYPE],
            "modern": text[S.MODERN], "location_basis": text[S.LOCATION_BASIS], "source": text[S.SOURCE],
            "note": text[S.NOTE], "uncertainty_km": float(p[S.UNCERTAINTY_KM]), "lat": rounded(p["geometry"].y),
            "lon": rounded(p["geometry"].x), "colour": PLACE_TYPE_COLOURS.get(text[S.PLACE_TYPE], "#888888"),
            "search": " ".join(names),
        })
    return {"places": rows, "tiles": tiles, "bounds": bounds((r["lon"], r["lat"]) for r in rows)}
