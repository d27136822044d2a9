"""Shared look and labels of pages and figures: action order, regime names, type colours, date labels."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import xyzservices.providers as xyz

from geo import schema as S

ACTION_ORDER: tuple[str, ...] = S.ACTIONS


def in_order(present: Iterable[object], vocabulary: Sequence[str]) -> list[str]:
    """The terms in ``present``: the vocabulary's in its order, then a project's own terms sorted.

    >>> in_order({"siege_lifted", "capture", "march"}, ("capture", "battle", "march"))
    ['capture', 'march', 'siege_lifted']
    """
    terms = {str(t) for t in present if isinstance(t, str) and t}
    return [t for t in vocabulary if t in terms] + sorted(terms - set(vocabulary))


REGIME_NAMES = {"jin": "Jin calendar", "liao": "Liao calendar", "song": "Song calendar", "xia": "Xia calendar"}


def calendar_label(regime: str) -> str:
    """How a page names the calendar of ``regime``: ``Jin calendar``; for the other regimes of the table,
    its Chinese name (``唐 calendar``)."""
    if regime in REGIME_NAMES or not regime:
        return REGIME_NAMES.get(regime, regime)
    from geo.calendar.regimes import resolve_regime
    from geo.errors import CalendarError

    try:
        return f"{resolve_regime(regime).name} calendar"
    except CalendarError:
        return regime
PLACE_TYPE_COLOURS = {
    "capital": "#b2182b", "prefecture": "#ef8a62", "county": "#fddbc7", "town": "#f4a582", "garrison": "#d6604d",
    "fortress": "#d6604d", "palace": "#b2182b", "pass": "#762a83", "river": "#2166ac", "lake": "#4393c3",
    "mountain": "#8c510a", "region": "#bababa", "people": "#878787", "polity": "#4d4d4d", "camp": "#1b7837",
    "battlefield": "#000000", "ford": "#92c5de",
}


TILES = (
    ("OpenTopoMap (relief)", xyz.OpenTopoMap),
    ("Esri World Physical", xyz.Esri.WorldPhysical),
    ("Esri Shaded Relief", xyz.Esri.WorldShadedRelief),
    ("OpenStreetMap", xyz.OpenStreetMap.Mapnik),
)
DATE_CONVENTION = (
    "Dates are given as the source writes them, in the calendar of the regime whose era it uses, and converted "
    "to the Julian calendar (proleptic Gregorian in the downloads). Month- and season-dated events span their "
    "whole interval. Points are approximate: the dashed circles show each place's uncertainty."
)
