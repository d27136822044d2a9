"""Routes: for each campaign, actor and source, the legs between the places the actor was at, as geodesics.

A route is one source's itinerary of one body: only events whose action puts the
actor at the place (:data:`geo.schema.PRESENCE_ACTIONS`) are stops, and the
readings of different sources are never chained into one route.

Distances are on the WGS84 ellipsoid (pyproj ``Geod``); a *li* (里) of the Song,
Liao and Jin is taken as 360 *bu* of 5 *chi* of about 30.7 cm, i.e. 0.553 km.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
from pyproj import Geod
from shapely.geometry import LineString

from geo import schema as S
from geo.events import campaign_events

KM_PER_LI = 0.553
GEOD = Geod(ellps="WGS84")
# Sustained km per day beyond which a leg is flagged: a court or army on the march rarely kept up
# more than ~50 km a day for long; light cavalry in flight or pursuit could ride ~100 km.
MAX_KM_PER_DAY = 100.0

LEG_COLUMNS = (
    "campaign", "actor", "source", "leg", "from_place", "to_place", "from_event", "to_event", "from_date",
    "to_date",
    "distance_km", "distance_li", "days_min", "days_max", "km_per_day", "implausible", "uncertain",
)


def geodesic_line(lon1: float, lat1: float, lon2: float, lat2: float, *, step_km: float = 25.0) -> LineString:
    """The geodesic from (lon1, lat1) to (lon2, lat2) as a LineString with a vertex every ``step_km``.

    >>> round(geodesic_line(116.0, 40.0, 117.0, 40.0).length, 3)
    1.0
    """
    _, _, dist = GEOD.inv(lon1, lat1, lon2, lat2)
    n = max(0, int(dist / 1000 / step_km) - 1)
    inner = GEOD.npts(lon1, lat1, lon2, lat2, n) if n else []
    return LineString([(lon1, lat1), *inner, (lon2, lat2)])


def geodesic_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Geodesic distance in km on the WGS84 ellipsoid."""
    return GEOD.inv(lon1, lat1, lon2, lat2)[2] / 1000.0


def siglum(citation: object) -> str:
    """The siglum of a ``SIGLUM:LINE`` citation (the whole text when it has no line).

    >>> siglum("JS:38"), siglum("QDGZ")
    ('JS', 'QDGZ')
    """
    return str(citation).split(":", 1)[0].strip()


def _leg(prev: dict, nxt: dict, *, campaign: str, actor: str, number: int) -> dict:
    a, b = prev["geometry"], nxt["geometry"]
    km = geodesic_km(a.x, a.y, b.x, b.y)
    days_min = max(0, int(nxt[S.JDN_START]) - int(prev[S.JDN_END]))
    days_max = max(1, int(nxt[S.JDN_END]) - int(prev[S.JDN_START]))
    speed = km / max(1, days_max)
    uncertain = any(
        e[S.CERTAINTY] != "certain" or e[S.PRECISION] != "day" for e in (prev, nxt)
    )
    return {
        "campaign": campaign, "actor": actor, "source": siglum(nxt[S.EVENT_SOURCE]), "leg": number,
        "from_place": prev[S.PLACE], "to_place": nxt[S.PLACE],
        "from_event": prev[S.EVENT_ID], "to_event": nxt[S.EVENT_ID],
        "from_date": prev[S.JULIAN_START], "to_date": nxt[S.JULIAN_START],
        "distance_km": round(km, 1), "distance_li": round(km / KM_PER_LI),
        "days_min": days_min, "days_max": days_max, "km_per_day": round(speed, 1),
        "implausible": bool(speed > MAX_KM_PER_DAY), "uncertain": bool(uncertain),
        "geometry": geodesic_line(a.x, a.y, b.x, b.y),
    }


def actor_legs(events: gpd.GeoDataFrame, *, campaign: str, actor: str) -> list[dict]:
    """The legs of one actor in one source, from its events in time order; stays at one place are merged.

    ``events`` are the events of one actor cited from one source; only those whose action implies
    presence (:data:`geo.schema.PRESENCE_ACTIONS`) are stops.
    """
    legs, prev = [], None
    for event in events.to_dict("records"):
        if event[S.ACTION] not in S.PRESENCE_ACTIONS:
            continue
        if prev is not None and event[S.PLACE] != prev[S.PLACE]:
            legs.append(_leg(prev, event, campaign=campaign, actor=actor, number=len(legs) + 1))
        prev = event
    return legs


def routed_actors(actors: pd.DataFrame) -> set[str]:
    """The actors whose events form an itinerary (``route`` is not ``no``): one army, column or court."""
    if S.ROUTE not in actors.columns:
        return set(actors[S.ACTOR_ID])
    return set(actors[actors[S.ROUTE].fillna("yes") != "no"][S.ACTOR_ID])


def events_to_routes(events: gpd.GeoDataFrame, *, campaigns: list[str] | None = None,
                     actors: set[str] | None = None) -> gpd.GeoDataFrame:
    """Ordered legs for every (campaign, actor, source), with distance, elapsed days, speed and flags.

    Parameters
    ----------
    events : GeoDataFrame
        Joined events (:func:`geo.events.join_events`), sorted in time.
    campaigns : list of str, optional
        Campaign ids to route (default: every campaign named by an event).
    actors : set of str, optional
        Actors to route (default: all). Collective actors such as "envoys" or "other forces"
        are not one body moving, so consecutive events of theirs are not legs (see :func:`routed_actors`).
    """
    if campaigns is None:
        cells = events[S.CAMPAIGN].dropna()
        campaigns = sorted({c.strip() for cell in cells for c in cell.split(S.LIST_SEPARATOR) if c.strip()})
    rows: list[dict] = []
    for campaign in campaigns:
        members = campaign_events(events, campaign)
        for actor in sorted(members[S.ACTOR].dropna().unique()):
            if actors is not None and actor not in actors:
                continue
            mine = members[members[S.ACTOR] == actor]
            sources = mine[S.EVENT_SOURCE].map(siglum)
            for source in sorted(sources.unique()):
                rows += actor_legs(mine[sources == source], campaign=campaign, actor=actor)
    frame = pd.DataFrame(rows, columns=[*LEG_COLUMNS, "geometry"])
    return gpd.GeoDataFrame(frame, geometry="geometry", crs="EPSG:4326")
