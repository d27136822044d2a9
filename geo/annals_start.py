"""The date in force while reading a chronicle, how a new date changes it, and where a juan begins.

:func:`advance` carries the era, year, season and month forward; :func:`infer_regime`
and :func:`era_reading` say whose era a name is; :func:`infer_start` finds the era in
force where a juan begins without naming it (遼史 卷28 opens ``五年春正月``), from the
day names it writes, over every era of the regime (of every Chinese regime when the
regime is unknown).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from geo.calendar.days import ganzhi_number
from geo.calendar.parse import ERA_TIMES, GANZHI_NUMBER, DateParts, parse_date, prefix_names
from geo.calendar.regimes import read_regimes
from geo.calendar.resolve import era_regime, eras_named, format_year, month_label, regime_eras, regime_of
from geo.calendar.tables import Era, Ruler, StreamTable, load_rulers, load_tables
from geo.errors import CalendarError
from geo.text import fold

#: How many day names before the first era are checked when inferring the start.
LEAD_DAYS = 16
#: The fewest day names on which a start is chosen among several that fit (by the eras the text names).
MIN_DAYS_TO_CHOOSE = 3


@dataclass(frozen=True)
class Context:
    """The date in force while reading: era, year, season, month (and whether it is leap).

    ``regime`` is the regime of the era in force, ``jdn`` the first day of the last date
    read (so that an era name with several readings means the closest one), ``ce_year``
    its CE year, ``day``/``ganzhi`` the last day named (for 是日), ``pending`` an era
    proclaimed for the next year (以明年爲X元年), ``sui`` the sexagenary name of a year
    named without an era (歲甲辰; its CE year is ``ce_year``).
    """

    era: str | None = None
    year: int | None = None
    season: str | None = None
    month: int | None = None
    leap: bool = False
    regime: str | None = None
    jdn: int | None = None
    ce_year: int | None = None
    day: int | None = None
    ganzhi: str | None = None
    pending: str | None = None
    sui: str | None = None


def _month_text(month: int | None, leap: bool) -> str:
    return f"{'閏' if leap else ''}{month_label(month)}月"


def _new_year(ctx: Context, mark: DateParts) -> tuple[str | None, int | None, bool]:
    """The era and year after ``mark``, and whether a new year begins."""
    if mark.era and mark.relative in ERA_TIMES:  # 大業初: the era, its year unknown
        return mark.era, None, True
    if mark.relative == "歲":  # 歲甲辰: a year with no era
        return None, None, True
    if mark.era_year is not None:
        era = mark.era or (ctx.pending if ctx.pending and mark.era_year == 1 else ctx.era)
        return era, mark.era_year, True
    if mark.relative in ("次年", "明年"):
        if ctx.pending:
            return ctx.pending, 1, True
        return ctx.era, (ctx.year + 1 if ctx.year is not None else None), True
    return ctx.era, ctx.year, False


def advance(ctx: Context, mark: DateParts) -> tuple[Context, str | None]:
    """The context after reading ``mark``, and a note when the reading needs checking.

    A new year (N年, 次年) clears the season and month; a season clears the month
    unless one follows; a new month clears the season unless one is written with it;
    閏月 is the leap month after the current month; 是月, 是歲, 是春 keep what is in force.
    """
    era, year, new_year = _new_year(ctx, mark)
    season, month, leap, note = ctx.season, ctx.month, ctx.leap, None
    pending = None if new_year and ctx.pending else ctx.pending
    if new_year:
        season, month, leap = None, None, False
    if mark.season:
        season = mark.season
        if not mark.has_month:
            month, leap = None, False
    if mark.month is not None:
        if not new_year and month is not None and (mark.month, mark.leap) <= (month, leap):
            note = (f"the month goes back from {_month_text(month, leap)} to {_month_text(mark.month, mark.leap)} "
                    "with no new year — check the year")
        month, leap = mark.month, mark.leap
        season = mark.season
    elif mark.leap:
        leap = True
    sui = mark.year_ganzhi if mark.relative == "歲" else None if new_year else ctx.sui
    return replace(ctx, era=era, year=year, season=season, month=month, leap=leap, pending=pending, sui=sui), note


def _chinese_regimes(name: str) -> list[str]:
    return list(dict.fromkeys(regime_of(e) for e in eras_named(name) if era_regime(e).chinese))


def era_reading(name: str, prefix: str | None, text_regime: str | None, near: int | None,
                in_force: str | None = None, *, year: int | None = None) -> str | None:
    """The regime whose era ``name`` is, in a text of ``text_regime`` read up to the day ``near``.

    A prefix whose regime has the era decides; else the text's own regime, then the regime
    in force, when it has the era; else the one Chinese regime with that era (the closest in
    time to ``near`` when several have it); else None. With ``year``, only eras that last
    that many years count (大安八年 in 金史 卷1 is the 遼 大安, the 金 one has three years).
    """
    regimes = {regime_of(e) for e in eras_named(name, borrowed=True) if year is None or e.max_year >= year}
    for regime in (prefix, text_regime, in_force):
        if regime and regime in regimes:
            return regime
    chinese = [e for e in eras_named(name) if era_regime(e).chinese and (year is None or e.max_year >= year)]
    if near is not None and len(chinese) > 1:
        gaps = sorted((max(e.start_jdn - near, near - e.end_jdn, 0), regime_of(e)) for e in chinese)
        return gaps[0][1] if gaps[0][0] < gaps[1][0] else None
    found = list(dict.fromkeys(regime_of(e) for e in chinese))
    return found[0] if len(found) == 1 else None


def infer_regime(marks: list[DateParts], *, others: frozenset[str] = frozenset()) -> str | None:
    """The regime whose era names the chronicle uses most (dates with a regime prefix are asides).

    Each era name votes for every Chinese regime that has it (天慶: 遼 and 西夏), with the number of
    dates it governs (itself and the dates after it up to the next era); of regimes tied
    at the top, those the text names as other states (``others``) are dropped; a tie left is no answer.

    Returns
    -------
    str or None
        A regime slug; None when no era names a single Chinese regime.
    """
    votes: Counter[str] = Counter()
    for i, mark in enumerate(marks):
        if not mark.era or mark.regime:
            continue
        governed = next((j for j in range(i + 1, len(marks)) if marks[j].era), len(marks)) - i
        for regime in _chinese_regimes(mark.era):
            votes[regime] += governed
    top = max(votes.values(), default=0)
    tied = [r for r, n in votes.items() if n == top]
    if len(tied) > 1:  # 保大: 南唐, 馬楚 or 遼? The one that lived when the other states the text names did
        names = {m.era for m in marks if m.era}
        scores = {r: _coexisting(r, names, others - set(tied)) for r in tied}
        tied = [r for r in tied if scores[r] == max(scores.values())]
    if len(tied) > 1:
        tied = [r for r in tied if r not in others] or tied
    if len(tied) == 1:
        return tied[0]
    ranked = votes.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def _span(eras: list[Era]) -> tuple[int, int]:
    return min(e.start_year for e in eras), max(e.start_year + e.max_year - 1 for e in eras)


def _coexisting(regime: str, names: set[str], others: frozenset[str]) -> int:
    """How many of the other states a text names were in existence when ``regime``'s readings of its eras were."""
    readings = [e for name in names for e in eras_named(name) if regime_of(e) == regime]
    if not readings:
        return 0
    low, high = _span(readings)
    count = 0
    for other in others - {regime}:
        eras = regime_eras(other)[1]
        if eras and _span(eras)[0] <= high and low <= _span(eras)[1]:
            count += 1
    return count


def start_context(start: str | None, *, regime: str | None = None) -> Context:
    """The context a reader begins with: empty, or the date given (``天輔二年``, ``天輔二年二月``).

    Raises
    ------
    CalendarError
        If ``start`` is not a date expression.
    """
    if not start:
        return Context(regime=regime)
    parsed = parse_date(start, regime=regime)
    if parsed.era is None or parsed.era_year is None:
        raise CalendarError(f"the start date {start!r} needs an era and a year — write e.g. 天輔二年")
    reading = era_reading(parsed.era, parsed.regime, regime, None)
    return Context(parsed.era, parsed.era_year, parsed.season, parsed.month, parsed.leap, regime=reading)


def _day_fits(table: StreamTable, year: int, ctx: Context, mark: DateParts) -> bool:
    """Whether the day of ``mark`` exists in the month ``ctx`` names, in CE year ``year`` of ``table``."""
    if ctx.month is None:
        if not ctx.leap or year not in table.year_rows:
            return False
        first, last = table.year_rows[year]
        rows = [i for i in range(first, last + 1) if table.leaps[i]]
        row = rows[0] if rows else None
    else:
        row = table.index.get((year, ctx.month, ctx.leap))
    if row is None:
        return False
    offset = (GANZHI_NUMBER[mark.ganzhi] - ganzhi_number(table.starts[row])) % 60 if mark.ganzhi else 0
    if mark.day_mark == "晦":
        return not mark.ganzhi or offset == table.lengths[row] - 1
    return offset == 0 if mark.day_mark == "朔" else offset < table.lengths[row]


def _misfits(lead: list[DateParts], table: StreamTable, year: int, base: int, *, allowed: int) -> int:
    """How many days of ``lead`` do not exist when era year ``base`` is CE year ``year`` (stops past ``allowed``)."""
    ctx, misses = Context(era="?", year=base), 0
    for mark in lead:
        ctx, _ = advance(ctx, mark)
        if (mark.ganzhi or mark.day_mark) and not _day_fits(table, year + (ctx.year or base) - base, ctx, mark):
            misses += 1
            if misses > allowed:
                break
    return misses


def _lead(marks: list[DateParts]) -> list[DateParts]:
    """The marks before the first era, up to :data:`LEAD_DAYS` day names."""
    lead, days = [], 0
    for mark in marks:
        if mark.era or mark.regime or mark.relative == "歲" or days >= LEAD_DAYS:
            break
        lead.append(mark)
        days += bool(mark.ganzhi or mark.day_mark)
    return lead


def _candidate_eras(regime: str | None) -> list[Era]:
    if regime:
        return list(regime_eras(regime)[1])
    slugs = [r.slug for r in read_regimes() if r.chinese and r.kind != "group"]
    return [e for slug in slugs for e in regime_eras(slug)[1]]


def confidence(lead: list[DateParts]) -> str:
    """How sure an inferred start is, from the days it rests on: high (≥ 4 or a 朔 with its day), medium, low."""
    days = [m for m in lead if m.ganzhi or m.day_mark]
    if len(days) >= 4 or any(m.ganzhi and m.day_mark for m in days):
        return "high"
    return "medium" if len(days) >= 2 else "low"


def _eras_in(eras: list[Era], year: int, written: int | None) -> list[tuple[Era, int]]:
    """The eras in force in CE ``year`` as (era, era year); with ``written``, those whose year ``written`` it is."""
    if written is not None:
        return [(e, written) for e in eras if e.start_year + written - 1 == year and written <= e.max_year]
    return [(e, year - e.start_year + 1) for e in eras if e.start_year <= year <= e.start_year + e.max_year - 1]


def _start_fits(lead: list[DateParts], regime: str | None) -> list[tuple[Era, int]]:
    """Every (era, era year) of the candidate regimes under which the lead's days exist.

    One day in eight may be a slip of the text (九月丁卯朔 … 乙巳); the starts with the fewest misfits are kept.
    """
    tables = load_tables().streams
    by_stream: dict[int, list[Era]] = {}
    for era in {(e.name, e.start_year, e.stream): e for e in _candidate_eras(regime)}.values():
        by_stream.setdefault(era.stream, []).append(era)
    written, days = lead[0].era_year, sum(bool(m.ganzhi or m.day_mark) for m in lead)
    allowed, scored = days // 8, []
    for stream, eras in sorted(by_stream.items()):
        years = sorted({e.start_year + written - 1 for e in eras} if written else
                       {y for e in eras for y in range(e.start_year, e.start_year + e.max_year)})
        for year in years:
            misses = _misfits(lead, tables[stream], year, written or 1, allowed=allowed)
            if misses <= allowed:
                scored += [(misses, fit) for fit in _eras_in(eras, year, written)]
    best = min((m for m, _ in scored), default=0)
    fits = [fit for m, fit in scored if m == best]
    return sorted(fits, key=lambda f: (f[0].start_year + f[1], f[0].dyn_id))


def _narrow(fits: list[tuple[Era, int]], others: frozenset[str], named: tuple[tuple[str, ...], ...],
            prefer: str | None) -> list[tuple[Era, int]]:
    """Of several starts: not of a regime the text names as another state; of the latest era its dates name (else
    the latest its era changes name); of ``prefer``."""
    if len({regime_of(e) for e, _ in fits}) > 1:
        fits = [f for f in fits if regime_of(f[0]) not in others] or fits
    for names in named:  # a juan goes on from the one before it: the latest era named that fits
        chosen = [f for f in fits if fold(f[0].name) in names] if len(fits) > 1 else []
        if chosen:
            fits = [max(chosen, key=lambda f: f[0].start_year)]
            break
    if len(fits) > 1 and prefer:
        fits = [f for f in fits if regime_of(f[0]) == prefer] or fits
    return fits


def infer_start(marks: list[DateParts], regime: str | None, *, others: frozenset[str] = frozenset(),
                prefer: str | None = None,
                named: tuple[str, ...] = ()) -> tuple[str | None, str, str | None, str | None]:
    """The era and year in force before a text that begins without them, from the days it names.

    Every era of ``regime`` (of every Chinese regime when None) is tried, and every year
    of it unless the text's first date writes its year (五年春正月); a start is accepted
    only when it is the one under which every sexagenary day and 朔 written before the first
    era (up to :data:`LEAD_DAYS` of them, one in eight may be a slip) falls in its month. Of
    several starts, those in a regime the text names as another state (``others``, see
    :func:`other_states`) are dropped, then all but the latest of the eras the text names,
    (of its dates, and ``named``: the eras of its era changes), then all but those of the
    regime ``prefer`` (the regime its eras suggest); a start chosen
    this way, not by the days alone, has confidence ``low``.

    Returns
    -------
    tuple
        The start (``天慶五年``) or None; a sentence saying how it was found or why not;
        the confidence (see :func:`confidence`) or None; the regime slug of the start or None.
    """
    lead = _lead(marks)
    if not any(m.ganzhi or m.day_mark for m in lead):
        return None, "the text begins without an era and names no day to infer it from — give the start", None, None
    in_dates = tuple(dict.fromkeys(fold(m.era) for m in marks if m.era))
    every = _start_fits(lead, regime)
    fits = _narrow(every, others, (in_dates, tuple(map(fold, named))), prefer)
    found = ", ".join(f"{e.name}{format_year(y)}年 ({regime_of(e)} {e.start_year + y - 1})" for e, y in fits[:6])
    days = sum(bool(m.ganzhi or m.day_mark) for m in lead)
    same_year = len({e.start_year + y for e, y in every}) == 1  # 天輔二年 = 天慶八年: the same days
    if len(fits) == 1 and (same_year or days >= MIN_DAYS_TO_CHOOSE):
        era, year = fits[0]
        sure = confidence(lead) if same_year else "low"
        how = "" if len(every) == 1 else f", chosen among {len(every)} starts that fit the days" + (
            " (all the same year)" if same_year else "")
        return (f"{era.name}{format_year(year)}年", f"start inferred from the {days} day(s) written before the "
                f"first era: {found}{how}; confidence {sure}", sure, regime_of(era))
    if not fits:
        return None, "no era year of the regime fits the days written before the first era — give the start", \
            None, None
    return None, (f"several starts fit the days written before the first era ({found}) — give the start or "
                  "the regime"), None, None


#: Characters after a regime's name that make it another state in the text: 宋遣使, 夏國遣使, 高麗使.
_STATE_NEXT = frozenset("遣使人")


def other_states(text: str) -> frozenset[str]:
    """The regimes a text names as other states (宋遣使, 夏國遣使, 夏人, 高麗使): not the regime of its own dates.

    >>> sorted(other_states("宋遣使致助軍銀絹。夏國遣使來。"))
    ['song', 'xia']
    """
    folded, found = fold(text), set()
    for name, slug in prefix_names().items():
        start = folded.find(name)
        while start >= 0:
            after = folded[start + len(name):start + len(name) + 2]
            if after[:1] in _STATE_NEXT or (after[:1] in "国" and after[1:] in _STATE_NEXT):
                found.add(slug)
                break
            start = folded.find(name, start + 1)
    return frozenset(found)


def sexagenary_year(name: str, *, after: int | None, before: int | None) -> int | None:
    """The CE year called ``name`` (甲辰): the first from ``after`` on, else the last up to ``before``.

    >>> sexagenary_year("甲辰", after=None, before=1260), sexagenary_year("辛亥", after=1244, before=None)
    (1244, 1251)
    """
    index = GANZHI_NUMBER[name] - 1
    if after is not None:
        return after + (index - (after - 4)) % 60
    if before is not None:
        return before - ((before - 4) - index) % 60
    return None


#: How many non-empty lines at the top of a juan are its heading, where a ruler is named.
HEADING_LINES = 3


def heading_ruler(text: str) -> Ruler | None:
    """The ruler a juan's heading names with his personal name (太祖耶律阿保機上), whose reign years the
    juan may count without an era (元年, 二年 … before 神冊); None when the heading names none.

    >>> heading_ruler("本紀第一\n太祖耶律阿保機上\n").start_year
    907
    """
    lines = [line for line in text.splitlines() if line.strip()][:HEADING_LINES]
    head = fold("".join("".join(lines).split()))
    found = [r for name, r in load_rulers().items() if len(name) >= 4 and fold(name) in head]
    persons = {r.person_id for r in found}
    return found[0] if len(persons) == 1 else None
