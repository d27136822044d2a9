"""The one data flow: read → validate → convert dates → join → routes, each stage once.

Every command and renderer that needs the joined tables calls :func:`join_project`; renderers
import :class:`Joined` from here and never each other. ``geo check`` calls :func:`check_project`,
which runs the same stages up to validation.

>>> from geo.project import read_project
>>> joined = join_project(read_project("tests/data/project"))  # doctest: +SKIP
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import pandas as pd

from geo.dates import check_reckonings, date_spans, event_dates, read_reckonings
from geo.errors import Issue
from geo.events import add_jdn, events_to_frame, join_events, table_to_frame
from geo.gazetteer import places_to_gdf
from geo.project import Project, check_tables, raise_errors
from geo.routes import events_to_routes, routed_actors


@dataclass(frozen=True)
class Joined:
    """The joined tables every renderer reads."""

    places: gpd.GeoDataFrame
    events: gpd.GeoDataFrame
    legs: gpd.GeoDataFrame
    campaigns: pd.DataFrame
    actors: pd.DataFrame


def _checked(project: Project) -> tuple[list[Issue], pd.DataFrame]:
    reckonings, reckoning_issues = read_reckonings(project.reckonings)
    dates = event_dates(project.events, reckonings=reckonings, seeds=project.seeds)
    reckoning_issues += check_reckonings(project.events, reckonings, seeds=project.seeds)
    issues = check_tables(project, dates=date_spans(dates), extra=reckoning_issues)
    return issues, dates


def check_project(project: Project) -> list[Issue]:
    """Every problem in the project's files (errors and warnings), each date converted once."""
    return _checked(project)[0]


def validate_project(project: Project) -> list[Issue]:
    """Raise :class:`geo.errors.ValidationError` on any error; return the warnings otherwise."""
    return raise_errors(check_project(project))


def join_project(project: Project) -> Joined:
    """Validate the project (raise once), convert dates once, join events to places and build routes."""
    issues, dates = _checked(project)
    raise_errors(issues)
    places = places_to_gdf(project.places, validate=False)
    events = join_events(add_jdn(events_to_frame(project.events), dates=dates), places)
    actors = table_to_frame(project.actors)
    legs = events_to_routes(events, actors=routed_actors(actors))
    return Joined(places, events, legs, table_to_frame(project.campaigns), actors)
