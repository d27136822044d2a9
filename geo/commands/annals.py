"""``geo annals``: split a chronicle into dated entries, convert their dates and tag their places."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from geo.annals import Annals, Entry, describe_date, read_annals, read_chronicle
from geo.commands import add_common, resolve_common
from geo.tagger import load_gazetteer, tag_entries

HELP = "split a chronicle into dated entries"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the arguments of ``geo annals``."""
    add_common(parser)
    parser.add_argument("--json", action="store_true", help="print one JSON object per dated entry")


def load(args: argparse.Namespace) -> tuple[str, Annals]:
    """Read the chronicle, its entries and (when the gazetteer exists) their places; notices go to stderr."""
    resolve_common(args)
    text = read_chronicle(args.file)
    annals = read_annals(text, regime=args.regime, start=args.start)
    if annals.notice:
        print(f"geo {args.command}: {args.file}: {annals.notice}", file=sys.stderr)
    for line, written, era in annals.changes:
        print(f"geo {args.command}: {args.file}:{line}: era change {written} → {era}", file=sys.stderr)
    gaz = load_gazetteer(args.gazetteer)
    if gaz is None:
        print(f"geo {args.command}: no gazetteer at {args.gazetteer}: places are not tagged", file=sys.stderr)
        return text, annals
    return text, tag_entries(annals, text, gaz, siglum=Path(args.file).stem)


def _row(entry: Entry) -> str:
    date = entry.date
    when = "" if date is None else (
        date.julian_start if date.julian_start == date.julian_end else f"{date.julian_start}–{date.julian_end}")
    snippet = entry.text if len(entry.text) <= 24 else entry.text[:23] + "…"
    tail = f"ERROR {entry.error}" if entry.error else snippet
    return f"{entry.line}\t{entry.written}\t{describe_date(entry)}\t{when}\t{','.join(entry.places)}\t{tail}"


def run(args: argparse.Namespace) -> int:
    """Print the entries (a table, or JSON lines); exit 1 when some could not be dated, after printing them all."""
    _, annals = load(args)
    if not args.json:
        print("line\tas written\tdate\tJulian\tplaces\ttext")
    for entry in annals.entries:
        print(json.dumps(entry.to_dict(), ensure_ascii=False) if args.json else _row(entry))
    failed = len(annals.failed)
    regime = annals.regime or "unknown regime"
    print(f"geo annals: {len(annals.entries)} dated entries ({regime}), {failed} could not be dated",
          file=sys.stderr)
    if failed:
        print(f"geo annals: hint: {_hint(annals)}", file=sys.stderr)
    return 1 if failed else 0


def _hint(annals: Annals) -> str:
    """The fix for undated entries, in the text's own eras."""
    if not any("in force before this entry" in (e.error or "") for e in annals.failed):
        return ("each undated entry says why (an era the tables lack, a day not in its month …): check the text, "
                "or date the entry by hand")
    if annals.eras:
        example = annals.start or annals.eras[0] + "元年"
        return (f"the eras this text's dates name are {'、'.join(annals.eras[:6])}; give the era and year in force "
                f"where the text begins with --start (e.g. --start {example}), or the regime with --regime")
    return ("the text names no era of its own; give the era and year in force where it begins with --start (the "
            "last year of the juan before), or the regime with --regime")
