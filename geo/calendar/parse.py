"""The one date grammar and the one record of date parts, for ``geo date``, the checker and the annals reader.

:func:`parse_date` reads a whole expression (``天輔六年三月己巳``); :func:`find_dates`
finds the expressions that begin a clause of a chronicle (``三月癸未朔，``). Both
match the same pattern (:func:`date_pattern`) on the folded text of :mod:`geo.text`
and return :class:`DateParts`; neither looks at a month table or chooses an era.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from geo.calendar.regimes import regime_names, resolve_regime
from geo.calendar.tables import load_tables
from geo.errors import CalendarError
from geo.text import TextView, fold, make_view

STEMS = "甲乙丙丁戊己庚辛壬癸"
BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
#: The sixty sexagenary (干支) names; index 0 is 甲子 (number 1).
GANZHI = tuple(STEMS[i % 10] + BRANCHES[i % 12] for i in range(60))
GANZHI_NUMBER = {name: i + 1 for i, name in enumerate(GANZHI)}
SEASONS: dict[str, tuple[int, int]] = {"春": (1, 3), "夏": (4, 6), "秋": (7, 9), "冬": (10, 12)}
NUMERAL = "[〇零一二三四五六七八九十廿卅两]+"  # a Chinese numeral, as a regex
#: Characters after which a new clause (and so possibly a date) begins.
CLAUSE_BREAKS = frozenset("。，,；;！？!?」』”：:")
_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "两": 2}
_SEP = "[。，,、]"
_NUM = rf"(?:{NUMERAL}|\d+)"


@dataclass(frozen=True)
class DateParts:
    """The parts of a date expression as written, before any calendar look-up.

    ``written`` is the expression as in the text, ``start``/``end`` its offsets (``end``
    exclusive). ``month`` is ``None`` with ``leap=True`` for a bare 閏月. ``day_mark`` is
    ``"朔"`` or ``"晦"``; ``relative`` is 次年, 明年, 是年 or 是歲; ``this_month`` and
    ``this_day`` are 是月 and 是日. ``era`` is the era as written, ``regime`` the slug of a
    prefix (遼, 金 …) or of the regime given; ``year_ganzhi`` the name of the year when a
    sexagenary name follows the year with no month (咸雍四年戊申) or names it alone (歲甲辰,
    ``relative`` 歲).
    """

    written: str
    start: int = 0
    end: int = 0
    regime: str | None = None
    era: str | None = None
    era_year: int | None = None
    relative: str | None = None
    parallel: str | None = None
    season: str | None = None
    this_season: bool = False
    month: int | None = None
    leap: bool = False
    this_month: bool = False
    this_day: bool = False
    day: int | None = None
    ganzhi: str | None = None
    day_mark: str | None = None
    year_ganzhi: str | None = None

    @property
    def has_month(self) -> bool:
        """Whether the expression names a month (N月, 閏月, 是月)."""
        return self.month is not None or self.leap or self.this_month

    @property
    def has_day(self) -> bool:
        """Whether the expression names a day (sexagenary, 初N, N日, 朔, 晦, 是日)."""
        return self.day is not None or self.ganzhi is not None or self.day_mark is not None or self.this_day


def chinese_number(text: str) -> int:
    """Read a Chinese (一 … 九十九, 廿, 卅) or Arabic numeral; 元 and 正 are 1.

    >>> chinese_number("二十四"), chinese_number("廿四"), chinese_number("元"), chinese_number("12")
    (24, 24, 1, 12)
    """
    if text.isdigit():
        return int(text)
    if text in ("元", "正"):
        return 1
    text = text.replace("廿", "二十").replace("卅", "三十").replace("兩", "二")
    if "十" not in text:
        value = 0
        for char in text:  # 一二 style digit strings
            value = value * 10 + _DIGITS[char]
        return value
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1:
        raise CalendarError(f"cannot read the numeral {text} — write it as e.g. 二十四 or 24")
    return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[ones] if ones else 0)


def regime_key(regime: str | None) -> str | None:
    """The slug of ``regime`` (a slug, a Chinese name or an alias); None for None or blank.

    >>> regime_key("金"), regime_key("Tang"), regime_key(None)
    ('jin', 'tang', None)
    """
    if regime is None or not regime.strip():
        return None
    return resolve_regime(regime).slug


def trie_pattern(words: Iterable[str]) -> str:
    """A regular expression matching any of ``words`` (as a character trie, so that it stays fast).

    >>> re.fullmatch(trie_pattern(["天輔", "天會", "天"]), "天會") is not None
    True
    """
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_regex(trie) or "(?!)"


def _trie_regex(node: dict[str, dict]) -> str:
    ends = "" in node
    branches = [re.escape(c) + _trie_regex(child) for c, child in sorted(node.items()) if c]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if ends else body


@functools.lru_cache(maxsize=1)
def era_names() -> frozenset[str]:
    """Every era name of the tables, folded (天辅, 干统 …)."""
    return frozenset(fold(name) for name in load_tables().eras_by_name if len(name) >= 2)


@functools.lru_cache(maxsize=1)
def prefix_names() -> dict[str, str]:
    """Folded Chinese regime names and aliases (遼, 大金, 西夏 …) → regime slug."""
    return {fold(name): resolve_regime(name).slug for name in regime_names() if not name.isascii()}


@functools.lru_cache(maxsize=8)
def date_pattern(extra_eras: tuple[str, ...] = ()) -> re.Pattern[str]:
    """The date grammar, on folded text; ``extra_eras`` adds eras a text declares (吳元年).

    >>> date_pattern().fullmatch("天辅六年三月己巳")["ganzhi"]
    '己巳'
    """
    eras = trie_pattern(era_names() | {fold(e) for e in extra_eras})
    prefix = trie_pattern(prefix_names())
    year = rf"(?P<prefix>{prefix})?(?P<era>{eras})?(?P<year>元|{_NUM})年"
    parallel = rf"(?:{_SEP}?(?P<parallel>(?:{prefix})?(?:{eras})(?:元|{_NUM})年))?"
    return re.compile(
        rf"""(?:(?:(?P<rel>次年|明年|是年|是岁)|岁(?P<gzyear>[{STEMS}][{BRANCHES}])|{year}{parallel}){_SEP}?)?
        (?:(?P<this_season>是)?(?P<season>[春夏秋冬]){_SEP}?)?
        (?:(?P<this_month>是月)|(?P<leap>闰)(?P<lmonth>正|{_NUM})?月|(?P<month>正|{_NUM})月)?
        (?:{_SEP}?(?=[{STEMS}]))?
        (?:(?P<this_day>是日)|初(?P<chu>{NUMERAL})(?P<chu_ri>日)?|(?P<dnum>{_NUM})日)?
        (?P<ganzhi>[{STEMS}][{BRANCHES}])?(?P<mark>朔|晦)?""",
        re.VERBOSE,
    )


#: Words after an era name that set the era in force without a year: 大業初, 儀鳳中, 至正末.
ERA_TIMES = ("初", "中", "末")


@functools.lru_cache(maxsize=8)
def era_time_pattern(extra_eras: tuple[str, ...] = ()) -> re.Pattern[str]:
    """An era named without its year at a clause start (大業初，), on folded text."""
    eras = trie_pattern(era_names() | {fold(e) for e in extra_eras})
    return re.compile(rf"(?P<prefix>{trie_pattern(prefix_names())})?(?P<era>{eras})(?P<rel>[初中末])(?=[，,。])")


_PARTS = ("rel", "gzyear", "era", "year", "season", "this_month", "leap", "month", "this_day", "chu", "dnum", "ganzhi",
          "mark")


def _match_end(m: re.Match[str]) -> int:
    """End of the match without a trailing separator (天輔五年， is read as far as 年)."""
    end = m.end()
    while end > m.start() and m.string[end - 1] in "。，,、":
        end -= 1
    return end


def _parts(m: re.Match[str], view: TextView, text: str, regime: str | None, *, whole: bool = False) -> DateParts:
    g = m.groupdict()
    start, end = (0, len(text)) if whole else view.span(m.start(), _match_end(m))
    month = g["month"] or g["lmonth"]
    days = g["chu"] or g["dnum"]
    day = chinese_number(days) if days else None
    ganzhi, year_ganzhi = g["ganzhi"], g["gzyear"]
    if g["year"] and ganzhi and not (month or g["leap"] or g["this_month"] or g["season"] or day or g["mark"]):
        ganzhi, year_ganzhi = None, ganzhi  # 咸雍四年戊申: the name of the year (歲次), checked on conversion
    era = None
    if g["era"]:
        era_start, era_end = view.span(m.start("era"), m.end("era"))
        era = "".join(text[era_start:era_end].split())
    return DateParts(
        text[start:end], start, end, prefix_names().get(g["prefix"] or "") or regime, era,
        chinese_number(g["year"]) if g["year"] else None, g["rel"] or ("歲" if g["gzyear"] else None),
        g["parallel"], g["season"], bool(g["this_season"]), chinese_number(month) if month else None,
        bool(g["leap"]), bool(g["this_month"]), bool(g["this_day"]), day, ganzhi, g["mark"], year_ganzhi,
    )


def _unknown_era(view: TextView, text: str) -> CalendarError | None:
    found = re.match(rf"(?P<era>[^\W\d]+?)(?:元|{_NUM})年", view.chars)
    if found is None:
        return None
    start, end = view.span(found.start("era"), found.end("era"))
    return CalendarError(
        f"{text.strip()}: unknown era {text[start:end]} — check the spelling (traditional or simplified "
        "characters); the eras are those of sanmiao's tables"
    )


def parse_date(text: str, *, regime: str | None = None) -> DateParts:
    """Split a date expression into era, year, season, month and day parts.

    Parameters
    ----------
    text : str
        A date as written, e.g. ``天輔六年三月己巳``, ``閏月庚戌朔``, ``是春``,
        ``遼天慶八年五月壬午朔``, ``天辅6年3月初六``, ``春，正月，甲申朔``.
    regime : str, optional
        A regime name or slug; must agree with a regime prefix.

    Returns
    -------
    DateParts
        The parts found; missing parts are ``None``. Nothing is looked up.

    Raises
    ------
    CalendarError
        If the text is not a date expression, names an unknown era or the prefix contradicts ``regime``.
    """
    view = make_view(text)
    chars = view.chars.rstrip("。，,.、；;：:")
    match = date_pattern().fullmatch(chars) if chars else None
    if match is None or not any(match[g] for g in _PARTS):
        error = _unknown_era(view, text) if chars else None
        raise error or CalendarError(
            f"cannot read {text.strip()!r} as a date — write it like 天輔六年三月己巳, 三月癸未朔 or 是春"
        )
    wanted = regime_key(regime)
    parts = _parts(match, view, text, wanted, whole=True)
    prefixed = prefix_names().get(match["prefix"] or "")
    if wanted and prefixed and wanted != prefixed:
        start, end = view.span(match.start("prefix"), match.end("prefix"))
        raise CalendarError(
            f"{text.strip()}: the prefix {text[start:end]} means {prefixed}, but regime={regime!r} was given "
            "— drop one of them"
        )
    _check_ganzhi(parts.ganzhi, text.strip())
    return parts


def _check_ganzhi(name: str | None, text: str) -> None:
    if name is not None and name not in GANZHI_NUMBER:
        raise CalendarError(
            f"{text}: {name} is not a sexagenary day (stem and branch must both be odd or both even) "
            "— check the characters"
        )


def _acceptable(m: re.Match[str], view: str) -> bool:
    """Whether a match at a clause start is a real date and not a numeral or name that looks like one."""
    if not any(m[g] for g in _PARTS):
        return False
    month = bool(m["month"] or m["leap"] or m["this_month"])
    end = _match_end(m)
    nxt = view[end] if end < len(view) else "。"
    after_year = view[m.end("year") + 1: m.end("year") + 2] or "。" if m["year"] else ""
    if (m["dnum"] and not month) or (m["chu"] and not (month or m["chu_ri"])):
        return False
    if m["mark"] and not (month or m["ganzhi"]):
        return False
    if m["ganzhi"] and m["ganzhi"] not in GANZHI_NUMBER:
        return False
    if m["year"] and not (m["era"] or m["prefix"]) and not (m["season"] or month or after_year in "，,。"):
        return False
    only_season = m["season"] and not (m["year"] or m["rel"] or month or m["ganzhi"] or m["chu"])
    return not (only_season and not m["this_season"] and nxt not in "，,。；")


def clause_starts(chars: str) -> list[int]:
    """View positions where a clause begins (the start, and after each of :data:`CLAUSE_BREAKS`)."""
    return [0, *(i + 1 for i, c in enumerate(chars) if c in CLAUSE_BREAKS and i + 1 < len(chars))]


def find_dates(text: str, line_start: int = 0, line_end: int | None = None, *,
               extra_eras: tuple[str, ...] = ()) -> list[DateParts]:
    """Every date expression that begins a clause in ``text[line_start:line_end]`` (one line).

    Parameters
    ----------
    text : str
        The whole text.
    line_start, line_end : int
        The line to read (offsets into ``text``).
    extra_eras : tuple of str
        Era names the text declares that the tables lack (see :func:`date_pattern`).

    Returns
    -------
    list of DateParts
        In text order, with offsets into ``text``.

    Examples
    --------
    >>> [d.written for d in find_dates("三月癸未朔，遼主至。甲申，還。")]
    ['三月癸未朔', '甲申']
    """
    view = make_view(text, line_start, line_end)
    pattern, era_time, marks, covered = date_pattern(extra_eras), era_time_pattern(extra_eras), [], 0
    for pos in clause_starts(view.chars):
        m = pattern.match(view.chars, pos) if pos >= covered else None
        if m and m.end() > pos and _acceptable(m, view.chars):
            marks.append(_parts(m, view, text, None))
            covered = m.end()
        elif pos >= covered and (t := era_time.match(view.chars, pos)):
            marks.append(_era_time(t, view, text))
            covered = t.end()
        elif pos >= covered and (u := _unknown_era_mark(view, text, pos, pattern)):
            marks.append(u)
    return marks


#: Two characters that read as an era the tables lack (壽隆七年正月): no numeral, then a year and a month or season.
_NOT_ERA = "〇零一二三四五六七八九十廿卅两元正是其明次"
_UNKNOWN_ERA = re.compile(rf"[^\W\d{_NOT_ERA}]{{2}}(?=(?:元|{NUMERAL})年(?:[春夏秋冬正闰]|{NUMERAL}月))")


def _unknown_era_mark(view: TextView, text: str, pos: int, pattern: re.Pattern[str]) -> DateParts | None:
    """A date whose era the tables lack, read as such (so that it is reported, not dated in the era before)."""
    if not _UNKNOWN_ERA.match(view.chars, pos) or view.chars[pos:pos + 2] in era_names():
        return None
    m = pattern.match(view.chars, pos + 2)
    if m is None or not m["year"]:
        return None
    parts = _parts(m, view, text, None)
    start = view.offsets[pos]
    era = "".join(text[start:view.offsets[pos + 1] + 1].split())
    return replace(parts, written=text[start:parts.end], start=start, era=era)


def _era_time(m: re.Match[str], view: TextView, text: str) -> DateParts:
    start, end = view.span(m.start(), m.end())
    era_start, era_end = view.span(m.start("era"), m.end("era"))
    return DateParts(written=text[start:end], start=start, end=end, regime=prefix_names().get(m["prefix"] or ""),
                     era="".join(text[era_start:era_end].split()), relative=m["rel"])
