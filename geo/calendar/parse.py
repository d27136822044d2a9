"""Reading Chinese date expressions into their parts, without converting them.

:func:`parse_date` only looks at the characters: it needs no calendar table and
does not check that the era exists. A reader of annals can parse a bare
``三月癸未朔`` here, fill the missing era and year from context and hand the
parts to :func:`geo.calendar.convert_parts`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geo.errors import CalendarError

STEMS = "甲乙丙丁戊己庚辛壬癸"
BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
#: The sixty sexagenary (干支) names; index 0 is 甲子 (number 1).
GANZHI = tuple(STEMS[i % 10] + BRANCHES[i % 12] for i in range(60))
GANZHI_NUMBER = {name: i + 1 for i, name in enumerate(GANZHI)}

#: Regime key -> dynasty names in sanmiao's dynasty table.
REGIME_DYNASTIES: dict[str, tuple[str, ...]] = {
    "liao": ("遼",),
    "jin": ("金",),
    "song": ("宋", "北宋", "南宋"),
    "xia": ("西夏",),
}
#: Chinese prefixes (and accepted spellings of the ``regime`` argument) -> regime key.
REGIME_PREFIXES: dict[str, str] = {
    "大遼": "liao", "大辽": "liao", "遼": "liao", "辽": "liao",
    "大金": "jin", "金": "jin",
    "大宋": "song", "北宋": "song", "南宋": "song", "宋": "song",
    "西夏": "xia",
}
SEASONS: dict[str, tuple[int, int]] = {"春": (1, 3), "夏": (4, 6), "秋": (7, 9), "冬": (10, 12)}

_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "两": 2, "兩": 2}
_FOLD = str.maketrans(
    {**{chr(0xFF10 + i): str(i) for i in range(10)}, "闰": "閏", "辽": "遼", "　": " "}
    | dict.fromkeys("。，,.、；;：:", " ")
)
NUMERAL = "[〇零一二三四五六七八九十廿卅]+"  # a Chinese numeral, as a regex (shared with geo.annals_dates)
_NUM = NUMERAL
_DATE_RE = re.compile(
    rf"""(?P<prefix>大遼|遼|大金|金|大宋|北宋|南宋|宋|西夏)?
    (?:(?P<era>\D+?)?(?P<year>元|{_NUM}|\d+)年)?
    (?:是(?=[春夏秋冬月年歲]))?(?:[年歲](?=.))?
    (?P<season>[春夏秋冬])?
    (?:(?P<leap>閏)?(?P<month>正|{_NUM}|\d+)?月)?
    (?:初(?P<chu>{_NUM})日?|(?P<dnum>{_NUM}|\d+)日)?
    (?P<ganzhi>[{STEMS}][{BRANCHES}])?
    (?P<mark>朔|晦)?日?""",
    re.VERBOSE,
)


@dataclass(frozen=True)
class ParsedDate:
    """The parts of a date expression as written, before any calendar look-up.

    ``month`` is ``None`` with ``leap=True`` for a bare 閏月 (the leap month of
    the year, whichever it is). ``day_mark`` is ``"朔"`` (first day) or ``"晦"``
    (last day) when the text says so. ``era`` is ``None`` when the text has none.
    """

    input: str
    regime: str | None = None
    era: str | None = None
    era_year: int | None = None
    season: str | None = None
    month: int | None = None
    leap: bool = False
    day: int | None = None
    ganzhi: str | None = None
    day_mark: str | None = None


def normalise(text: str) -> str:
    """Fold full-width digits and a few simplified characters; drop spaces and punctuation (乾統元年。春正月朔)."""
    return "".join(text.translate(_FOLD).split())


def chinese_number(text: str) -> int:
    """Read a Chinese (一 … 九十九, 廿, 卅) or Arabic numeral; 元 and 正 are 1."""
    if text.isdigit():
        return int(text)
    if text in ("元", "正"):
        return 1
    text = text.replace("廿", "二十").replace("卅", "三十")
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
    """Return the canonical regime key (jin, liao, song, xia) for ``regime``; None for None or blank."""
    if regime is None or not regime.strip():
        return None
    key = regime.strip().lower()
    if key in REGIME_DYNASTIES:
        return key
    if key in REGIME_PREFIXES:
        return REGIME_PREFIXES[key]
    valid = ", ".join(REGIME_DYNASTIES)
    raise CalendarError(f"unknown regime {regime!r} — use one of {valid} (or 遼, 金, 宋, 西夏)")


def _check_ganzhi(name: str | None, text: str) -> None:
    if name is not None and name not in GANZHI_NUMBER:
        raise CalendarError(
            f"{text}: {name} is not a sexagenary day (stem and branch must both be odd or both even) "
            "— check the characters"
        )


def _day_number(match: re.Match[str]) -> int | None:
    if match["chu"]:
        return chinese_number(match["chu"])
    if match["dnum"]:
        return chinese_number(match["dnum"])
    return None


def parse_date(text: str, *, regime: str | None = None) -> ParsedDate:
    """Split a date expression into era, year, season, month and day parts.

    Parameters
    ----------
    text : str
        A date as written, e.g. ``天輔六年三月己巳``, ``閏月庚戌朔``, ``是春``,
        ``遼天慶八年五月壬午朔``, ``天辅6年3月初六``.
    regime : str, optional
        ``jin``, ``liao``, ``song`` or ``xia``; must agree with a regime prefix.

    Returns
    -------
    ParsedDate
        The parts found; missing parts are ``None``. Nothing is looked up.

    Raises
    ------
    CalendarError
        If the text is not a date expression or the prefix contradicts ``regime``.
    """
    clean = normalise(text)
    match = _DATE_RE.fullmatch(clean)
    if not clean or match is None or not any(
        match[g] for g in ("year", "season", "month", "leap", "chu", "dnum", "ganzhi", "mark")
    ):
        raise CalendarError(
            f"cannot read {text.strip()!r} as a date — write it like 天輔六年三月己巳, 三月癸未朔 or 是春"
        )
    wanted = regime_key(regime)
    prefixed = REGIME_PREFIXES.get(match["prefix"] or "")
    if wanted and prefixed and wanted != prefixed:
        raise CalendarError(
            f"{text.strip()}: the prefix {match['prefix']} means {prefixed}, but regime={regime!r} was given "
            "— drop one of them"
        )
    _check_ganzhi(match["ganzhi"], text.strip())
    month = match["month"]
    return ParsedDate(
        input=text,
        regime=wanted or prefixed,
        era=match["era"] or None,
        era_year=chinese_number(match["year"]) if match["year"] else None,
        season=match["season"],
        month=chinese_number(month) if month else None,
        leap=bool(match["leap"]),
        day=_day_number(match),
        ganzhi=match["ganzhi"],
        day_mark=match["mark"],
    )
