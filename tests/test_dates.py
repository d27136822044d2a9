"""The dates stage: each event's date converted once, on the years its source means (seeds/reckonings.csv)."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo import schema as S
from geo.__main__ import main
from geo.dates import Reckoning, event_dates, read_reckonings, reckoned_date, shift_year
from geo.pipeline import check_project, join_project
from geo.project import read_project
from geo.tables import parse_csv_text

RECKONINGS = "siglum,first_line,last_line,era,years,evidence\nT,1,2,天輔,1,its 天輔 runs one behind\n"
PASSAGE = ("siglum,first_line,last_line,era,years,evidence,first_words,last_words\n"
           "T,1,2,天輔,-1,note 九,遼主走西京,三月己巳\n")


@pytest.mark.parametrize(("date", "years", "expected"), [
    ("天輔五年十二月", 1, "天輔六年十二月"), ("天輔元年正月", 1, "天輔二年正月"), ("天輔二年", -1, "天輔元年"),
    ("天輔九年", 1, "天輔十年"), ("天輔十九年", 2, "天輔二十一年"), ("天輔6年3月", 1, "天輔7年3月"),
    ("保大二年", 1, None), ("天輔元年", -1, None),
])
def test_shift_year(date: str, years: int, expected: str | None) -> None:
    assert shift_year(date, era="天輔", years=years) == expected


def test_only_the_declared_lines_are_reckoned() -> None:
    rk = [Reckoning("DJGZ", 6, 28, "天輔", 1, "")]
    assert reckoned_date("天輔五年十二月", "DJGZ:17", rk) == ("天輔六年十二月", rk[0])
    assert reckoned_date("天輔五年十二月", "DJGZ:30", rk) == ("天輔五年十二月", None)
    assert reckoned_date("天輔五年十二月", "JS:17", rk) == ("天輔五年十二月", None)
    assert reckoned_date("政和四年", "DJGZ:17", rk) == ("政和四年", None)


def test_a_reckoned_source_lands_on_the_year_it_means(project_dir: Path) -> None:
    before = join_project(read_project(project_dir)).events.set_index(S.EVENT_ID)
    (project_dir / S.RECKONINGS_FILE).write_text(RECKONINGS, encoding="utf-8")
    after = join_project(read_project(project_dir)).events.set_index(S.EVENT_ID)
    assert after.loc["t_001", S.DATE] == "天輔六年正月"  # kept as written
    assert after.loc["t_001", S.DATE_RECKONED] == "天輔七年正月"
    assert int(after.loc["t_001", S.JDN_START]) - int(before.loc["t_001", S.JDN_START]) in range(354, 385)
    assert "T writes 天輔六年正月" in after.loc["t_001", S.RECKONING]
    untouched = after[after[S.EVENT_SOURCE] == "T:3"].index[0]  # line 3 is outside the span
    assert after.loc[untouched, S.JDN_START] == before.loc[untouched, S.JDN_START]


def test_a_line_outside_the_declared_span_is_warned(project_dir: Path) -> None:
    (project_dir / S.RECKONINGS_FILE).write_text(RECKONINGS, encoding="utf-8")
    warnings = [i for i in check_project(read_project(project_dir)) if "counts 天輔 years its own way" in i.message]
    assert warnings and all(i.severity == "warning" for i in warnings)
    assert {i.line for i in warnings} == {6}  # the event citing T:3, dated by 天輔, is row 6 of events.csv


def test_a_bad_reckonings_table_is_reported_with_the_rest(project_dir: Path, capsys: pytest.CaptureFixture) -> None:
    (project_dir / S.RECKONINGS_FILE).write_text(RECKONINGS.replace(",1,its", ",one,its"), encoding="utf-8")
    assert main(["check", "--root", str(project_dir)]) == 1
    assert "seeds/reckonings.csv:2:5: error: years 'one' is missing or not a whole number" in capsys.readouterr().err


def test_no_reckonings_file_means_no_reckoning(project_dir: Path) -> None:
    table = read_project(project_dir).events
    dates = event_dates(table)
    assert (dates[S.DATE_RECKONED].tolist() == [r[S.DATE] for r in table.rows])
    assert read_reckonings(parse_csv_text(RECKONINGS, path="r.csv"))[0][0].years == 1


def test_a_misplaced_passage_is_reckoned_from_its_first_to_its_last_words(project_dir: Path) -> None:
    (project_dir / S.RECKONINGS_FILE).write_text(PASSAGE, encoding="utf-8")
    project = read_project(project_dir)
    events = join_project(project).events.set_index(S.EVENT_ID)
    assert events.loc["t_001", S.DATE_RECKONED] == "天輔六年正月"  # before 遼主走西京: outside the span
    assert events.loc["t_002", S.DATE_RECKONED] == "天輔五年正月"  # 遼主走西京 opens the span
    assert events.loc["t_003", S.DATE_RECKONED] == "天輔六年三月己巳"  # after 三月己巳 closes it: outside
    assert not [i for i in check_project(project) if "its own way" in i.message]  # a passage, not the source


def test_words_place_a_quote_inside_or_outside_the_span() -> None:
    rk = Reckoning("S", 30, 32, "保大", -1, "", first_words="夏五月", last_words="送金")
    assert not rk.covers("S", 30, quote="甲", text="甲。夏五月乙")
    assert rk.covers("S", 30, quote="乙", text="甲。夏五月乙")
    assert rk.covers("S", 31)
    assert rk.covers("S", 32, quote="函其首", text="函其首送金。上出夾山")
    assert not rk.covers("S", 32, quote="上出夾山", text="函其首送金。上出夾山")
    assert not rk.covers("S", 33) and not rk.covers("T", 31)


def test_a_reckoned_date_that_does_not_exist_says_how_it_was_read(project_dir: Path,
                                                                  capsys: pytest.CaptureFixture) -> None:
    (project_dir / S.RECKONINGS_FILE).write_text(RECKONINGS.replace("T,1,2,天輔,1", "T,2,2,天輔,-1"), encoding="utf-8")
    assert main(["check", "--root", str(project_dir)]) == 1
    err = capsys.readouterr().err
    assert "date '天輔六年三月己巳' read as 天輔五年三月己巳 by seeds/reckonings.csv:" in err
