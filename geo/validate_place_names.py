"""Checks across the gazetteer's rows: repeated ids, repeated names, and rows that share a name within a kilometre."""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from geo import schema as S
from geo.errors import Issue
from geo.tables import Table, split_list
from geo.text import search_keys
from geo.validate_place_cells import Numbers
from geo.validate_tables import table_issue

NEAR_KM = 1.0
EARTH_RADIUS_KM = 6371.0088


def duplicate_ids(table: Table) -> list[Issue]:
    """An error for each row whose id an earlier row already has."""
    issues, seen = [], {}
    for line, place in zip(table.lines, table.cells(S.PLACE_ID)):
        if place in seen:
            issues.append(table_issue(table, line, S.PLACE_ID, f"duplicate id {place!r} on lines {seen[place]} "
                                      f"and {line}", "give every row its own id; never reuse an id"))
        elif place:
            seen[place] = line
    return issues


def variant_lists(table: Table) -> list[list[str]]:
    """Each row's variants, split once for every check that reads them."""
    return [split_list(v, S.VARIANT_SEPARATOR) if v else [] for v in table.cells(S.VARIANTS)]


class NameKeys(NamedTuple):
    """The search keys of each row's names: its name, its simplified form and its variants (``""`` where empty)."""

    own: list[str]
    simplified: list[str]
    variants: list[list[str]]

    def forms(self, i: int) -> set[str]:
        """Every key of row ``i``."""
        return {self.own[i], self.simplified[i], *self.variants[i]} - {""}


def name_keys(table: Table, listed: list[list[str]]) -> NameKeys:
    """The search keys of every row's names (name, simplified, variants ``listed``), each distinct form folded once."""
    names, simplified = table.cells(S.NAME), table.cells(S.NAME_SIMPLIFIED)
    forms = list({*names, *simplified, *(f for row in listed for f in row)})
    key = dict(zip(forms, search_keys(forms)))
    return NameKeys(list(map(key.__getitem__, names)), list(map(key.__getitem__, simplified)),
                    [list(map(key.__getitem__, row)) if row else [] for row in listed])


def duplicate_names(table: Table, keys: NameKeys) -> list[Issue]:
    """A warning for each row whose name an earlier row has, unless both rows say in 'note' what tells them apart."""
    issues, seen = [], {}
    for line, name, note, key in zip(table.lines, table.cells(S.NAME), table.cells(S.NOTE), keys.own):
        noted = bool(note)
        earlier = [first for first, other in seen.get(key, []) if not (noted and other)]
        if key and earlier:
            issues.append(table_issue(table, line, S.NAME, f"name {name!r} is also used on line "
                                      f"{earlier[0]}", "say in 'note' of both rows what distinguishes them, or "
                                      "merge the rows", "warning"))
        seen.setdefault(key, []).append((line, noted))
    return issues


def _unit_vector(lat: float, lon: float) -> tuple[float, float, float]:
    phi, lam = math.radians(lat), math.radians(lon)
    return math.cos(phi) * math.cos(lam), math.cos(phi) * math.sin(lam), math.sin(phi)


def _km(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.dist(a, b) / 2))


def _close_pairs(members: list[int], points: dict[int, tuple[float, ...]]) -> Iterator[tuple[int, int]]:
    """Pairs ``(earlier, later)`` of rows within :data:`NEAR_KM`, through a grid on the unit sphere.

    Cells are twice the distance wide, so a point's near neighbours lie in the 2 × 2 × 2
    block of cells on the sides of the point's cell it is closest to. Only the earliest close
    row of each cell is paired with a later one (the one a message names), so a pasted block
    of identical rows costs linear time, not quadratic.
    """
    chord = NEAR_KM / EARTH_RADIUS_KM  # a 1 km arc is a slightly shorter chord: err on the generous side
    size = 2 * chord
    grid: dict[tuple[int, int, int], list[int]] = {}
    for i in members:
        x, y, z = (c / size for c in points[i])
        cx, cy, cz = math.floor(x), math.floor(y), math.floor(z)
        sx, sy, sz = (1 if x - cx >= 0.5 else -1), (1 if y - cy >= 0.5 else -1), (1 if z - cz >= 0.5 else -1)
        for key in ((cx, cy, cz), (cx + sx, cy, cz), (cx, cy + sy, cz), (cx, cy, cz + sz),
                    (cx + sx, cy + sy, cz), (cx + sx, cy, cz + sz), (cx, cy + sy, cz + sz),
                    (cx + sx, cy + sy, cz + sz)):
            for j in grid.get(key, ()):
                if math.dist(points[i], points[j]) <= chord and _km(points[i], points[j]) <= NEAR_KM:
                    yield j, i
                    break
        grid.setdefault((cx, cy, cz), []).append(i)


def _groups(keys: NameKeys, rows: Iterable[int]) -> dict[str, list[int]]:
    """Each key → the ``rows`` that carry it, in row order, each row once."""
    groups: dict[str, list[int]] = {}
    for i in rows:
        own, simple = keys.own[i], keys.simplified[i]
        if own:
            groups.setdefault(own, []).append(i)
        if simple and simple != own:
            groups.setdefault(simple, []).append(i)
        for key in keys.variants[i]:
            if key and key != own and key != simple:
                members = groups.setdefault(key, [])
                if not members or members[-1] != i:
                    members.append(i)
    return groups


def near_duplicates(table: Table, numbers: list[Numbers], keys: NameKeys) -> list[Issue]:
    """Rows within :data:`NEAR_KM` of an earlier row that shares one of their names (one issue per row)."""
    points = {i: _unit_vector(v[S.LAT], v[S.LON]) for i, v in enumerate(numbers)
              if -90 <= v.get(S.LAT, 99) <= 90 and -180 <= v.get(S.LON, 999) <= 180}
    groups = _groups(keys, points)
    partner: dict[int, int] = {}
    for members in groups.values():
        for j, i in _close_pairs(members, points) if len(members) > 1 else ():
            partner[i] = min(j, partner.get(i, j))
    issues = []
    for i, j in sorted(partner.items()):
        shared = min(keys.forms(i) & keys.forms(j))
        issues.append(table_issue(table, table.lines[i], S.NAME, f"lines {table.lines[j]} and {table.lines[i]} are "
                                  f"{_km(points[i], points[j]):.2f} km apart and share the name {shared!r}",
                                  "merge the rows if they are the same place; otherwise correct the coordinates or "
                                  "names"))
    return issues
