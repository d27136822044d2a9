from __future__ import annotations

from pathlib import Path

import pytest

from geo import schema as S
from geo.dates import event_dates
from geo.errors import JoinError
from geo.events import add_jdn, events_to_frame, join_events
from geo.gazetteer import places_to_gdf
from geo.project import read_project


@pytest.fixture
def joined(project_dir: Path):
    project = read_project(project_dir)
    dates = event_dates(project.events)
    return join_events(add_jdn(events_to_frame(project.events), dates=dates), places_to_gdf(project.places))


def test_join_adds_dates_geometry_and_place_fields(joined) -> None:
    first = joined.iloc[0]
    assert joined.crs.to_epsg() == 4326
    assert first[S.PLACE_NAME] == "中京"
    assert (round(first.geometry.x, 3), round(first.geometry.y, 3)) == (119.188, 41.574)
    assert first[S.PRECISION] == "month"
    assert first[S.JULIAN_START] == "1122-02-09"
    assert first[S.PLACE_UNCERTAINTY] == 2


def test_month_precision_is_ordered_against_days(joined) -> None:
    # An event dated only 三月 spans the month; it sorts by its first day, so before 三月己巳 (the 10th)
    # and after everything in earlier months, and the day lies inside its interval.
    order = list(joined[S.EVENT_ID])
    assert order.index("t_004") < order.index("t_003") < order.index("t_005")
    month = joined.set_index(S.EVENT_ID).loc["t_004"]
    day = joined.set_index(S.EVENT_ID).loc["t_003"]
    assert month[S.JDN_START] <= day[S.JDN_START] <= month[S.JDN_END]


def test_blank_cells_are_na_not_strings(joined) -> None:
    assert joined[S.TARGET].isna().sum() == 2
    assert "nan" not in set(joined[S.NOTE].astype(str))


def test_unknown_place_fails_the_join(project_dir: Path) -> None:
    project = read_project(project_dir)
    events = add_jdn(events_to_frame(project.events), dates=event_dates(project.events))
    events.loc[0, S.PLACE] = "atlantis"
    with pytest.raises(JoinError, match="atlantis"):
        join_events(events, places_to_gdf(project.places))


def test_add_jdn_refuses_to_overwrite(project_dir: Path) -> None:
    table = read_project(project_dir).events
    dates = event_dates(table)
    events = add_jdn(events_to_frame(table), dates=dates)
    with pytest.raises(ValueError, match="overwrite=True"):
        add_jdn(events, dates=dates)
    assert add_jdn(events, dates=dates, overwrite=True)[S.JDN_START].equals(events[S.JDN_START])
