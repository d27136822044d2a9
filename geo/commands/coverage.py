"""``geo coverage``: which place names of the seeds have a gazetteer row, which dated passages an event."""

from __future__ import annotations

import argparse
from pathlib import Path

from geo import schema as S
from geo.commands import write_atomic
from geo.coverage import (
    SKIPPED_FILE,
    UNLOCATED_FILE,
    event_coverage,
    events_markdown,
    place_coverage,
    places_markdown,
    read_rows,
    read_seed_annals,
)
from geo.errors import GeoDataError
from geo.tagger import Gazetteer

HELP = "report which place names and dated passages of the seeds the data covers"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the arguments of ``geo coverage``."""
    parser.add_argument("--root", default=".", metavar="DIR", help="the project folder (default: .)")
    parser.add_argument("--out", metavar="DIR", help="where to write the reports (default: ROOT/reports)")


def run(args: argparse.Namespace) -> int:
    """Write ``coverage-places.md`` and ``coverage-events.md``; print the coverage percentages."""
    root = Path(args.root)
    out = Path(args.out) if args.out else root / "reports"
    if not (root / S.GAZETTEER_FILE).is_file():
        raise GeoDataError(f"no gazetteer at {root / S.GAZETTEER_FILE} — give --root DIR (the project folder)")
    gaz = Gazetteer.from_csv(root / S.GAZETTEER_FILE)
    seeds = read_seed_annals(root, gaz)
    places = place_coverage(seeds, gaz, read_rows(root / UNLOCATED_FILE))
    events = event_coverage(seeds, gaz, read_rows(root / S.EVENTS_FILE), read_rows(root / SKIPPED_FILE),
                            len(read_rows(root / S.CAMPAIGNS_FILE)))
    write_atomic(out / "coverage-places.md", places_markdown(places))
    write_atomic(out / "coverage-events.md", events_markdown(events))
    share = events.percent
    print(f"place coverage: {places.percent:.1f}% ({places.with_row} of {len(places.names)} names have a row; "
          f"{places.not_places} are not places)")
    print(f"event coverage: {share:.1f}% ({events.entries_cited} of {events.in_scope} dated entries naming a place "
          f"in scope are cited; {events.entries_with_places - events.in_scope} out of scope; "
          f"{events.entries_without_places} naming no place; {events.events} events in {events.campaigns} campaigns)")
    return 0
