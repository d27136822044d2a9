"""The thematic layers of a figure: routes with direction arrows, event symbols, uncertainty halos, stops.

In colour, actors differ by colour and a dashed leg marks an uncertain one; in
black and white (``grayscale``), actors differ by the line style of their
``dash`` column, by the fill of their symbols and by the shape of their stop
numbers, and an uncertain leg is drawn lighter and thinner.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Circle
from matplotlib.transforms import ScaledTranslation
from shapely.geometry import Point
from shapely.ops import unary_union

from geo import schema as S
from geo.render.figure.projection import CRS_ALBERS, Palette, to_albers

ACTION_MARKERS: dict[str, str] = {
    "capture": "s", "surrender": "D", "battle": "X", "siege": "d", "raid": "^", "flight": "v", "pursuit": ">",
    "march": "o", "camp": "p", "hunt": "1", "revolt": "*", "embassy": "h", "enthronement": "P", "death": "x",
    "appointment": "H", "cession": "<", "founding": "+", "other": ".",
}
UNFILLED = {"x", "1", "+"}
MAX_SYMBOLS = 6
PER_ROW = 3
SYMBOL_COLUMNS = ["place", "x", "y", "half_width", "half_height"]
DASH_STYLES: dict[str, object] = {
    "solid": "-", "dashed": (0, (4.0, 2.0)), "dotted": (0, (1.0, 1.3)), "dashdot": (0, (4.0, 1.5, 1.0, 1.5)),
}
UNCERTAIN_DASH = (0, (2.6, 1.8))
BADGES: tuple[str, ...] = ("circle", "square", "sawtooth", "roundtooth")
GRAY_FILLS: tuple[str, ...] = ("white", "#8c8c8c", "black", "#d0d0d0")
GRAY_UNCERTAIN = "#8c8c8c"
TYPE_MARKERS: dict[str, str] = {
    "capital": "s", "palace": "s", "prefecture": "o", "county": "o", "town": "o", "garrison": "^", "fortress": "^",
    "pass": "^", "camp": "^", "battlefield": "X", "river": "D", "lake": "D", "ford": "D", "mountain": "v",
    "region": "h", "people": "h", "polity": "h",
}


@dataclass(frozen=True)
class ActorStyle:
    """How one actor is drawn: line colour and style, symbol fill and stop-number badge."""

    name: str
    colour: str
    fill: str
    dash: object
    badge: str


FALLBACK = ActorStyle(name="", colour="#333333", fill="#bbbbbb", dash="-", badge="circle")


@dataclass(frozen=True)
class Sizes:
    """Sizes in points, chosen from the figure width."""

    label: float
    small: float
    marker: float
    line: float


def sizes_for(width_mm: float) -> Sizes:
    """Font, symbol and line sizes for a figure ``width_mm`` wide (journal column or page width)."""
    if width_mm < 120:
        return Sizes(label=6.0, small=5.0, marker=4.2, line=0.9)
    return Sizes(label=7.0, small=5.5, marker=5.0, line=1.2)


def actor_styles(actors: pd.DataFrame, ids: list[str], *, grayscale: bool) -> dict[str, ActorStyle]:
    """A style for each actor id in ``ids`` (in that order), from its colour and dash columns."""
    table = actors.set_index(S.ACTOR_ID)
    styles = {}
    for i, actor in enumerate(ids):
        row = table.loc[actor] if actor in table.index else pd.Series(dtype="object")
        name = f"{row.get(S.NAME_EN, actor)} {row.get(S.NAME_ZH, '')}".strip()
        colour = str(row.get(S.COLOUR, "#333333"))
        dash = DASH_STYLES.get(str(row.get(S.DASH, "solid")), "-") if grayscale else "-"
        styles[actor] = ActorStyle(name=name, colour="black" if grayscale else colour,
                                   fill=GRAY_FILLS[i % len(GRAY_FILLS)] if grayscale else colour,
                                   dash=dash, badge=BADGES[i % len(BADGES)])
    return styles


def _leg_style(style: ActorStyle, uncertain: bool, *, grayscale: bool, width: float) -> dict:
    if not uncertain:
        return {"color": style.colour, "linestyle": style.dash, "linewidth": width}
    if grayscale:
        return {"color": GRAY_UNCERTAIN, "linestyle": style.dash, "linewidth": width * 0.75}
    return {"color": style.colour, "linestyle": UNCERTAIN_DASH, "linewidth": width}


def draw_routes(ax: Axes, legs: gpd.GeoDataFrame, styles: dict[str, ActorStyle], *, grayscale: bool,
                sizes: Sizes) -> list[np.ndarray]:
    """Draw each leg with a direction arrow at its middle; return the projected vertices of every leg."""
    lines = []
    projected = legs.to_crs(CRS_ALBERS) if len(legs) else legs
    for _, leg in projected.iterrows():
        style = _leg_style(styles[leg["actor"]], bool(leg["uncertain"]), grayscale=grayscale, width=sizes.line)
        coords = np.asarray(leg.geometry.coords)
        ax.plot(coords[:, 0], coords[:, 1], zorder=4, solid_capstyle="round", **style)
        line = leg.geometry
        head, tail = line.interpolate(0.56, normalized=True), line.interpolate(0.5, normalized=True)
        ax.annotate("", (head.x, head.y), xytext=(tail.x, tail.y), zorder=4.5,
                    arrowprops={"arrowstyle": "-|>,head_length=0.55,head_width=0.3", "color": style["color"],
                                "linewidth": 0, "shrinkA": 0, "shrinkB": 0, "mutation_scale": sizes.marker * 2.2})
        lines.append(coords)
    return lines


def draw_halos(ax: Axes, points: pd.DataFrame, palette: Palette) -> None:
    """Faint discs of radius ``uncertainty_km`` around each place (columns x, y, km).

    The discs are merged before they are filled, so that overlapping ones do not
    darken into a blot; each keeps a thin outline.
    """
    rows = points[pd.to_numeric(points["km"], errors="coerce").fillna(0).to_numpy() > 0]
    if rows.empty:
        return
    discs = [Point(x, y).buffer(float(km) * 1000.0, quad_segs=24) for x, y, km in zip(rows["x"], rows["y"], rows["km"])]
    gpd.GeoSeries([unary_union(discs)], crs=CRS_ALBERS).plot(ax=ax, aspect=None, facecolor=palette.halo,
                                                             alpha=0.13, edgecolor="none", zorder=2)
    ax.set_xlabel("")
    ax.set_ylabel("")
    for x, y, km in zip(rows["x"], rows["y"], rows["km"]):
        ax.add_patch(Circle((x, y), float(km) * 1000.0, facecolor="none", edgecolor=palette.halo, alpha=0.45,
                            linewidth=0.25, zorder=2.1))


def _offsets(n: int, step: float) -> list[tuple[float, float]]:
    """Positions (points) of ``n`` symbols in rows of at most 3, centred on the place."""
    rows = -(-n // PER_ROW)
    out = []
    for i in range(n):
        row, col = divmod(i, PER_ROW)
        in_row = min(PER_ROW, n - row * PER_ROW)
        out.append(((col - (in_row - 1) / 2) * step, ((rows - 1) / 2 - row) * step))
    return out


def draw_event_symbols(ax: Axes, events: gpd.GeoDataFrame, styles: dict[str, ActorStyle], *,
                       sizes: Sizes) -> pd.DataFrame:
    """One symbol per (place, action, actor) in a small grid at the place (at most 6, the first in time).

    Returns each place's x, y and the half width and height of its symbols (points).
    """
    x, y = to_albers(events.geometry.x.to_numpy(), events.geometry.y.to_numpy())
    frame = pd.DataFrame({"place": events[S.PLACE].to_numpy(), "action": events[S.ACTION].to_numpy(),
                          "actor": events[S.ACTOR].to_numpy(), "x": x, "y": y})
    rows = []
    for place, group in frame.groupby("place", sort=True):
        symbols = group.drop_duplicates(["action", "actor"]).head(MAX_SYMBOLS)
        step = sizes.marker * 1.15
        offsets = _offsets(len(symbols), step)
        for (dx, dy), (_, sym) in zip(offsets, symbols.iterrows()):
            shift = ax.transData + ScaledTranslation(dx / 72.0, dy / 72.0, ax.figure.dpi_scale_trans)
            _symbol(ax, sym, styles.get(sym["actor"], FALLBACK), sizes.marker, shift)
        rows.append({"place": place, "x": group["x"].iloc[0], "y": group["y"].iloc[0],
                     "half_width": sizes.marker * 0.6 + max(abs(dx) for dx, _ in offsets),
                     "half_height": sizes.marker * 0.6 + max(abs(dy) for _, dy in offsets)})
    return pd.DataFrame(rows, columns=SYMBOL_COLUMNS)


def _symbol(ax: Axes, sym: pd.Series, style: ActorStyle, size: float, transform: object) -> None:
    marker = ACTION_MARKERS.get(str(sym["action"]), ".")
    colour = style.colour if marker in UNFILLED else "black"
    ax.plot([sym["x"]], [sym["y"]], marker=marker, markersize=size, markerfacecolor=style.fill,
            markeredgecolor=colour, markeredgewidth=0.9 if marker in UNFILLED else 0.45, linestyle="none",
            transform=transform, zorder=6)


def draw_place_symbols(ax: Axes, places: gpd.GeoDataFrame, *, sizes: Sizes, grayscale: bool) -> pd.DataFrame:
    """The gazetteer's places, shaped by type (and coloured by type unless grayscale); return x, y, width."""
    x, y = to_albers(places.geometry.x.to_numpy(), places.geometry.y.to_numpy())
    groups = places.groupby(S.PLACE_TYPE, sort=True).indices
    rank = {t: i for i, t in enumerate(S.PLACE_TYPES)}
    for ptype, idx in sorted(groups.items(), key=lambda item: -rank.get(str(item[0]), len(rank))):
        fill = _type_fill(str(ptype), grayscale=grayscale)
        ax.plot(x[idx], y[idx], marker=TYPE_MARKERS.get(str(ptype), "o"), markersize=sizes.marker * 0.9,
                markerfacecolor=fill, markeredgecolor="black", markeredgewidth=0.4, linestyle="none", zorder=6)
    half = np.full(len(places), sizes.marker * 0.55)
    return pd.DataFrame({"place": places[S.PLACE_ID].to_numpy(), "x": x, "y": y, "half_width": half,
                         "half_height": half})


def action_handles(actions: list[str], *, sizes: Sizes) -> list[Line2D]:
    """Legend entries for the actions shown (black outlines, as the symbols are filled by actor)."""
    return [Line2D([], [], marker=ACTION_MARKERS.get(a, "."), linestyle="none", markersize=sizes.marker,
                   markerfacecolor="white", markeredgecolor="black",
                   markeredgewidth=0.9 if ACTION_MARKERS.get(a) in UNFILLED else 0.45, label=a)
            for a in actions]


def actor_handles(styles: dict[str, ActorStyle], *, sizes: Sizes) -> list[Line2D]:
    """Legend entries for the actors: line style and symbol fill."""
    return [Line2D([], [], color=s.colour, linestyle=s.dash, linewidth=sizes.line, marker="o",
                   markersize=sizes.marker * 0.8, markerfacecolor=s.fill, markeredgecolor="black",
                   markeredgewidth=0.45, label=s.name) for s in styles.values()]


def _type_fill(ptype: str, *, grayscale: bool) -> str:
    from geo.render.style import PLACE_TYPE_COLOURS

    if grayscale:
        return "black" if ptype in ("capital", "palace") else "#bdbdbd"
    return PLACE_TYPE_COLOURS.get(ptype, "#777777")


def type_handles(types: list[str], *, sizes: Sizes, grayscale: bool) -> list[Line2D]:
    """Legend entries for place types (gazetteer figures); in grayscale, types drawn alike share one entry."""
    groups: dict[tuple[str, str], list[str]] = {}
    for t in types:
        key = (TYPE_MARKERS.get(t, "o"), _type_fill(t, grayscale=grayscale)) if grayscale else (t, t)
        groups.setdefault(key, []).append(t)
    return [Line2D([], [], marker=TYPE_MARKERS.get(members[0], "o"), linestyle="none", markersize=sizes.marker * 0.9,
                   markerfacecolor=_type_fill(members[0], grayscale=grayscale), markeredgecolor="black",
                   markeredgewidth=0.4, label=" / ".join(members)) for members in groups.values()]
