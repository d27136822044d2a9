"""Source reader pages: a seed text with its line numbers as cited, its dated entries and its place names.

``sources/SIGLUM.html`` shows every line of ``seeds/SIGLUM.txt`` numbered as the
events cite it (``SIGLUM:LINE``, the first line is 1), with an anchor ``#LLINE``.
A line that an event cites carries, in the margin, the Julian date of each event
taken from it (from the event's converted date), linked to the event on its
campaign map; every gazetteer name in the text is linked to its place. The raw
text stays downloadable beside it. Every value is escaped.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

import geopandas as gpd
import pandas as pd
from markupsafe import Markup, escape

from geo import schema as S
from geo.annals import read_annals
from geo.tagger import Gazetteer, Mention, tag_chronicle

_STYLE = """
body { font-family: "Noto Serif CJK TC", "Noto Sans CJK TC", serif; margin: 0 auto; max-width: 72rem;
  padding: 1rem; color: #222; line-height: 1.6; }
header { font-family: system-ui, sans-serif; font-size: .95rem; } h1 { font-size: 1.4rem; margin: .2rem 0; }
.line { display: grid; grid-template-columns: 3.2rem minmax(0, 1fr) 15rem; gap: .8rem; padding: .1rem .3rem;
  border-bottom: 1px solid #f0ede4; }
.line:target { background: #fff3c4; outline: 2px solid #d9a400; }
.ln { color: #888; text-align: right; font: .85rem/1.9 monospace; text-decoration: none; }
.ln:hover { color: #1f4e8c; } .text { font-size: 1.08rem; white-space: pre-wrap; word-break: break-all; }
.margin { font: .8rem/1.45 system-ui, sans-serif; color: #444; } .margin .date { display: block; color: #8c2d04; }
.margin .written { display: block; }
.margin a, .margin .event { display: inline-block; margin-right: .5rem; color: #1f4e8c; }
.cited { background: #fbfaf6; } a.place { color: #1f4e8c; text-decoration: none; border-bottom: 1px dotted #1f4e8c; }
span.place.open { border-bottom: 1px dashed #8c2d04; cursor: help; }
@media (max-width: 700px) { .line { grid-template-columns: 2.4rem minmax(0, 1fr); } .margin { grid-column: 2; } }
"""


def _places_rows(places: pd.DataFrame) -> list[dict[str, str]]:
    columns = (S.PLACE_ID, S.NAME, S.NAME_SIMPLIFIED, S.VARIANTS)
    return [{c: "" if pd.isna(r.get(c)) else str(r.get(c)) for c in columns} for r in places.to_dict("records")]


def _line_mentions(lines: Sequence[str], gazetteer: Gazetteer, siglum: str) -> list[list[Mention]]:
    """The place names of each line, offsets within the line; homonyms read by the date of their entry."""
    text = "\n".join(lines)
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    found: list[list[Mention]] = [[] for _ in lines]
    for m in tag_chronicle(text, read_annals(text), gazetteer, siglum=siglum):
        k = bisect_right(starts, m.start) - 1
        if m.end <= starts[k] + len(lines[k]):
            found[k].append(replace(m, start=m.start - starts[k], end=m.end - starts[k]))
    return found


def _marked(line: str, mentions: Sequence[Mention], gazetteer: Gazetteer) -> Markup:
    """The line with each gazetteer name linked to its place (the first id when a name is ambiguous)."""
    out, at = [], 0
    for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if m.start < at or not m.ids:
            continue
        out.append(escape(line[at:m.start]))
        title = " or ".join(gazetteer.names.get(i, i) for i in m.ids)
        if m.ambiguous:  # a name its context leaves open is not linked to one of its places
            out.append(Markup('<span class="place open" title="{t}? {why}">{text}</span>').format(
                t=title, why=m.why, text=line[m.start:m.end]))
        else:
            out.append(Markup('<a class="place" href="../gazetteer.html#{id}" title="{t}">{text}</a>').format(
                id=m.ids[0], t=title, text=line[m.start:m.end]))
        at = m.end
    out.append(escape(line[at:]))
    return Markup("").join(out)


def _first_campaign(cell: object) -> str:
    return next((c.strip() for c in ("" if pd.isna(cell) else str(cell)).split(S.LIST_SEPARATOR) if c.strip()), "")


def _margins(events: pd.DataFrame, siglum: str, pages: set[str]) -> dict[int, list[Markup]]:
    """For each cited line, its dates (Julian, then as written) and under each the events taken from it,
    linked to the event on its map."""
    out: dict[int, list[Markup]] = {}
    prefix = f"{siglum}:"
    cited = events[events[S.EVENT_SOURCE].fillna("").str.startswith(prefix)]
    last: dict[int, str] = {}
    for e in cited.sort_values([S.JDN_START, S.JDN_END, S.EVENT_ID]).to_dict("records"):
        line = str(e[S.EVENT_SOURCE])[len(prefix):]
        if not line.isdigit():
            continue
        number, items = int(line), out.setdefault(int(line), [])
        julian = str(e[S.JULIAN_START]) + ("" if e[S.JULIAN_START] == e[S.JULIAN_END] else f" – {e[S.JULIAN_END]}")
        label = f"{julian} {e[S.DATE]}"
        if last.get(number) != label:
            items.append(Markup('<b class="date">{j}</b> <span class="written">{d}</span>').format(
                j=julian, d=e[S.DATE]))
            last[number] = label
        campaign = _first_campaign(e[S.CAMPAIGN])
        text = f"{e[S.PLACE_NAME]} · {e[S.ACTION]}"
        items.append(Markup('<a href="../{c}.html#event={i}" title="{s}">{t}</a>').format(
            c=campaign, i=e[S.EVENT_ID], s=e[S.SUMMARY_EN], t=text) if campaign in pages
            else Markup('<span class="event" title="{s}">{t}</span>').format(s=e[S.SUMMARY_EN], t=text))
    return out


def render_source_page(lines: Sequence[str], *, siglum: str, events: gpd.GeoDataFrame, places: pd.DataFrame,
                       campaign_pages: Iterable[str] = (), homonyms: Iterable[Mapping[str, str]] = ()) -> str:
    """The reader page of one seed text.

    Parameters
    ----------
    lines : sequence of str
        The lines of ``seeds/SIGLUM.txt`` (line 1 first), as the citations count them.
    siglum : str
        The siglum (the file's stem), as in ``SIGLUM:LINE``.
    events : GeoDataFrame
        Every joined event; those citing this text give the dates in the margin.
    places : DataFrame
        The gazetteer, to mark and link the names in the text.
    campaign_pages : iterable of str
        The campaign ids that have a map page, so margin dates link to the event there.
    homonyms : iterable of mapping
        The rows of ``places/homonyms.csv``: a homonym is linked to the place its context gives, or,
        when several fit, to the first with all of them in its title.
    """
    gazetteer = Gazetteer(_places_rows(places), homonyms)
    marked = _line_mentions(lines, gazetteer, siglum) if lines else []
    margins = _margins(events, siglum, set(campaign_pages))
    rows = []
    for number, line in enumerate(lines, start=1):
        notes = margins.get(number, [])
        rows.append(Markup(
            '<div class="line{cited}" id="L{n}"><a class="ln" href="#L{n}" aria-label="line {n}">{n}</a>'
            '<span class="text" lang="zh-Hant">{text}</span><span class="margin">{notes}</span></div>'
        ).format(cited=" cited" if notes else "", n=number, text=_marked(line, marked[number - 1], gazetteer),
                 notes=Markup("").join(notes)))
    dated = int(events[S.EVENT_SOURCE].fillna("").str.startswith(f"{siglum}:").sum())
    head = Markup(
        '<header><p><a href="../index.html">All maps</a> · <a href="../gazetteer.html">Gazetteer</a> · '
        '<a href="../about.html">About the sources</a></p><h1>{s}</h1><p>The text of <code>seeds/{s}.txt</code>, '
        "unchanged, with its line numbers as the events cite them (<code>{s}:LINE</code>; link to a line as "
        "<code>sources/{s}.html#L12</code>). In the margin: the Julian date of each event taken from the line "
        "({dated} in all), linked to it on its map. Underlined names are places of the gazetteer. "
        '<a href="../seeds/{s}.txt" download>Download the raw text</a>.</p></header>'
    ).format(s=siglum, dated=dated)
    body = head + Markup('<main class="source">{rows}</main>').format(rows=Markup("\n").join(rows))
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(siglum)} — source text</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n{body}\n"
        "</body>\n</html>\n"
    )
