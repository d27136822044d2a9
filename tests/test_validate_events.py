from __future__ import annotations

import csv
from pathlib import Path

import pytest

from geo.pipeline import check_project
from geo.project import read_project

EVENTS = "campaigns/events.csv"


def edit_event(project: Path, row: int, **changes: str) -> None:
    path = project / EVENTS
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    rows[row].update(changes)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def errors(project: Path) -> list:
    return [i for i in check_project(read_project(project)) if i.severity == "error"]


def test_fixture_project_is_clean(project_dir: Path) -> None:
    assert check_project(read_project(project_dir)) == []


@pytest.mark.parametrize(
    ("change", "column", "words"),
    [
        ({"place": "liao_zhongjin"}, 7, "did you mean liao_zhongjing"),
        ({"campaign": "pursuit;nowhere"}, 2, "unknown campaign 'nowhere'"),
        ({"actor": "jin"}, 8, "unknown actor 'jin'"),
        ({"action": "captured"}, 9, "did you mean 'capture'"),
        ({"certainty": "sure"}, 14, "unknown certainty"),
        ({"regime": "yuan"}, 6, "unknown regime"),
        ({"date": "天輔六年正月甲午"}, 4, "甲午"),
        ({"date": "天輔九年三月"}, 4, "天輔"),
        ({"quote": "金兵克上京"}, 11, "is not in T:1"),
        ({"source": "T:9"}, 12, "T has no line 9"),
        ({"source": "X:1"}, 12, "unknown seed 'X'"),
        ({"source": "T-1"}, 12, "not SIGLUM:LINE"),
        ({"id": "T 001"}, 1, "not a slug"),
        ({"id": "t_002"}, 1, "duplicate id 't_002'"),
        ({"seq": "first"}, 3, "not a whole number"),
        ({"summary_en": ""}, 13, "empty 'summary_en'"),
    ],
)
def test_each_defect_is_reported_at_its_cell(project_dir: Path, change: dict, column: int, words: str) -> None:
    edit_event(project_dir, 0, **change)
    found = errors(project_dir)
    assert len(found) == 1, found
    issue = found[0]
    assert issue.path.endswith(EVENTS)
    line = 3 if "duplicate" in words else 2  # a duplicate is reported where it repeats
    assert (issue.line, issue.column) == (line, column)
    assert words in f"{issue.message} {issue.hint}"


def test_all_problems_are_reported_at_once(project_dir: Path) -> None:
    edit_event(project_dir, 0, place="nowhere", action="x")
    edit_event(project_dir, 3, actor="nobody")
    found = errors(project_dir)
    assert sorted((i.line, i.column) for i in found) == [(2, 7), (2, 9), (5, 8)]


def test_quote_matches_across_scripts_and_spaces(project_dir: Path) -> None:
    edit_event(project_dir, 0, quote="金兵 克 中京")
    edit_event(project_dir, 1, quote="辽主走西京")
    assert errors(project_dir) == []


def test_going_back_in_time_needs_a_note(project_dir: Path) -> None:
    edit_event(project_dir, 4, date="天輔六年正月", quote="復取西京")
    edit_event(project_dir, 2, actor="jin_main")
    warnings = [i for i in check_project(read_project(project_dir)) if i.severity == "warning"]
    assert any("goes back in time" in w.message and w.line == 6 for w in warnings)
    edit_event(project_dir, 4, note="The source tells this out of order.")
    assert not [i for i in check_project(read_project(project_dir)) if "back in time" in i.message]


def test_missing_columns_are_named_together(project_dir: Path) -> None:
    path = project_dir / EVENTS
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].replace(",quote,", ",").replace(",actor,", ",")
    path.write_text("\n".join([header, *lines[1:]]), encoding="utf-8")
    messages = [i.message for i in errors(project_dir)]
    assert any(m == "missing required columns: actor, quote" for m in messages)


@pytest.mark.parametrize("written", ["鸳鸯泺", "鴛鴦泊", "Yuānyāng luò", "yuanyangluo"])
def test_a_place_name_instead_of_an_id_suggests_the_id(project_dir: Path, written: str) -> None:
    edit_event(project_dir, 3, place=written)
    found = errors(project_dir)
    assert len(found) == 1
    assert "did you mean yuanyang_luo" in found[0].hint
