"""Finding the date expressions of a chronicle: where a clause begins, what parts it writes.

Used by :mod:`geo.annals`; nothing here knows the context in force or converts a date.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from geo.calendar.convert import DEFAULT_WINDOW
from geo.calendar.parse import BRANCHES, REGIME_PREFIXES, STEMS, chinese_number
from geo.calendar.parse import NUMERAL as _NUM
from geo.calendar.tables import load_tables

#: Characters after which a new clause (and so possibly a date) begins.
CLAUSE_BREAKS = frozenset("。，,；;！？!?」』”")
#: Simplified or variant forms folded before dates are read (one character for one).
_DATE_FOLD = str.maketrans({"闰": "閏", "辽": "遼", "岁": "歲", "个": "個"})
_PREFIX = "|".join(sorted(REGIME_PREFIXES, key=len, reverse=True))
_SEP = "[。，,、]"


@dataclass(frozen=True)
class TextView:
    """A line of text without whitespace and Latin letters, with the offset of each kept character.

    ``chars[i]`` is the (folded) character at file offset ``offsets[i]``.
    """

    chars: str
    offsets: tuple[int, ...]


def make_view(text: str, start: int = 0, end: int | None = None, *, keep_newlines: bool = False) -> TextView:
    """Drop whitespace and ASCII letters (OCR noise) from ``text[start:end]``, keeping offsets.

    Parameters
    ----------
    text : str
        The whole text.
    start, end : int
        The slice to view.
    keep_newlines : bool
        Keep ``\\n`` so that matches never run across lines.

    Returns
    -------
    TextView
    """
    chars, offsets = [], []
    for i in range(start, len(text) if end is None else end):
        char = text[i]
        if (char.isspace() and not (keep_newlines and char == "\n")) or ("A" <= char <= "z" and char.isalpha()):
            continue
        chars.append(char)
        offsets.append(i)
    return TextView("".join(chars), tuple(offsets))


@functools.lru_cache(maxsize=1)
def _era_names() -> tuple[str, ...]:
    """Era names (traditional and simplified) of every dynasty in force in the default window."""
    low, high = DEFAULT_WINDOW
    names = set()
    for era in load_tables().eras:
        if era.start_year <= high and era.start_year + era.max_year - 1 >= low:
            names.update(n for n in (era.name, era.name_simp) if n and len(n) >= 2)
    return tuple(sorted(names, key=len, reverse=True))


@functools.lru_cache(maxsize=1)
def date_pattern() -> re.Pattern[str]:
    """The regular expression of a date expression at the start of a clause (on a folded view)."""
    eras = "|".join(map(re.escape, _era_names()))
    year = rf"(?P<prefix>{_PREFIX})?(?P<era>{eras})?(?P<year>元|{_NUM})年"
    parallel = rf"(?:{_SEP}?(?P<parallel>(?:{_PREFIX})(?:{eras})(?:元|{_NUM})年))?"
    return re.compile(
        rf"""(?:(?:(?P<rel>次年|明年|是年|是歲)|{year}{parallel}){_SEP}?)?
        (?:(?P<this_season>是)?(?P<season>[春夏秋冬]))?
        (?:(?P<this_month>是月)|(?P<leap>閏)(?P<lmonth>正|{_NUM})?月|(?P<month>正|{_NUM})月)?
        (?:初(?P<chu>{_NUM})(?P<chu_ri>日)?|(?P<dnum>{_NUM})日)?
        (?P<ganzhi>[{STEMS}][{BRANCHES}])?(?P<mark>朔|晦)?""",
        re.VERBOSE,
    )


_PARTS = ("rel", "era", "year", "season", "this_month", "leap", "month", "chu", "dnum", "ganzhi", "mark")


@dataclass(frozen=True)
class DateMark:
    """A date expression as written: its parts and its place in the text (``end`` exclusive)."""

    start: int
    end: int
    written: str
    regime: str | None = None
    era: str | None = None
    year: int | None = None
    relative: str | None = None
    parallel: str | None = None
    season: str | None = None
    this_season: bool = False
    month: int | None = None
    leap: bool = False
    this_month: bool = False
    day: int | None = None
    ganzhi: str | None = None
    day_mark: str | None = None

    @property
    def has_month(self) -> bool:
        """Whether the expression names a month (N月, 閏月, 是月)."""
        return self.month is not None or self.leap or self.this_month

    @property
    def has_day(self) -> bool:
        """Whether the expression names a day (sexagenary, 初N, N日, 朔, 晦)."""
        return self.day is not None or self.ganzhi is not None or self.day_mark is not None


def _acceptable(m: re.Match[str], view: str) -> bool:
    """Whether a match is a real date and not a numeral or name that looks like one."""
    if not any(m[g] for g in _PARTS):
        return False
    month = bool(m["month"] or m["leap"] or m["this_month"])
    nxt = view[m.end()] if m.end() < len(view) else "。"
    if m["dnum"] and not month:
        return False
    if m["chu"] and not (month or m["chu_ri"]):
        return False
    if m["mark"] and not (month or m["ganzhi"]):
        return False
    if m["year"] and not (m["era"] or m["prefix"]) and not (m["season"] or month):
        return False
    if m["ganzhi"] and not (month or m["mark"] or m["dnum"] or m["chu"]) and nxt not in "，,。、；":
        return False
    only_season = m["season"] and not (m["year"] or m["rel"] or month or m["ganzhi"] or m["chu"])
    return not (only_season and not m["this_season"] and nxt not in "，,。；")


def _match_end(m: re.Match[str]) -> int:
    """End of the match without a trailing separator (天輔五年， is read as far as 年)."""
    end = m.end()
    while end > m.start() and m.string[end - 1] in "。，,、":
        end -= 1
    return end


def _mark(m: re.Match[str], view: TextView, text: str) -> DateMark:
    start, end = view.offsets[m.start()], view.offsets[_match_end(m) - 1] + 1
    month = m["month"] or m["lmonth"]
    day = chinese_number(m["chu"] or m["dnum"]) if (m["chu"] or m["dnum"]) else None
    return DateMark(
        start=start, end=end, written=text[start:end],
        regime=REGIME_PREFIXES.get(m["prefix"] or ""), era=m["era"],
        year=chinese_number(m["year"]) if m["year"] else None, relative=m["rel"], parallel=m["parallel"],
        season=m["season"], this_season=bool(m["this_season"]),
        month=chinese_number(month) if month else None, leap=bool(m["leap"]), this_month=bool(m["this_month"]),
        day=day, ganzhi=m["ganzhi"], day_mark=m["mark"],
    )


def _clause_starts(chars: str) -> list[int]:
    return [0, *(i + 1 for i, c in enumerate(chars) if c in CLAUSE_BREAKS and i + 1 < len(chars))]


def find_dates(text: str, line_start: int = 0, line_end: int | None = None) -> list[DateMark]:
    """Every date expression that begins a clause in ``text[line_start:line_end]`` (one line).

    Parameters
    ----------
    text : str
        The whole text.
    line_start, line_end : int
        The line to read (offsets into ``text``).

    Returns
    -------
    list of DateMark
        In text order, with offsets into ``text``.
    """
    view = make_view(text, line_start, line_end)
    chars = view.chars.translate(_DATE_FOLD)
    pattern, marks, covered = date_pattern(), [], 0
    for pos in _clause_starts(chars):
        m = pattern.match(chars, pos) if pos >= covered else None
        if m and m.end() > pos and _acceptable(m, chars):
            marks.append(_mark(m, view, text))
            covered = m.end()
    return marks
