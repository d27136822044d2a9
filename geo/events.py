"""Events: typed tables, dates converted to Julian Day Numbers, joined to the gazetteer.

``events_to_frame`` → ``add_jdn`` → ``join_events``: each step returns a new
table; renderers read only the result of ``join_events`` (a GeoDataFrame).
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from geo import schema as S
from geo.errors import Issue, JoinError, ValidationError
from geo.tables import Table

_INT_COLUMNS = (S.SEQ,)


def table_to_frame(table: Table) -> pd.DataFrame:
    """Turn a :class:`geo.tables.Table` into a DataFrame of nullable strings with a ``line`` column.

    Blank cells become ``<NA>``; surrounding whitespace is stripped.
    """
    frame = pd.DataFrame(list(table.rows), columns=list(table.header), dtype="string")
    for column in frame.columns:
        frame[column] = frame[column].str.strip().replace("", pd.NA)
    frame.insert(0, S.LINE, pd.array(list(table.lines), dtype="Int64"))
    frame.attrs["path"] = table.path
    return frame


def events_to_frame(table: Table) -> pd.DataFrame:
    """The events table with typed columns (``seq`` as Int64, everything else as string)."""
    frame = table_to_frame(table)
    for column in S.EVENT_COLUMNS:
        if column not in frame.columns:
            frame[column] = pd.array([pd.NA] * len(frame), dtype="string")
    for column in _INT_COLUMNS:
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("Int64")
    return frame


def add_jdn(events: pd.DataFrame, *, dates: pd.DataFrame, overwrite: bool = False) -> pd.DataFrame:
    """Add the calendar columns (``jdn_start``, ``jdn_end``, ``precision``, Julian and Gregorian dates).

    The dates were converted once by the dates stage (:func:`geo.dates.event_dates`, with each
    source's reckoning); they are matched to the events by CSV line. A date the engine rejected
    raises :class:`ValidationError` naming every bad row.

    Parameters
    ----------
    events : DataFrame
        From :func:`events_to_frame`.
    dates : DataFrame
        From :func:`geo.dates.event_dates` for the same table.
    overwrite : bool, default False
        Replace existing calendar columns instead of refusing.
    """
    added = (*S.CALENDAR_COLUMNS, S.DATE_RECKONED, S.RECKONING)
    present = [c for c in added if c in events.columns]
    if present and not overwrite:
        msg = f"events already have {', '.join(present)}; pass overwrite=True to replace them"
        raise ValueError(msg)
    by_line = dates.set_index(S.LINE).reindex(events[S.LINE].astype(int).tolist())
    bad = by_line[S.DATE_ERROR].notna().to_numpy()
    if bad.any():
        issues = [Issue(events.attrs.get("path", S.EVENTS_FILE), int(line), 0, f"date {date!r}: {err}")
                  for line, date, err in zip(events[S.LINE][bad], events[S.DATE][bad], by_line[S.DATE_ERROR][bad])]
        raise ValidationError(issues)
    out = events.drop(columns=present).copy()
    for column in added:
        dtype = "Int64" if column in (S.JDN_START, S.JDN_END) else "string"
        out[column] = pd.array(by_line[column].tolist(), dtype=dtype)
    out[S.RECKONING] = out[S.RECKONING].replace("", pd.NA)
    return out


def sort_events(events: pd.DataFrame) -> pd.DataFrame:
    """Order events in time: by start day, then end day (a day before the month holding it), then seq, line."""
    keys = [S.JDN_START, S.JDN_END, S.SEQ, S.LINE]
    return events.sort_values(keys, kind="stable", na_position="last").reset_index(drop=True)


def join_events(events: pd.DataFrame, places: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Join events to the gazetteer: one row per event with its place's point and identification.

    Raises :class:`JoinError` naming every event whose place id is not in the gazetteer.

    Parameters
    ----------
    events : DataFrame
        Events with calendar columns (:func:`add_jdn`).
    places : GeoDataFrame
        The gazetteer (:func:`geo.gazetteer.places_to_gdf`), EPSG:4326.
    """
    known = set(places[S.PLACE_ID].dropna())
    missing = events[~events[S.PLACE].isin(known)]
    if len(missing):
        rows = ", ".join(f"line {line} ({place})" for line, place in zip(missing[S.LINE], missing[S.PLACE]))
        msg = f"events name places that are not in the gazetteer: {rows} — add them to places/gazetteer.csv"
        raise JoinError(msg)
    lookup = places.set_index(S.PLACE_ID)
    joined = events.copy()
    joined[S.PLACE_NAME] = events[S.PLACE].map(lookup[S.NAME]).astype("string")
    joined[S.PLACE_PINYIN] = events[S.PLACE].map(lookup[S.PINYIN]).astype("string")
    joined[S.PLACE_MODERN] = events[S.PLACE].map(lookup[S.MODERN]).astype("string")
    joined[S.PLACE_BASIS] = events[S.PLACE].map(lookup[S.LOCATION_BASIS]).astype("string")
    joined[S.PLACE_UNCERTAINTY] = events[S.PLACE].map(lookup[S.UNCERTAINTY_KM]).astype("Float64")
    geometry = events[S.PLACE].map(lookup.geometry)
    return sort_events(gpd.GeoDataFrame(joined, geometry=list(geometry), crs="EPSG:4326"))


def campaign_events(events: gpd.GeoDataFrame, campaign: str) -> gpd.GeoDataFrame:
    """The events of one campaign (an event may belong to several, ``;``-separated)."""
    member = events[S.CAMPAIGN].fillna("").map(
        lambda cell: campaign in [c.strip() for c in cell.split(S.LIST_SEPARATOR)]
    )
    return events[member.astype(bool)].reset_index(drop=True)
