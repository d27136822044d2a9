"""A chronicle as an HTML page (``geo tag --html``): dated entries highlighted, places linked to the gazetteer."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

from geo.annals import Annals, describe_date
from geo.tagger import Mention

STYLE = (
    "body{font-family:serif;max-width:52em;margin:2em auto;line-height:1.9}"
    ".text{white-space:pre-wrap}.entry{background:#fff6d5}.date{font-weight:bold;color:#8a3b00}"
    "a.place{color:#0645ad;text-decoration:underline}.candidate{border-bottom:2px dotted #b00}"
)


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
