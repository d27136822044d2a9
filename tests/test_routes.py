from __future__ import annotations

from pathlib import Path

import pytest
from pyproj import Geod

from geo.dates import event_dates
from geo.events import add_jdn, events_to_frame, join_events
from geo.gazetteer import places_to_gdf
from geo.project import read_project
from geo.routes import KM_PER_LI, events_to_routes, geodesic_line


@pytest.fixture
def legs(project_dir: Path):
    project = read_project(project_dir)
    dates = event_dates(project.events)
    events = join_events(add_jdn(events_to_frame(project.events), dates=dates), places_to_gdf(project.places))
    return events_to_routes(events)


def test_one_leg_per_move_of_each_actor(legs) -> None:
    got = [(r.actor, r.from_place, r.to_place) for r in legs.itertuples()]
    assert got == [
        ("jin_main", "liao_zhongjing", "yuanyang_luo"),
        ("jin_main", "yuanyang_luo", "liao_xijing"),
        ("tianzuo_court", "liao_xijing", "jia_shan"),
    ]


def test_leg_length_is_the_pyproj_geodesic(legs) -> None:
    leg = legs.iloc[0]
    expected = Geod(ellps="WGS84").inv(119.188, 41.574, 114.70, 41.30)[2] / 1000
    assert leg.distance_km == pytest.approx(expected, abs=0.1)
    assert leg.distance_li == round(expected / KM_PER_LI)
    start, end = leg.geometry.coords[0], leg.geometry.coords[-1]
    assert start == (119.188, 41.574)
    assert end == (114.70, 41.30)


def test_elapsed_days_speed_and_flags(legs) -> None:
    from geo.calendar import convert_date

    first, third = convert_date("天輔六年正月", regime="jin"), convert_date("天輔六年三月", regime="jin")
    leg = legs.iloc[0]  # 正月 (month) to 三月 (month): dashed, as both ends are month-precision
    assert leg.uncertain
    assert leg.days_min == third.jdn_start - first.jdn_end
    assert leg.days_max == third.jdn_end - first.jdn_start
    assert leg.km_per_day == round(leg.distance_km / leg.days_max, 1)
    assert not leg.implausible


def test_geodesic_line_has_vertices_along_the_way() -> None:
    line = geodesic_line(116.0, 40.0, 110.0, 45.0, step_km=50)
    assert len(line.coords) > 10
    assert line.coords[0] == (116.0, 40.0)


def _events(rows: list[tuple[str, str, str, str, int]]):
    """Joined events from ``(id, place, action, source, jdn)`` rows of one actor in one campaign."""
    import geopandas as gpd
    from shapely.geometry import Point

    from geo import schema as S

    where = {"a": (110.0, 40.0), "b": (112.0, 41.0), "c": (114.0, 42.0)}
    records = [
        {S.EVENT_ID: eid, S.CAMPAIGN: "war", S.ACTOR: "army", S.PLACE: place, S.ACTION: action,
         S.EVENT_SOURCE: source, S.JDN_START: jdn, S.JDN_END: jdn, S.JULIAN_START: str(jdn),
         S.CERTAINTY: "certain", S.PRECISION: "day", "geometry": Point(*where[place])}
        for eid, place, action, source, jdn in rows
    ]
    return gpd.GeoDataFrame(records, geometry="geometry", crs="EPSG:4326")


def test_a_route_is_one_sources_itinerary() -> None:
    events = _events([("e1", "a", "march", "JS:1", 10), ("e2", "b", "march", "QDGZ:4", 12),
                      ("e3", "c", "camp", "JS:2", 15), ("e4", "a", "camp", "QDGZ:5", 20)])
    legs = events_to_routes(events)
    got = [(r.source, r.from_event, r.to_event) for r in legs.itertuples()]
    assert got == [("JS", "e1", "e3"), ("QDGZ", "e2", "e4")]


def test_only_actions_of_presence_are_stops() -> None:
    from geo import schema as S

    assert "embassy" not in S.PRESENCE_ACTIONS
    assert "surrender" not in S.PRESENCE_ACTIONS
    assert {"march", "camp", "flight", "capture"} <= S.PRESENCE_ACTIONS
    events = _events([("e1", "a", "camp", "JS:1", 10), ("e2", "b", "embassy", "JS:2", 12),
                      ("e3", "c", "surrender", "JS:3", 13), ("e4", "c", "march", "JS:4", 15)])
    legs = events_to_routes(events)
    assert [(r.from_event, r.to_event) for r in legs.itertuples()] == [("e1", "e4")]
