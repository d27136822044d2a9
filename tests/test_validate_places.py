"""Tests of the gazetteer checker: one-defect fixtures, spreadsheet reality and the rules one by one."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import time
from pathlib import Path

import pytest

from geo import schema as S
from geo.errors import Issue, ValidationError
from geo.tables import Table, parse_csv_text, read_table
from geo.validate_places import (
    canonical_number,
    check_homonyms,
    check_places,
    has_stray_space,
    normalise_cell,
    validate_places,
)

DATA = Path(__file__).parent / "data" / "places"
GOOD = DATA / "good.csv"
BAD = sorted((DATA / "bad").glob("*.csv"))

# file stem -> (line, column, severity, text the message must contain, text the hint must contain)
EXPECTED: dict[str, tuple[int, int, str, str, str]] = {
    "missing_required_columns": (1, 0, "error", "missing required columns: lat, lon", "add them"),
    "unknown_column": (1, 17, "warning", "unknown column 'lattitude'", "'lat'"),
    "duplicate_column": (1, 17, "error", "column 'source' appears twice (columns 15 and 17)", "rename"),
    "extra_cell": (7, 17, "error", "extra value 'extra'", "quote"),
    "empty_required_cell": (4, 11, "error", "empty 'modern'", "fill in"),
    "duplicate_id": (7, 1, "error", "duplicate id 'liao_shangjing' on lines 6 and 7", "own id"),
    "id_not_slug": (7, 1, "error", "id 'Liao-Zhongjing' is not a slug", "lower-case"),
    "id_chinese": (7, 1, "error", "id 'liao_中京' contains Chinese characters", "ASCII"),
    "lat_not_number": (7, 7, "error", "lat \"41°35'\" is not a number", "decimal"),
    "lat_out_of_range": (7, 7, "error", "lat '95' is out of range", "-90 to 90"),
    "lon_out_of_range": (7, 8, "error", "lon '200' is out of range", "-180 to 180"),
    "outside_region": (7, 7, "error", "(lat '48.85', lon '2.35') is outside East and Inner Asia", "lon 60..150"),
    "swapped_lat_lon": (7, 7, "error", "lat '118.97' and lon '41.58' look swapped", "swap lat and lon"),
    "negative_uncertainty": (7, 9, "error", "uncertainty_km '-2' is negative", "0 or more"),
    "uncertainty_not_number": (7, 9, "error", "uncertainty_km 'about 2' is not a number", "decimal"),
    "unknown_type": (7, 6, "error", "unknown type 'captial'", "did you mean 'capital'?"),
    "unknown_location_basis": (7, 10, "error", "unknown location_basis 'ruin'", "did you mean 'ruins'?"),
    "unknown_polity": (7, 12, "error", "unknown polity 'khitan'", "liao, jin, song"),
    "valid_from_after_valid_to": (7, 13, "error", "valid_from '1122' is after valid_to '1007'", "swap"),
    "year_not_integer": (7, 13, "error", "valid_from '1007.5' is not a whole year", "1122"),
    "duplicate_name": (9, 2, "warning", "name '東京' is also used on line 4", "note"),
    "near_duplicate": (7, 2, "error", "lines 6 and 7 are 0.68 km apart and share the name '临潢府'", "merge"),
    "simplified_mismatch": (4, 3, "warning", "name_simplified '東京' differs from OpenCC's '东京'", "historical"),
    "pinyin_mismatch": (7, 4, "warning", "pinyin 'Zhōngdū' does not match '中京'", "historical"),
    "pinyin_chinese": (7, 4, "error", "pinyin '中京' contains Chinese characters", "tone marks"),
    "stray_whitespace": (4, 11, "warning", "stray whitespace in modern 'Liaoyang,  Liaoning'", "fmt"),
    "fullwidth_digits": (7, 7, "warning", "full-width digits or punctuation in lat '４１．５８': read as 41.58",
                         "ASCII"),
    "fullwidth_unreadable": (7, 7, "error", "lat '４１．５８度' is not a number", "decimal"),
    "variant_equals_name": (7, 5, "warning", "variant '中京' is the same as the name", "delete"),
}


def good_text() -> str:
    return GOOD.read_text(encoding="utf-8")


def parse(text: str) -> Table:
    return parse_csv_text(text, path="t.csv")


def where(issues: list[Issue]) -> list[tuple[int, int, str]]:
    return [(i.line, i.column, i.severity) for i in issues]


def test_good_fixture_is_clean() -> None:
    table = read_table(GOOD)
    assert 1 < len(table.rows) <= 10
    assert check_places(table) == []
    validate_places(table)


def test_every_bad_fixture_has_an_expectation() -> None:
    assert sorted(p.stem for p in BAD) == sorted(EXPECTED)


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_bad_fixture_gives_exactly_the_expected_issue(path: Path) -> None:
    line, column, severity, message, hint = EXPECTED[path.stem]
    issues = check_places(read_table(path))
    assert where(issues) == [(line, column, severity)], [str(i) for i in issues]
    assert message in issues[0].message
    assert hint in issues[0].hint
    assert issues[0].path == str(path)


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_validate_raises_only_on_errors(path: Path) -> None:
    table = read_table(path)
    if EXPECTED[path.stem][2] == "error":
        with pytest.raises(ValidationError) as caught:
            validate_places(table)
        assert len(caught.value.issues) == 1
    else:
        validate_places(table)


# --- spreadsheet reality ------------------------------------------------------------------------

def test_bom_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    path.write_bytes(b"\xef\xbb\xbf" + good_text().replace("\n", "\r\n").encode("utf-8"))
    table = read_table(path)
    assert table.header[0] == S.PLACE_ID
    assert check_places(table) == []
    assert table.rows == read_table(GOOD).rows


def test_quoted_commas_and_newlines_keep_line_numbers(tmp_path: Path) -> None:
    header, first, *rest = good_text().splitlines()
    noted = first.rstrip(",") + ',"Two readings:\r\nNong\'an, or further north, near ""Ta-la"""'
    path = tmp_path / "g.csv"
    path.write_bytes("\r\n".join([header, noted, *rest, ""]).encode("utf-8"))
    table = read_table(path)
    assert table.rows[0][S.NOTE] == 'Two readings:\r\nNong\'an, or further north, near "Ta-la"'
    assert table.lines[:2] == (2, 4)
    assert check_places(table) == []


def test_trailing_empty_columns_and_rows(tmp_path: Path) -> None:
    lines = good_text().splitlines()
    text = "\r\n".join(line + ",," for line in lines) + "\r\n,,,,\r\n\r\n"
    path = tmp_path / "g.csv"
    path.write_bytes(text.encode("utf-8"))
    table = read_table(path)
    assert len(table.rows) == len(lines) - 1
    assert check_places(table) == []


def test_fullwidth_digits_are_read_with_a_warning() -> None:
    text = good_text().replace("41.58,118.97", "４１．５８,１１８．９７０")
    issues = check_places(parse(text))
    assert where(issues) == [(7, 7, "warning"), (7, 8, "warning")]
    assert "read as 118.97" in issues[1].message


def test_decimal_comma_is_read_with_a_warning() -> None:
    text = good_text().replace("41.58,118.97", '"41,58",118.97')
    issues = check_places(parse(text))
    assert where(issues) == [(7, 7, "warning")]
    assert "read as 41.58" in issues[0].message


def test_non_breaking_spaces_are_stray_whitespace() -> None:
    text = good_text().replace("Kaifeng, Henan", "Kaifeng,\u00a0Henan\u3000")
    issues = check_places(parse(text))
    assert where(issues) == [(9, 11, "warning")]
    assert "stray whitespace" in issues[0].message


def test_gb18030_file_names_the_encoding(tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    path.write_bytes(good_text().encode("gb18030"))
    issues = check_places(read_table(path))
    assert len(issues) == 1
    assert issues[0].severity == "error"
    assert "not UTF-8" in issues[0].message
    assert "GB18030" in issues[0].hint


def test_semicolon_separated_file(tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    path.write_bytes(good_text().replace(",", ";").encode("utf-8"))
    issues = check_places(read_table(path))
    assert any(i.line == 1 and "separated by ';'" in i.message for i in issues)
    assert all(i.severity == "error" for i in issues)


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    path.write_bytes(b"")
    assert [i.message for i in check_places(read_table(path))] == ["the file is empty (no header row)"]


# --- rules in detail -----------------------------------------------------------------------------

def _cells(**cells: str) -> list[str]:
    base = dict(zip(S.PLACE_COLUMNS, next(csv.reader([good_text().splitlines()[6]]))))
    base.update(cells)
    return [base.get(c, "") for c in S.PLACE_COLUMNS]


def _row(**cells: str) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(_cells(**cells))
    return out.getvalue()


def test_duplicate_names_with_notes_on_both_rows_are_fine() -> None:
    header = ",".join(S.PLACE_COLUMNS)
    first = _row(id="a", note="the Liao one")
    second = _row(id="b", lat="44.5", note="the Jin one")
    assert check_places(parse("\n".join([header, first, second]))) == []
    unnoted = _row(id="b", lat="44.5")
    assert where(check_places(parse("\n".join([header, first, unnoted])))) == [(3, 2, "warning")]


def test_near_rows_with_different_names_or_further_apart_are_fine() -> None:
    header = ",".join(S.PLACE_COLUMNS)
    first = _row(id="a")
    other_name = _row(id="b", name="北安州", name_simplified="北安州", pinyin="Běi'ān zhōu", variants="")
    far = _row(id="c", lat="41.6", note="x")
    assert check_places(parse("\n".join([header, first, other_name]))) == []
    assert where(check_places(parse("\n".join([header, _row(id="a", note="y"), far])))) == []


def test_near_duplicate_via_variant_across_the_grid() -> None:
    header = ",".join(S.PLACE_COLUMNS)
    first = _row(id="a", lat="41.58", lon="118.97")
    second = _row(id="b", name="大定府", name_simplified="大定府", pinyin="Dàdìng fǔ", variants="",
                  lat="41.5849", lon="118.9749")
    issues = check_places(parse("\n".join([header, first, second])))
    assert where(issues) == [(3, 2, "error")]
    assert "lines 2 and 3" in issues[0].message


def test_one_issue_per_cell_the_error_first() -> None:
    header = ",".join(S.PLACE_COLUMNS)
    row = _row(lat="  ９５ ")
    issues = check_places(parse("\n".join([header, row])))
    assert where(issues) == [(2, 7, "error")]


def test_swapped_needs_the_swap_to_land_in_the_region() -> None:
    header = ",".join(S.PLACE_COLUMNS)
    issues = check_places(parse("\n".join([header, _row(lat="10", lon="5")])))
    assert "outside East and Inner Asia" in issues[0].message


def test_historical_readings_are_accepted() -> None:
    header = ",".join(S.PLACE_COLUMNS)
    rows = [_row(id="kehan", name="可汗", name_simplified="可汗", pinyin="Kèhán", variants=""),
            _row(id="nuzhen", name="女真", name_simplified="女真", pinyin="Nǚzhēn", variants="", lat="45")]
    assert check_places(parse("\n".join([header, *rows]))) == []


def test_unknown_column_without_a_close_name() -> None:
    text = good_text().replace("\n", ",\n", 1)
    issues = check_places(parse(text.replace(",\n", ",checked_by\n", 1)))
    assert where(issues) == [(1, len(S.PLACE_COLUMNS) + 1, "warning")]
    assert "kept" in issues[0].message


def test_issue_columns_follow_the_header_order() -> None:
    header = ",".join(reversed(S.PLACE_COLUMNS))
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(list(reversed(_cells(type="captial"))))
    row = out.getvalue()
    issues = check_places(parse("\n".join([header, row])))
    assert where(issues) == [(2, len(S.PLACE_COLUMNS) - S.PLACE_COLUMNS.index(S.PLACE_TYPE), "error")]


@pytest.mark.parametrize(("text", "integer", "expected"), [
    ("41.980000", False, "41.98"), ("４１．９８", False, "41.98"), ("+119.50", False, "119.5"),
    ("007", False, "7"), ("-0.0", False, "0"), ("1e2", False, "100"), ("1122.0", True, "1122"),
    ("-907", True, "-907"), ("1e99999999", False, None), ("1122.5", True, None), ("nan", False, None),
    ("", False, None),
])
def test_canonical_number(text: str, integer: bool, expected: str | None) -> None:
    assert canonical_number(text, integer=integer) == expected


def test_normalise_cell_and_stray_space_agree() -> None:
    for cell in ["a", "a b", " a", "a  b", "a\u00a0b", "a\r\nb", "a \nb", "a\tb", "上京\u3000"]:
        assert has_stray_space(cell) == (normalise_cell(cell) != cell.replace("\r\n", "\n"))


def test_checker_does_not_import_pandas() -> None:
    code = "import sys, geo.validate_places; print('pandas' in sys.modules, 'geopandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_near_duplicates_scale_with_a_shared_name() -> None:
    header = ",".join(S.PLACE_COLUMNS)
    rows = [_row(id=f"p{n}", lat=f"{20 + (n // 100) * 0.05:.2f}", lon=f"{100 + (n % 100) * 0.05:.2f}",
                 note=f"row {n}") for n in range(5000)]
    rows.append(_row(id="near", lat="20.003", lon="100.003", note="close to p0"))
    start = time.perf_counter()
    issues = check_places(parse("\n".join([header, *rows])))
    assert time.perf_counter() - start < 10
    assert where(issues) == [(5002, 2, "error")]
    assert "lines 2 and 5002" in issues[0].message


def test_homonyms_name_known_places_and_years_in_order() -> None:
    from geo.testing import csv_text, make_homonym

    rows = [make_homonym(), make_homonym(place="xijng"), make_homonym(from_year="1130", to_year="1120"),
            make_homonym(regime="", from_year="")]
    table = parse_csv_text(csv_text(rows, columns=S.HOMONYMS.columns), path="places/homonyms.csv")
    found = [(i.line, i.column, i.severity, i.message) for i in check_homonyms(table, places={"xijing"})]
    assert found == [
        (3, 2, "error", "unknown place 'xijng': no gazetteer row has this id"),
        (4, 4, "error", "from_year 1130 is after to_year 1120"),
        (5, 1, "warning", "the reading has no condition (regime, years or siglum), so it holds everywhere and "
                          "the name is never ambiguous"),
    ]
    assert "did you mean 'xijing'?" in check_homonyms(table, places={"xijing"})[0].hint


def test_geo_check_reports_a_homonym_of_no_place(tmp_path: Path) -> None:
    from geo.pipeline import check_project
    from geo.project import read_project
    from geo.testing import make_homonym, write_project

    root = write_project(tmp_path, homonyms=[make_homonym(place="nowhere")])
    issues = check_project(read_project(root))
    assert [(Path(i.path).as_posix()[-len(S.HOMONYMS_FILE):], i.line, i.severity) for i in issues
            if "unknown place 'nowhere'" in i.message] == [(S.HOMONYMS_FILE, 2, "error")]
    assert not check_project(read_project(write_project(tmp_path / "ok", homonyms=[make_homonym()])))


def test_a_homonym_bound_to_no_seed_is_reported() -> None:
    from geo.testing import csv_text, make_homonym

    rows = [make_homonym(siglum="QDGZ13"), make_homonym(siglum="QDGZ12")]
    table = parse_csv_text(csv_text(rows, columns=S.HOMONYMS.columns), path="places/homonyms.csv")
    found = check_homonyms(table, places={"xijing"}, seeds={"QDGZ12", "JS"})
    assert [(i.line, i.column, i.severity) for i in found] == [(2, S.HOMONYMS.columns.index(S.HN_SIGLUM) + 1,
                                                                 "warning")]
    assert "never applies" in found[0].message and "QDGZ12" in found[0].hint
    assert check_homonyms(table, places={"xijing"}) == []  # without the seeds nothing is said of sigla
