"""Structural checks driven by the declarative schema: the same rules for every table."""

from __future__ import annotations

from geo import schema as S
from geo.tables import parse_csv_text
from geo.validate_tables import all_slugs, check_table


def _messages(text: str, spec: S.TableSpec) -> list[str]:
    return [str(i) for i in check_table(parse_csv_text(text, path="t.csv"), spec)]


def test_a_repeated_column_is_named_with_both_positions() -> None:
    out = _messages("name,seed,line,line,reason\n海上,DJGZ,5,5,not a place: sea\n", S.UNLOCATED)
    assert "t.csv:1:4: error: column 'line' appears twice (columns 3 and 4)" in out[0]


def test_every_rule_of_a_field() -> None:
    text = ("source,date_as_written,place,reason\n"
            "JS 12,二月,咸州,not an event\n"
            "JS:3,二月,咸州,\n")
    out = _messages(text, S.SKIPPED)
    assert out == [
        "t.csv:2:1: error: source 'JS 12' is not SIGLUM:LINE — write the seed's siglum and line number, like JS:12",
        "t.csv:3:4: error: empty 'reason' — fill in the 'reason' column",
    ]


def test_vocabulary_range_and_unique() -> None:
    text = ("id,name_en,name_zh,side,colour,dash,route\n"
            "a,A,甲,jinn,#000000,solid,yes\n"
            "a,B,乙,jin,#00000,wavy,perhaps\n")
    out = _messages(text, S.ACTORS)
    assert any("unknown side 'jinn' — did you mean 'jin'?" in m for m in out)
    assert any("colour '#00000' is not #rrggbb" in m for m in out)
    assert any("duplicate id 'a' (first on line 2)" in m for m in out)
    assert any("unknown route 'perhaps'" in m for m in out)
    assert any("unknown dash 'wavy'" in m for m in out)


def test_numbers_and_their_range() -> None:
    text = ("siglum,first_line,last_line,era,years,evidence\n"
            "DJGZ,0,x,天輔,1.5,why\n")
    out = _messages(text, S.RECKONINGS)
    assert any("first_line '0' is out of range" in m for m in out)
    assert any("last_line 'x' is not a whole number" in m for m in out)
    assert any("years '1.5' is not a whole number" in m for m in out)


def test_a_project_may_extend_a_vocabulary() -> None:
    text = "id,name_en,name_zh,side,colour\nm,Mongols,蒙古,mongol,#000000\n"
    table = parse_csv_text(text, path="t.csv")
    assert check_table(table, S.ACTORS)
    assert check_table(table, S.ACTORS, vocabularies={**S.VOCABULARIES, "side": (*S.SIDES, "mongol")}) == []


def test_all_slugs_judges_a_column_in_one_match_and_misses_no_bad_id() -> None:
    assert all_slugs(["liao_shangjing", "", "js_001"]) and all_slugs([]) and all_slugs([""])
    for bad in ("Liao", "1st", "a b", "a\nb", "a-b", "上京", "a\n"):
        assert not all_slugs(["ok", bad, "fine"]), bad
