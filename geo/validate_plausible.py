"""Warnings where the campaign data is valid but probably wrong, as a careful editor of a shared dataset would flag.

- an event dated outside its place's ``valid_from``–``valid_to``;
- a capture or a siege at an area (a region, a people, a polity);
- the same quote, date, place and actor under two ids;
- a quote that differs from its line only in its quotation marks (“” typed for the seed's 「」).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from geo import schema as S
from geo.errors import Issue
from geo.seeds import Seed, parse_citation, quote_in_line
from geo.tables import Table, parse_int
from geo.validate_tables import table_issue

_QUOTE_MARKS = re.compile("[\"'“”‘’「」『』﹁﹂﹃﹄〝〞＂＇]")
DateSpan = tuple[int, int]


def julian_year(jdn: int) -> int:
    """The (astronomical) year of the Julian calendar in which Julian Day Number ``jdn`` falls.

    >>> julian_year(2130636), julian_year(1721424)
    (1121, 1)
    """
    c = jdn + 32082
    d = (4 * c + 3) // 1461
    e = c - (1461 * d) // 4
    m = (5 * e + 2) // 153
    return d - 4800 + m // 10


def place_facts(places: Table) -> dict[str, tuple[str, int | None, int | None]]:
    """Place id → (type, valid_from, valid_to) as the gazetteer gives them."""
    years = {v: parse_int(v) for v in {*places.cells(S.VALID_FROM), *places.cells(S.VALID_TO)}}
    return {pid: (kind, years[start], years[end]) for pid, kind, start, end
            in zip(places.cells(S.PLACE_ID), places.cells(S.PLACE_TYPE), places.cells(S.VALID_FROM),
                   places.cells(S.VALID_TO)) if pid}


def _issue(table: Table, line: int, col: str, msg: str, hint: str) -> Issue:
    return table_issue(table, line, col, msg, hint, "warning")


def _period_issue(table: Table, line: int, place: str, span: DateSpan,
                  facts: tuple[str, int | None, int | None]) -> Issue | None:
    _, start, end = facts
    first, last = julian_year(span[0]), julian_year(span[1])
    if (start is not None and last < start) or (end is not None and first > end):
        years = f"{start if start is not None else '…'}–{end if end is not None else '…'}"
        return _issue(table, line, S.DATE, f"the event ({first}) falls outside the years of {place} ({years})",
                      "check the date, the place id (another row of the same name?) or the place's valid_from/valid_to")
    return None


def check_plausible(events: Table, *, places: Mapping[str, tuple[str, int | None, int | None]],
                    spans: Mapping[int, DateSpan]) -> list[Issue]:
    """The warnings of this module for ``events`` (``spans``: the converted dates by line).

    :func:`check_quote_marks` is separate: its errors stand in for the quote check's. The same event
    under two ids is found by hashing its quote, date, place, actor and source.
    """
    lines, where = events.lines, events.cells(S.PLACE)
    dated = {pid for pid, facts in places.items() if facts[1] is not None or facts[2] is not None}
    areas = {pid for pid, facts in places.items() if facts[0] in S.AREA_TYPES}
    issues = _periods(events, places=places, spans=spans, dated=dated) if dated else []
    actions = events.cells(S.ACTION)
    for i in [i for i, action in enumerate(actions) if action in S.CITY_ACTIONS and where[i] in areas]:
        issues.append(_issue(events, lines[i], S.ACTION, f"a {actions[i]} at {where[i]}, which is a "
                             f"{places[where[i]][0]}", "a city or a fort is captured or besieged: name it, or use "
                             "another action"))
    return issues + _same_events(events)


def _periods(events: Table, *, places: Mapping[str, tuple[str, int | None, int | None]],
             spans: Mapping[int, DateSpan], dated: set[str]) -> list[Issue]:
    """An event dated outside the years of its place (``dated``: the places that have years), each pair judged once."""
    issues, periods = [], {}
    lines, where = events.lines, events.cells(S.PLACE)
    for i in [i for i, place in enumerate(where) if place in dated]:
        line, place = lines[i], where[i]
        if line not in spans:
            continue
        period = (place, spans[line])
        if period not in periods:
            periods[period] = _period_issue(events, 0, place, spans[line], places[place])
        if (found := periods[period]) is not None:
            issues.append(Issue(found.path, line, found.column, found.message, found.hint, found.severity))
    return issues


def _same_events(events: Table) -> list[Issue]:
    """The same quote, date, place and actor (and source) under two ids: found by hashing, rows looked at once."""
    keys = list(zip(events.cells(S.QUOTE), events.cells(S.DATE), events.cells(S.PLACE), events.cells(S.ACTOR),
                    events.cells(S.EVENT_SOURCE)))
    if len(set(keys)) == len(keys):
        return []
    issues, seen = [], {}
    for line, key, event_id in zip(events.lines, keys, events.cells(S.EVENT_ID)):
        if all(key[:4]):
            first = seen.setdefault(key, (line, event_id))
            if first[0] != line:
                issues.append(_issue(events, line, S.EVENT_ID, f"the same quote, date, place and actor as "
                                     f"{first[1]!r} on line {first[0]}", "merge the two rows, or tell them apart"))
    return issues


def check_quote_marks(events: Table, seeds: Mapping[str, Seed]) -> list[Issue]:
    """Errors for quotes that match their line once quotation marks are ignored, saying which marks differ."""
    issues = []
    quotes = events.cells(S.QUOTE)
    marked = {q for q in set(quotes) if _QUOTE_MARKS.search(q)}
    if not marked:
        return []
    for line, quote, source in zip(events.lines, quotes, events.cells(S.EVENT_SOURCE)):
        if quote not in marked:
            continue
        cited = parse_citation(source)
        seed = seeds.get(cited[0]) if cited else None
        if seed is None or not 1 <= cited[1] <= len(seed.lines):
            continue
        text = seed.lines[cited[1] - 1]
        if quote_in_line(quote, text):
            continue
        if quote_in_line(_QUOTE_MARKS.sub("", quote), _QUOTE_MARKS.sub("", text)):
            theirs = "".join(sorted(set(_QUOTE_MARKS.findall(text)))) or "none"
            ours = "".join(sorted(set(_QUOTE_MARKS.findall(quote))))
            issues.append(Issue(events.path, line, events.column(S.QUOTE),
                                f"the quote differs from {cited[0]}:{cited[1]} only in its quotation marks "
                                f"(the quote has {ours}, the line has {theirs})",
                                "copy the quotation marks from the seed line, as the seed writes them"))
    return issues
