"""The annals reader: dated entries of the three seeds, implied parts, robustness, and ``geo annals``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from geo.__main__ import main
from geo.annals import Annals, Context, advance, find_dates, infer_start, read_annals, read_chronicle
from geo.calendar.days import ganzhi_number
from geo.calendar.parse import GANZHI

REPO = Path(__file__).parent.parent
SEEDS = REPO / "seeds"
DATA = Path(__file__).parent / "data" / "annals"

#: Dated entries per seed, counted by eye against the texts (a heading such as 乾統二年。 is no entry;
#: a clause opening with 是日 is one: JS:25, DJGZ:26, QDGZ:34 and QDGZ:41).
EXPECTED_ENTRIES = {"JS": 90, "DJGZ": 21, "QDGZ": 44}
EXPECTED_REGIME = {"JS": "jin", "DJGZ": "jin", "QDGZ": "liao"}


def _seed(siglum: str) -> tuple[str, Annals]:
    text = read_chronicle(SEEDS / f"{siglum}.txt")
    return text, read_annals(text)


def _ganzhi(jdn: int) -> str:
    return GANZHI[ganzhi_number(jdn) - 1]


@pytest.mark.parametrize("siglum", sorted(EXPECTED_ENTRIES))
def test_seed_entry_counts(siglum: str) -> None:
    _, annals = _seed(siglum)
    assert len(annals.entries) == EXPECTED_ENTRIES[siglum]
    assert annals.regime == EXPECTED_REGIME[siglum]
    assert annals.failed == ()


@pytest.mark.parametrize("siglum", sorted(EXPECTED_ENTRIES))
def test_offsets_point_into_the_text(siglum: str) -> None:
    text, annals = _seed(siglum)
    lines = text.splitlines()
    for entry in annals.entries:
        assert text[entry.start:entry.end] == entry.text
        assert entry.text.startswith(entry.written)
        assert entry.text in lines[entry.line - 1]


@pytest.mark.parametrize("siglum", ["JS", "QDGZ"])
def test_every_shuo_entry_falls_on_the_day_written(siglum: str) -> None:
    _, annals = _seed(siglum)
    shuo = [e for e in annals.entries if e.day_mark == "朔"]
    assert len(shuo) == {"JS": 9, "QDGZ": 8}[siglum]
    for entry in shuo:
        assert entry.date is not None and entry.date.precision == "day"
        assert entry.date.day == 1
        if entry.ganzhi:
            assert _ganzhi(entry.date.jdn_start) == entry.ganzhi, entry.written


def test_every_written_sexagenary_day_is_kept() -> None:
    for siglum in EXPECTED_ENTRIES:
        _, annals = _seed(siglum)
        for entry in annals.entries:
            if entry.ganzhi:
                assert entry.date is not None and _ganzhi(entry.date.jdn_start) == entry.ganzhi


def test_js_start_is_inferred_from_its_days() -> None:
    text, annals = _seed("JS")
    assert annals.start == "天輔二年"
    first = annals.entries[0]
    assert first.line == 2  # line 1 is the HTML comment
    assert (first.date.julian_start, first.date.ganzhi) == ("1118-02-22", "癸丑")
    leap = next(e for e in annals.entries if e.written == "闰月庚戌朔")
    assert (leap.date.month, leap.date.leap, leap.date.era_year) == (9, True, 2)
    third = next(e for e in annals.entries if e.written == "三年正月甲寅")
    assert (third.date.era, third.date.era_year, third.date.month) == ("天輔", 3, 1)
    assert read_annals(text, regime="liao").failed  # the days fit no Liao start: nothing is guessed


def test_qdgz_headings_asides_and_relative_dates() -> None:
    _, annals = _seed("QDGZ")
    written = [e.written for e in annals.entries]
    assert "乾統二年" not in "".join(written)  # bare year headings are no entries
    parallel = next(e for e in annals.entries if e.written.startswith("乾統六年"))
    assert (parallel.date.era, parallel.date.era_year, parallel.date.month) == ("乾統", 6, 1)
    chu = next(e for e in annals.entries if e.written == "初三日")
    assert (chu.date.era, chu.date.era_year, chu.date.month, chu.date.day) == ("天慶", 6, 1, 3)
    next_year = next(e for e in annals.entries if e.written == "次年三月")
    assert (next_year.date.era_year, next_year.date.month) == (9, 3)
    season = next(e for e in annals.entries if e.written == "是年秋")
    assert (season.date.precision, season.date.era_year) == ("season", 2)


def test_djgz_aside_in_another_regime_keeps_the_context() -> None:
    _, annals = _seed("DJGZ")
    aside = next(e for e in annals.entries if e.written == "宋紹興四年冬")
    assert (aside.date.regime, aside.date.ce_year) == ("song", 1134)
    last = annals.entries[-1]
    assert (last.written, last.date.era, last.date.era_year, last.date.month) == ("是年五月", "天輔", 6, 5)
    day6 = next(e for e in annals.entries if e.written == "是月初六")
    assert (day6.date.month, day6.date.day) == (12, 6)


def test_ocr_noise_does_not_break_the_reader() -> None:
    text = read_chronicle(DATA / "ocr_noise.txt")
    annals = read_annals(text)
    got = [(e.line, e.date.era_year, e.date.month, e.date.day) for e in annals.entries]
    assert got == [(2, 4, 3, None), (3, 4, 11, None), (4, 4, 11, 6), (5, 5, 1, None)]
    assert annals.entries[0].written == "天輔 四年春 三月"
    assert annals.entries[-1].written == "天輔五年，春 正f月"


def test_leap_month_must_follow_the_current_month() -> None:
    annals = read_annals("天輔二年五月，遼使來。閏月，遼使復來。\n九月戊子，詔曰。閏月庚戌朔，降將來。\n")
    bad, good = annals.entries[1], annals.entries[3]
    assert bad.date is None and "閏五月" in bad.error and "閏九月" in bad.error
    assert (good.date.month, good.date.leap, good.date.julian_start) == (9, True, "1118-10-17")


def test_text_without_era_is_reported_not_guessed() -> None:
    annals = read_annals(read_chronicle(DATA / "jishi_benmo.txt"))
    assert len(annals.entries) == 3
    assert annals.failed == annals.entries
    assert all(e.date is None and "no era" in (e.error or "") for e in annals.entries)
    assert annals.notice and "give the start" in annals.notice
    assert "several starts fit" in annals.notice
    given = read_annals(read_chronicle(DATA / "jishi_benmo.txt"), start="天輔元年")
    assert given.entries[0].date.julian_start == "1118-01-24"  # 二年春正月 under the start given
    assert "己巳 is not in it" in given.entries[1].error  # the day does not fit: reported, not moved
    assert given.entries[2].date.precision == "month"


def test_day_not_in_the_inferred_month_is_an_error() -> None:
    annals = read_annals(read_chronicle(DATA / "wrong_day.txt"))
    bad = [e for e in annals.entries if e.error]
    assert [e.written for e in bad] == ["甲午"]
    assert "甲午 is not in it" in bad[0].error
    assert annals.entries[-1].date.ganzhi == "辛卯"  # later entries still convert


def test_context_rules() -> None:
    ctx = Context("天輔", 2, None, 9, False)
    leap_month = find_dates("閏月庚戌朔，")[0]
    ctx, _ = advance(ctx, leap_month)
    assert (ctx.month, ctx.leap) == (9, True)
    ctx, note = advance(ctx, find_dates("八月，")[0])
    assert note and "goes back" in note
    ctx, _ = advance(ctx, find_dates("天慶元年秋九月，")[0])
    assert (ctx.era, ctx.year, ctx.season, ctx.month) == ("天慶", 1, "秋", 9)
    ctx, _ = advance(ctx, find_dates("二年，春，")[0])
    assert (ctx.era, ctx.year, ctx.season, ctx.month) == ("天慶", 2, "春", None)


def test_no_date_mid_clause_or_in_numbers() -> None:
    assert find_dates("將以四月二十五日進師") == []
    assert find_dates("河路復為所斷，三日不得渡") == []
    assert find_dates("凡十二載") == []
    assert [m.written for m in find_dates("辛酉，孛堇來見")] == ["辛酉"]


def test_infer_start_needs_days() -> None:
    start, why, confidence, regime = infer_start(find_dates("三月，遼主奔夾山。"), "jin")
    assert start is None and "no day" in why and confidence is None and regime is None


def test_cli_annals_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["annals", str(SEEDS / "QDGZ.txt"), "--json", "--gazetteer", str(DATA / "gazetteer.csv")]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(rows) == EXPECTED_ENTRIES["QDGZ"]
    keys = {"era", "era_year", "month", "leap", "day", "ganzhi", "julian_start", "julian_end", "jdn_start",
            "jdn_end", "precision", "line", "start", "end", "text", "places"}
    assert all(keys <= row.keys() and "error" not in row for row in rows)
    assert "ningjiang_zhou" in next(r for r in rows if r["date_as_written"] == "秋九月")["places"]


def test_cli_annals_reports_failures_and_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["annals", str(DATA / "jishi_benmo.txt"), "--json", "--gazetteer", str(DATA / "gazetteer.csv")]) == 1
    out, err = capsys.readouterr()
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == 3  # every entry is printed before the exit status says some failed
    assert all(r["error"] and r["jdn_start"] is None and r["julian_start"] is None for r in rows)
    assert "3 could not be dated" in err and "--start" in err and "天輔二年" not in err


def test_cli_annals_table_and_bad_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["annals", str(DATA / "wrong_day.txt"), "--gazetteer", str(DATA / "gazetteer.csv")]) == 1
    out = capsys.readouterr().out
    assert "天輔六年三月己巳" in out and "ERROR" in out
    assert main(["annals", str(tmp_path / "missing.txt")]) == 1
    (tmp_path / "latin1.txt").write_bytes("天輔".encode("utf-16"))
    assert main(["annals", str(tmp_path / "latin1.txt")]) == 1
