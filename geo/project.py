"""A project folder: the gazetteer, the campaign files and the seeds, read and checked together."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from geo import schema as S
from geo.errors import GeoDataError, Issue, ValidationError
from geo.seeds import Seed, read_seeds
from geo.settings import Settings, read_settings
from geo.tables import Table, read_table
from geo.validate_events import DateSpans
from geo.validate_plausible import check_plausible, check_quote_marks, place_facts
from geo.validate_tables import check_table, shifted_rows


@dataclass(frozen=True)
class Project:
    """Every input table of one project, as text cells (see :mod:`geo.tables`)."""

    root: Path
    places: Table
    campaigns: Table
    actors: Table
    events: Table
    seeds: dict[str, Seed]
    reckonings: Table
    skipped: Table
    unlocated: Table
    settings: Settings = field(default_factory=Settings)
    """The project's ``geo.toml`` (its title, vocabularies, site address), or the defaults."""
    homonyms: Table = field(default_factory=lambda: Table(S.HOMONYMS_FILE, S.HOMONYMS.columns, (), ()))
    """``places/homonyms.csv``: names that stand for different places by regime, date or source."""


def read_project(root: str | Path = ".") -> Project:
    """Read the project's settings, CSV files and seeds; no validation (see :func:`geo.pipeline.check_project`)."""
    root = Path(root)
    required = (S.GAZETTEER_FILE, S.CAMPAIGNS_FILE, S.ACTORS_FILE, S.EVENTS_FILE)
    if not any((root / rel).exists() for rel in required):
        shown = "the current folder" if root == Path() else str(root)
        msg = (f"no geo project in {shown}: it has none of {', '.join(required)} — run the command inside a "
               "project folder, or name one with --root DIR")
        raise GeoDataError(msg)

    def table(rel: str) -> Table:
        return read_table(root / rel, display=rel if root == Path() else str(root / rel))

    def optional(spec: S.TableSpec) -> Table:
        return table(spec.path) if (root / spec.path).exists() else Table(spec.path, spec.columns, (), ())

    return Project(
        root=root,
        places=table(S.GAZETTEER_FILE),
        campaigns=table(S.CAMPAIGNS_FILE),
        actors=table(S.ACTORS_FILE),
        events=table(S.EVENTS_FILE),
        seeds=read_seeds(root / S.SEEDS_DIR),
        reckonings=optional(S.RECKONINGS),
        skipped=optional(S.SKIPPED),
        unlocated=optional(S.UNLOCATED),
        settings=read_settings(root),
        homonyms=optional(S.HOMONYMS),
    )


def _names(table: Table, column: str) -> dict[str, str]:
    """Each id of ``table`` → its cell in ``column``, built at C speed."""
    found = dict(zip(table.cells(S.PLACE_ID), table.cells(column)))
    found.pop("", None)
    return found


def _ids(table: Table) -> set[str]:
    """The ids of ``table``."""
    return set(table.cells(S.PLACE_ID)) - {""}


def check_tables(project: Project, *, dates: DateSpans, extra: Iterable[Issue] = ()) -> list[Issue]:
    """Every problem in every input file of the project, sorted by file, line and column.

    ``dates`` are the events' converted dates (the dates stage, :func:`geo.dates.date_spans`);
    ``extra`` are problems found by that stage (a bad reckonings table).
    """
    from geo.names import build_name_index, lookup_place
    from geo.validate_events import check_actors, check_campaigns, check_events
    from geo.validate_places import check_homonyms, check_places

    @lru_cache(maxsize=1)
    def index() -> dict[str, tuple[str, ...]]:  # built only when an event names an unknown place
        return build_name_index(project.places.rows)

    terms = project.settings.vocabularies
    issues = check_places(project.places, vocabularies=terms)
    issues += [i for spec, table in ((S.SKIPPED, project.skipped), (S.UNLOCATED, project.unlocated),
                                     (S.RECKONINGS, project.reckonings), (S.HOMONYMS, project.homonyms))
               for i in check_table(table, spec, vocabularies=terms)]
    issues += check_homonyms(project.homonyms, places=_ids(project.places), seeds=project.seeds)
    issues += check_campaigns(project.campaigns, vocabularies=terms)
    issues += check_actors(project.actors, vocabularies=terms)
    issues += check_events(
        project.events,
        places=_names(project.places, S.NAME),
        campaigns=_names(project.campaigns, S.TITLE_EN),
        actors=_names(project.actors, S.NAME_EN),
        seeds=project.seeds,
        dates=dates,
        place_by_name=lambda name: lookup_place(name, index()),
        vocabularies=terms,
    )
    issues += check_plausible(project.events, places=place_facts(project.places), spans=dates.good)
    issues += _emptiness(project)
    known = {"gazetteer": _ids(project.places), "actors": _ids(project.actors)}
    shifted = shifted_rows(project.events, S.EVENTS, references=known) + shifted_rows(project.places, S.GAZETTEER)
    marks = check_quote_marks(project.events, project.seeds)
    return sorted(_without_consequences([*issues, *extra], rows=shifted, cells=marks), key=issue_order)


def _emptiness(project: Project) -> list[Issue]:
    """A warning when the gazetteer has places but events.csv has none: the site would show nothing."""
    events = project.events
    if project.places.rows and events.header and not events.rows:
        return [Issue(events.path, 1, 0, "the file has a header but no events: the site will be built with no "
                      "features", "add events, or check that this is the right file", "warning")]
    return []


def _without_consequences(issues: list[Issue], *, rows: list[Issue], cells: list[Issue]) -> set[Issue]:
    """The issues, with ``rows`` and ``cells`` standing in for what they explain.

    A shifted row (``rows``) makes every other cell of it read wrong; a quote that differs only in
    its quotation marks (``cells``) is also "not in its line": those consequences are dropped.
    """
    lines = {(i.path, i.line) for i in rows}
    spots = {(i.path, i.line, i.column) for i in cells}
    kept = {i for i in issues if (i.path, i.line) not in lines and (i.path, i.line, i.column) not in spots}
    return kept | set(rows) | set(cells)


def issue_order(issue: Issue) -> tuple[str, int, int, str, str, str]:
    """The order of :class:`Issue` (path, line, column, message, hint, severity) as a key: 10× faster to sort by."""
    return issue.path, issue.line, issue.column, issue.message, issue.hint, issue.severity


def raise_errors(issues: list[Issue]) -> list[Issue]:
    """Raise :class:`ValidationError` when any issue is an error; return the warnings otherwise."""
    if any(i.severity == "error" for i in issues):
        raise ValidationError(issues)
    return issues
