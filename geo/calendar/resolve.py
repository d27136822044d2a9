"""Choosing the era a date names, and writing Chinese numerals back.

An era name is resolved by regime first (遼, 金, 宋, 西夏), then by the period
window; what is still ambiguous is rejected with the candidates listed.
"""

from __future__ import annotations

import functools

from geo.calendar.parse import REGIME_DYNASTIES
from geo.calendar.tables import Era, load_tables
from geo.errors import CalendarError

_DIGITS = "〇一二三四五六七八九"
_DYNASTY_REGIME = {dyn: key for key, dyns in REGIME_DYNASTIES.items() for dyn in dyns}


def chinese_numeral(n: int) -> str:
    """Write 1–99 as 一 … 九十九."""
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _DIGITS[ones]
    head = "" if tens == 1 else _DIGITS[tens]
    return head + "十" + (_DIGITS[ones] if ones else "")


def format_year(n: int) -> str:
    """Write an era year: 元 for 1, otherwise a Chinese numeral."""
    return "元" if n == 1 else chinese_numeral(n)


def month_label(n: int | None) -> str:
    """Write a month number: 正 for 1, otherwise a Chinese numeral (empty for None)."""
    if n is None:
        return ""
    return "正" if n == 1 else chinese_numeral(n)


def regime_of(era: Era) -> str:
    """Return the regime key (jin, liao, song, xia) of an era, or its dynasty name for other dynasties."""
    return _DYNASTY_REGIME.get(era.dynasty, era.dynasty)


def describe(era: Era) -> str:
    """Describe an era for error messages, e.g. ``liao 遼 1111–1120``."""
    last = era.start_year + era.max_year - 1
    regime = regime_of(era)
    who = era.dynasty if regime == era.dynasty else f"{regime} {era.dynasty}"
    return f"{who} {era.start_year}–{last}"


def _in_window(era: Era, window: tuple[int, int]) -> bool:
    return era.start_year <= window[1] and era.start_year + era.max_year - 1 >= window[0]


def _by_regime(name: str, candidates: tuple[Era, ...], regime: str, text: str) -> list[Era]:
    dynasties = REGIME_DYNASTIES[regime]
    chosen = [e for e in candidates if e.dynasty in dynasties]
    if not chosen:
        others = "; ".join(describe(e) for e in candidates)
        raise CalendarError(
            f"{text}: {name} is not an era of {regime} ({'/'.join(dynasties)}); it is used by: {others} "
            "— check the era name or the regime"
        )
    return chosen


def _merge_equivalent(eras: list[Era]) -> list[Era]:
    """Keep one era of those that name the same years in the same stream (an era resumed after a break)."""
    best: dict[tuple[int, int], Era] = {}
    for era in eras:
        key = (era.stream, era.start_year)
        if key not in best or era.max_year > best[key].max_year:
            best[key] = era
    return list(best.values())


def resolve_era(name: str, regime: str | None, window: tuple[int, int], text: str) -> tuple[Era, str]:
    """Return the era called ``name`` (in ``regime`` if given) and its regime label.

    Raises
    ------
    CalendarError
        If no era has that name, none belongs to ``regime``, or several remain.
    """
    candidates = load_tables().eras_by_name.get(name)
    if not candidates:
        raise CalendarError(
            f"{text}: unknown era {name} — check the spelling (traditional or simplified characters)"
        )
    eras = _by_regime(name, candidates, regime, text) if regime else list(candidates)
    eras = _merge_equivalent(eras)
    if len(eras) > 1:
        inside = [e for e in eras if _in_window(e, window)]
        if not inside:
            listed = "; ".join(describe(e) for e in eras)
            raise CalendarError(
                f"{text}: no era {name} falls in {window[0]}–{window[1]} (candidates: {listed}) "
                "— widen the window or give the regime"
            )
        eras = inside
    if len(eras) > 1:
        listed = "; ".join(describe(e) for e in sorted(eras, key=lambda e: e.start_year))
        raise CalendarError(
            f"{text}: the era {name} is ambiguous: {listed} — prefix the regime (遼, 金, 宋, 西夏) "
            "or pass regime='liao', 'jin', 'song' or 'xia'"
        )
    return eras[0], regime_of(eras[0])


@functools.lru_cache(maxsize=8)
def regime_eras(regime: str) -> tuple[list[int], list[Era]]:
    """Return the eras of ``regime`` sorted by first day, with the list of first days (for bisect)."""
    dynasties = REGIME_DYNASTIES[regime]
    eras = sorted((e for e in load_tables().eras if e.dynasty in dynasties), key=lambda e: e.start_jdn)
    return [e.start_jdn for e in eras], eras
