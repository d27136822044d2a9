"""Publication figures: a campaign (or several, or the gazetteer) as a static map a journal accepts.

The map is drawn with matplotlib and geopandas, offline, in an Albers equal-area
conic projection (:mod:`geo.render.figure.projection`), with routes, event symbols and
uncertainty (:mod:`geo.render.figure.layers`), labels placed so that they do not
collide (:mod:`geo.render.figure.labels`), a legend and a caption block
(:mod:`geo.render.figure.data`). PDF and SVG keep their text as text (searchable,
with a real CJK font from :mod:`geo.render.figure.fonts`) and are byte-identical from
one run to the next.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.text import Annotation
from matplotlib.transforms import ScaledTranslation

from geo import atomic
from geo import schema as S
from geo.render.figure import fonts
from geo.render.figure import layers as L
from geo.render.figure import projection as M
from geo.render.figure.data import LABEL_MODES, FigureData, caption_lines, select_figure_data
from geo.render.figure.labels import LabelPlacer, LabelRequest, Placement, point_box
from geo.render.style import in_order

if TYPE_CHECKING:
    from geo.pipeline import Joined

MM_PER_INCH = 25.4
MEASURE_DPI = 100.0
MARGIN = {"left": 0.24, "right": 0.05, "top": 0.05, "below": 0.2, "bottom": 0.05}
FORMATS: tuple[str, ...] = ("pdf", "svg", "png")
LABEL_BOX = {"boxstyle": "square,pad=0.06", "facecolor": "white", "edgecolor": "none", "alpha": 0.7}


@dataclass
class Canvas:
    """A figure being laid out: its map axes, sizes in inches and the measuring renderer."""

    fig: Figure
    ax: Axes
    width: float
    height: float
    map_w: float
    map_h: float
    left: float
    top: float

    def position(self) -> None:
        """Put the map axes at its fixed place from the top left, in inches."""
        left, top = self.left, self.top
        self.ax.set_position((left / self.width, (self.height - top - self.map_h) / self.height,
                              self.map_w / self.width, self.map_h / self.height))


def _canvas(width_in: float, frame: tuple[float, float, float, float], *, preview: bool) -> Canvas:
    left, right, top = (0.02, 0.02, 0.02) if preview else (MARGIN["left"], MARGIN["right"], MARGIN["top"])
    map_w = width_in - left - right
    map_h = map_w * (frame[3] - frame[2]) / (frame[1] - frame[0])
    height = top + map_h + (0.0 if preview else 6.0)
    fig = Figure(figsize=(width_in, height), dpi=MEASURE_DPI)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0, 0, 1, 1))
    canvas = Canvas(fig, ax, width_in, height, map_w, map_h, left, top)
    canvas.position()
    ax.set_aspect("auto")
    ax.set_xticks([])
    ax.set_yticks([])
    return canvas


def _fit_height(canvas: Canvas, lowest: Annotation | None) -> None:
    """Shrink the figure to end just below ``lowest`` (the caption), keeping the map where it is."""
    if lowest is None:
        canvas.height = 2 * canvas.top + canvas.map_h
    else:
        renderer = canvas.fig.canvas.get_renderer()
        canvas.height += MARGIN["bottom"] - lowest.get_window_extent(renderer).y0 / canvas.fig.dpi
    canvas.fig.set_size_inches(canvas.width, canvas.height)
    canvas.position()


def _label_text(row: pd.Series, labels: str) -> str:
    name, pinyin = str(row[S.NAME]), str(row[S.PINYIN]) if pd.notna(row[S.PINYIN]) else ""
    if labels == "zh" or not pinyin:
        return name
    return pinyin if labels == "pinyin" else f"{name}\n{pinyin}"


def _label_order(symbols: pd.DataFrame, places: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    counts = events[S.PLACE].value_counts() if len(events) else pd.Series(dtype="int64")
    table = symbols.merge(places, left_on="place", right_on=S.PLACE_ID, how="left")
    table["_capital"] = table[S.PLACE_TYPE].isin(["capital", "palace"]).astype(int)
    table["_events"] = table["place"].map(counts).fillna(0)
    return table.sort_values(["_capital", "_events", "place"], ascending=[False, False, True], kind="stable")


def stop_numbers(legs: pd.DataFrame) -> pd.DataFrame:
    """The stop numbers of each route: the start is 1, each leg's end the next; one row per (route, place).

    Returns
    -------
    DataFrame
        Columns campaign, actor, place and text (``"2"`` or ``"2,5"`` for a place visited twice).
    """
    rows = []
    for (campaign, actor), route in legs.sort_values("leg").groupby(["campaign", "actor"], sort=True):
        places = [route["from_place"].iloc[0], *route["to_place"]]
        for number, place in enumerate(places, start=1):
            rows.append({"campaign": campaign, "actor": actor, "place": place, "n": number})
    frame = pd.DataFrame(rows, columns=["campaign", "actor", "place", "n"])
    grouped = frame.groupby(["campaign", "actor", "place"], sort=False)["n"]
    out = grouped.apply(lambda ns: ",".join(str(n) for n in sorted(ns))).reset_index(name="text")
    out["first"] = grouped.min().to_numpy()
    return out.sort_values(["first", "campaign", "actor"], kind="stable").reset_index(drop=True)


def _place_stops(placer: LabelPlacer, legs: pd.DataFrame, symbols: pd.DataFrame,
                 styles: dict[str, L.ActorStyle], sizes: L.Sizes) -> None:
    where = symbols.set_index("place")
    for _, stop in stop_numbers(legs).iterrows():
        if stop["place"] not in where.index:
            continue
        style = styles[stop["actor"]]
        sym = where.loc[stop["place"]]
        box = {"boxstyle": f"{style.badge},pad=0.2", "facecolor": "white", "edgecolor": style.colour,
               "linewidth": 0.5}
        placer.place(LabelRequest(sym["x"], sym["y"], stop["text"], sizes.small, gap_x=sym["half_width"] + 2.2,
                                  gap_y=sym["half_height"] + 2.2, style={"bbox": box, "color": "black"},
                                  leader=False))


def _place_names(placer: LabelPlacer, data: FigureData, symbols: pd.DataFrame, places: pd.DataFrame,
                 *, labels: str, sizes: L.Sizes) -> None:
    for _, row in _label_order(symbols, places, data.events).iterrows():
        if pd.isna(row[S.NAME]):
            continue
        placer.place(LabelRequest(row["x"], row["y"], _label_text(row, labels), sizes.label,
                                  gap_x=row["half_width"] + 1.6, gap_y=row["half_height"] + 1.6,
                                  style={"bbox": LABEL_BOX, "linespacing": 1.0}))


def _obstacles(canvas: Canvas, symbols: pd.DataFrame, furniture: list) -> list:
    renderer = canvas.fig.canvas.get_renderer()
    boxes = [point_box(canvas.ax, r["x"], r["y"], r["half_width"], r["half_height"]) for _, r in symbols.iterrows()]
    return boxes + [artist.get_window_extent(renderer) for artist in furniture]


def _legend(canvas: Canvas, data: FigureData, styles: dict[str, L.ActorStyle], *, sizes: L.Sizes,
            grayscale: bool, palette: M.Palette) -> Legend:
    handles: list = L.actor_handles(styles, sizes=sizes)
    if data.legs["uncertain"].astype(bool).any():
        kind = {"color": L.GRAY_UNCERTAIN, "linewidth": sizes.line * 0.75} if grayscale else \
            {"color": "black", "linestyle": L.UNCERTAIN_DASH, "linewidth": sizes.line}
        handles.append(Line2D([], [], label="uncertain leg", **kind))
    handles.append(Patch(facecolor=palette.halo, alpha=0.3, edgecolor=palette.halo, linewidth=0.3,
                         label="location uncertainty"))
    actions = in_order(data.events[S.ACTION].dropna(), S.ACTIONS)
    handles += L.action_handles(actions, sizes=sizes)
    if data.gazetteer:
        types = in_order(data.places[S.PLACE_TYPE].dropna(), S.PLACE_TYPES)
        handles += L.type_handles(types, sizes=sizes, grayscale=grayscale)
    ncol = max(1, int(canvas.map_w / 1.45))
    shift = ScaledTranslation(0, -MARGIN["below"], canvas.fig.dpi_scale_trans)
    return canvas.ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0, 0),
                            bbox_transform=canvas.ax.transAxes + shift, ncol=ncol, frameon=False,
                            fontsize=sizes.small + 0.5, borderaxespad=0, borderpad=0, handlelength=2.2,
                            columnspacing=1.0, handletextpad=0.5, labelspacing=0.35)


def _wrap(text: str, width_px: float, fontsize: float, canvas: Canvas) -> str:
    from matplotlib.font_manager import FontProperties

    renderer, prop = canvas.fig.canvas.get_renderer(), FontProperties(size=fontsize)
    lines, line = [], ""
    for word in text.split(" "):
        trial = f"{line} {word}".strip()
        if line and renderer.get_text_width_height_descent(trial, prop, ismath=False)[0] > width_px:
            lines.append(line)
            trial = word
        line = trial
    return "\n".join([*lines, line])


def _caption(canvas: Canvas, anchor: Legend, data: FigureData, *, labels: str, grayscale: bool,
             sizes: L.Sizes) -> Annotation:
    width_px = canvas.map_w * canvas.fig.dpi
    size = sizes.small + 1.0
    title = canvas.ax.annotate(_wrap(data.title, width_px, size + 1, canvas), (0, 0), xycoords=anchor,
                               xytext=(0, -6), textcoords="offset points", ha="left", va="top",
                               fontsize=size + 1, fontweight="bold")
    body = "\n".join(_wrap(line, width_px, size, canvas)
                     for line in caption_lines(data, labels=labels, grayscale=grayscale))
    return canvas.ax.annotate(body, (0, 0), xycoords=title, xytext=(0, -2), textcoords="offset points",
                              ha="left", va="top", fontsize=size, linespacing=1.25)


def _points(data: FigureData) -> tuple[np.ndarray, np.ndarray]:
    if not data.frame_points:
        return np.array([115.0]), np.array([42.0])
    lon, lat = zip(*data.frame_points)
    return np.array(lon), np.array(lat)


@dataclass(frozen=True)
class Options:
    """How to draw: width, colour or black-and-white, label language, frame, preview or full figure."""

    width_mm: float = 174.0
    grayscale: bool = False
    labels: str = "both"
    extent: tuple[float, float, float, float] | None = None
    preview: bool = False


def _draw_map(canvas: Canvas, data: FigureData, frame: tuple, opts: Options, sizes: L.Sizes) -> list:
    palette = M.GRAY if opts.grayscale else M.COLOUR
    M.draw_basemap(canvas.ax, frame, palette)
    if opts.preview:
        return []
    x, y = _content_points(data)
    M.draw_graticule(canvas.ax, frame, palette, fontsize=sizes.small)
    bar_left = M.emptier_side(frame, x, y, top=False)
    scale = M.draw_scale_bar(canvas.ax, frame, fontsize=sizes.small, left=bar_left, middle=opts.width_mm >= 120)
    north = M.draw_north_arrow(canvas.ax, frame, fontsize=sizes.small, left=not bar_left)
    inset = M.draw_inset(canvas.ax, frame, palette, size=0.2 if opts.width_mm >= 120 else 0.27,
                         left=M.emptier_side(frame, x, y, top=True))
    return [scale, *north, inset]


def _content_points(data: FigureData) -> tuple[np.ndarray, np.ndarray]:
    """Projected points of what the map shows: event and gazetteer places and the vertices of the legs."""
    lon, lat = _points(data)
    coords = [np.asarray(g.coords) for g in data.legs.geometry] if len(data.legs) else []
    if coords:
        stacked = np.vstack(coords)
        lon, lat = np.concatenate([lon, stacked[:, 0]]), np.concatenate([lat, stacked[:, 1]])
    return M.to_albers(lon, lat)


def _draw_layers(canvas: Canvas, data: FigureData, joined: Joined, opts: Options,
                 sizes: L.Sizes) -> tuple[pd.DataFrame, list, dict[str, L.ActorStyle]]:
    palette = M.GRAY if opts.grayscale else M.COLOUR
    shown = {*data.legs["actor"], *data.events[S.ACTOR].dropna()}
    order = [a for a in joined.actors[S.ACTOR_ID] if a in shown]
    actors = order + sorted(shown - set(order))
    styles = L.actor_styles(joined.actors, actors, grayscale=opts.grayscale)
    lines = L.draw_routes(canvas.ax, data.legs, styles, grayscale=opts.grayscale, sizes=sizes)
    parts = []
    if len(data.events):
        parts.append(L.draw_event_symbols(canvas.ax, data.events, styles, sizes=sizes))
    if data.gazetteer:
        parts.append(L.draw_place_symbols(canvas.ax, data.places, sizes=sizes, grayscale=opts.grayscale))
    symbols = pd.concat(parts).drop_duplicates("place") if parts else pd.DataFrame(columns=L.SYMBOL_COLUMNS)
    halo = symbols[["place", "x", "y"]].merge(joined.places[[S.PLACE_ID, S.UNCERTAINTY_KM]], left_on="place",
                                                right_on=S.PLACE_ID).rename(columns={S.UNCERTAINTY_KM: "km"})
    L.draw_halos(canvas.ax, halo, palette)
    return symbols, lines, styles


def draw_figure(joined: Joined, campaigns: list[str], *, options: Options | None = None,
                until_jdn: int | None = None) -> tuple[Figure, Placement]:
    """Draw the figure (not saved) and report what became of the labels.

    Must run inside ``matplotlib.rc_context(fonts.figure_rc(...))``; see :func:`render_campaign_figure`.
    """
    opts = options or Options()
    data = select_figure_data(joined, campaigns, until_jdn=until_jdn)
    sizes = L.sizes_for(opts.width_mm)
    frame = M.frame_extent(*_points(data), opts.extent)
    canvas = _canvas(opts.width_mm / MM_PER_INCH, frame, preview=opts.preview)
    furniture = _draw_map(canvas, data, frame, opts, sizes)
    symbols, lines, styles = _draw_layers(canvas, data, joined, opts, sizes)
    renderer = canvas.fig.canvas.get_renderer()
    covers = [furniture[-1].get_window_extent(renderer)] if furniture else []
    placer = LabelPlacer(canvas.ax, renderer, obstacles=_obstacles(canvas, symbols, furniture), lines=lines,
                         covers=covers)
    _place_names(placer, data, symbols, joined.places, labels=opts.labels, sizes=sizes)
    lowest = None
    if not opts.preview:
        _place_stops(placer, data.legs, symbols, styles, sizes)
        legend = _legend(canvas, data, styles, sizes=sizes, grayscale=opts.grayscale,
                         palette=M.GRAY if opts.grayscale else M.COLOUR)
        lowest = _caption(canvas, legend, data, labels=opts.labels, grayscale=opts.grayscale, sizes=sizes)
    _fit_height(canvas, lowest)
    return canvas.fig, placer.result


def _save(fig: Figure, path: Path, *, dpi: float) -> Path:
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        msg = f"cannot write {path.name}: the figure formats are {', '.join(FORMATS)}"
        raise ValueError(msg)
    metadata = {"pdf": {"CreationDate": None}, "svg": {"Date": None}, "png": {"Software": None}}[fmt]
    with atomic.replacing(path) as temporary:  # an interrupted save leaves the previous figure
        fig.savefig(temporary, format=fmt, dpi=dpi, metadata=metadata)
    return path


def render_campaign_figure(joined: Joined, campaigns: list[str], *, path: str | Path | Sequence[str | Path],
                           width_mm: float = 174,
                           dpi: float = 600, grayscale: bool = False, labels: str = "both",
                           extent: tuple[float, float, float, float] | None = None,
                           until_jdn: int | None = None, dropped: list[str] | None = None) -> Path:
    """Draw campaigns (or ``"gazetteer"``) as a static map and write it as PDF, SVG or PNG.

    Parameters
    ----------
    joined : geo.pipeline.Joined
        The joined tables (:func:`geo.pipeline.join_project`).
    campaigns : list of str
        Campaign ids; ``"gazetteer"`` draws every place.
    path : str or Path, or a sequence of them
        Output file; its suffix (``.pdf``, ``.svg``, ``.png``) gives the format. Several paths save the
        one drawing in several formats.
    width_mm : float
        Printed width: 85 (one journal column) or 174 (full page width).
    dpi : float
        Resolution of PNG output (and of any raster part of PDF and SVG).
    grayscale : bool
        Draw for black-and-white printing.
    labels : {"zh", "pinyin", "both"}
        Place labels in Chinese characters, pinyin, or both.
    extent : tuple of float, optional
        West, south, east, north in degrees (default: around the events).
    until_jdn : int, optional
        Hide events starting after this Julian Day Number, and the legs ending at them.
    dropped : list of str, optional
        If given, the texts of the labels that fitted nowhere are appended to it.

    Returns
    -------
    Path
        The (first) file written.

    Raises
    ------
    FontError
        If no CJK font is installed.
    GeoDataError
        If a campaign id is unknown.
    ValueError
        If ``labels`` or the file's suffix is not one of those above.
    """
    if labels not in LABEL_MODES:
        msg = f"labels={labels!r}: choose one of {', '.join(LABEL_MODES)}"
        raise ValueError(msg)
    options = Options(width_mm=width_mm, grayscale=grayscale, labels=labels, extent=extent)
    with mpl.rc_context(fonts.figure_rc(fonts.find_cjk_font())):
        fig, placement = draw_figure(joined, list(campaigns), options=options, until_jdn=until_jdn)
        if dropped is not None:
            dropped.extend(placement.dropped)
        paths = [Path(path)] if isinstance(path, (str, Path)) else [Path(p) for p in path]
        for target in paths:
            _save(fig, target, dpi=dpi)
        return paths[0]


def figure_inputs(joined: Joined, campaign: str) -> tuple[str, ...]:
    """Everything of the joined tables that a campaign's figure draws, as stable text (for a cache key)."""
    data = select_figure_data(joined, [campaign])
    tables = [data.events, data.legs, data.places, joined.actors, joined.campaigns]
    head = (data.title, data.period, "|".join(data.sources), repr(data.frame_points))
    return head + tuple(frame.drop(columns="geometry", errors="ignore").to_csv(index=False) +
                 ("" if "geometry" not in frame else "\n".join(frame.geometry.to_wkt())) for frame in tables)


def render_preview_png(joined: Joined, campaign: str, *, path: str | Path, width_px: int = 480) -> Path:
    """A small PNG of one campaign (base map, routes, symbols and Chinese labels) for the site's index.

    Parameters
    ----------
    joined : geo.pipeline.Joined
        The joined tables.
    campaign : str
        A campaign id.
    path : str or Path
        The PNG file to write.
    width_px : int
        Width in pixels.
    """
    dpi = 160.0
    options = Options(width_mm=width_px / dpi * MM_PER_INCH, labels="zh", preview=True)
    with mpl.rc_context(fonts.figure_rc(fonts.find_cjk_font())):
        fig, _ = draw_figure(joined, [campaign], options=options)
        return _save(fig, Path(path), dpi=dpi)
