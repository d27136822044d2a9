"""``geo propose``: candidate event rows from a chronicle, for a curator to review (never written into the data)."""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from pathlib import Path

from geo import schema as S
from geo.annals import Annals, Entry, describe_date, read_annals, read_chronicle
from geo.commands.annals import add_common
from geo.commands.tag import write_atomic
from geo.errors import GeoDataError
from geo.tagger import Gazetteer, Mention, entry_mentions

HELP = "propose event rows from a chronicle for a curator to review"
#: Files curated by hand that ``-o`` must never overwrite.
CURATED = (S.EVENTS_FILE, S.GAZETTEER_FILE, S.CAMPAIGNS_FILE, S.ACTORS_FILE, "campaigns/skipped.csv",
           "places/unlocated.csv")
#: A first guess at the action from the words of the clause (checked in this order).
ACTION_WORDS: tuple[tuple[str, str], ...] = (
    ("即位", "enthronement"), ("薨", "death"), ("卒", "death"), ("殂", "death"), ("叛", "revolt"),
    ("降", "surrender"), ("克", "capture"), ("取", "capture"), ("陷", "capture"), ("破", "capture"),
    ("下", "capture"), ("拔", "capture"), ("围", "siege"), ("圍", "siege"), ("攻", "siege"),
    ("败", "battle"), ("敗", "battle"), ("战", "battle"), ("戰", "battle"), ("追", "pursuit"),
    ("奔", "flight"), ("遁", "flight"), ("走", "flight"), ("次", "camp"), ("屯", "camp"), ("驻", "camp"),
    ("駐", "camp"), ("猎", "hunt"), ("獵", "hunt"), ("使", "embassy"), ("如", "embassy"), ("至", "march"),
    ("趋", "march"), ("趨", "march"), ("出", "march"), ("入", "march"),
)
_SENTENCE = re.compile(r"[。；;！？!?\n]")
_CLAUSE = re.compile(r"[。；;！？!?\n，,：:]")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the arguments of ``geo propose``."""
    add_common(parser)
    parser.add_argument("--campaign", required=True, metavar="ID", help="campaign id for the proposed rows")
    parser.add_argument("--siglum", metavar="S", help="siglum cited in source (default: the file name's stem)")
    parser.add_argument("-o", "--output", metavar="FILE",
                        help="write the CSV here instead of stdout (never campaigns/events.csv)")


def _around(text: str, entry: Entry, mention: Mention, breaks: re.Pattern[str]) -> str:
    """The sentence or clause of the entry around the mention (verbatim, so it occurs in the cited line)."""
    starts = [m.end() for m in breaks.finditer(text, entry.start, mention.start)]
    start = max([entry.start, *starts])
    stop = breaks.search(text, mention.end, entry.end)
    return text[start:stop.start() if stop else entry.end].strip()


def guess_action(quote: str) -> str:
    """A first guess at the event's action from the words of its quote (``other`` when nothing fits)."""
    return next((action for word, action in ACTION_WORDS if word in quote), "other")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_") or "x"


def propose_rows(text: str, annals: Annals, gaz: Gazetteer, *, campaign: str, siglum: str) -> list[dict[str, str]]:
    """One candidate event row per place named in a dated entry (entries that could not be dated are skipped)."""
    rows: list[dict[str, str]] = []
    seen: set[tuple[int, str]] = set()
    seq: dict[str, int] = {}
    for entry, mention in entry_mentions(annals, text, gaz):
        place = mention.ids[0]
        if entry.date is None or (entry.start, place) in seen:
            continue
        seen.add((entry.start, place))
        date = describe_date(entry)
        seq[date] = seq.get(date, 0) + 1
        quote = _around(text, entry, mention, _SENTENCE)
        others = f"; the name also fits {', '.join(mention.ids[1:])}" if len(mention.ids) > 1 else ""
        rows.append({
            S.EVENT_ID: f"{_slug(siglum)}_{entry.line:03d}_{len(rows) + 1:03d}_{place}",
            S.CAMPAIGN: campaign, S.SEQ: str(seq[date]), S.DATE: date,
            S.DATE_AS_WRITTEN: entry.written if entry.written != date else "",
            S.REGIME: entry.date.regime, S.PLACE: place, S.ACTOR: "",
            S.ACTION: guess_action(_around(text, entry, mention, _CLAUSE)),
            S.TARGET: "", S.QUOTE: quote, S.EVENT_SOURCE: f"{siglum}:{entry.line}", S.SUMMARY_EN: "",
            S.CERTAINTY: "uncertain", S.READING: "",
            S.NOTE: f"proposed by geo propose from {mention.name}{others}; review actor, action and summary",
        })
    return rows


def to_csv(rows: list[dict[str, str]]) -> str:
    """The rows as CSV text with the columns of ``campaigns/events.csv``."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(S.EVENT_COLUMNS), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


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
