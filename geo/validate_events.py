"""Check the campaign files: campaigns, actors and events, every problem at once.

Each ``check_*`` returns a list of :class:`geo.errors.Issue`; nothing here raises
on bad data and nothing imports pandas, so ``geo check`` stays fast.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from typing import NamedTuple

from geo import schema as S
from geo.calendar.regimes import known_regime, regime_names
from geo.errors import Issue
from geo.seeds import Seed, citation_sigla, parse_citation, quote_in_line
from geo.tables import Table, parse_int
from geo.validate_tables import SLUG, all_slugs, check_header, check_table, table_issue


def _suggest(value: str, choices: Iterable[str], n: int = 3) -> str:
    close = difflib.get_close_matches(value, list(choices), n=n, cutoff=0.5)
    return "did you mean " + " or ".join(repr(c) for c in close) + "?" if close else ""


def check_required_cells(table: Table, *, required: tuple[str, ...]) -> list[Issue]:
    """Report empty required cells (row by row, in the order of ``required``)."""
    present = [c for c in required if c in table.header]
    empty = sorted((i, k) for k, col in enumerate(present) if not all(values := table.cells(col))
                   for i, value in enumerate(values) if not value)
    return [table_issue(table, table.lines[i], present[k], f"empty {present[k]!r}",
                        f"fill in the {present[k]!r} column") for i, k in empty]


def cells(table: Table, column: str) -> tuple[str, ...]:
    """The stripped cells of one column, in row order ("" when the column is absent)."""
    return table.cells(column)


def check_ids(table: Table, *, column: str = S.EVENT_ID) -> list[Issue]:
    """Report ids that are not slugs and ids used twice (naming the first line)."""
    values = cells(table, column)
    if all_slugs(values) and len(set(values)) == len(values):
        return []  # the common case, decided at C speed
    issues, seen = [], {}
    for line, value in zip(table.lines, values):
        if not value:
            continue
        if not SLUG.match(value):
            issues.append(table_issue(table, line, column, f"id {value!r} is not a slug",
                                      "use lower-case ASCII letters, digits and '_', starting with a letter"))
        if value in seen:
            issues.append(table_issue(table, line, column, f"duplicate id {value!r} (first on line {seen[value]})",
                                      "give every row its own id"))
        seen.setdefault(value, line)
    return issues


def check_vocabulary(table: Table, column: str, allowed: Iterable[str], *, many: bool = False) -> list[Issue]:
    """Report cells whose value (or, with ``many``, any ``;``-item) is not in ``allowed``."""
    allowed = tuple(allowed)
    values = cells(table, column)
    if set(values) <= {*allowed, ""}:
        return []
    issues = []
    for line, cell in zip(table.lines, values):
        items = [v.strip() for v in cell.split(S.LIST_SEPARATOR)] if many else [cell]
        for value in items:
            if value and value not in allowed:
                hint = _suggest(value, allowed) or f"use one of: {', '.join(allowed[:20])}"
                issues.append(table_issue(table, line, column, f"unknown {column} {value!r}", hint))
    return issues


def check_campaigns(table: Table, *, vocabularies: S.Vocabularies = S.VOCABULARIES) -> list[Issue]:
    """Check ``campaigns.csv``."""
    return check_table(table, S.CAMPAIGNS, vocabularies=vocabularies)


def check_actors(table: Table, *, vocabularies: S.Vocabularies = S.VOCABULARIES) -> list[Issue]:
    """Check ``actors.csv`` (its ``side`` against the project's sides)."""
    return check_table(table, S.ACTORS, vocabularies=vocabularies)


def _citation_problem(cited: str, quote: str, seeds: dict[str, Seed]) -> tuple[str, str, str] | None:
    """What is wrong with one citation and its quote: (column, message, hint), the quote's message left to fill."""
    parsed = parse_citation(cited)
    if parsed is None:
        return (S.EVENT_SOURCE, f"source {cited!r} is not SIGLUM:LINE",
                "write the seed's siglum and line number, like JS:12")
    siglum, number = parsed
    seed = seeds.get(siglum)
    if seed is None:
        return (S.EVENT_SOURCE, f"unknown seed {siglum!r}",
                f"use one of: {', '.join(sorted(seeds))} (see seeds/README.md)")
    if not 1 <= number <= len(seed.lines):
        return S.EVENT_SOURCE, f"{siglum} has no line {number}", f"{siglum} has lines 1–{len(seed.lines)}"
    if quote and not quote_in_line(quote, seed.lines[number - 1]):
        return S.QUOTE, "", "copy the words exactly from that line, or correct the line number"
    return None


def check_citations(table: Table, seeds: dict[str, Seed]) -> list[Issue]:
    """Report malformed citations, unknown sigla, lines out of range and quotes not in their line.

    Each distinct (citation, quote) pair is looked up once: a million events cite a few thousand lines.
    """
    pairs = list(zip(table.cells(S.EVENT_SOURCE), table.cells(S.QUOTE)))
    problems = {key: found for key in set(pairs) if key[0] and (found := _citation_problem(*key, seeds))}
    issues = []
    for i in (i for i, key in enumerate(pairs) if key in problems) if problems else ():
        column, msg, hint = problems[pairs[i]]
        quote = table.rows[i].get(S.QUOTE, "")
        msg = msg or f"quote {quote[:40]!r} is not in {pairs[i][0]}"
        issues.append(table_issue(table, table.lines[i], column, msg, hint))
    return issues


def check_references(table: Table, column: str, known: dict[str, str], *, what: str,
                     by_name: Callable[[str], tuple[str, ...]] | None = None) -> list[Issue]:
    """Report ids in ``column`` that are not keys of ``known`` (id to a name, for suggestions).

    ``by_name`` maps a name form (traditional, simplified, variant, pinyin) to the ids that carry it,
    so that a user who typed 鸳鸯泺 instead of an id is told which id to write.
    """
    values = cells(table, column)
    unknown = {cell for cell in set(values) - {*known, ""} if any(v not in known for v in _items(cell))}
    if not unknown:
        return []  # every cell is known ids: the common case, each distinct cell judged once
    issues = []
    for line, cell in zip(table.lines, values):
        if cell not in unknown:
            continue
        for value in [v.strip() for v in cell.split(S.LIST_SEPARATOR) if v.strip()]:
            if value in known:
                continue
            close = list(by_name(value)) if by_name else []
            close += [c for c in difflib.get_close_matches(value, list(known), n=3, cutoff=0.6) if c not in close]
            close += [k for k, name in known.items() if name and name == value and k not in close]
            hint = ("did you mean " + " or ".join(close) + "?") if close else f"add it to {what} first"
            issues.append(table_issue(table, line, column, f"unknown {column} {value!r}", hint))
    return issues


def _bad_seq(cell: str) -> bool:
    if cell.isdigit() and int(cell) >= 1:
        return False
    number = parse_int(cell) if cell else 1
    return number is None or number < 1


def check_seq(table: Table) -> list[Issue]:
    """Report ``seq`` values that are not whole numbers ≥ 1 (each distinct value judged once)."""
    values = table.cells(S.SEQ)
    bad = {v for v in set(values) if _bad_seq(v)}
    hint = "number the events of one date 1, 2, 3 …"
    return [table_issue(table, line, S.SEQ, f"seq {cell!r} is not a whole number ≥ 1", hint)
            for line, cell in zip(table.lines, values) if cell in bad] if bad else []


DateSpan = tuple[int, int]


class DateSpans(NamedTuple):
    """The dates stage's answer for every event line: its span, or the calendar engine's reason."""

    good: dict[int, DateSpan]
    """line → ``(jdn_start, jdn_end)`` of each date converted."""
    errors: dict[int, str]
    """line → why the date could not be converted."""


def date_spans_of(lines: Iterable[int], values: Iterable[DateSpan | str]) -> DateSpans:
    """Split the dates stage's per-line values into the converted spans and the reasons."""
    good, errors = {}, {}
    for line, value in zip(lines, values):
        if isinstance(value, str):
            errors[line] = value
        else:
            good[line] = value
    return DateSpans(good, errors)


def check_dates(table: Table, dates: DateSpans) -> tuple[list[Issue], dict[int, DateSpan]]:
    """Report the calendar engine's reason for each date it rejected (converted once, by the dates stage).

    Rows without a date or with an unknown regime are left to the required-cell and vocabulary checks.
    Returns the issues and the spans of the good rows.
    """
    regimes = table.cells(S.REGIME)
    known = {r: known_regime(r) for r in set(regimes)}
    unread = {line for line, date, regime in zip(table.lines, table.cells(S.DATE), regimes)
              if not date or not known[regime]}
    issues = []
    if dates.errors:
        written = dict(zip(table.lines, table.cells(S.DATE)))
        for line, result in dates.errors.items():
            if line in unread or line not in written:
                continue
            sep = "" if result.startswith("read as") else ":"
            issues.append(table_issue(table, line, S.DATE, f"date {written[line]!r}{sep} {result}",
                                      "write the full date with era and year, as in 天輔六年三月己巳"))
    good = {line: span for line, span in dates.good.items() if line not in unread} if unread else dates.good
    return issues, good


def _items(cell: str) -> list[str]:
    return [c.strip() for c in cell.split(S.LIST_SEPARATOR) if c.strip()]


def check_chronology(table: Table, spans: dict[int, DateSpan]) -> list[Issue]:
    """Report events of one actor that go back in time within a campaign and one source, without a note or reading.

    Each source tells its own itinerary: rows of different sources interleave freely.
    """
    issues, last = [], {}
    sigla = citation_sigla(table.cells(S.EVENT_SOURCE))
    campaigns = {cell: _items(cell) for cell in set(table.cells(S.CAMPAIGN))}
    rows = zip(table.lines, table.cells(S.CAMPAIGN), table.cells(S.ACTOR), table.cells(S.EVENT_SOURCE),
               table.cells(S.NOTE), table.cells(S.READING))
    for line, campaign_cell, actor, source, note, reading in rows:
        span = spans.get(line)
        if span is None:
            continue
        for campaign in campaigns[campaign_cell]:
            key = (campaign, actor, sigla[source])
            previous = last.get(key)
            if previous is None or span[0] >= previous[1]:
                last[key] = (line, span[0])
            if previous and span[1] < previous[1] and not (note or reading):
                msg = (f"{key[1]} goes back in time in {campaign} in {key[2] or 'its source'}: this event ends "
                       f"before the one on line {previous[0]}")
                issues.append(table_issue(table, line, S.DATE, msg,
                                          "move the row into date order, or explain the order in 'note'", "warning"))
    return issues


def check_events(
    table: Table,
    *,
    places: dict[str, str],
    campaigns: dict[str, str],
    actors: dict[str, str],
    seeds: dict[str, Seed],
    dates: DateSpans,
    place_by_name: Callable[[str], tuple[str, ...]] | None = None,
    vocabularies: S.Vocabularies = S.VOCABULARIES,
) -> list[Issue]:
    """Check ``events.csv`` against the gazetteer, campaigns, actors, seeds and calendar.

    ``places``, ``campaigns`` and ``actors`` map known ids to a display name
    (used to suggest the id a user meant). ``dates`` holds each line's converted
    ``(jdn_start, jdn_end)`` or the calendar engine's reason (:class:`DateSpans`, from the dates stage).
    """
    issues = [*table.issues, *check_header(table, S.EVENTS)]
    if not table.header or any(i.severity == "error" for i in issues if i.line == 1):
        return issues  # a broken header shifts every cell: report it alone
    issues += check_required_cells(table, required=S.EVENT_REQUIRED)
    issues += check_ids(table, column=S.EVENT_ID) + check_seq(table)
    issues += check_vocabulary(table, S.ACTION, vocabularies["action"])
    issues += check_vocabulary(table, S.CERTAINTY, S.CERTAINTIES)
    issues += check_vocabulary(table, S.REGIME, regime_names())
    issues += check_references(table, S.PLACE, places, what="places/gazetteer.csv", by_name=place_by_name)
    issues += check_references(table, S.CAMPAIGN, campaigns, what="campaigns/campaigns.csv")
    issues += check_references(table, S.ACTOR, actors, what="campaigns/actors.csv")
    issues += check_citations(table, seeds)
    date_issues, spans = check_dates(table, dates)
    return issues + date_issues + check_chronology(table, spans)
