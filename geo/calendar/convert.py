"""Converting date parts to days with the month table of the regime whose era they name.

A date such as ``天輔六年三月己巳`` is converted with the month table of the
regime whose era it names (sanmiao's calendar streams), giving a Julian Day Number interval, the Julian
calendar date(s) and the proleptic Gregorian date(s)::

    >>> convert_date("天輔六年三月己巳").julian_start
    '1122-04-18'

Parsing (:func:`parse_date`) and conversion (:func:`convert_parts`) are
separate, so that a reader of annals can fill a bare ``三月癸未朔`` with the era
and year in force. Pure Python; pandas is imported only by :func:`convert_dates`.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from geo.calendar.days import (
    day_label,
    ganzhi_number,
    iso_date,
    jdn_to_gregorian,
    jdn_to_julian,
)
from geo.calendar.parse import GANZHI, GANZHI_NUMBER, SEASONS, DateParts, parse_date, regime_key
from geo.calendar.record import ChineseDate
from geo.calendar.resolve import (
    ambiguity,
    describe,
    era_candidates,
    era_regime,
    format_year,
    month_label,
    regime_eras,
    regime_of,
)
from geo.calendar.tables import Era, StreamTable, load_tables
from geo.errors import CalendarError

if TYPE_CHECKING:
    import pandas as pd

PRECISIONS = ("day", "month", "season", "year")


# --- conversion ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Year:
    era: Era
    era_year: int
    regime: str
    table: StreamTable
    first: int
    last: int

    @property
    def ce_year(self) -> int:
        return self.era.start_year + self.era_year - 1


def _year(era: Era, era_year: int, regime: str) -> _Year:
    if not 1 <= era_year <= era.max_year:
        raise CalendarError(
            f"{era.name} ({describe(era)}) has {era.max_year} year(s); "
            f"{era.name}{format_year(era_year)}年 does not exist — check the era or the year"
        )
    table = load_tables().streams[era.stream]
    ce_year = era.start_year + era_year - 1
    if ce_year not in table.year_rows:
        raise CalendarError(f"no calendar data for {ce_year} in sanmiao's tables — check the era and year")
    first, last = table.year_rows[ce_year]
    return _Year(era, era_year, regime, table, first, last)


def _leap_row(y: _Year, month: int | None, label: str) -> int:
    rows = [i for i in range(y.first, y.last + 1) if y.table.leaps[i]]
    if month is None and rows:
        return rows[0]
    if month is not None:
        for i in rows:
            if y.table.months[i] == month:
                return i
    has = f"its leap month is 閏{month_label(y.table.months[rows[0]])}月" if rows else "it has no leap month"
    wanted = f"閏{month_label(month)}月" if month else "閏月"
    raise CalendarError(f"{label} has no {wanted} ({has}) — check the month or the year")


def _month_row(y: _Year, month: int | None, leap: bool, label: str) -> int:
    if month is not None and not 1 <= month <= 12:
        raise CalendarError(f"month {month} does not exist — months run from 正月 (1) to 十二月 (12)")
    if leap:
        return _leap_row(y, month, label)
    row = y.table.index.get((y.ce_year, month, False))
    if row is None:
        raise CalendarError(f"{label} has no {month_label(month)}月 in sanmiao's tables — check the year")
    return row


def _season_rows(y: _Year, season: str) -> tuple[int, int]:
    low, high = SEASONS[season]
    rows = [i for i in range(y.first, y.last + 1) if low <= y.table.months[i] <= high]
    return rows[0], rows[-1]


def _check_season(season: str | None, month: int | None, text: str) -> None:
    if season and month is not None and not SEASONS[season][0] <= month <= SEASONS[season][1]:
        low, high = SEASONS[season]
        raise CalendarError(
            f"{text}: {season} covers months {low}–{high}, but the month is {month_label(month)}月 "
            "— check the season or the month"
        )


def _day_in_month(start: int, length: int, parts: DateParts, label: str) -> int:
    """Return the JDN of the day that ``parts`` names inside the month ``[start, start+length)``."""
    last = start + length - 1
    days = []
    if parts.day is not None:
        if not 1 <= parts.day <= length:
            raise CalendarError(f"{label} has {length} days; day {parts.day} does not exist — check the day")
        days.append(start + parts.day - 1)
    if parts.day_mark:
        days.append(start if parts.day_mark == "朔" else last)
    if parts.ganzhi:
        offset = (GANZHI_NUMBER[parts.ganzhi] - ganzhi_number(start)) % 60
        if offset >= length:
            raise CalendarError(
                f"{label} runs from {day_label(start)} to {day_label(last)}; {parts.ganzhi} is not in it "
                "— check the month or the day"
            )
        if days and days[-1] != start + offset:
            what = parts.day_mark or f"day {parts.day}"
            raise CalendarError(
                f"{label}: the {what} is {day_label(days[-1])}, not {parts.ganzhi} — check the month or the day"
            )
        days.append(start + offset)
    if len(set(days)) > 1:
        raise CalendarError(f"{label}: day {parts.day} is not the {parts.day_mark} — check the day")
    return days[0]


def _build(parts: DateParts, y: _Year, precision: str, span: tuple[int, int], row: int | None) -> ChineseDate:
    start, end = span
    day = ganzhi = None
    if precision == "day":
        day, ganzhi = start - y.table.starts[row] + 1, GANZHI[ganzhi_number(start) - 1]
    return ChineseDate(
        input=parts.written, regime=y.regime, era=y.era.name, era_year=y.era_year if y.era.name else 0,
        ce_year=y.ce_year,
        month=y.table.months[row] if row is not None else None,
        leap=y.table.leaps[row] if row is not None else False,
        day=day, ganzhi=ganzhi, precision=precision, jdn_start=start, jdn_end=end,
        julian_start=iso_date(jdn_to_julian(start)), julian_end=iso_date(jdn_to_julian(end)),
        gregorian_start=iso_date(jdn_to_gregorian(start)), gregorian_end=iso_date(jdn_to_gregorian(end)),
    )


def _convert(parts: DateParts, near: int | None) -> ChineseDate:
    text = parts.written.strip()
    if parts.era is None or parts.era_year is None:
        raise CalendarError(
            f"{text or 'the date'} has no era and year — write the full date (e.g. 天輔二年三月癸未朔) "
            "or pass the era and year in force to convert_parts"
        )
    eras = era_candidates(parts.era, regime=parts.regime, near=near, text=text)
    if len(eras) == 1:
        return _convert_in(parts, eras[0])
    fits, errors = [], []
    for era in eras:
        try:
            fits.append(_convert_in(parts, era))
        except CalendarError as exc:
            errors.append(str(exc))
    if len(fits) == 1:
        others = "; ".join(describe(e) for e in eras if regime_of(e) != fits[0].regime
                           or e.start_year != fits[0].ce_year - fits[0].era_year + 1)
        note = f"{parts.era} also names {others}, where this date does not exist"
        return dataclasses.replace(fits[0], note=note)
    if not fits:
        raise CalendarError(f"{text}: no era {parts.era} has this date: " + " | ".join(errors))
    raise ambiguity(parts.era, eras, text, why="the date exists in each")


def _convert_in(parts: DateParts, era: Era) -> ChineseDate:
    text = parts.written.strip()
    y = _year(era, parts.era_year, regime_of(era))
    named = year_name(y.ce_year)
    if parts.year_ganzhi and parts.year_ganzhi != named:
        raise CalendarError(
            f"{text}: {era.name}{format_year(parts.era_year)}年 is a {named} year, so {parts.year_ganzhi} is no "
            "name of the year — a day needs a month: write e.g. 三月己巳"
        )
    return _convert_year(parts, y, f"{era.name}{format_year(parts.era_year)}年")


def year_name(ce_year: int) -> str:
    """The sexagenary name of a CE year (1244 → 甲辰)."""
    return GANZHI[(ce_year - 4) % 60]


def _year_by_name(parts: DateParts, regime: str, ce_year: int) -> ChineseDate:
    """Convert a date of a year named by its sexagenary name only (歲甲辰), in the calendar of ``regime``."""
    eras = regime_eras(regime)[1]
    if not eras:
        raise CalendarError(f"{parts.written.strip()}: {regime} has no eras in the tables, so no calendar")
    nearest = min(eras, key=lambda e: abs(e.start_year - ce_year))
    if ce_year not in load_tables().streams[nearest.stream].year_rows:  # 901 in a 遼 text: the 唐 calendar
        nearest = _era_in_force(ce_year) or nearest
    era = nearest._replace(name="", name_simp="", start_year=ce_year, max_year=1)
    y = _year(era, 1, regime_of(nearest))
    return _convert_year(parts, y, f"{year_name(ce_year)}歲")


def _era_in_force(ce_year: int) -> Era | None:
    """An era of a Chinese regime in force in ``ce_year`` whose calendar has that year (the first by table order)."""
    tables = load_tables()
    for era in tables.eras:
        if era.start_year <= ce_year <= era.start_year + era.max_year - 1 and era_regime(era).chinese \
                and ce_year in tables.streams[era.stream].year_rows:
            return era
    return None


def _convert_year(parts: DateParts, y: _Year, label: str) -> ChineseDate:
    text = parts.written.strip()
    _check_season(parts.season, parts.month, text)
    has_day = parts.day is not None or parts.ganzhi is not None or parts.day_mark is not None
    if parts.month is None and not parts.leap:
        if has_day:
            raise CalendarError(f"{text}: a day needs a month — write e.g. 三月己巳 or 三月朔")
        if parts.season:
            first, last = _season_rows(y, parts.season)
            return _build(parts, y, "season", (y.table.starts[first], _month_end(y.table, last)), None)
        return _build(parts, y, "year", (y.table.starts[y.first], _month_end(y.table, y.last)), None)
    row = _month_row(y, parts.month, parts.leap, label)
    label += f"{'閏' if y.table.leaps[row] else ''}{month_label(y.table.months[row])}月"
    start, length = y.table.starts[row], y.table.lengths[row]
    if not has_day:
        return _build(parts, y, "month", (start, start + length - 1), row)
    jdn = _day_in_month(start, length, parts, label)
    return _build(parts, y, "day", (jdn, jdn), row)


def _month_end(table: StreamTable, row: int) -> int:
    return table.starts[row] + table.lengths[row] - 1


def convert_parts(
    *,
    regime: str | None = None,
    era: str | None = None,
    era_year: int | None = None,
    season: str | None = None,
    month: int | None = None,
    leap: bool = False,
    day: int | None = None,
    ganzhi: str | None = None,
    day_mark: str | None = None,
    text: str = "",
    near: int | None = None,
    ce_year: int | None = None,
) -> ChineseDate:
    """Convert a date given as parts (e.g. a parsed date completed from context).

    Parameters
    ----------
    regime : str, optional
        A regime slug or name (``jin``, ``唐``, ``元`` …); needed when the era name is ambiguous.
    era, era_year : str, int
        The era name (traditional or simplified) and the year of the era (1 = 元年).
    season : str, optional
        春, 夏, 秋 or 冬.
    month, leap : int, bool
        Month number 1–12; ``leap=True`` for 閏N月, or with ``month=None`` for 閏月.
    day, ganzhi, day_mark : optional
        Day of the month, sexagenary day name, and ``"朔"`` / ``"晦"``.
    text : str
        The original text, echoed as ``input``.
    near : int, optional
        JDN of the date in force: of several eras of the name, the closest one is meant.
    ce_year : int, optional
        For a year named only by its sexagenary name (歲甲辰, no era): its CE year; needs
        ``regime`` and no ``era``. The result has ``era`` "" and ``era_year`` 0.

    Returns
    -------
    ChineseDate

    Raises
    ------
    CalendarError
        If a part is missing, unknown, ambiguous or inconsistent with the calendar.
    """
    if ganzhi is not None and ganzhi not in GANZHI_NUMBER:
        raise CalendarError(f"{ganzhi} is not a sexagenary day name — check the characters")
    if season is not None and season not in SEASONS:
        raise CalendarError(f"{season} is not a season — use 春, 夏, 秋 or 冬")
    parts = DateParts(text, regime=regime_key(regime), era=era, era_year=era_year, season=season, month=month,
                      leap=leap, day=day, ganzhi=ganzhi, day_mark=day_mark)
    if era is None and ce_year is not None and parts.regime:
        return _year_by_name(parts, parts.regime, ce_year)
    return _convert(parts, near)


@functools.lru_cache(maxsize=1 << 16)
def _convert_text(text: str, regime: str | None) -> ChineseDate:
    return _convert(parse_date(text, regime=regime), None)


def convert_date(text: str, *, regime: str | None = None) -> ChineseDate:
    """Convert a Chinese date expression to a day interval.

    Parameters
    ----------
    text : str
        E.g. ``天輔六年三月己巳``, ``金天輔二年閏九月庚戌朔``, ``遼天慶八年``, ``天辅6年3月初六``.
    regime : str, optional
        A regime slug or name (``jin``, ``tang``, ``唐``, ``西夏`` …), or a prefix in the text (遼, 金, 唐 …).

    Returns
    -------
    ChineseDate
        ``note`` says so when the era name has other readings in which the date does not exist.

    Raises
    ------
    CalendarError
        If the text cannot be read, the era is ambiguous (every reading is listed) or the date
        does not exist in the regime's calendar.
    """
    return _convert_text(text, regime)


def jdn_to_chinese(jdn: int, *, regime: str) -> ChineseDate:
    """Return the Chinese date of day ``jdn`` in the calendar of ``regime`` (for round trips).

    Parameters
    ----------
    jdn : int
        Civil Julian Day Number.
    regime : str
        A regime slug or name (``jin``, ``tang`` …).

    Returns
    -------
    ChineseDate
        Day precision, with the era in force, era year, month, leap flag, day of
        the month and sexagenary name; ``input`` is the date written as in
        :func:`format_chinese`.

    Raises
    ------
    CalendarError
        If the regime has no era in force on that day.
    """
    key = regime_key(regime)
    if key is None:
        raise CalendarError("jdn_to_chinese needs a regime — give a slug or name such as jin, liao, tang, 唐")
    starts, eras = regime_eras(key)
    i = bisect.bisect_right(starts, jdn) - 1
    # the latest era begun on or before jdn that is still in force (eras may overlap briefly)
    era = next((eras[j] for j in range(i, max(i - 8, -1), -1) if jdn < eras[j].end_jdn), None)
    if era is None:
        raise CalendarError(f"{key} has no era in force on JDN {jdn} ({iso_date(jdn_to_julian(jdn))} Julian)")
    table = load_tables().streams[era.stream]
    row = bisect.bisect_right(table.starts, jdn) - 1
    if row < 0 or jdn >= table.starts[row] + table.lengths[row]:
        raise CalendarError(f"sanmiao's month table has a gap at JDN {jdn} — this day cannot be converted")
    y = _Year(era, table.years[row] - era.start_year + 1, regime_of(era), table, row, row)
    parts = DateParts("", regime=key, era=era.name, era_year=y.era_year)
    date = _build(parts, y, "day", (jdn, jdn), row)
    return dataclasses.replace(date, input=format_chinese(date))


def format_chinese(date: ChineseDate) -> str:
    """Write ``date`` the way the sources do.

    Parameters
    ----------
    date : ChineseDate

    Returns
    -------
    str
        E.g. 天輔六年三月己巳 (day), 天輔二年閏九月 (month), 天輔二年秋 (season), 天輔二年 (year).
    """
    text = f"{date.era}{format_year(date.era_year)}年" if date.era else f"{year_name(date.ce_year)}歲"
    if date.precision == "season":
        month = _month_of(date)
        return text + next(s for s, (lo, hi) in SEASONS.items() if lo <= month <= hi)
    if date.month is not None:
        text += f"{'閏' if date.leap else ''}{month_label(date.month)}月"
    if date.precision == "day" and date.ganzhi:
        text += date.ganzhi
    return text


def _month_of(date: ChineseDate) -> int:
    eras = regime_eras(date.regime)[1]
    era = min(eras, key=lambda e: (e.name != date.era, abs(e.start_year - date.ce_year)))
    table = load_tables().streams[era.stream]
    return table.months[bisect.bisect_right(table.starts, date.jdn_start) - 1]


def convert_dates(
    texts: Sequence[str] | pd.Series,
    regimes: str | Sequence[str | None] | pd.Series | None = None,
) -> pd.DataFrame:
    """Convert a column of date strings; bad rows get an ``error`` message instead of raising.

    Each distinct (text, regime) pair is converted once and the results are
    broadcast back, so long columns with repeated dates are fast.

    Parameters
    ----------
    texts : sequence of str or pandas.Series
        The dates, one per row.
    regimes : str or sequence of str, optional
        One regime for all rows, or one per row (``None`` entries are allowed).

    Returns
    -------
    pandas.DataFrame
        One row per input (same index as a Series input) with the fields of
        :class:`ChineseDate` plus ``error`` (``None`` when the row converted).
    """
    from geo.calendar.frame import convert_frame

    return convert_frame(texts, regimes, _convert_row)


def _convert_row(text: Any, regime: Any) -> tuple[ChineseDate | None, str | None]:
    try:
        return convert_date(str(text), regime=regime), None
    except CalendarError as exc:
        return None, str(exc)
