"""Downloads: the joined tables as GeoJSON (RFC 7946), CSV, GeoPackage, Linked Places and LP-TSV, written
deterministically."""

from __future__ import annotations

import json
import math
from pathlib import Path

import geopandas as gpd
import pandas as pd
from shapely.geometry import mapping

from geo import schema as S
from geo.events import campaign_events
from geo.pipeline import Joined

FIXED_DATE = "2000-01-01T00:00:00.000Z"
EVENT_EXPORT_COLUMNS = (
    *S.EVENT_COLUMNS, S.DATE_RECKONED, S.RECKONING, S.JDN_START, S.JDN_END, S.PRECISION, S.JULIAN_START,
    S.JULIAN_END, S.GREGORIAN_START, S.GREGORIAN_END, S.PLACE_NAME, S.PLACE_PINYIN, S.PLACE_UNCERTAINTY,
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
    present = [c for c in columns if c in frame.columns]
    features = []
    for geom, row in zip(frame.geometry, frame[present].to_dict("records")):
        shape = mapping(geom)
        geometry = {"type": shape["type"], "coordinates": _round_coords(shape["coordinates"])}
        features.append({"type": "Feature", "geometry": geometry, "properties": {c: _plain(row[c]) for c in present}})
    return {"type": "FeatureCollection", "features": features}


def _dump(data: dict, path: Path) -> int:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
    path.write_text(text, encoding="utf-8")
    return len(text.encode("utf-8"))


def _csv(frame: pd.DataFrame, columns: tuple[str, ...], path: Path) -> int:
    present = [c for c in columns if c in frame.columns]
    text = frame[present].to_csv(index=False, lineterminator="\n")
    path.write_text(text, encoding="utf-8")
    return len(text.encode("utf-8"))


def _gpkg_layer(frame: gpd.GeoDataFrame, columns: tuple[str, ...]) -> gpd.GeoDataFrame:
    keep = [c for c in columns if c in frame.columns]
    out = frame[keep].copy()
    for column in keep:
        if str(out[column].dtype) in ("string", "object"):
            out[column] = out[column].astype(object).where(out[column].notna(), None)
    return gpd.GeoDataFrame(out, geometry=list(frame.geometry), crs=frame.crs)


def write_geopackage(layers: dict[str, tuple[gpd.GeoDataFrame, tuple[str, ...]]], path: Path) -> int:
    """Write layers into one GeoPackage with a fixed timestamp, so two builds give the same bytes."""
    import pyogrio

    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": FIXED_DATE})
    try:
        for name, (frame, columns) in layers.items():
            _gpkg_layer(frame, columns).to_file(path, layer=name, driver="GPKG", engine="pyogrio")
    finally:
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": None})
    return path.stat().st_size


def _text(text: str, path: Path) -> int:
    path.write_text(text, encoding="utf-8", newline="\n")
    return len(text.encode("utf-8"))


def write_downloads(joined: Joined, folder: Path, *, campaigns: list[str], base_url: str = "",
                    dataset_uri: str = "") -> int:
    """Write every download into ``folder``; return the number of bytes written.

    The Linked Places ``@id``s are the places' entries on the gazetteer page under ``base_url`` (where
    the site is published) when there is one, else ``dataset_uri`` and the id (by default a tag URI:
    :func:`geo.render.export.lpf.place_uri_stem`).
    """
    from geo.render.export.ccodes import places_ccodes
    from geo.render.export.lpf import place_uri_stem, places_to_lpf
    from geo.render.export.lptsv import places_to_lptsv

    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    leg_columns = tuple(c for c in joined.legs.columns if c != "geometry")
    places = joined.places.sort_values(S.PLACE_ID)
    for cid in campaigns:
        events = campaign_events(joined.events, cid)
        legs = joined.legs[joined.legs["campaign"] == cid]
        used = places[places[S.PLACE_ID].isin(set(events[S.PLACE]))]
        total += _dump(frame_to_geojson(events, EVENT_EXPORT_COLUMNS), folder / f"{cid}.geojson")
        total += _dump(frame_to_geojson(legs, leg_columns), folder / f"{cid}-routes.geojson")
        total += _csv(events, EVENT_EXPORT_COLUMNS, folder / f"{cid}.csv")
        layers = {"events": (events, EVENT_EXPORT_COLUMNS), "routes": (legs, leg_columns),
                  "places": (used, S.PLACE_COLUMNS)}
        total += write_geopackage(layers, folder / f"{cid}.gpkg")
    total += _dump(frame_to_geojson(places, S.PLACE_COLUMNS), folder / "gazetteer.geojson")
    total += _csv(places, S.PLACE_COLUMNS, folder / "gazetteer.csv")
    ccodes = places_ccodes(places)
    stem = place_uri_stem(base_url=base_url, dataset_uri=dataset_uri)
    total += _dump(places_to_lpf(places, base_uri=stem, ccodes=ccodes), folder / "gazetteer.lpf.json")
    total += _text(places_to_lptsv(places, events=joined.events, ccodes=ccodes), folder / "gazetteer.lp.tsv")
    total += write_geopackage({"places": (places, S.PLACE_COLUMNS)}, folder / "gazetteer.gpkg")
    return total
