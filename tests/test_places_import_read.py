"""Tests of reading outside gazetteers: LP-TSV, Linked Places JSON, CHGIS- and CCTS-like CSV, spreadsheet quirks."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo import schema as S
from geo.errors import ValidationError
from geo.places_import_read import header_roles, links_in, read_extract

DATA = Path(__file__).parent / "data" / "import"


def by_id(path: Path) -> dict[str, object]:
    return {r.id: r for r in read_extract(path).records}


def test_lp_tsv() -> None:
    extract = read_extract(DATA / "whg.tsv")
    assert extract.kind == "LP-TSV"
    first = by_id(DATA / "whg.tsv")["whg_1"]
    assert (first.name, first.forms, first.lat, first.lon) == ("宁江州", ("宁江州", "甯江州"), 45.1, 124.9)
    assert (first.start, first.end, first.type, first.links) == (1000, 1114, "prefecture", (("wikidata", "Q100"),))
    assert first.modern == "near Songyuan, Jilin"


def test_linked_places_json() -> None:
    extract = read_extract(DATA / "lpf.json")
    assert extract.kind == "LPF"
    records = by_id(DATA / "lpf.json")
    linhuang = records["linhuang_fu"]
    assert (linhuang.name, linhuang.pinyin, linhuang.lat, linhuang.lon) == ("臨潢府", "Línhuáng fǔ", 43.97, 119.39)
    assert linhuang.links == (("wikidata", "Q877229"),)
    assert linhuang.line == 5  # the line on which the feature starts
    dongjing = records["dongjing"]  # a GeometryCollection and a timespan
    assert (dongjing.lat, dongjing.lon, dongjing.start, dongjing.end) == (34.79, 114.35, 960, 1127)
    assert records["huanglong_fu"].links == (("chgis", "hvd_9001"),)
    assert records["huanglong_fu"].type == "prefecture"


def test_chgis_csv_with_bom_crlf_blank_rows_and_a_blank_point() -> None:
    extract = read_extract(DATA / "chgis.csv")
    assert extract.kind == "CSV"
    records = by_id(DATA / "chgis.csv")
    assert list(records) == ["hvd_10001", "hvd_10002", "hvd_10003", "hvd_10004"]
    ning = records["hvd_10001"]
    assert (ning.name, ning.pinyin, ning.lat, ning.lon, ning.type) == ("寧江州", "Ningjiang Zhou", 45.07, 124.84, "州")
    assert ning.is_chgis and ning.links == (("chgis", "hvd_10001"),)
    assert records["hvd_10004"].lat is None
    [warning] = extract.issues
    assert str(warning).startswith(f"{DATA / 'chgis.csv'}:6:0: warning: no usable point")


def test_ccts_csv_with_semicolons_and_decimal_commas() -> None:
    records = read_extract(DATA / "ccts.csv").records
    assert [(r.id, r.name, r.lat, r.lon) for r in records] == [
        ("PL000000001001", "上京", 43.98, 119.38), ("PL000000001002", "黃龍府", 44.43, 125.17),
        ("PL000000001003", "上京", 45.51, 126.97)]
    assert records[0].links == (("dila", "PL000000001001"),)


def test_extra_columns_and_header_spellings(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("Toponym,Latitude,LNG,remark,Begin\n白江,45.5,124.9,a remark,1100\n", encoding="utf-8")
    [record] = read_extract(path).records
    assert (record.name, record.lat, record.lon, record.start) == ("白江", 45.5, 124.9, 1100)


def test_wkt_point_when_lat_and_lon_are_missing(tmp_path: Path) -> None:
    path = tmp_path / "x.tsv"
    path.write_text("id\ttitle\tstart\tgeowkt\nw1\t白江\t1100\tPOINT(124.9 45.5)\n", encoding="utf-8")
    [record] = read_extract(path).records
    assert (record.lat, record.lon) == (45.5, 124.9)


def test_unknown_layout_names_the_expected_columns(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("foo,bar\n1,2\n", encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        read_extract(path)
    [issue] = caught.value.issues
    assert issue.line == 1
    assert "no column for a name, a latitude, a longitude (the columns are foo, bar)" in issue.message
    assert "name: one of name_ft, name, title, toponym, name_ch" in issue.hint


@pytest.mark.parametrize(("text", "expected"), [
    ('{"type": "FeatureCollection", "features": [', "not valid JSON"),
    ('{"type": "Feature"}', "not a Linked Places file"),
])
def test_bad_json(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "x.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValidationError, match=expected):
        read_extract(path)


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes("name,lat,lon\n上京,43.98,119.38\n".encode("gb18030"))
    with pytest.raises(ValidationError, match="not UTF-8"):
        read_extract(path)


def test_a_row_without_a_name_is_skipped_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("name,lat,lon\n,43.98,119.38\n上京,abc,119.38\n", encoding="utf-8")
    extract = read_extract(path)
    assert [r.name for r in extract.records] == ["上京"]
    assert [(i.line, i.severity) for i in extract.issues] == [(2, "warning"), (3, "warning")]


def test_links_and_roles() -> None:
    assert links_in(["whg:123", "http://www.wikidata.org/entity/Q5", "PL000000007806"]) == (
        (S.WHG, "123"), (S.WIKIDATA, "Q5"), (S.DILA, "PL000000007806"))
    assert header_roles(["title@zh", "lat", "lon"])[S.NAME] == "title@zh"
