"""Reading a chronicle (本紀, 國志, 編年) into dated entries, the way a historian carries the date forward.

A date expression is recognised where a clause begins (see :func:`geo.calendar.parse.find_dates`):
``天輔六年正月癸酉``, ``三月癸未朔``, ``閏月辛巳``, ``是月``, ``是日``, ``是歲``, ``夏四月``,
``春，正月，甲申朔``, ``初三日`` or a bare sexagenary day. Each entry runs from its date to
the next date on the same line or to the end of the line. Missing parts are inherited
from the entries before it (a new month keeps the year, 是月 the month, 是日 the day,
閏月 is the leap month after the current month, a bare day belongs to the current month,
三年 keeps the era) and the completed date is converted with the calendar of the era in
force, the era closest in time being meant when a name has several readings.

The text decides the rest: dates inside quoted speech, edicts and letters are no entries
(:attr:`Annals.quoted`); the editors' notes (校勘記) and markers such as ``<一>`` are left
out; era changes written in the text (改元X, 改X年爲Y元年, 建元X, 以明年爲X元年) apply
from where they are written; a date with another regime's prefix (宋紹興四年) is dated on
its own and leaves the context alone. Entries that cannot be dated carry the reason in
``error`` instead of a guessed date.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from geo.annals_reading import Reading, apply_change
from geo.annals_start import (
    Context,
    advance,
    era_reading,
    heading_ruler,
    infer_regime,
    infer_start,
    other_states,
    sexagenary_year,
    start_context,
)
from geo.annals_text import (
    body_end,
    declared_eras,
    era_changes,
    inside,
    merge_spans,
    quoted_spans,
    speech_spans,
)
from geo.calendar.convert import convert_parts, year_name
from geo.calendar.parse import ERA_TIMES, DateParts, find_dates, regime_key
from geo.calendar.record import ChineseDate
from geo.calendar.regimes import regime_of_dynasty
from geo.calendar.resolve import eras_named, format_year, month_label, regime_of
from geo.calendar.tables import Ruler
from geo.errors import CalendarError, GeoDataError
from geo.text import fold

__all__ = [
    "Annals", "Context", "DateParts", "Entry", "Reading", "advance", "describe_date", "find_dates", "infer_regime",
    "infer_start", "line_spans", "read_annals", "read_chronicle", "read_entry", "start_context",
]


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
    """A chronicle read into entries.

    ``regime`` is the regime whose eras the text uses most; ``start`` the date in force
    before the first line (given, or inferred, see :func:`infer_start`) and ``notice``
    how it was found or why not, with ``start_confidence`` (high, medium, low). ``quoted``
    are the dates inside quotations (mentions, not entries), ``changes`` the era changes
    applied as ``(line, as written, era)``, ``eras`` the eras its own dates name (not those with another
    regime's prefix), in order.
    """

    regime: str | None
    entries: tuple[Entry, ...]
    start: str | None = None
    notice: str | None = None
    start_confidence: str | None = None
    quoted: tuple[DateParts, ...] = ()
    changes: tuple[tuple[int, str, str], ...] = ()
    eras: tuple[str, ...] = ()

    @property
    def failed(self) -> tuple[Entry, ...]:
        """The entries that could not be dated."""
        return tuple(e for e in self.entries if e.error)


ASIDE = "a date in another regime's era: dated on its own"


def _continue_aside(mark: DateParts, line: int, reading: Reading) -> DateParts:
    """A bare year right after an aside on the same line is in the aside's era (金皇統元年二月 … 五年，葬)."""
    if reading.aside is None or reading.aside[0] != line or mark.era or mark.era_year is None:
        return mark
    return replace(mark, era=reading.aside[1], regime=reading.aside[2])


def _reign_year(ctx: Context, ruler: Ruler) -> Context:
    """A year counted from the accession of the ruler of the juan's heading (遼 太祖 元年 = 907)."""
    regime = regime_of_dynasty(ruler.dyn_id)
    return replace(ctx, ce_year=ruler.start_year + (ctx.year or 1) - 1, sui=f"{ruler.name}{ctx.year}年",
                   regime=regime.slug if regime else ctx.regime)


def _regime_for(ctx: Context, reading: Reading) -> str | None:
    """The regime to convert in: of the era in force, else the text's when it has that era, else none (the
    converter then weighs every reading of the era, closest to the date in force first)."""
    if ctx.regime or not ctx.era or fold(ctx.era) in reading.aliases:
        return ctx.regime or reading.regime
    has = reading.regime and any(regime_of(e) == reading.regime for e in eras_named(ctx.era, borrowed=True))
    return reading.regime if has else None


def _is_aside(mark: DateParts, ctx: Context, reading: Reading) -> bool:
    """A date with another regime's prefix (宋紹興四年冬 in a Jin chronicle, 後唐天成二年 in the life of a Song
    founder before any era of the text): dated, but no new context."""
    in_force = ctx.regime or reading.regime
    return bool(mark.regime and mark.era and mark.regime != in_force)


def _parts(ctx: Context, mark: DateParts) -> dict[str, Any]:
    """The parts of the entry's date once the context is applied (for :func:`convert_parts`)."""
    parts: dict[str, Any] = {"era": ctx.era, "era_year": ctx.year, "season": None, "month": None, "leap": False}
    if mark.has_month or mark.has_day:
        parts.update(season=mark.season, month=ctx.month, leap=ctx.leap)
    elif mark.season:
        parts["season"] = ctx.season
    parts.update(day=mark.day, ganzhi=mark.ganzhi, day_mark=mark.day_mark)
    if ctx.sui and ctx.era is None:
        parts["ce_year"] = ctx.ce_year
    if mark.this_day:  # the day of the entry before; its month when that named none
        parts.update(day=ctx.day, ganzhi=ctx.ganzhi)
    return parts


def _missing(ctx: Context, mark: DateParts, hint: str) -> str | None:
    """Why the context cannot date ``mark`` (nothing is guessed), or None."""
    if ctx.sui and ctx.era is None:
        return None if ctx.ce_year is not None else (
            f"{mark.written}: 歲{ctx.sui} with no era named in the text to place it — {hint}")
    if ctx.era is None or ctx.year is None:
        what = "no era" if ctx.era is None else "no year"
        return f"{mark.written}: {what} in force before this entry — the text has not named it yet; {hint}"
    if mark.this_month and ctx.month is None and not ctx.leap:
        return f"{mark.written}: 是月 but no month is in force — check the text"
    if mark.has_day and not mark.has_month and ctx.month is None and not ctx.leap:
        return f"{mark.written}: a day with no month in force — the text names no month before it"
    return None


def _convert(parts: dict[str, Any], regime: str | None, written: str, *, near: int | None,
             reading: Reading) -> tuple[ChineseDate | None, str | None]:
    alias = reading.aliases.get(fold(parts["era"] or ""))
    if alias and parts["era_year"] is not None:
        parts = {**parts, "era": alias[0], "era_year": parts["era_year"] + alias[1]}
    try:
        return convert_parts(regime=regime, text=written, near=near, **parts), None
    except CalendarError as exc:
        return None, f"{written}: {exc}"


def _leap_of_the_year(parts: dict[str, Any], regime: str | None, mark: DateParts, ctx: Context,
                      reading: Reading) -> tuple[ChineseDate, str, dict[str, Any]] | None:
    """閏月 after a month that has no leap month: the leap month of the year, when it follows within two months
    and the day written falls in it (with a note); otherwise None and the error stands."""
    if not (mark.ganzhi or mark.day_mark):
        return None
    leap = {**parts, "month": None, "leap": True}
    date, error = _convert(leap, regime, mark.written, near=ctx.jdn, reading=reading)
    if date is None or error or not 0 < (date.month or 0) - parts["month"] <= 2:
        return None
    note = (f"閏月 follows {month_label(parts['month'])}月, but the year's leap month is "
            f"閏{month_label(date.month)}月: dated in it — check the text")
    return date, note, {**leap, "month": date.month}


def _aside(mark: DateParts) -> dict[str, Any]:
    return {"era": mark.era, "era_year": mark.era_year, "season": mark.season, "month": mark.month,
            "leap": mark.leap, "day": mark.day, "ganzhi": mark.ganzhi, "day_mark": mark.day_mark}


def read_entry(ctx: Context, mark: DateParts, reading: Reading) -> tuple[Context, Entry]:
    """Date one entry from its mark and the context in force; return the new context and the entry.

    ``line``, ``end`` and ``text`` of the returned entry are placeholders filled by :func:`read_annals`.
    """
    aside = _is_aside(mark, ctx, reading)
    if aside:
        used = era_reading(mark.era or "", mark.regime, None, ctx.jdn)  # the prefix, if its regime has the era
        new, note, parts, missing = ctx, ASIDE, _aside(mark), None
    else:
        new, note = advance(ctx, mark)
        if mark.relative == "歲" and mark.year_ganzhi:
            after = max((y for y in (ctx.ce_year, reading.last_year) if y is not None), default=None)
            year = sexagenary_year(mark.year_ganzhi, after=after, before=reading.anchor)
            if after is None and year is not None:
                note = f"歲{mark.year_ganzhi} placed in {year}, the last such year before the first era the text names"
            new = replace(new, ce_year=year, regime=new.regime or reading.regime)
        if mark.relative in ("次年", "明年") and ctx.era is None and ctx.sui and ctx.ce_year is not None:
            new = replace(new, ce_year=ctx.ce_year + 1, sui=year_name(ctx.ce_year + 1))  # 歲辛酉 … 明年
        if new.era is None and new.year is not None and reading.ruler and mark.era_year is not None:
            new = _reign_year(new, reading.ruler)
        if mark.era and mark.era_year is not None and fold(mark.era) not in reading.aliases:
            new = replace(new, regime=era_reading(mark.era, mark.regime, reading.regime, ctx.jdn, ctx.regime,
                                                  year=mark.era_year))
        parts, used, missing = _parts(new, mark), _regime_for(new, reading), _missing(new, mark, reading.hint)
    date, error = (None, missing) if missing else _convert(parts, used, mark.written, near=ctx.jdn,
                                                           reading=reading)
    if error and mark.leap and mark.month is None and parts["month"] is not None:
        date, note, parts = _leap_of_the_year(parts, used, mark, ctx, reading) or (date, note, parts)
        error = None if date else error
        new = replace(new, month=parts["month"], leap=True) if date else new
    if date is not None and not aside and not (mark.has_month or mark.era_year or mark.relative) and ctx.jdn \
            and date.precision == "day" and date.jdn_start < ctx.jdn and not note:
        note = f"the day goes back from the entry before ({ctx.ganzhi or '?'}) to {date.ganzhi} — check the text"
    if date is not None:
        reading.last_year = max(reading.last_year or date.ce_year, date.ce_year)
    if date is not None and not aside:
        day = date.precision == "day"
        new = replace(new, jdn=date.jdn_start, ce_year=date.ce_year, regime=date.regime,
                      day=date.day if day else None, ganzhi=date.ganzhi if day else None)
    entry = Entry(
        line=0, start=mark.start, end=mark.end, text=mark.written, written=mark.written, regime=used,
        era=parts["era"], era_year=parts["era_year"], season=parts["season"], month=parts["month"],
        leap=parts["leap"], day=parts["day"], ganzhi=parts["ganzhi"], day_mark=parts["day_mark"],
        date=date, error=error, note=note or (date.note if date else None),
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


def _has_content(text: str) -> bool:
    return any("\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff" for c in text)


def _hint(marks: list[DateParts], start_notice: str | None) -> str:
    """The fix to suggest for an entry with no era in force, from the text's own eras."""
    named = next((m for m in marks if m.era and m.era_year), None)
    if named is None:
        return "give the era in force where the text begins (--start: the era and year of the juan before)"
    return f"give the starting date (--start, e.g. {named.era}{format_year(named.era_year)}年, the first era named)"


def _anchor(marks: list[DateParts], regime: str | None) -> int | None:
    """The CE year of the first date with an era, to place the years named only as 歲甲辰 before it."""
    first = next((m for m in marks if m.era and m.era_year), None)
    if first is None:
        return None
    try:
        reading = era_reading(first.era or "", first.regime, regime, None)
        return convert_parts(regime=reading, era=first.era, era_year=first.era_year).ce_year
    except CalendarError:
        return None


def _marks(text: str, spans: list[tuple[int, int]], extra: tuple[str, ...]) -> list[tuple[int, DateParts]]:
    return [(n, m) for n, span in enumerate(spans, start=1) for m in find_dates(text, *span, extra_eras=extra)]


def read_annals(text: str, *, regime: str | None = None, start: str | None = None) -> Annals:
    """Split a chronicle into dated entries and convert each date.

    Parameters
    ----------
    text : str
        The chronicle, as read from its file (offsets refer to this string).
    regime : str, optional
        A regime slug or name (``jin``, ``tang``, ``元`` …); inferred from the era names when omitted.
    start : str, optional
        The date in force before the first line, for a juan that begins without its era
        (e.g. ``天慶五年``); inferred from the days the text names when omitted.

    Returns
    -------
    Annals
        Every entry in text order; a heading with no text of its own (乾統二年。)
        only sets the context and is not an entry.
    """
    end = body_end(text)
    spans = [(s, min(e, end)) for s, e in line_spans(text) if s < end]
    quotes = merge_spans(quoted_spans(text, end), speech_spans(text, end))
    found = _marks(text, spans, declared_eras(text[:end]))
    marks = [(n, m) for n, m in found if not inside(quotes, m.start)]
    flat = [m for _, m in marks]
    others = other_states(text[:end])
    used = regime_key(regime) or infer_regime(flat, others=others)
    notice = confidence = None
    own = [m for m in flat if not (m.regime and m.era)]  # dates with another regime's prefix are asides
    if start is None and own and own[0].era is None and own[0].relative != "歲":
        named = tuple(c.era for c in era_changes(text, 0, end, extra_eras=declared_eras(text[:end])))
        start, notice, confidence, inferred = infer_start(own, regime_key(regime), others=others, prefer=used,
                                                          named=named)
        used = used or inferred
    reading = Reading(used, declared_eras(text[:end]), _hint(own, notice), _anchor(own, used),
                      ruler=heading_ruler(text[:end]))
    ctx, entries = start_context(start, regime=used), []
    used = used or ctx.regime
    reading.regime = used
    unsure = confidence == "low"
    for i, (number, mark) in enumerate(marks):
        line_end = spans[number - 1][1]
        stop = marks[i + 1][1].start if i + 1 < len(marks) and marks[i + 1][0] == number else line_end
        body = text[mark.start:stop].rstrip()
        if mark.relative in ERA_TIMES:  # 大業初: sets the era in force, dates nothing
            ctx, _ = advance(ctx, mark)
            reading_of = era_reading(mark.era or "", mark.regime, reading.regime, ctx.jdn, ctx.regime)
            ctx = replace(ctx, regime=reading_of or ctx.regime)
            continue
        mark = _continue_aside(mark, number, reading)
        ctx, entry = read_entry(ctx, mark, reading)
        unsure = unsure and not (mark.era and not mark.regime)
        if unsure and entry.date is not None:
            entry = replace(entry, note=entry.note or f"dated from a start inferred with low confidence ({start}) "
                                                      "— check it, or give --start")
        reading.aside = (number, mark.era or "", mark.regime) if entry.note == ASIDE else None
        if _has_content(text[mark.end:mark.start + len(body)]):
            entries.append(replace(entry, line=number, end=mark.start + len(body), text=body))
        for change in era_changes(text, mark.end, stop, extra_eras=reading.extra_eras):
            if not inside(quotes, change.start):
                ctx = apply_change(ctx, change, number, reading)
    eras = tuple(dict.fromkeys(m.era for m in own if m.era))
    quoted = tuple(m for _, m in found if inside(quotes, m.start))
    return Annals(used, tuple(entries), start, notice, confidence, quoted, tuple(reading.changes), eras)


def describe_date(entry: Entry) -> str:
    """The entry's full implied date in the sources' style (天輔二年閏九月庚戌), or its error."""
    if entry.date is None:
        return "?"
    text = f"{entry.date.era}{format_year(entry.date.era_year)}年"
    if entry.date.precision == "season" and entry.season:
        return text + entry.season
    if entry.date.month is not None:
        text += f"{'閏' if entry.date.leap else ''}{month_label(entry.date.month)}月"
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
