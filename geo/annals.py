"""Reading a chronicle (本紀, 國志) into dated entries, the way a reader carries the date forward.

A date expression is recognised where a clause begins (start of a line, after 。，；
or a closing quote): ``天輔六年正月癸酉``, ``三月癸未朔``, ``閏月辛巳``, ``是月``,
``是歲``, ``是春``, ``夏四月``, ``初三日`` or a bare sexagenary day ``辛酉，``. Each
entry runs from its date to the next date on the same line or to the end of the
line. Missing parts are inherited from the entries before it (a new month keeps the
year, 是月 the month, 閏月 is the leap month after the current month, a bare day
belongs to the current month, 三年 keeps the era) and the completed date is
converted with :func:`geo.calendar.convert_parts`. Entries that cannot be dated
carry the reason in ``error`` instead of a guessed date.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from geo.annals_dates import CLAUSE_BREAKS, DateMark, TextView, date_pattern, find_dates, make_view
from geo.calendar.convert import DEFAULT_WINDOW, ChineseDate, convert_parts
from geo.calendar.parse import REGIME_DYNASTIES, parse_date, regime_key
from geo.calendar.resolve import format_year, month_label, regime_of
from geo.calendar.tables import load_tables
from geo.errors import CalendarError, GeoDataError

__all__ = [
    "CLAUSE_BREAKS", "Annals", "Context", "DateMark", "Entry", "TextView", "advance", "date_pattern",
    "find_dates", "infer_regime", "infer_start", "make_view", "read_annals", "read_chronicle", "read_entry",
]


# --- the reader's running context ---------------------------------------------------------------


@dataclass(frozen=True)
class Context:
    """The date in force while reading: era, year, season, month (and whether it is leap)."""

    era: str | None = None
    year: int | None = None
    season: str | None = None
    month: int | None = None
    leap: bool = False


@dataclass(frozen=True)
class Entry:
    """One dated entry of a chronicle.

    ``start``/``end`` are character offsets into the text (``end`` exclusive),
    ``line`` the 1-based line of the date. ``date`` is the converted date, or
    ``None`` with the reason in ``error``. ``note`` flags a reading to check.
    """

    line: int
    start: int
    end: int
    text: str
    written: str
    regime: str | None
    era: str | None
    era_year: int | None
    season: str | None
    month: int | None
    leap: bool
    day: int | None
    ganzhi: str | None
    day_mark: str | None
    date: ChineseDate | None = None
    error: str | None = None
    note: str | None = None
    places: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        """The entry as a JSON-ready dict (dates are ``None`` when the entry could not be dated)."""
        date = self.date
        out: dict[str, Any] = {
            "line": self.line, "start": self.start, "end": self.end, "date_as_written": self.written,
            "regime": date.regime if date else self.regime, "era": date.era if date else self.era,
            "era_year": date.era_year if date else self.era_year, "season": self.season,
            "month": date.month if date else self.month, "leap": date.leap if date else self.leap,
            "day": date.day if date else self.day, "ganzhi": date.ganzhi if date else self.ganzhi,
        }
        for key in ("ce_year", "precision", "jdn_start", "jdn_end", "julian_start", "julian_end",
                    "gregorian_start", "gregorian_end"):
            out[key] = getattr(date, key) if date else None
        out.update(text=self.text, places=list(self.places))
        if self.note:
            out["note"] = self.note
        if self.error:
            out["error"] = self.error
        return out


@dataclass(frozen=True)
class Annals:
    """A chronicle read into entries, with the regime its dates were converted in.

    ``start`` is the date in force before the first line (given, or inferred from the
    days the text names before its first era, see :func:`infer_start`); ``notice``
    says how it was found or why it could not be.
    """

    regime: str | None
    entries: tuple[Entry, ...]
    start: str | None = None
    notice: str | None = None

    @property
    def failed(self) -> tuple[Entry, ...]:
        """The entries that could not be dated."""
        return tuple(e for e in self.entries if e.error)


def _era_regimes(name: str) -> set[str]:
    low, high = DEFAULT_WINDOW
    eras = load_tables().eras_by_name.get(name, ())
    found = {regime_of(e) for e in eras if e.start_year <= high and e.start_year + e.max_year - 1 >= low}
    return found & set(REGIME_DYNASTIES)


def infer_regime(marks: list[DateMark]) -> str | None:
    """The regime whose era names the chronicle uses most (eras with a 宋/遼/金 prefix are asides).

    Parameters
    ----------
    marks : list of DateMark

    Returns
    -------
    str or None
        ``jin``, ``liao``, ``song`` or ``xia``; None when no era names a single regime.
    """
    votes = Counter()
    for mark in marks:
        regimes = _era_regimes(mark.era) if mark.era and not mark.regime else set()
        if len(regimes) == 1:
            votes[regimes.pop()] += 1
    return votes.most_common(1)[0][0] if votes else None


def _is_aside(mark: DateMark, regime: str | None) -> bool:
    """A date in another regime's era (宋紹興四年冬 in a Jin chronicle): dated, but no new context."""
    if regime is None or not (mark.era or mark.regime):
        return False
    if mark.regime:
        return mark.regime != regime
    regimes = _era_regimes(mark.era or "")
    return bool(regimes) and regime not in regimes


def advance(ctx: Context, mark: DateMark) -> tuple[Context, str | None]:
    """The context after reading ``mark``, and a note when the reading needs checking.

    A new year (N年, 次年) clears the season and month; a season clears the month
    unless one follows; a new month clears the season unless one is written with it;
    閏月 is the leap month after the current month; 是月, 是歲, 是春 keep what is in force.
    """
    era, year, season, month, leap = ctx.era, ctx.year, ctx.season, ctx.month, ctx.leap
    new_year, note = False, None
    if mark.year is not None:
        era, year, new_year = mark.era or era, mark.year, True
    elif mark.relative in ("次年", "明年"):
        year, new_year = (year + 1 if year is not None else None), True
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
    return Context(era, year, season, month, leap), note


def _month_text(month: int | None, leap: bool) -> str:
    return f"{'閏' if leap else ''}{month_label(month)}月"


def _parts(ctx: Context, mark: DateMark) -> dict[str, Any]:
    """The parts of the entry's date once the context is applied (for :func:`convert_parts`)."""
    parts: dict[str, Any] = {"era": ctx.era, "era_year": ctx.year, "season": None, "month": None, "leap": False}
    if mark.has_month or mark.has_day:
        parts.update(season=mark.season, month=ctx.month, leap=ctx.leap)
    elif mark.season:
        parts["season"] = ctx.season
    parts.update(day=mark.day, ganzhi=mark.ganzhi, day_mark=mark.day_mark)
    return parts


def _missing(ctx: Context, mark: DateMark) -> str | None:
    """Why the context cannot date ``mark`` (nothing is guessed), or None."""
    if ctx.era is None or ctx.year is None:
        what = "no era" if ctx.era is None else "no year"
        return (f"{mark.written}: {what} in force before this entry — the text has not named it yet; "
                "give the starting date (e.g. --start 天輔二年) or check the text")
    if mark.this_month and ctx.month is None and not ctx.leap:
        return f"{mark.written}: 是月 but no month is in force — check the text"
    if mark.has_day and not mark.has_month and ctx.month is None and not ctx.leap:
        return f"{mark.written}: a day with no month in force — the text names no month before it"
    return None


def _convert(parts: dict[str, Any], regime: str | None, written: str) -> tuple[ChineseDate | None, str | None]:
    try:
        return convert_parts(regime=regime, text=written, **parts), None
    except CalendarError as exc:
        return None, f"{written}: {exc}"


def _aside_parts(mark: DateMark) -> dict[str, Any]:
    return {"era": mark.era, "era_year": mark.year, "season": mark.season, "month": mark.month,
            "leap": mark.leap, "day": mark.day, "ganzhi": mark.ganzhi, "day_mark": mark.day_mark}


def _aside_regime(mark: DateMark) -> str | None:
    regimes = _era_regimes(mark.era or "")
    return mark.regime or (next(iter(regimes)) if len(regimes) == 1 else None)


def read_entry(ctx: Context, mark: DateMark, regime: str | None) -> tuple[Context, Entry]:
    """Date one entry from its mark and the context in force; return the new context and the entry.

    ``line``, ``end`` and ``text`` of the returned entry are placeholders filled by :func:`read_annals`.
    """
    if _is_aside(mark, regime):
        new, note, parts = ctx, "a date in another regime's era: dated on its own", _aside_parts(mark)
        used, missing = _aside_regime(mark), None
    else:
        new, note = advance(ctx, mark)
        parts, used, missing = _parts(new, mark), regime, _missing(new, mark)
    date, error = (None, missing) if missing else _convert(parts, used, mark.written)
    entry = Entry(
        line=0, start=mark.start, end=mark.end, text=mark.written, written=mark.written, regime=used,
        era=parts["era"], era_year=parts["era_year"], season=parts["season"], month=parts["month"],
        leap=parts["leap"], day=parts["day"], ganzhi=parts["ganzhi"], day_mark=parts["day_mark"],
        date=date, error=error, note=note,
    )
    return new, entry


def line_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` offsets of every line (1-based line n is item n-1), line breaks excluded."""
    spans, pos = [], 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
        spans.append((pos, pos + len(body)))
        pos += len(line)
    return spans


def start_context(start: str | None) -> Context:
    """The context a reader begins with: empty, or the date given (``天輔二年``, ``天輔二年二月``).

    Raises
    ------
    CalendarError
        If ``start`` is not a date expression.
    """
    if not start:
        return Context()
    parsed = parse_date(start)
    if parsed.era is None or parsed.era_year is None:
        raise CalendarError(f"the start date {start!r} needs an era and a year — write e.g. 天輔二年")
    return Context(parsed.era, parsed.era_year, parsed.season, parsed.month, parsed.leap)


def _has_content(text: str) -> bool:
    return any("\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff" for c in text)


def read_annals(text: str, *, regime: str | None = None, start: str | None = None) -> Annals:
    """Split a chronicle into dated entries and convert each date.

    Parameters
    ----------
    text : str
        The chronicle, as read from its file (offsets refer to this string).
    regime : str, optional
        ``jin``, ``liao``, ``song`` or ``xia``; inferred from the era names when omitted.
    start : str, optional
        The date in force before the first line, for an excerpt that begins
        without its era (e.g. ``天輔二年`` for ``seeds/JS.txt``).

    Returns
    -------
    Annals
        Every entry in text order; a heading with no text of its own (乾統二年。)
        only sets the context and is not an entry.
    """
    spans = line_spans(text)
    marks = [(n, span, find_dates(text, *span)) for n, span in enumerate(spans, start=1)]
    flat = [m for _, _, ms in marks for m in ms]
    used, notice = regime_key(regime) or infer_regime(flat), None
    if start is None and flat and flat[0].era is None:
        start, notice = infer_start(flat, used)
    ctx, entries = start_context(start), []
    if used is None and ctx.era and len(_era_regimes(ctx.era)) == 1:
        used = next(iter(_era_regimes(ctx.era)))
    for number, (_, line_end), line_marks in marks:
        for i, mark in enumerate(line_marks):
            end = line_marks[i + 1].start if i + 1 < len(line_marks) else line_end
            body = text[mark.start:end].rstrip()
            ctx, entry = read_entry(ctx, mark, used)
            if _has_content(text[mark.end:mark.start + len(body)]):
                entries.append(replace(entry, line=number, end=mark.start + len(body), text=body))
    return Annals(used, tuple(entries), start, notice)


def _fits(lead: list[DateMark], ctx: Context, regime: str) -> bool:
    """Whether every day written in ``lead`` exists when reading starts from ``ctx``."""
    for mark in lead:
        ctx, _ = advance(ctx, mark)
        if mark.ganzhi or mark.day_mark:
            parts = _parts(ctx, mark)
            if parts["month"] is None and not parts["leap"]:
                return False
            try:
                convert_parts(regime=regime, text=mark.written, **parts)
            except CalendarError:
                return False
    return True


def infer_start(marks: list[DateMark], regime: str | None) -> tuple[str | None, str]:
    """The era and year in force before a text that begins without them, from the days it names.

    Every era year of ``regime`` (of each regime when None) is tried as the start;
    a start is accepted only when it is the one start under which every sexagenary
    day and 朔 written before the first era falls in its month.

    Parameters
    ----------
    marks : list of DateMark
        The text's date expressions in order.
    regime : str or None

    Returns
    -------
    tuple
        The start (``天輔二年``) or None, and a sentence saying how it was found or why not.
    """
    lead = []
    for mark in marks:
        if mark.era or mark.regime:
            break
        lead.append(mark)
    if not any(m.ganzhi or m.day_mark for m in lead):
        return None, "the text begins without an era and names no day to infer it from — give the start"
    fits = sorted({
        (era.name, year, regime_of(era))
        for key in ([regime] if regime else list(REGIME_DYNASTIES))
        for era in _eras_of(key)
        for year in range(1, era.max_year + 1)
        if _fits(lead, Context(era.name, year), key)
    })
    found = ", ".join(f"{era}{format_year(year)}年 ({key})" for era, year, key in fits[:6])
    if len(fits) == 1:
        era, year, _ = fits[0]
        return f"{era}{format_year(year)}年", f"start inferred from the days written before the first era: {found}"
    if not fits:
        return None, "no era year of the regime fits the days written before the first era — give the start"
    return None, f"several starts fit the days written before the first era ({found}) — give the start or the regime"


def _eras_of(regime: str) -> list[Any]:
    low, high = DEFAULT_WINDOW
    eras = load_tables().eras
    dynasties = REGIME_DYNASTIES[regime]
    chosen = {(e.name, e.start_year): e for e in eras
              if e.dynasty in dynasties and e.start_year <= high and e.start_year + e.max_year - 1 >= low}
    return list(chosen.values())


def describe_date(entry: Entry) -> str:
    """The entry's full implied date in the sources' style (天輔二年閏九月庚戌), or its error."""
    if entry.date is None:
        return "?"
    text = f"{entry.date.era}{format_year(entry.date.era_year)}年"
    if entry.date.precision == "season" and entry.season:
        return text + entry.season
    if entry.date.month is not None:
        text += _month_text(entry.date.month, entry.date.leap)
    return text + (entry.date.ganzhi or "") if entry.date.precision == "day" else text


def read_chronicle(path: str | Path) -> str:
    """The text of a chronicle file (UTF-8, a BOM tolerated); offsets of entries refer to it.

    Raises
    ------
    GeoDataError
        If the file cannot be read or is not UTF-8.
    """
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            return handle.read()
    except OSError as exc:
        raise GeoDataError(f"cannot read {path}: {exc.strerror or exc} — check the path") from exc
    except UnicodeDecodeError as exc:
        raise GeoDataError(f"{path} is not UTF-8 text (byte {exc.start}) — save it as UTF-8") from exc
