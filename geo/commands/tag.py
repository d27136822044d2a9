"""``geo tag``: the gazetteer places named in a text, the names it lacks, and an HTML reading view."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from markupsafe import Markup, escape

from geo import atomic
from geo.annals import Annals, describe_date, read_annals, read_chronicle
from geo.commands.annals import add_common
from geo.errors import GeoDataError
from geo.tagger import Gazetteer, Mention, count_places, propose_names, rank_candidates, tag_text

HELP = "find gazetteer places named in a text"
STYLE = (
    "body{font-family:serif;max-width:52em;margin:2em auto;line-height:1.9}"
    ".text{white-space:pre-wrap}.entry{background:#fff6d5}.date{font-weight:bold;color:#8a3b00}"
    "a.place{color:#0645ad;text-decoration:underline}.candidate{border-bottom:2px dotted #b00}"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the arguments of ``geo tag``."""
    add_common(parser)
    parser.add_argument("--json", action="store_true", help="print the result as one JSON object")
    parser.add_argument("--html", metavar="OUT.html",
                        help="write the text with dated entries and place names highlighted and linked")


def _places(mentions: Sequence[Mention], gaz: Gazetteer) -> list[dict[str, object]]:
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


def _candidates(text: str, unknown: Sequence[Mention]) -> list[dict[str, object]]:
    return [{"name": name, "count": count, "first_line": _line_of(text, first.start)}
            for name, count, first in rank_candidates(unknown)]


def _print_table(places: list[dict[str, object]], candidates: list[dict[str, object]]) -> None:
    print("places named (id, name, count, forms)")
    for p in places:
        print(f"{p['id']}\t{p['name']}\t{p['count']}\t{'、'.join(p['forms'])}")
    print("\nnames the gazetteer lacks (name, count, first line)")
    for c in candidates:
        print(f"{c['name']}\t{c['count']}\t{c['first_line']}")


def run(args: argparse.Namespace) -> int:
    """Tag the file; print the places and candidates; optionally write the HTML view."""
    text = read_chronicle(args.file)
    annals = read_annals(text, regime=args.regime, start=args.start)
    if not Path(args.gazetteer).is_file():
        raise GeoDataError(f"no gazetteer at {args.gazetteer} — give --gazetteer PATH")
    gaz = Gazetteer.from_csv(args.gazetteer)
    mentions = tag_text(text, gaz, regime=annals.regime)
    unknown = propose_names(text, gaz, regime=annals.regime)
    places, candidates = _places(mentions, gaz), _candidates(text, unknown)
    if args.json:
        print(json.dumps({"file": args.file, "regime": annals.regime, "places": places,
                          "candidates": candidates}, ensure_ascii=False))
    else:
        _print_table(places, candidates)
    if args.html:
        write_atomic(Path(args.html), render_html(text, annals, mentions, unknown, title=Path(args.file).name))
    return 0


def _span_html(text: str, start: int, end: int, marks: Sequence[Mention]) -> Markup:
    """``text[start:end]`` escaped, with the mentions inside it linked (known) or underlined (unknown)."""
    out, pos = [], start
    for m in marks:
        if m.start < pos or m.end > end or m.start < start:
            continue
        out.append(escape(text[pos:m.start]))
        if m.ids:
            title = ", ".join(m.ids)
            out.append(Markup('<a class="place" href="gazetteer.html#{}" title="{}">{}</a>').format(
                m.ids[0], title, text[m.start:m.end]))
        else:
            out.append(Markup('<span class="candidate" title="not in the gazetteer">{}</span>').format(
                text[m.start:m.end]))
        pos = m.end
    out.append(escape(text[pos:end]))
    return Markup("").join(out)


def render_html(text: str, annals: Annals, mentions: Sequence[Mention], unknown: Sequence[Mention],
                *, title: str) -> str:
    """The text as an HTML page: dated entries highlighted (date in the title), places linked to the map.

    Every piece of the text, the title and the dates are escaped with :func:`markupsafe.escape`.
    """
    marks = sorted([*mentions, *unknown], key=lambda m: (m.start, m.end))
    body, pos = [], 0
    for entry in annals.entries:
        body.append(_span_html(text, pos, entry.start, marks))
        when = describe_date(entry) if entry.date else f"not dated: {entry.error}"
        body.append(Markup('<span class="entry" id="line-{}-{}" title="{}">').format(entry.line, entry.start, when))
        body.append(Markup('<span class="date">{}</span>').format(text[entry.start:entry.end][:len(entry.written)]))
        body.append(_span_html(text, entry.start + len(entry.written), entry.end, marks))
        body.append(Markup("</span>"))
        pos = entry.end
    body.append(_span_html(text, pos, len(text), marks))
    page = Markup(
        '<!DOCTYPE html>\n<html lang="zh"><head><meta charset="utf-8"><title>{}</title><style>{}</style>'
        '</head><body><h1>{}</h1><div class="text">{}</div></body></html>\n'
    ).format(title, Markup(STYLE), title, Markup("").join(body))
    return str(page)


def write_atomic(path: Path, content: str) -> None:
    """Write ``content`` to ``path`` atomically (see :mod:`geo.atomic`) and say so."""
    atomic.write_text(path, content)
    print(f"geo: wrote {path}", file=sys.stderr)
