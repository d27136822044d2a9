from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from geo import schema as S
from geo.pipeline import Joined, join_project
from geo.project import read_project
from geo.render.export.lptsv import (
    SPAN_ATTESTED,
    SPAN_COVERED,
    SPAN_VALID,
    attested_years,
    lptsv_problems,
    lptsv_table_schema,
    places_to_lptsv,
    short_source,
)
from geo.testing import make_event, make_place, write_project

REPO = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def shipped() -> Joined:
    return join_project(read_project(REPO))


@pytest.fixture(scope="module")
def shipped_text(shipped: Joined) -> str:
    return places_to_lptsv(shipped.places, events=shipped.events)


def _rows(text: str) -> dict[str, dict[str, str]]:
    header, *lines = text.rstrip("\n").split("\n")
    rows = [dict(zip(header.split("\t"), line.split("\t"))) for line in lines]
    return {row[S.LP_ID]: row for row in rows}


def _tiny(tmp_path: Path, *places: dict[str, str]) -> str:
    root = write_project(tmp_path, places=list(places) or None, events=[make_event()])
    joined = join_project(read_project(root))
    return places_to_lptsv(joined.places, events=joined.events)


def _with(text: str, column: str, value: str, *, row: int = 0) -> str:
    header, *lines = text.rstrip("\n").split("\n")
    columns = header.split("\t")
    cells = lines[row].split("\t")
    cells[columns.index(column)] = value
    lines[row] = "\t".join(cells)
    return "\n".join([header, *lines]) + "\n"


def test_the_shipped_gazetteer_is_valid_lp_tsv(shipped: Joined, shipped_text: str) -> None:
    assert lptsv_problems(shipped_text) == []
    header, *lines = shipped_text.rstrip("\n").split("\n")
    assert tuple(header.split("\t")) == S.LPTSV_COLUMNS
    assert len(lines) == len(shipped.places) == 209
    assert [line.split("\t")[0] for line in lines] == sorted(shipped.places[S.PLACE_ID])
    assert "\r" not in shipped_text and shipped_text.endswith("\n")
    assert places_to_lptsv(shipped.places, events=shipped.events) == shipped_text


def test_every_shipped_row_says_where_its_start_and_end_come_from(shipped_text: str) -> None:
    rows = _rows(shipped_text).values()
    assert all(r[S.LP_START] for r in rows)
    notes = {note: sum(note in r[S.LP_DESCRIPTION] for r in rows) for note in (SPAN_VALID, SPAN_ATTESTED, SPAN_COVERED)}
    assert sum(notes.values()) == 209
    assert min(notes.values()) > 0


def test_the_frictionless_schema_accepts_the_shipped_file_and_rejects_a_bad_code(tmp_path: Path,
                                                                                   shipped_text: str) -> None:
    frictionless = pytest.importorskip("frictionless")
    schema = frictionless.Schema.from_descriptor(lptsv_table_schema())
    good, bad = tmp_path / "good.tsv", tmp_path / "bad.tsv"
    good.write_text(shipped_text, encoding="utf-8")
    bad.write_text(_with(shipped_text, S.LP_CCODES, "China", row=3), encoding="utf-8")
    report = frictionless.validate(frictionless.Resource(path=good.name, basepath=str(tmp_path), format="tsv",
                                                         schema=schema))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "note"])[:5]
    report = frictionless.validate(frictionless.Resource(path=bad.name, basepath=str(tmp_path), format="tsv",
                                                         schema=schema))
    assert report.flatten(["rowNumber", "fieldName", "type"]) == [[5, S.LP_CCODES, "constraint-error"]]


def test_a_row_carries_the_place(tmp_path: Path) -> None:
    text = _tiny(tmp_path, make_place(wikidata="Q877229", chgis="hvd_1;hvd_2", dila="PL000000007806", whg="123"))
    row = _rows(text)["xijing"]
    assert row[S.LP_TITLE] == "西京"
    assert row[S.LP_TITLE_SOURCE] == "Test builder"
    assert row[S.LP_VARIANTS] == "Xījīng@zh-Latn-pinyin;大同府@zh;雲中@zh"
    assert row[S.LP_MATCHES] == ("wd:Q877229;https://maps.cga.harvard.edu/tgaz/placename/hvd_1;"
                                 "https://maps.cga.harvard.edu/tgaz/placename/hvd_2;"
                                 "https://authority.dila.edu.tw/place/?fromInner=PL000000007806;"
                                 "https://whgazetteer.org/places/123/portal/")
    assert (row[S.LP_TYPES], row[S.LP_AAT_TYPES], row[S.LP_FCLASSES]) == ("capital", "300008389", "P")
    assert (row[S.LP_LON], row[S.LP_LAT], row[S.LP_APPROXIMATION]) == ("113.3", "40.09", "3")
    assert row[S.LP_CCODES] == "CN"
    assert lptsv_problems(text) == []


def test_start_and_end_are_valid_years_else_the_years_of_the_events(tmp_path: Path) -> None:
    text = _tiny(tmp_path, make_place(), make_place(id="named_only", name="雲中", name_simplified="云中",
                                                    pinyin="Yúnzhōng", variants="", valid_from="", lat="41.0"))
    rows = _rows(text)
    assert (rows["xijing"][S.LP_START], rows["xijing"][S.LP_END]) == ("1044", "")
    assert SPAN_VALID in rows["xijing"][S.LP_DESCRIPTION]
    assert (rows["named_only"][S.LP_START], rows["named_only"][S.LP_END]) == ("1122", "1122")
    assert SPAN_COVERED in rows["named_only"][S.LP_DESCRIPTION]
    assert lptsv_problems(text) == []


def test_an_events_span_is_its_first_and_last_julian_year() -> None:
    events = pd.DataFrame({S.PLACE: ["a", "a", "b"], S.JDN_START: pd.array([2123229, 2130976, None], "Int64"),
                           S.JDN_END: pd.array([2123583, 2130976, None], "Int64")})
    assert attested_years(events) == {"a": (1101, 1122)}  # 1101-01-31 … 1102-01-20, 1122-04-18; b undated


def test_an_event_at_the_place_gives_its_attested_years(tmp_path: Path) -> None:
    root = write_project(tmp_path, places=[make_place(valid_from="")], events=[make_event()])
    joined = join_project(read_project(root))
    row = _rows(places_to_lptsv(joined.places, events=joined.events))["xijing"]
    assert (row[S.LP_START], row[S.LP_END]) == ("1122", "1122")
    assert SPAN_ATTESTED in row[S.LP_DESCRIPTION]


def test_a_long_source_is_cut_after_a_whole_reference(tmp_path: Path) -> None:
    long_source = "; ".join(f"reference number {i} with some words" for i in range(12))
    assert len(long_source) > 255
    row = _rows(_tiny(tmp_path, make_place(source=long_source)))["xijing"]
    assert len(row[S.LP_TITLE_SOURCE]) <= 255
    assert row[S.LP_TITLE_SOURCE].endswith("with some words …")
    assert "shortened" in row[S.LP_DESCRIPTION]
    assert short_source("short") == "short"


ROW = "row 2 (id xijing)"


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        (S.LP_TITLE, "", f"{ROW}, column title: is required and empty"),
        (S.LP_TITLE_SOURCE, "", f"{ROW}, column title_source: is required and empty"),
        (S.LP_START, "1122/3", f"{ROW}, column start: '1122/3' is not a year or ISO date"),
        (S.LP_START, "1122-13", f"{ROW}, column start: '1122-13' is not a year or ISO date"),
        (S.LP_START, "", f"{ROW}, column start: a row needs a start or an attestation_year"),
        (S.LP_END, "1000", f"{ROW}, column end: '1000' is before the start '1044'"),
        (S.LP_CCODES, "China", f"{ROW}, column ccodes: 'China': not ISO 3166-1 alpha-2 codes"),
        (S.LP_CCODES, "CN,MN", f"{ROW}, column ccodes: 'CN,MN': not ISO 3166-1 alpha-2 codes"),
        (S.LP_MATCHES, "wikidata:Q1", f"{ROW}, column matches: 'wikidata:Q1': not a full http(s) URL nor a prefix"),
        (S.LP_MATCHES, "https://www.wikidata.org/wiki/Q1", "write it with WHG's prefix wd: instead of the URL"),
        (S.LP_MATCHES, "wd:1", f"{ROW}, column matches: 'wd:1': a Wikidata match is wd:Q and digits"),
        (S.LP_AAT_TYPES, "aat:300008389", f"{ROW}, column aat_types: 'aat:300008389': AAT ids are numbers"),
        (S.LP_AAT_TYPES, "300008389;300000771", f"{ROW}, column aat_types: more aat_types than types"),
        (S.LP_FCLASSES, "X", f"{ROW}, column fclasses: 'X': feature classes are single letters"),
        (S.LP_LON, "200", f"{ROW}, column lon: '200' is not decimal degrees between -180 and 180"),
        (S.LP_LAT, "", f"{ROW}, column lat: lon and lat go together"),
        (S.LP_VARIANTS, "雲中@中文", f"{ROW}, column variants: '雲中@中文': a variant is a name"),
        (S.LP_PARENT_ID, "#12", f"{ROW}, column parent_name: a parent_id needs its parent_name"),
        (S.LP_DESCRIPTION, '"quoted"', f"{ROW}, column description: is enclosed in quotes"),
    ],
)
def test_each_broken_rule_names_the_row_and_column(tmp_path: Path, column: str, value: str, message: str) -> None:
    text = _tiny(tmp_path)
    assert lptsv_problems(text) == []
    problems = lptsv_problems(_with(text, column, value))
    assert any(p.startswith(message) or message in p for p in problems), problems
    assert all(p.startswith(ROW) for p in problems), problems


def test_file_level_rules(tmp_path: Path) -> None:
    text = _tiny(tmp_path)
    header, row = text.rstrip("\n").split("\n")
    no_title = "\n".join(["\t".join(c for c in header.split("\t") if c != S.LP_TITLE),
                          "\t".join(c for i, c in enumerate(row.split("\t")) if i != 1)]) + "\n"
    assert lptsv_problems(no_title)[0] == "row 1 (header): missing required columns: title"
    assert lptsv_problems(f"{header}\n{row}\n{row}\n") == ["row 3 (id xijing), column id: repeats the id of row 2"]
    assert lptsv_problems(f"{header}\n{row}\textra\n")[0].startswith("row 2: 22 cells for 21 columns")
    assert lptsv_problems("") == ["the file is empty: it needs a header row"]
