"""The dates stage: every event's date converted once, on the years its source means.

A source may count years its own way: 大金國志 counts 天輔 one year behind the 金史, so its 天輔五年 is the
金史's 天輔六年. ``seeds/reckonings.csv`` declares that as data — a span of a seed's lines, an era and the
years to add — and :func:`event_dates` converts each event's date *as its source means it*, keeping the
date as written beside it. Nothing here reads a file other than the reckonings table it is given.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from geo import schema as S
from geo.calendar.parse import NUMERAL, chinese_number
from geo.calendar.resolve import format_year
from geo.errors import Issue
from geo.seeds import Seed, citation_sigla, parse_citation
from geo.tables import Table, parse_int
from geo.validate_events import DateSpans, date_spans_of

if TYPE_CHECKING:
    import pandas as pd

_YEAR = rf"(元|{NUMERAL}|[0-9]+)年"


@dataclass(frozen=True)
class Reckoning:
    """Lines ``first``–``last`` of seed ``siglum`` count ``era`` years ``years`` off the regime's calendar."""

    siglum: str
    first: int
    last: int
    era: str
    years: int
    evidence: str
    first_words: str = ""
    last_words: str = ""

    def covers(self, siglum: str, line: int, *, quote: str = "", text: str = "") -> bool:
        """Whether the citation ``siglum:line`` (with its ``quote`` in the line's ``text``) falls in this span.

        On the first and last line a span may start or end mid-line, at ``first_words`` / after
        ``last_words``; a quote is placed by where it stands in the line.

        >>> rk = Reckoning("LS29", 30, 32, "保大", -1, "", last_words="送金")
        >>> line = "甲送金。乙"
        >>> rk.covers("LS29", 31), rk.covers("LS29", 32, quote="甲", text=line)
        (True, True)
        >>> rk.covers("LS29", 32, quote="乙", text=line)
        False
        """
        if siglum != self.siglum or not self.first <= line <= self.last:
            return False
        at = text.find(quote) if quote and text else -1
        if line == self.first and self.first_words:
            start = text.find(self.first_words)
            if at < 0 or start < 0 or at < start:
                return False
        if line == self.last and self.last_words:
            end = text.find(self.last_words)
            if at < 0 or end < 0 or at >= end + len(self.last_words):
                return False
        return True


def read_reckonings(table: Table) -> tuple[list[Reckoning], list[Issue]]:
    """The reckonings of ``seeds/reckonings.csv`` (an empty table: none), with every problem found."""
    found, issues = [], []
    for line, row in table.records():
        cells = {c: row.get(c, "").strip() for c in S.RECKONING_COLUMNS}
        numbers = {c: parse_int(cells[c]) for c in (S.RK_FIRST, S.RK_LAST, S.RK_YEARS)}
        bad = [c for c, v in numbers.items() if v is None] + [c for c in S.RECKONING_REQUIRED if not cells[c]]
        if bad:
            col = table.column(bad[0])
            issues.append(Issue(table.path, line, col, f"{bad[0]} {cells[bad[0]]!r} is missing or not a whole number",
                                "give the siglum, the first and last line, the era and the whole years to add"))
            continue
        found.append(Reckoning(cells[S.RK_SIGLUM], numbers[S.RK_FIRST], numbers[S.RK_LAST], cells[S.RK_ERA],
                               numbers[S.RK_YEARS], cells[S.RK_EVIDENCE], cells[S.RK_FIRST_WORDS],
                               cells[S.RK_LAST_WORDS]))
    return found, issues


def shift_year(date: str, *, era: str, years: int) -> str | None:
    """``date`` with the year of ``era`` moved by ``years``; None when the date does not use that era.

    >>> shift_year("天輔五年十二月", era="天輔", years=1), shift_year("保大二年", era="天輔", years=1)
    ('天輔六年十二月', None)
    """
    match = re.search(re.escape(era) + _YEAR, date)
    if match is None or years == 0:
        return None
    year = chinese_number(match.group(1)) + years
    if year < 1:
        return None
    text = str(year) if match.group(1).isdigit() else format_year(year)
    return date[:match.start(1)] + text + date[match.end(1):]


def reckoned_date(date: str, source: str, reckonings: Sequence[Reckoning], *, quote: str = "",
                  seeds: Mapping[str, Seed] | None = None) -> tuple[str, Reckoning | None]:
    """The date as its source means it on the regime's calendar, and the reckoning applied (if any)."""
    cited = parse_citation(source)
    if cited is None:
        return date, None
    text = _line_text(seeds, *cited)
    for rk in reckonings:
        if rk.covers(*cited, quote=quote, text=text):
            shifted = shift_year(date, era=rk.era, years=rk.years)
            if shifted is not None:
                return shifted, rk
    return date, None


def _line_text(seeds: Mapping[str, Seed] | None, siglum: str, line: int) -> str:
    seed = (seeds or {}).get(siglum)
    return seed.lines[line - 1] if seed is not None and 0 < line <= len(seed.lines) else ""


def reckoning_note(date: str, reckoned: str, rk: Reckoning) -> str:
    """What a popup or a download says of a reckoned date.

    >>> rk = Reckoning("DJGZ", 1, 9, "天輔", 1, "")
    >>> reckoning_note("天輔五年十二月", "天輔六年十二月", rk)
    "DJGZ writes 天輔五年十二月; its 天輔 years run 1 behind the regime's calendar here: read as 天輔六年十二月"
    """
    way = "behind" if rk.years > 0 else "ahead of"
    return (f"{rk.siglum} writes {date}; its {rk.era} years run {abs(rk.years)} {way} the regime's calendar "
            f"here: read as {reckoned}")


@dataclass(frozen=True)
class Reckoned:
    """Every event's date as its source means it, column by column (a million events are four lists).

    ``texts[i]`` is the date converted for the event on ``lines[i]``, on the calendar of ``regimes[i]``;
    ``notes[i]`` says what a reckoning did to it (empty when the source's years are the regime's).
    """

    lines: Sequence[int]
    texts: Sequence[str]
    regimes: Sequence[str]
    notes: Sequence[str]


def _by_siglum(reckonings: Sequence[Reckoning]) -> dict[str, list[Reckoning]]:
    grouped: dict[str, list[Reckoning]] = {}
    for rk in reckonings:
        grouped.setdefault(rk.siglum, []).append(rk)
    return grouped


def reckon_events(events: Table, *, reckonings: Sequence[Reckoning] = (),
                  seeds: Mapping[str, Seed] | None = None) -> Reckoned:
    """Every event's date with its source's reckoning applied (pure Python: ``geo check`` needs no pandas).

    Only the events citing a line that a reckoning holds are looked at, each date of one line once.
    """
    dates, sources, quotes = events.cells(S.DATE), events.cells(S.EVENT_SOURCE), events.cells(S.QUOTE)
    grouped, sigla = _by_siglum(reckonings), citation_sigla(sources)
    near = {source: matters for source, siglum in sigla.items() if siglum
            and (matters := _quote_matters(source, grouped.get(siglum, ()))) is not None}
    texts, notes, memo = list(dates), [""] * len(dates), {}
    for i, key in _cited_rows(dates, sources, quotes, near=near):
        if key not in memo:
            date, source = key[0], key[1]
            reckoned, rk = reckoned_date(date, source, grouped[sigla[source]], quote=quotes[i], seeds=seeds)
            memo[key] = (reckoned, reckoning_note(date, reckoned, rk) if rk else "")
        texts[i], notes[i] = memo[key]
    return Reckoned(events.lines, texts, events.cells(S.REGIME), notes)


def _cited_rows(dates: Sequence[str], sources: Sequence[str], quotes: Sequence[str], *,
                near: Mapping[str, bool | None]) -> list[tuple[int, tuple[str, str, str]]]:
    """The rows citing a source of ``near``, each with the key one judgement of it is kept under.

    The key is the date and the citation, with the quote only where a span starts or ends mid-line on
    that line (``near[source]``): a million events cite a few thousand lines.
    """
    if not near:
        return []
    return [(i, (dates[i], source, quotes[i] if near[source] else "")) for i, source in enumerate(sources)
            if source in near]


def _quote_matters(source: str, reckonings: Sequence[Reckoning]) -> bool | None:
    """Whether a span of ``reckonings`` starts or ends mid-line on the cited line (None: no span holds the line).

    Elsewhere a reckoning covers a citation whatever its quote, so one date of one line is read once.
    """
    cited = parse_citation(source)
    held = [rk for rk in reckonings if cited and rk.first <= cited[1] <= rk.last]
    if not held:
        return None
    return any((cited[1] == rk.first and rk.first_words) or (cited[1] == rk.last and rk.last_words) for rk in held)


def _explained(error: str | None, note: str, text: str) -> str | None:
    """The engine's reason for a date a reckoning changed says which date was converted."""
    return f"read as {text} by {S.RECKONINGS_FILE}: {error}" if error and note else error


def check_spans(reckoned: Reckoned) -> DateSpans:
    """Each event line's ``(jdn_start, jdn_end)`` or the reason, each distinct date converted once, without pandas."""
    from geo.calendar import convert_date
    from geo.errors import CalendarError

    memo: dict[tuple[str, str], tuple[int, int] | str] = {}
    pairs = list(zip(reckoned.texts, reckoned.regimes))
    for key in set(pairs):
        try:
            result = convert_date(key[0], regime=key[1] or None)
            memo[key] = (result.jdn_start, result.jdn_end)
        except CalendarError as exc:
            memo[key] = str(exc)
    values = list(map(memo.__getitem__, pairs))
    if not any(isinstance(value, str) for value in memo.values()):  # every date converted: no look at each line
        return DateSpans(dict(zip(reckoned.lines, values)), {})
    for i in (i for i, note in enumerate(reckoned.notes) if note and isinstance(values[i], str)):
        values[i] = _explained(values[i], reckoned.notes[i], reckoned.texts[i])
    return date_spans_of(reckoned.lines, values)


def event_dates(events: Table, *, reckonings: Sequence[Reckoning] = (),
                seeds: Mapping[str, Seed] | None = None) -> pd.DataFrame:
    """Convert every event's date once: one row per event line, the calendar columns or an ``error``.

    Columns: ``line``, :data:`geo.schema.DATE_RECKONED` (the date converted), :data:`geo.schema.RECKONING`
    (the note, empty when the source's years are the regime's), the calendar columns of
    :func:`geo.calendar.convert_dates` and :data:`geo.schema.DATE_ERROR`.
    """
    import pandas as pd

    from geo.calendar import convert_dates

    reckoned = reckon_events(events, reckonings=reckonings, seeds=seeds)
    texts = reckoned.texts
    converted = convert_dates(texts, list(reckoned.regimes)) if texts else pd.DataFrame({"error": []})
    frame = pd.DataFrame({S.LINE: list(reckoned.lines), S.DATE_RECKONED: texts, S.RECKONING: reckoned.notes})
    for column in S.CALENDAR_COLUMNS:
        frame[column] = converted[column].tolist() if column in converted else [None] * len(frame)
    errors = converted["error"].tolist() if "error" in converted else [None] * len(frame)
    frame[S.DATE_ERROR] = [_explained(err if isinstance(err, str) else None, note, text)
                           for err, note, text in zip(errors, reckoned.notes, texts)]
    return frame


def _source_wide(reckonings: Sequence[Reckoning], seeds: Mapping[str, Seed]) -> set[tuple[str, str]]:
    """(siglum, era) pairs whose reckoning is the source's own count: whole-line spans over half its lines or more."""
    covered: dict[tuple[str, str], int] = {}
    for rk in reckonings:
        if rk.first_words or rk.last_words:  # a passage that starts or ends mid-line is a correction
            continue
        covered[(rk.siglum, rk.era)] = covered.get((rk.siglum, rk.era), 0) + rk.last - rk.first + 1
    return {k for k, n in covered.items() if k[0] in seeds and 2 * n >= len(seeds[k[0]].lines)}


def check_reckonings(events: Table, reckonings: Sequence[Reckoning], *,
                     seeds: Mapping[str, Seed] | None = None) -> list[Issue]:
    """Warn where an event cites a source that counts an era its own way, outside every declared span.

    Only a source-wide count is meant (a reckoning whose spans cover half the seed or more, as
    大金國志's 天輔): an event dated by that era on a line outside the spans is converted on the
    regime's own years, which is probably not what the source means. A reckoning that corrects one
    misplaced passage says nothing of the rest of its source.
    """
    issues, memo = [], {}
    wide = sorted(_source_wide(reckonings, seeds or {}))
    sources, dates, quotes = events.cells(S.EVENT_SOURCE), events.cells(S.DATE), events.cells(S.QUOTE)
    wide_sigla, sigla = {s for s, _ in wide}, citation_sigla(sources)
    grouped = _by_siglum(reckonings)
    near = {source: _quote_matters(source, grouped.get(siglum, ())) for source, siglum in sigla.items()
            if siglum in wide_sigla}
    for i, key in _cited_rows(dates, sources, quotes, near=near):  # only seeds with an era counted their own way
        if key not in memo:
            memo[key] = _outside_spans(key[1], key[0], quotes[i], wide=wide, grouped=grouped, seeds=seeds)
        if memo[key] is not None:
            issues.append(Issue(events.path, events.lines[i], events.column(S.DATE), memo[key],
                                "extend the span in seeds/reckonings.csv if the reckoning holds here too",
                                "warning"))
    return issues


def _outside_spans(source: str, date: str, quote: str, *, wide: Sequence[tuple[str, str]],
                   grouped: Mapping[str, Sequence[Reckoning]], seeds: Mapping[str, Seed] | None) -> str | None:
    """The warning of :func:`check_reckonings` for one citation and date, None when a span covers it."""
    cited = parse_citation(source)
    text = _line_text(seeds, *cited)
    if any(rk.covers(*cited, quote=quote, text=text) for rk in grouped.get(cited[0], ())):
        return None
    era = next((e for s, e in wide if s == cited[0] and shift_year(date, era=e, years=1)), None)
    if era is None:
        return None
    return (f"{cited[0]} counts {era} years its own way (seeds/reckonings.csv), but line {cited[1]} is "
            f"outside the spans declared there: {date!r} is converted on the regime's own years")


def date_spans(dates: pd.DataFrame) -> DateSpans:
    """Each event line's ``(jdn_start, jdn_end)``, or the engine's reason when the date could not be converted."""
    values = [str(error) if isinstance(error, str) else (int(start), int(end))
              for start, end, error in zip(dates[S.JDN_START], dates[S.JDN_END], dates[S.DATE_ERROR])]
    return date_spans_of(map(int, dates[S.LINE]), values)
