"""Downloads: the joined tables as GeoJSON (RFC 7946) and CSV, written deterministically."""

from __future__ import annotations

import json
import math
from pathlib import Path

import geopandas as gpd
import pandas as pd
from shapely.geometry import mapping

from geo import schema as S
from geo.events import campaign_events

EVENT_EXPORT_COLUMNS = (
    *S.EVENT_COLUMNS, S.JDN_START, S.JDN_END, S.PRECISION, S.JULIAN_START, S.JULIAN_END, S.GREGORIAN_START,
    S.GREGORIAN_END, S.PLACE_NAME, S.PLACE_PINYIN, S.PLACE_UNCERTAINTY,
)


def _plain(value: object) -> object:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


def _round_coords(value: object) -> object:
    if isinstance(value, (list, tuple)):
        if value and isinstance(value[0], (int, float)):
            return [round(float(v), 6) for v in value]
        return [_round_coords(v) for v in value]
    return value


def frame_to_geojson(frame: gpd.GeoDataFrame, columns: tuple[str, ...]) -> dict:
    """An RFC 7946 FeatureCollection (lon, lat; 6 decimals) with the given property columns."""
    features = []
    for _, row in frame.iterrows():
        geometry = mapping(row.geometry)
        geometry = {"type": geometry["type"], "coordinates": _round_coords(geometry["coordinates"])}
        props = {c: _plain(row[c]) for c in columns if c in frame.columns}
        features.append({"type": "Feature", "geometry": geometry, "properties": props})
    return {"type": "FeatureCollection", "features": features}


def _dump(data: dict, path: Path) -> int:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n"
    path.write_text(text, encoding="utf-8")
    return len(text.encode("utf-8"))


def _csv(frame: pd.DataFrame, columns: tuple[str, ...], path: Path) -> int:
    present = [c for c in columns if c in frame.columns]
    text = frame[present].to_csv(index=False, lineterminator="\n")
    path.write_text(text, encoding="utf-8")
    return len(text.encode("utf-8"))


def write_downloads(joined: object, folder: Path, *, campaigns: list[str]) -> int:
    """Write every download into ``folder``; return the number of bytes written."""
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    leg_columns = tuple(c for c in joined.legs.columns if c != "geometry")
    for cid in campaigns:
        events = campaign_events(joined.events, cid)
        legs = joined.legs[joined.legs["campaign"] == cid]
        total += _dump(frame_to_geojson(events, EVENT_EXPORT_COLUMNS), folder / f"{cid}.geojson")
        total += _dump(frame_to_geojson(legs, leg_columns), folder / f"{cid}-routes.geojson")
        total += _csv(events, EVENT_EXPORT_COLUMNS, folder / f"{cid}.csv")
    places = joined.places.sort_values(S.PLACE_ID)
    total += _dump(frame_to_geojson(places, S.PLACE_COLUMNS), folder / "gazetteer.geojson")
    total += _csv(places, S.PLACE_COLUMNS, folder / "gazetteer.csv")
    return total
