"""Tests of the Chinese date engine (geo.calendar): seed facts, round trips, errors, sanmiao agreement."""

from __future__ import annotations

import os
import random
import re
from pathlib import Path

import pytest

from geo.calendar import (
    FIELDS,
    ChineseDate,
    convert_date,
    convert_dates,
    convert_parts,
    format_chinese,
    ganzhi_name,
    jdn_to_chinese,
    jdn_to_gregorian,
    jdn_to_julian,
    julian_to_jdn,
    parse_date,
)
from geo.calendar import tables as calendar_tables
from geo.calendar.parse import DateParts
from geo.errors import CalendarError

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

# Every date in the seed texts that states a 朔, written out in full with the era and year implied by the
# surrounding entries (the seed's own script kept: JS is simplified). (siglum:line, date, regime, 朔 ganzhi)
# None of them disagrees with sanmiao's month tables.
SEED_NEW_MOONS = [
    ("JS:2", "天辅二年二月癸丑朔", "jin", "癸丑"),
    ("JS:3", "天辅二年三月癸未朔", "jin", "癸未"),
    ("JS:10", "天辅二年闰月庚戌朔", "jin", "庚戌"),  # 闰月 after 九月: the year's 閏九月
    ("JS:15", "天辅三年四月丙子朔", "jin", "丙子"),
    ("JS:28", "天辅四年十月戊辰朔", "jin", "戊辰"),
    ("JS:33", "天辅五年四月乙丑朔", "jin", "乙丑"),
    ("JS:39", "天辅六年二月庚寅朔", "jin", "庚寅"),
    ("JS:44", "天辅六年六月戊子朔", "jin", "戊子"),
    ("JS:49", "天辅六年十月丙戌朔", "jin", "丙戌"),
    ("QDGZ:51", "天慶八年五月壬午朔", "liao", "壬午"),
]
# 朔 without a sexagenary name (QDGZ's eclipse and portent entries): they must convert to the first day.
SEED_BARE_NEW_MOONS = [
    ("QDGZ:2", "乾統元年春正月朔", "liao"),
    ("QDGZ:3", "乾統元年夏四月朔", "liao"),
    ("QDGZ:13", "乾統七年冬十一月朔", "liao"),
    ("QDGZ:16", "乾統十年秋九月朔", "liao"),
    ("QDGZ:19", "天慶三年春三月朔", "liao"),
    ("QDGZ:30", "天慶五年秋七月朔", "liao"),
    ("QDGZ:37", "天慶六年春正月朔", "liao"),
]
# DJGZ states no 朔; its dates are month or season dates, checked to convert.
SEED_OTHER = [
    ("DJGZ:2", "天輔四年春三月", "jin", "month"),
    ("DJGZ:3", "天輔四年是春", "jin", "season"),
    ("DJGZ:6", "天輔五年，春正月", "jin", "month"),
    ("DJGZ:20", "天輔六年春", "jin", "season"),
    ("JS:34", "天辅五年闰月辛巳", "jin", "day"),
    ("JS:40", "天辅六年三月己巳", "jin", "day"),
]


def _seed_line(ref: str) -> str:
    siglum, line = ref.split(":")
    return (SEEDS / f"{siglum}.txt").read_text(encoding="utf-8").splitlines()[int(line) - 1]


@pytest.mark.parametrize(("ref", "text", "regime", "ganzhi"), SEED_NEW_MOONS)
def test_seed_new_moons_match_the_table(ref: str, text: str, regime: str, ganzhi: str) -> None:
    assert f"{ganzhi}朔" in _seed_line(ref)
    date = convert_date(text, regime=regime)
    assert (date.ganzhi, date.day, date.precision) == (ganzhi, 1, "day")
    assert convert_date(text.replace(f"{ganzhi}朔", "朔"), regime=regime).jdn_start == date.jdn_start


@pytest.mark.parametrize(("ref", "text", "regime"), SEED_BARE_NEW_MOONS)
def test_seed_bare_new_moons_are_first_days(ref: str, text: str, regime: str) -> None:
    assert text[-3:] in _seed_line(ref)
    date = convert_date(text, regime=regime)
    month = convert_date(text[:-1], regime=regime)
    assert (date.day, date.jdn_start) == (1, month.jdn_start)


_JS_TOKEN = re.compile(
    r"(?:(?P<year>[二三四五六])年)?(?:[春夏秋冬])?(?P<month>闰?(?:正|[一二三四五六七八九十]+)?月)"
    r"|(?P<gz>[甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥])"
)


def test_every_sexagenary_day_in_js_lies_in_its_month() -> None:
    """Walk JS (天辅二年 onwards), carrying year and month forward, and convert each day it names."""
    year, month, checked = "二", "", 0
    for line in (SEEDS / "JS.txt").read_text(encoding="utf-8").splitlines()[1:]:
        for token in _JS_TOKEN.finditer(line):
            if token["gz"] is None:
                year = token["year"] or year
                month = token["month"] if token["month"] != "月" else month  # 是月: the same month
                continue
            date = convert_date(f"天辅{year}年{month}{token['gz']}", regime="jin")
            assert date.ganzhi == token["gz"]
            checked += 1
    assert checked >= 70


@pytest.mark.parametrize(("ref", "text", "regime", "precision"), SEED_OTHER)
def test_other_seed_dates_convert(ref: str, text: str, regime: str, precision: str) -> None:
    assert convert_date(text, regime=regime).precision == precision


def test_known_dates() -> None:
    date = convert_date("天輔二年二月癸丑朔")
    assert (date.regime, date.ce_year, date.jdn_start, date.julian_start, date.gregorian_start) == (
        "jin", 1118, 2129460, "1118-02-22", "1118-03-01")
    leap = convert_date("金天輔二年閏九月")
    assert (leap.month, leap.leap, leap.ganzhi) == (9, True, None)
    assert convert_date("天輔二年閏月庚戌朔").jdn_start == leap.jdn_start
    assert convert_date("天輔二年閏九月朔").ganzhi == "庚戌"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("天輔六年三月己巳", {"era": "天輔", "era_year": 6, "month": 3, "ganzhi": "己巳"}),
        ("三月癸未朔", {"era": None, "month": 3, "ganzhi": "癸未", "day_mark": "朔"}),
        ("閏月庚戌朔", {"month": None, "leap": True, "ganzhi": "庚戌", "day_mark": "朔"}),
        ("是春", {"season": "春", "month": None}),
        ("秋七月", {"season": "秋", "month": 7}),
        ("天慶八年五月壬午朔", {"era": "天慶", "era_year": 8, "month": 5}),
        ("遼天慶十一年", {"regime": "liao", "era_year": 11}),
        ("大金天輔二十年", {"regime": "jin", "era_year": 20}),
        ("天輔元年閏九月晦", {"era_year": 1, "month": 9, "leap": True, "day_mark": "晦"}),
        ("天輔六年三月初六", {"day": 6}),
        ("天輔六年三月二十四日", {"day": 24}),
        ("天輔六年三月廿四日", {"day": 24}),
        ("天辅6年3月", {"era": "天辅", "era_year": 6, "month": 3}),
        (" 天輔６年３月己巳。", {"era_year": 6, "month": 3, "ganzhi": "己巳"}),
        ("北宋宣和元年正月", {"regime": "song", "month": 1}),
        ("西夏元德元年", {"regime": "xia", "era": "元德", "era_year": 1}),
    ],
)
def test_parse_forms(text: str, expected: dict[str, object]) -> None:
    parsed = parse_date(text)
    assert isinstance(parsed, DateParts)
    assert {key: getattr(parsed, key) for key in expected} == expected


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("天輔六年三月己巳", "天辅六年三月己巳"),
        ("天輔二年閏九月", "天辅二年闰九月"),
        ("天輔六年三月己巳", "天輔6年3月己巳"),
        ("天輔六年三月己巳", "  天輔６年３月己巳，"),
        ("天輔六年三月己巳", "天輔六年三月十日"),
        ("天輔六年三月己巳", "天輔六年三月初十"),
        ("乾統五年閏三月", "干统五年闰三月"),
        ("乾統五年閏三月", "乾统五年闰三月"),
        ("天輔六年三月", "天輔六年春三月"),
        ("天輔六年三月晦", "天輔六年三月戊子"),
    ],
)
def test_equivalent_spellings(a: str, b: str) -> None:
    assert convert_date(a, regime="jin" if "輔" in a or "辅" in a else "liao").jdn_start == convert_date(
        b, regime="jin" if "輔" in b or "辅" in b else "liao").jdn_start


def test_precisions_and_intervals() -> None:
    year = convert_date("乾統五年", regime="liao")
    first, last = convert_date("乾統五年正月", regime="liao"), convert_date("乾統五年十二月", regime="liao")
    assert (year.precision, year.jdn_start, year.jdn_end) == ("year", first.jdn_start, last.jdn_end)
    spring = convert_date("乾統五年春", regime="liao")  # 1105 has 閏三月 in the Liao calendar
    assert spring.precision == "season"
    assert spring.jdn_end == convert_date("乾統五年閏三月", regime="liao").jdn_end
    assert convert_date("乾統五年春正月", regime="liao").precision == "month"
    winter = convert_date("乾統五年冬", regime="liao")
    assert (winter.jdn_start, winter.jdn_end) == (convert_date("乾統五年十月", regime="liao").jdn_start, last.jdn_end)
    month = convert_date("乾統五年三月", regime="liao")
    assert (month.precision, month.day, month.ganzhi) == ("month", None, None)
    assert month.jdn_end - month.jdn_start + 1 in (29, 30)


def test_regime_matters_for_leap_months() -> None:
    assert convert_date("乾統五年閏三月", regime="liao").leap
    with pytest.raises(CalendarError, match="its leap month is 閏二月"):
        convert_date("崇寧四年閏三月", regime="song")
    assert convert_date("宋崇寧四年閏二月").ce_year == 1105


@pytest.mark.parametrize(
    ("text", "regime", "expected"),
    [
        ("天慶八年", "liao", ("liao", 1118)),
        ("遼天慶八年", None, ("liao", 1118)),
        ("西夏天慶八年", None, ("xia", 1201)),
        ("天慶八年", "xia", ("xia", 1201)),
        ("天慶八年", "西夏", ("xia", 1201)),
        ("保大二年", "liao", ("liao", 1122)),
        ("保大二年", "遼", ("liao", 1122)),
        ("大安二年", "jin", ("jin", 1210)),
        ("天輔二年", None, ("jin", 1118)),
        ("貞觀四年三月甲申", "唐", ("tang", 630)),
        ("貞觀四年三月甲申", "tang", ("tang", 630)),
        ("唐貞觀四年三月甲申", None, ("tang", 630)),
        ("貞觀四年三月甲申", "西夏", ("xia", 1104)),
        ("貞觀四年", "日本", ("japan", 862)),
        ("洪武元年春正月乙亥", None, ("ming", 1368)),
        ("洪武元年春正月乙亥", "大明", ("ming", 1368)),
        ("隋大業九年", None, ("sui", 613)),
        ("康熙二年", "清", ("qing", 1663)),
        ("開元二年", None, ("tang", 714)),
    ],
)
def test_era_resolution(text: str, regime: str | None, expected: tuple) -> None:
    date = convert_date(text, regime=regime)
    assert (date.regime, date.ce_year) == expected


def test_same_named_eras_are_never_chosen_silently(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(CalendarError, match=r"ambiguous: tang 唐 627–649; japan 日本 859–877; xia 西夏 1101–1113"):
        convert_date("貞觀四年三月甲申")
    assert convert_date("貞觀四年三月甲申", regime="唐").julian_start == "0630-05-06"
    with pytest.raises(CalendarError, match=r"元 has several eras 至元: yuan 元 1264–1294; yuan 元 1335–1340"):
        convert_date("至元元年春正月癸巳", regime="元")
    # within one regime the era in force decides: the closest to the date being read
    in_1335 = convert_parts(regime="yuan", era="至元", era_year=1, month=1, ganzhi="癸巳", near=convert_date(
        "元統三年十月", regime="yuan").jdn_start)
    in_1264 = convert_parts(regime="yuan", era="至元", era_year=1, month=1, near=convert_date(
        "中統四年", regime="yuan").jdn_start)
    assert (in_1335.ce_year, in_1264.ce_year) == (1335, 1264)


def test_the_day_names_that_fit_decide_and_say_so() -> None:
    date = convert_date("天慶八年五月壬午朔")  # 遼 1118 has it, 西夏 1201 has not
    assert (date.regime, date.ce_year) == ("liao", 1118)
    assert date.note and "also names xia 西夏 1194–1206" in date.note
    assert convert_date("遼天慶八年五月壬午朔").note is None


def test_foreign_calendars_only_when_named() -> None:
    with pytest.raises(CalendarError, match=r"日本 .*used only when named — pass --regime japan"):
        convert_date("明治二年")
    assert convert_date("明治二年", regime="japan").ce_year == convert_date("日本明治二年").ce_year == 1869


@pytest.mark.parametrize(
    ("text", "regime", "message"),
    [
        ("天輔六年三月己亥", None, r"天輔六年三月 runs from 庚申 \(1122-04-09 Julian\) to 戊子 \(1122-05-07 Julian\); "
                               r"己亥 is not in it — check the month or the day"),
        ("天輔六年三月己巳朔", None, r"the 朔 is 庚申 \(1122-04-09 Julian\), not 己巳"),
        ("天輔六年三月丁亥晦", None, r"the 晦 is 戊子 .*, not 丁亥"),
        ("天輔六年三月初五己巳", None, r"the day 5 is 甲子 .*, not 己巳"),
        ("天輔六年十三月", None, r"month 13 does not exist"),
        ("天輔八年", None, r"天輔 \(jin 金 1117–1123\) has 7 year\(s\); 天輔八年 does not exist"),
        ("天輔二年閏三月", None, r"天輔二年 has no 閏三月 \(its leap month is 閏九月\)"),
        ("天輔三年閏月", None, r"天輔三年 has no 閏月 \(it has no leap month\)"),
        ("天輔六年三月三十日", None, r"has 29 days; day 30 does not exist"),
        ("天慶八年", None, r"ambiguous: .*liao 遼 1111–1120; xia 西夏 1194–1206"),
        ("保大二年", None, r"ambiguous: nantang 南唐 943–957.*liao 遼 1121–1125"),
        ("大安二年", None, r"ambiguous: .*xia 西夏 1074–1084; liao 遼 1085–1094; jin 金 1209–1211"),
        ("天輔二年", "liao", r"天輔 is not an era of liao .*jin 金 1117–1123"),
        ("遼天輔二年", None, r"天輔 is not an era of liao"),
        ("金天輔二年", "liao", r"the prefix 金 means jin"),
        ("天福二年", "song", r"not an era of song"),
        ("天輔二年", "atlantis", r"unknown regime 'atlantis' — use a slug \(qin, .*\) or a Chinese name"),
        ("天輔二年", "qin", r"天輔 is not an era of qin \(秦\)"),
        ("天慶八年", " ", r"ambiguous"),  # a blank regime is no regime
        ("天補二年", None, r"unknown era 天補"),
        ("三月癸未朔", None, r"has no era and year"),
        ("天輔六年春七月", None, r"春 covers months 1–3, but the month is 七月"),
        ("天輔六年己巳", None, r"天輔六年 is a 壬寅 year, so 己巳 is no name of the year — a day needs a month"),
        ("天輔六年三月甲丑", None, r"甲丑 is not a sexagenary day"),
        ("hello", None, r"cannot read 'hello' as a date"),
        ("", None, r"cannot read '' as a date"),
    ],
)
def test_errors(text: str, regime: str | None, message: str) -> None:
    with pytest.raises(CalendarError, match=message):
        convert_date(text, regime=regime)


def test_era_years_past_the_table_end_but_within_max_year_are_fine() -> None:
    # 天輔 ends in the 9th month of 1123 (天會 begins); 天輔七年十二月 is still a valid reading.
    assert convert_date("天輔七年十二月").ce_year == 1123
    assert convert_date("咸雍四年戊申", regime="liao").precision == "year"  # 戊申 names the year


def test_months_cut_by_an_era_change_keep_their_full_length() -> None:
    # sanmiao's dump repeats 1123 months 8 and 9 cut at the start of 天會 (27 and 16 days); the engine keeps
    # the full months, which end where the next month begins.
    august, september = convert_date("金天會元年八月"), convert_date("金天會元年九月")
    october = convert_date("金天會元年十月")
    assert (august.jdn_end + 1, september.jdn_end + 1) == (september.jdn_start, october.jdn_start)
    assert september.jdn_end - september.jdn_start + 1 == 29
    assert convert_date("天輔七年九月").jdn_start == september.jdn_start


def test_chinese_date_fields_and_dict() -> None:
    date = convert_date("天輔六年三月己巳")
    assert isinstance(date, ChineseDate)
    assert list(date.to_dict()) == list(FIELDS) == [
        "input", "regime", "era", "era_year", "ce_year", "month", "leap", "day", "ganzhi", "precision",
        "jdn_start", "jdn_end", "julian_start", "julian_end", "gregorian_start", "gregorian_end", "note"]
    with pytest.raises(AttributeError):
        date.era = "x"  # type: ignore[misc]


def test_parse_then_convert_parts_with_inherited_context() -> None:
    parsed = parse_date("三月癸未朔")
    assert parsed.era is None
    date = convert_parts(regime="jin", era="天輔", era_year=2, month=parsed.month, leap=parsed.leap,
                         day=parsed.day, ganzhi=parsed.ganzhi, day_mark=parsed.day_mark, text=parsed.written)
    assert (date.input, date.ganzhi, date.julian_start) == ("三月癸未朔", "癸未", "1118-03-24")
    leap = convert_parts(regime="jin", era="天輔", era_year=2, leap=True, day_mark="朔")
    assert (leap.month, leap.leap, leap.ganzhi) == (9, True, "庚戌")
    assert convert_parts(era="天輔", era_year=2, season="秋").precision == "season"
    with pytest.raises(CalendarError, match="not a season"):
        convert_parts(era="天輔", era_year=2, season="雨")


def test_day_number_helpers() -> None:
    assert jdn_to_julian(0) == (-4712, 1, 1)
    assert jdn_to_julian(2299160) == (1582, 10, 4)
    assert jdn_to_gregorian(2299161) == (1582, 10, 15)
    assert jdn_to_gregorian(2451545) == (2000, 1, 1)
    assert julian_to_jdn(1122, 4, 18) == 2130976
    assert (ganzhi_name(1), ganzhi_name(50), ganzhi_name(60)) == ("甲子", "癸丑", "癸亥")
    with pytest.raises(CalendarError):
        ganzhi_name(61)
    assert format_chinese(convert_date("天辅六年三月初十")) == "天輔六年三月己巳"
    assert format_chinese(convert_date("天輔二年閏九月")) == "天輔二年閏九月"
    assert format_chinese(convert_date("天輔二年是秋")) == "天輔二年秋"


@pytest.mark.parametrize("regime", ["jin", "liao", "song", "xia"])
def test_round_trip_1100_1130(regime: str) -> None:
    converted = 0
    for jdn in range(julian_to_jdn(1100, 1, 1), julian_to_jdn(1131, 1, 1)):
        try:
            date = jdn_to_chinese(jdn, regime=regime)
        except CalendarError:
            continue  # the regime has no era in force (Jin before 1115, Liao after 1125)
        again = convert_date(format_chinese(date), regime=regime)
        assert (again.jdn_start, again.jdn_end, again.era_year) == (jdn, jdn, date.era_year), date
        converted += 1
    assert converted > {"jin": 5800, "liao": 9000}.get(regime, 11000)


def test_jdn_to_chinese() -> None:
    date = jdn_to_chinese(2130976, regime="jin")
    assert (date.era, date.era_year, date.month, date.leap, date.day, date.ganzhi) == ("天輔", 6, 3, False, 10, "己巳")
    assert date.input == "天輔六年三月己巳"
    with pytest.raises(CalendarError, match="jin has no era in force"):
        jdn_to_chinese(julian_to_jdn(1100, 1, 1), regime="jin")


def test_convert_dates_frame() -> None:
    texts = ["天輔六年三月己巳", "天輔六年三月己亥", "天慶八年", "天輔六年三月己巳", "天慶八年", None]
    frame = convert_dates(texts, ["jin", "jin", "liao", "jin", None, "jin"])
    assert list(frame.columns) == [*FIELDS, "error"]
    assert len(frame) == 6
    assert frame.loc[0, "jdn_start"] == frame.loc[3, "jdn_start"] == 2130976
    assert frame.loc[0, "error"] is None and "己亥 is not in it" in frame.loc[1, "error"]
    assert frame.loc[2, "regime"] == "liao" and "ambiguous" in frame.loc[4, "error"]
    assert frame.loc[5, "error"] and frame.loc[1, "jdn_start"] is not None
    assert frame["jdn_start"].isna().tolist() == [False, True, False, False, True, True]
    assert frame.loc[0].drop("error").to_dict() == convert_date("天輔六年三月己巳").to_dict()


def test_convert_dates_series_and_scalar_regime() -> None:
    import pandas as pd

    series = pd.Series(["天慶八年五月壬午朔", "天慶八年春"], index=[10, 20])
    frame = convert_dates(series, "liao")
    assert list(frame.index) == [10, 20]
    assert frame["precision"].tolist() == ["day", "season"]
    assert frame["error"].isna().all()
    odd = convert_dates(pd.Series(["天輔二年", pd.NA, 5]), pd.Series([pd.NA, "jin", 7]))
    assert odd["precision"].tolist()[0] == "year" and odd["error"].notna().tolist() == [False, True, True]
    with pytest.raises(ValueError, match="one per text"):
        convert_dates(["天輔二年"], ["jin", "jin"])


def test_calendar_import_does_not_import_pandas() -> None:
    import subprocess
    import sys

    code = "import sys, geo.calendar; geo.calendar.convert_date('天輔二年'); print('pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_table_cache_is_written_atomically_and_optional(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    path = calendar_tables.cache_path()
    assert path.parent == tmp_path / "geo-liao-jin" and "0.2" in path.name
    tables = calendar_tables.load_tables()
    calendar_tables._write_cache(path, tables)
    assert calendar_tables._read_cache(path).streams[1].starts == tables.streams[1].starts
    assert [p.name for p in path.parent.iterdir()] == [path.name]
    path.write_bytes(b"garbage")
    assert calendar_tables._read_cache(path) is None
    blocker = tmp_path / "file"
    blocker.write_text("x")
    calendar_tables._write_cache(blocker / "sub" / "t.pickle", tables)  # unwritable: silently skipped
    assert not os.path.exists(blocker / "sub")


# --- agreement with sanmiao ---------------------------------------------------------------------

_JD = re.compile(r"JD (\d+\.5)(?: ~ (\d+\.5))?")
_PREFIX = {"jin": "金", "liao": "遼", "song": "宋"}


def _agreement_sample() -> list[tuple[str, str]]:
    """(text with regime prefix, regime): days, months, every leap month and years, 1101–1130."""
    rng = random.Random(1122)
    sample: list[tuple[str, str]] = []
    spans = {"liao": (1101, 1124), "jin": (1115, 1130), "song": (1101, 1126)}
    for regime, (y0, y1) in spans.items():
        lo, hi = julian_to_jdn(y0, 3, 1), julian_to_jdn(y1, 12, 1)
        days = [jdn_to_chinese(rng.randrange(lo, hi), regime=regime) for _ in range(35)]
        sample += [(format_chinese(d), regime) for d in days]
        sample += [(format_chinese(d)[:-2], regime) for d in days[:20]]
        sample += [(format_chinese(d).split("年")[0] + "年", regime) for d in days[:8]]
    for regime in spans:
        for jdn in range(julian_to_jdn(1101, 3, 1), julian_to_jdn(1125, 1, 1), 29):
            try:
                d = jdn_to_chinese(jdn, regime=regime)
            except CalendarError:
                continue
            if d.leap and (format_chinese(d)[:-2], regime) not in sample:
                sample.append((format_chinese(d)[:-2], regime))
    return sample


@pytest.mark.slow
def test_agreement_with_sanmiao() -> None:
    sanmiao = pytest.importorskip("sanmiao")
    sample = _agreement_sample()
    assert len(sample) >= 200
    assert sum(parse_date(t).leap for t, _ in sample) >= 10
    # Known divergence: sanmiao answers 天會元年九月 with the 16-day row cut at the era change.
    cut = _JD.search(sanmiao.cjk_date_interpreter("金天會元年九月", jd_out=True))
    september = convert_date("金天會元年九月")
    assert int(float(cut[1]) + 0.5) == september.jdn_start and int(float(cut[2]) + 0.5) < september.jdn_end
    for text, regime in sample:
        ours = convert_date(text, regime=regime)
        report = sanmiao.cjk_date_interpreter(_PREFIX[regime] + text, jd_out=True)
        if ours.precision == "year":
            assert f"（{ours.ce_year}）" in report, (text, report)
            continue
        found = _JD.search(report)
        assert found, (text, report)
        start = int(float(found[1]) + 0.5)
        end = int(float(found[2]) + 0.5) if found[2] else start
        assert (ours.jdn_start, ours.jdn_end) == (start, end), (text, regime, report)
