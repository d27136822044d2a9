"""Greedy label placement: labels that overlap neither each other, nor the symbols, nor the routes.

Each label tries 8 positions around its point (right, upper right, lower right,
left, upper left, lower left, above, below), in that order, and takes the first
whose box stays inside the map and clear of every label already placed, every
symbol, the map furniture and every route segment. A label that fits nowhere
close tries the same directions further out with a thin leader line, and is
dropped when even those are taken. Boxes are measured in display units with the
figure's own renderer, so the test is exact for the font actually used.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.text import Annotation
from matplotlib.transforms import Bbox
from shapely.geometry import LineString, MultiLineString, box
from shapely.prepared import prep

# (unit dx, unit dy, horizontal alignment, vertical alignment), in order of preference.
DIRECTIONS: tuple[tuple[float, float, str, str], ...] = (
    (1.0, 0.0, "left", "center"), (1.0, 1.0, "left", "bottom"), (1.0, -1.0, "left", "top"),
    (-1.0, 0.0, "right", "center"), (-1.0, 1.0, "right", "bottom"), (-1.0, -1.0, "right", "top"),
    (0.0, 1.0, "center", "bottom"), (0.0, -1.0, "center", "top"),
)
LEADER_STEPS: tuple[float, ...] = (2.4, 3.8, 5.6, 8.0)


@dataclass
class LabelRequest:
    """One label to place at a point given in data coordinates.

    ``gap_x`` and ``gap_y`` are the distances in points from the point to the
    candidate positions beside and above it (the half width and half height of
    the symbols there, plus a little air).
    """

    x: float
    y: float
    text: str
    fontsize: float
    gap_x: float = 3.0
    gap_y: float = 3.0
    style: dict = field(default_factory=dict)
    leader: bool = True


@dataclass
class Placement:
    """What became of the labels: placed artists and the texts that were dropped."""

    placed: list[Annotation] = field(default_factory=list)
    leadered: list[Annotation] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)


class LabelPlacer:
    """Place labels greedily on ``ax`` avoiding boxes (display units) and route lines (data units).

    ``covers`` are boxes drawn over the map (the inset): points under them get no label.
    Leader lines are kept clear of the labels already placed, and later labels keep clear of them.
    """

    def __init__(self, ax: Axes, renderer: RendererBase, *, obstacles: list[Bbox], lines: list[np.ndarray],
                 covers: list[Bbox] | None = None) -> None:
        self.ax = ax
        self.covers = list(covers or [])
        self.renderer = renderer
        self.frame = ax.get_window_extent(renderer).padded(-2.0)
        self.boxes = np.array([b.extents for b in obstacles], dtype=float).reshape(-1, 4)
        self.labels: list[Bbox] = []
        self.leaders: list[LineString] = []
        segments = [ax.transData.transform(np.asarray(line)) for line in lines if len(line) >= 2]
        self.routes = prep(MultiLineString([LineString(s) for s in segments])) if segments else None
        self.result = Placement()
        self.px_per_pt = ax.figure.dpi / 72.0
        self._size = (Bbox.unit(), 0.0, 0.0)

    def _free(self, bb: Bbox) -> bool:
        if not (self.frame.contains(bb.x0, bb.y0) and self.frame.contains(bb.x1, bb.y1)):
            return False
        b = self.boxes
        if np.any((b[:, 0] < bb.x1) & (b[:, 2] > bb.x0) & (b[:, 1] < bb.y1) & (b[:, 3] > bb.y0)):
            return False
        shape = box(bb.x0, bb.y0, bb.x1, bb.y1)
        if any(shape.intersects(leader) for leader in self.leaders):
            return False
        return self.routes is None or not self.routes.intersects(shape)

    def _extent(self, ann: Annotation) -> Bbox:
        bb = ann.get_window_extent(self.renderer)
        patch = ann.get_bbox_patch()
        if patch is not None:
            ann.update_bbox_position_size(self.renderer)
            bb = Bbox.union([bb, patch.get_window_extent(self.renderer)])
        return bb.padded(0.8 * self.px_per_pt)

    def _leader_line(self, request: LabelRequest, bb: Bbox) -> LineString:
        px, py = self.ax.transData.transform((request.x, request.y))
        tx, ty = min(max(px, bb.x0), bb.x1), min(max(py, bb.y0), bb.y1)
        start = min(request.gap_x, request.gap_y) * self.px_per_pt * 0.8 / max(math.hypot(tx - px, ty - py), 1e-9)
        return LineString([(px + (tx - px) * start, py + (ty - py) * start), (tx, ty)])

    def _leader_clear(self, line: LineString) -> bool:
        inner = line.interpolate(0.97, normalized=True)
        clipped = LineString([line.coords[0], (inner.x, inner.y)])
        return not any(clipped.intersects(box(b.x0, b.y0, b.x1, b.y1)) for b in self.labels) and not any(
            clipped.crosses(other) for other in self.leaders)

    def _measure(self, ann: Annotation, request: LabelRequest) -> tuple[Bbox, float, float]:
        """The label's box (with its background and air) relative to its point when set left/bottom at it."""
        ann.xyann = (0.0, 0.0)
        ann.set_horizontalalignment("left")
        ann.set_verticalalignment("bottom")
        text = ann.get_window_extent(self.renderer)
        px, py = self.ax.transData.transform((request.x, request.y))
        return self._extent(ann).translated(-px, -py), text.width, text.height

    def _try(self, ann: Annotation, request: LabelRequest, reach: float) -> Bbox | None:
        """Try the 8 positions at ``reach`` times the gap; the boxes are moved, not measured again."""
        rel, width, height = self._size
        px, py = self.ax.transData.transform((request.x, request.y))
        for dx, dy, ha, va in DIRECTIONS:
            ox = dx * request.gap_x * reach * self.px_per_pt - {"left": 0.0, "center": width / 2, "right": width}[ha]
            oy = dy * request.gap_y * reach * self.px_per_pt - {"bottom": 0.0, "center": height / 2, "top": height}[va]
            bb = rel.translated(px + ox, py + oy)
            if self._free(bb) and (reach == 1.0 or self._leader_clear(self._leader_line(request, bb))):
                ann.xyann = (dx * request.gap_x * reach, dy * request.gap_y * reach)
                ann.set_horizontalalignment(ha)
                ann.set_verticalalignment(va)
                return bb
        return None

    def place(self, request: LabelRequest) -> Annotation | None:
        """Place one label; return its artist, or None when it was dropped (or its point is covered)."""
        px, py = self.ax.transData.transform((request.x, request.y))
        if any(cover.contains(px, py) for cover in self.covers):
            self.result.dropped.append(request.text)
            return None
        ann = self.ax.annotate(request.text, (request.x, request.y), xytext=(0, 0), textcoords="offset points",
                               fontsize=request.fontsize, zorder=8, annotation_clip=False, **request.style)
        self._size = self._measure(ann, request)
        bb = self._try(ann, request, 1.0)
        if bb is None and request.leader:
            for reach in LEADER_STEPS:
                bb = self._try(ann, request, reach)
                if bb is not None:
                    self._draw_leader(self._leader_line(request, bb))
                    self.result.leadered.append(ann)
                    break
        if bb is None:
            ann.remove()
            self.result.dropped.append(request.text)
            return None
        self.block(bb)
        self.labels.append(bb)
        self.result.placed.append(ann)
        return ann

    def _draw_leader(self, line: LineString) -> None:
        self.leaders.append(line)
        (x0, y0), (x1, y1) = self.ax.transData.inverted().transform(np.asarray(line.coords))
        self.ax.plot([x0, x1], [y0, y1], color="#444444", linewidth=0.35, zorder=7.5)

    def block(self, bb: Bbox) -> None:
        """Add a box (display units) that later labels must avoid."""
        self.boxes = np.vstack([self.boxes, np.asarray(bb.extents, dtype=float)[None, :]])


def point_box(ax: Axes, x: float, y: float, half_width: float, half_height: float) -> Bbox:
    """The display box of symbols ``2 * half_width`` by ``2 * half_height`` points centred on data point (x, y)."""
    px, py = ax.transData.transform((x, y))
    rx, ry = half_width * ax.figure.dpi / 72.0, half_height * ax.figure.dpi / 72.0
    return Bbox.from_extents(px - rx, py - ry, px + rx, py + ry)
