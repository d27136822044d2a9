"""``geo tag``: the gazetteer places named in a text, the names it lacks, and an HTML reading view."""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path

from geo.annals import read_annals, read_chronicle
from geo.commands import add_common, resolve_common, write_atomic
from geo.errors import GeoDataError
from geo.render.tagged_text import render_html
from geo.tagger import Gazetteer, Mention, count_places, propose_names, rank_candidates, tag_chronicle

HELP = "find gazetteer places named in a text"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the arguments of ``geo tag``."""
    add_common(parser)
    parser.add_argument("--json", action="store_true", help="print the result as one JSON object")
    parser.add_argument("--html", metavar="OUT.html",
                        help="write the text with dated entries and place names highlighted and linked")


def _places(mentions: Sequence[Mention], gaz: Gazetteer) -> list[dict[str, object]]:
    mentions = [m for m in mentions if not m.ambiguous]
    counts = count_places(mentions)
    forms: dict[str, list[str]] = {}
    for m in mentions:
        for place in m.ids:
            forms.setdefault(place, [])
            if m.name not in forms[place]:
                forms[place].append(m.name)
    order = sorted(counts, key=lambda p: (-counts[p], p))
    return [{"id": p, "name": gaz.names.get(p, p), "count": counts[p], "forms": forms[p]} for p in order]


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _ambiguous(text: str, mentions: Sequence[Mention]) -> list[dict[str, object]]:
    """Homonyms that their context leaves open: each name with the places it may be, as often as it occurs."""
    groups: dict[tuple[str, tuple[str, ...]], list[Mention]] = {}
    for m in mentions:
        if m.ambiguous:
            groups.setdefault((m.name, m.ids), []).append(m)
    return [{"name": name, "ids": list(ids), "count": len(ms), "first_line": _line_of(text, ms[0].start),
             "why": ms[0].why} for (name, ids), ms in groups.items()]


def _candidates(text: str, unknown: Sequence[Mention]) -> list[dict[str, object]]:
    return [{"name": name, "count": count, "first_line": _line_of(text, first.start)}
            for name, count, first in rank_candidates(unknown)]


def _print_table(places: list[dict[str, object]], ambiguous: list[dict[str, object]],
                 candidates: list[dict[str, object]]) -> None:
    print("places named (id, name, count, forms)")
    for p in places:
        print(f"{p['id']}\t{p['name']}\t{p['count']}\t{'、'.join(p['forms'])}")
    if ambiguous:
        print("\nnames their context leaves open (name, the places they may be, count, first line)")
        for a in ambiguous:
            print(f"{a['name']}\t{' or '.join(a['ids'])}\t{a['count']}\t{a['first_line']}")
    print("\nnames the gazetteer lacks (name, count, first line)")
    for c in candidates:
        print(f"{c['name']}\t{c['count']}\t{c['first_line']}")


def run(args: argparse.Namespace) -> int:
    """Tag the file; print the places and candidates; optionally write the HTML view."""
    resolve_common(args)
    text = read_chronicle(args.file)
    annals = read_annals(text, regime=args.regime, start=args.start)
    if not Path(args.gazetteer).is_file():
        raise GeoDataError(f"no gazetteer at {args.gazetteer} — give --gazetteer PATH")
    gaz = Gazetteer.from_csv(args.gazetteer)
    mentions = tag_chronicle(text, annals, gaz, siglum=Path(args.file).stem)
    unknown = propose_names(text, gaz, regime=annals.regime)
    places, ambiguous, candidates = _places(mentions, gaz), _ambiguous(text, mentions), _candidates(text, unknown)
    if args.json:
        print(json.dumps({"file": args.file, "regime": annals.regime, "places": places, "ambiguous": ambiguous,
                          "candidates": candidates}, ensure_ascii=False))
    else:
        _print_table(places, ambiguous, candidates)
    if args.html:
        write_atomic(Path(args.html), render_html(text, annals, mentions, unknown, title=Path(args.file).name))
    return 0
