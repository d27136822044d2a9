"""The annals reader on juan of several dynasties: fixtures cut from 舊唐書, 宋史, 元史, 明史 and the seeds
遼史 卷27–30, 金史 卷2–3, 契丹國志 卷11–12 (see tests/data/annals/README.md). Expected dates were checked
against sanmiao's own interpreter."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from geo.__main__ import main
from geo.annals import Annals, Entry, find_dates, read_annals, read_chronicle
from geo.annals_text import body_end
from geo.calendar import parse_date

REPO = Path(__file__).parent.parent
SEEDS = REPO / "seeds"
DATA = Path(__file__).parent / "data" / "annals"


def _read(path: Path, **options: str) -> Annals:
    return read_annals(read_chronicle(path), **options)


def _entry(annals: Annals, written: str, line: int | None = None) -> Entry:
    return next(e for e in annals.entries if e.written == written and (line is None or e.line == line))


def _when(entry: Entry) -> tuple:
    assert entry.date is not None, entry.error
    return entry.date.regime, entry.date.era, entry.date.era_year, entry.date.julian_start


def test_tang_follows_sui_eras_and_the_change_of_dynasty() -> None:
    annals = _read(DATA / "jiu_tangshu_1.txt")
    assert annals.failed == ()
    assert _when(_entry(annals, "九年"))[:3] == ("sui", "大業", 9)  # 大業初 set the era, 九年 its year
    assert _when(_entry(annals, "五月甲子")) == ("sui", "大業", 13, "0617-06-23")
    assert _when(_entry(annals, "二年春正月戊辰")) == ("sui", "義寧", 2, "0618-02-22")  # after 改元為義寧
    assert _when(_entry(annals, "甲子", 7)) == ("sui", "義寧", 2, "0618-06-18")  # the enthronement
    assert _when(_entry(annals, "六月甲戌")) == ("tang", "武德", 1, "0618-06-28")  # 改隋義寧二年為唐武德元年
    assert [era for _, _, era in annals.changes] == ["義寧", "武德"]


def test_song_reads_its_own_jianlong_and_names_years_retroactively() -> None:
    annals = _read(DATA / "songshi_1.txt")
    assert annals.regime == "song" and annals.failed == ()
    assert _when(_entry(annals, "建隆元年春正月乙巳")) == ("song", "建隆", 1, "0960-02-04")  # not 南平's copy (962)
    leap = _entry(annals, "閏月己巳")
    assert (leap.date.month, leap.date.leap, leap.date.ce_year) == (3, True, 961)
    aside = _entry(annals, "後唐天成二年")
    assert aside.date.ce_year == 927 and "another regime" in aside.note
    assert _when(_entry(annals, "乾德元年春正月甲寅朔")) == ("song", "乾德", 1, "0963-01-28")  # before 改元乾德
    assert _when(_entry(annals, "十二月庚辰"))[:3] == ("song", "乾德", 1)
    assert "goes back" in _entry(annals, "丁丑").note  # 壬辰 then 丁丑 in one month: flagged, not moved


def test_yuan_years_named_by_their_sexagenary_name() -> None:
    annals = _read(DATA / "yuanshi_4.txt")
    assert annals.regime == "yuan" and annals.failed == ()
    assert _entry(annals, "歲甲辰").date.ce_year == 1244  # the last 甲辰 before 中統元年 (1260)
    assert _entry(annals, "歲辛亥，六月").date.ce_year == 1251
    assert _entry(annals, "歲甲寅，夏五月庚子").date.julian_start == "1254-06-15"
    assert _when(_entry(annals, "中統元年春三月戊辰朔")) == ("yuan", "中統", 1, "1260-04-12")
    assert [era for _, _, era in annals.changes] == ["中統"]


def test_ming_reads_yuan_eras_and_a_declared_era() -> None:
    annals = _read(DATA / "mingshi_1.txt")
    assert annals.failed == ()
    assert _when(_entry(annals, "至正四年"))[:3] == ("yuan", "至正", 4)
    assert _when(_entry(annals, "二十七年春正月戊戌")) == ("yuan", "至正", 27, "1367-02-20")
    assert annals.changes[0][1:] == ("以明年為吳元年", "吳")


def test_an_era_the_tables_lack_counts_from_the_year_in_force() -> None:
    text = "二十六年春正月癸未，士誠遁。十二月，以明年為吳元年。\n吳元年春正月戊戌，諭中書省。二月丁未，克之。\n"
    annals = read_annals(text, start="至正二十五年", regime="元")
    first = _entry(annals, "吳元年春正月戊戌")
    assert (first.era, first.era_year, first.date.julian_start) == ("吳", 1, "1367-02-20")
    assert _entry(annals, "二月丁未").date.julian_start == "1367-03-01"


def test_ls28_opens_without_its_era() -> None:
    annals = _read(SEEDS / "LS28.txt")
    assert annals.start == "天慶五年" and annals.start_confidence == "high"
    assert _when(annals.entries[0]) == ("liao", "天慶", 5, "1115-01-28")
    assert "建元天輔" in annals.changes[0][1] and "not applied" in annals.changes[0][2]  # the Jurchen era
    assert len(annals.failed) <= 1


def test_js3_era_change_in_the_text() -> None:
    annals = _read(SEEDS / "JS3.txt")
    assert annals.changes[0][1:] == ("改天輔七年爲天會元年", "天會")
    assert _when(_entry(annals, "丙寅", 4))[:3] == ("jin", "天輔", 7)  # before the change in the same entry list
    assert _when(_entry(annals, "癸酉", 4))[:3] == ("jin", "天會", 1)  # after it
    assert _when(_entry(annals, "二年春正月庚戌朔")) == ("jin", "天會", 2, "1124-01-19")  # not 天輔二年 (1118)


def test_dates_in_quoted_edicts_are_mentions_not_entries() -> None:
    text = read_chronicle(SEEDS / "JS3.txt")
    annals = read_annals(text)
    assert [q.written for q in annals.quoted] == ["八月"]  # 「…八月中旬，可至春州…」 in the edict
    assert all(e.written != "八月" for e in annals.entries if e.line == 3)
    assert _entry(annals, "八月乙未").line == 3  # the entry after the edict is read


def test_ls27_notes_and_markers_are_left_out() -> None:
    text = read_chronicle(SEEDS / "LS27.txt")
    annals = read_annals(text)
    notes_line = text.count("\n", 0, body_end(text)) + 1
    assert text.splitlines()[notes_line - 1].strip().startswith("一：")
    assert max(e.line for e in annals.entries) < notes_line
    unknown = _entry(annals, "壽隆七年[1]正月甲戌")  # the marker is dropped; 壽隆 is not in the tables
    assert unknown.date is None and "unknown era 壽隆" in unknown.error
    assert _when(_entry(annals, "乙未", 3))[:3] == ("liao", "乾統", 1)  # 改元乾統 written in the text
    shuo = _entry(annals, "冬十月壬寅朔")  # followed by the note marker 」一一：
    assert shuo.date is not None and shuo.date.ganzhi == "壬寅"
    leap = _entry(annals, "閏月辛亥")
    assert (leap.date.month, leap.date.leap) == (8, True) and "leap month is 閏八月" in leap.note


@pytest.mark.parametrize(("siglum", "regime", "failed"),
                         [("LS27", "liao", 4), ("LS28", "liao", 1), ("LS29", "liao", 0), ("LS30", "liao", 0),
                          ("JS2", "jin", 1), ("JS3", "jin", 4), ("QDGZ11", "liao", 0), ("QDGZ12", "liao", 2)])
def test_new_seeds_read_with_their_regime(siglum: str, regime: str, failed: int) -> None:
    annals = _read(SEEDS / f"{siglum}.txt")
    assert annals.regime == regime
    assert len(annals.failed) == failed, [e.error for e in annals.failed]
    for entry in annals.failed:  # every failure says why, none is a guess
        assert entry.date is None and entry.error


def test_other_editions_punctuation_and_relative_dates() -> None:
    parts = parse_date("春，正月，甲申朔")
    assert (parts.season, parts.month, parts.ganzhi, parts.day_mark) == ("春", 1, "甲申", "朔")
    annals = read_annals("天輔二年春，正月，甲申朔，遼使來。是日，還。是月，降。夏，取之。是歲，大稔。\n", regime="jin")
    got = [(e.written, e.date.precision) for e in annals.entries]
    assert got == [("天輔二年春，正月，甲申朔", "day"), ("是日", "day"), ("是月", "month"), ("夏", "season"),
                   ("是歲", "year")]
    assert annals.entries[0].date.jdn_start == annals.entries[1].date.jdn_start
    assert [m.written for m in find_dates("辛酉孛堇來見。")] == ["辛酉"]  # a day with no comma after it


def test_cli_annals_exit_status_and_hint(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["annals", str(DATA / "jiu_tangshu_1.txt"), "--json", "--gazetteer", str(DATA / "gazetteer.csv")]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert rows[0]["era"] == "大業" and rows[0]["regime"] == "sui"
    assert main(["annals", str(SEEDS / "QDGZ12.txt"), "--gazetteer", str(DATA / "gazetteer.csv")]) == 1
    err = capsys.readouterr().err
    assert "2 could not be dated" in err and "each undated entry says why" in err and "天輔二年" not in err


def test_cli_hint_names_the_texts_own_eras(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    chronicle = tmp_path / "c.txt"
    chronicle.write_text("三月甲子，至。\n至正四年，旱蝗。\n", encoding="utf-8")
    assert main(["annals", str(chronicle), "--gazetteer", str(DATA / "gazetteer.csv")]) == 1
    err = capsys.readouterr().err
    assert "the eras this text's dates name are 至正" in err and "--start 至正元年" in err and "天輔" not in err


def test_a_long_juan_is_read_fast() -> None:
    text = "\n".join(read_chronicle(path) for path in sorted(SEEDS.glob("*.txt")))[:50_000]
    assert len(text) == 50_000
    read_annals(text[:2000])  # warm the tables and patterns
    started = time.perf_counter()
    annals = read_annals(text)
    assert time.perf_counter() - started < 3.0  # < 1 s on an idle machine: bench/calendar.py measures it
    assert len(annals.entries) > 500


def test_a_year_after_an_aside_stays_in_its_era_and_table_conflicts_are_said() -> None:
    annals = _read(SEEDS / "LS30.txt")
    assert annals.start == "保大五年" and annals.start_confidence == "low"  # 5 days fit many Liao years
    assert "low confidence" in annals.entries[0].note  # said on every entry dated from that start
    assert annals.entries[0].date.julian_start == "1125-02-13"
    assert _entry(annals, "金皇統元年二月").date.ce_year == 1141
    after = _entry(annals, "五年", 3)  # 金皇統元年二月，改封豫王。五年，葬 …: 皇統五年, not 保大五年
    assert (after.date.regime, after.date.era, after.date.ce_year) == ("jin", "皇統", 1145)
    kangguo = next(c for c in annals.changes if c[2].startswith("康國"))
    assert "tables begin it in 1134 and the text here in 1126" in kangguo[2]


def test_renaming_the_current_year_and_a_prefixed_life_before_the_annals() -> None:
    text = "冬十月壬子，即位。十二月甲寅，大赦，改是歲為太平興國元年。\n二年春正月壬戌，以大行殯，不視朝。\n"
    annals = read_annals(text, start="開寶九年", regime="宋")
    assert _when(_entry(annals, "二年春正月壬戌"))[:3] == ("song", "太平興國", 2)  # not 開寶二年
    life = read_annals("後唐天成二年，帝生於洛陽。\n建隆元年春正月乙巳，大赦。\n")
    assert _entry(life, "後唐天成二年").date.ce_year == 927
    assert _when(_entry(life, "建隆元年春正月乙巳")) == ("song", "建隆", 1, "0960-02-04")


def test_unquoted_edicts_and_years_an_era_does_not_have() -> None:
    text = "十二月甲寅，大赦。\n二年春正月壬戌，詔：太平興國元年十月乙卯以來贓吏勿赦。乙丑，還。\n"
    annals = read_annals(text, start="太平興國元年", regime="宋")
    assert [e.written for e in annals.entries] == ["十二月甲寅", "二年春正月壬戌", "乙丑"]
    assert [q.written for q in annals.quoted] == ["太平興國元年十月乙卯"]  # inside 詔：… : a mention
    assert _when(_entry(annals, "乙丑"))[:3] == ("song", "太平興國", 2)
    jin = read_annals("收國元年正月，即位。大安八年，遼主獵。\n", regime="金")  # 金's 大安 has three years
    assert _entry(jin, "大安八年").date.regime == "liao"


def test_reign_years_of_the_ruler_in_the_heading() -> None:
    annals = read_annals("本紀第一\n太祖耶律阿保機上\n　　二年春正月，如某地。三年夏四月，還。\n")
    assert [(e.date.regime, e.date.ce_year, e.date.month) for e in annals.entries] == [("liao", 908, 1),
                                                                                        ("liao", 909, 4)]
    assert read_annals("二年春正月，如某地。\n").failed  # no ruler, no era: refused, not guessed
