"""``geo propose``: candidate event rows from a chronicle, for a curator to review (never written into the data)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from geo import schema as S
from geo.annals import read_annals, read_chronicle
from geo.commands import add_common, resolve_common, write_atomic
from geo.errors import GeoDataError
from geo.propose import propose_rows, to_csv
from geo.tagger import Gazetteer

HELP = "propose event rows from a chronicle for a curator to review"
#: Files curated by hand that ``-o`` must never overwrite.
CURATED = (S.EVENTS_FILE, S.GAZETTEER_FILE, S.CAMPAIGNS_FILE, S.ACTORS_FILE, "campaigns/skipped.csv",
           "places/unlocated.csv")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the arguments of ``geo propose``."""
    add_common(parser)
    parser.add_argument("--campaign", required=True, metavar="ID", help="campaign id for the proposed rows")
    parser.add_argument("--siglum", metavar="S", help="siglum cited in source (default: the file name's stem)")
    parser.add_argument("-o", "--output", metavar="FILE",
                        help="write the CSV here instead of stdout (never campaigns/events.csv)")


def is_curated(path: str | Path) -> bool:
    """Whether ``path`` is one of the hand-curated files (by location, or by folder and name anywhere)."""
    target = Path(path).resolve()
    return any(target == (Path.cwd() / rel).resolve() or target.parts[-2:] == Path(rel).parts for rel in CURATED)


def run(args: argparse.Namespace) -> int:
    """Print (or write with -o) the proposed rows; refuse to write into the curated files."""
    if args.output and is_curated(args.output):
        print(f"geo propose: refusing to write {args.output}: it is curated by hand — write the proposals "
              "to another file and copy the rows you keep", file=sys.stderr)
        return 2
    resolve_common(args)
    text = read_chronicle(args.file)
    annals = read_annals(text, regime=args.regime, start=args.start)
    if not Path(args.gazetteer).is_file():
        raise GeoDataError(f"no gazetteer at {args.gazetteer} — give --gazetteer PATH")
    siglum = args.siglum or Path(args.file).stem
    rows = propose_rows(text, annals, Gazetteer.from_csv(args.gazetteer), campaign=args.campaign, siglum=siglum)
    if args.output:
        write_atomic(Path(args.output), to_csv(rows))
    else:
        sys.stdout.write(to_csv(rows))
    print(f"geo propose: {len(rows)} candidate rows from {len(annals.entries)} dated entries; "
          f"{len(annals.failed)} entries could not be dated", file=sys.stderr)
    return 0
