"""Tests of matching incoming places with ours and of the review rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo import schema as S
from geo.places_import import (
    haversine_km,
    limit_km,
    match_extract,
    proposed_id,
    review_csv,
    review_rows,
    tone_pinyin,
)
from geo.places_import_read import Extract, Incoming, read_extract
from geo.tables import parse_csv_text
from geo.testing import csv_text, make_place
from tests.conftest import import_places

DATA = Path(__file__).parent / "data" / "import"
OURS = import_places()


def gazetteer(rows: list[dict[str, str]] = OURS):
    return parse_csv_text(csv_text(rows, columns=S.PLACE_COLUMNS), path="places/gazetteer.csv")


def incoming(name: str, lat: float | None, lon: float | None, *forms: str, **cells: object) -> Extract:
    record = Incoming(line=2, id=str(cells.pop("id", "x1")), name=name, forms=(name, *forms), lat=lat, lon=lon,
                      **cells)
    return Extract("x.csv", "CSV", (record,))


def one(extract: Extract, **options: object):
    [match] = match_extract(extract, gazetteer(), **options)
    return match


def test_matched_by_simplified_name() -> None:
    match = one(incoming("宁江州", 45.1, 124.9))
    assert (match.status, match.candidate.place, match.candidate.column) == (S.MATCHED, "ningjiang_zhou",
                                                                           S.NAME_SIMPLIFIED)
    assert match.candidate.km == pytest.approx(6.8, abs=0.1)


def test_matched_by_variant() -> None:
    match = one(incoming("臨潢府", 43.97, 119.39))
    assert (match.status, match.candidate.place, match.candidate.column) == (S.MATCHED, "liao_shangjing",
                                                                           S.VARIANTS)


def test_matched_by_variant_character_fold() -> None:
    match = one(incoming("寧江州", 45.0, 124.8))  # traditional 寧 folds with 甯 and 宁
    assert (match.status, match.candidate.column) == (S.MATCHED, S.NAME)


def test_matched_by_pinyin_when_the_record_has_no_characters() -> None:
    match = one(incoming("Huanglong fu", 44.4, 125.2))
    assert (match.status, match.candidate.place, match.candidate.column) == (S.MATCHED, "huanglong_fu", S.PINYIN)


def test_pinyin_is_not_compared_when_the_record_has_characters() -> None:
    assert one(incoming("皇龍府", 44.4, 125.2, "Huanglong fu")).status == S.NEW  # a homophone is another name


def test_far_away_same_name_is_conflicting() -> None:
    match = one(incoming("東京", 34.79, 114.35))
    assert (match.status, match.candidate.place) == (S.CONFLICTING, "liao_dongjing")
    assert "1055.3 km apart (a match needs 25 km or less)" in match.note


def test_no_point_to_compare_is_conflicting() -> None:
    match = one(incoming("東京", None, None))
    assert match.status == S.CONFLICTING
    assert "no point to compare" in match.note


def test_two_of_our_rows_near_is_conflicting() -> None:
    twins = [*OURS, make_place(id="dongjing_cheng", name="東京", name_simplified="东京", note="the walled town",
                               lat="41.3", lon="123.2", type="town")]
    [match] = match_extract(incoming("東京", 41.28, 123.18, "遼陽"), gazetteer(twins))
    assert match.status == S.CONFLICTING
    assert "fits several of our rows: liao_dongjing" in match.note and "dongjing_cheng" in match.note


def test_the_row_named_exactly_wins_over_one_that_has_the_name_as_a_variant() -> None:
    twins = [*OURS, make_place(id="dongjing_cheng", name="東京城", name_simplified="东京城", variants="東京",
                               lat="41.3", lon="123.2", type="town")]
    [match] = match_extract(incoming("東京城", 41.28, 123.18, "東京"), gazetteer(twins))
    assert (match.status, match.candidate.place) == (S.MATCHED, "dongjing_cheng")
    assert match.note == "also named so: liao_dongjing (1.4 km)"


def test_an_authority_id_that_disagrees_is_conflicting() -> None:
    ours = [*OURS[:1], make_place(id="ningjiang_zhou", name="寧江州", name_simplified="宁江州", pinyin="Níngjiāng zhōu",
                                  lat="45.05", lon="124.85", wikidata="Q1")]
    [match] = match_extract(incoming("寧江州", 45.05, 124.85, links=(("wikidata", "Q2"),)), gazetteer(ours))
    assert match.status == S.CONFLICTING
    assert match.note == "Wikidata ids differ (ours Q1, the import's Q2)"


def test_a_shared_authority_id_matches_without_a_name() -> None:
    ours = [*OURS[:1], make_place(id="ningjiang_zhou", name="寧江州", name_simplified="宁江州", pinyin="Níngjiāng zhōu",
                                  lat="45.05", lon="124.85", chgis="hvd_1")]
    [match] = match_extract(incoming("混同軍", 45.0, 124.8, id="hvd_1", links=(("chgis", "hvd_1"),)), gazetteer(ours))
    assert (match.status, match.candidate.column) == (S.MATCHED, S.CHGIS)


def test_within_sets_the_base_distance() -> None:
    extract = incoming("宁江州", 45.1, 124.9)  # 6.8 km from ours, whose uncertainty is 15 km
    assert one(extract, within=0).status == S.MATCHED
    far = incoming("宁江州", 45.3, 124.9)  # 28 km
    assert one(far).status == S.MATCHED
    assert one(far, within=5).status == S.CONFLICTING


def test_limits_by_type_and_uncertainty() -> None:
    assert limit_km(make_place(type="prefecture", uncertainty_km="8")) == 28
    assert limit_km(make_place(type="lake", uncertainty_km="10")) == 60
    assert limit_km(make_place(type="region", uncertainty_km="200")) == 300
    assert limit_km(make_place(uncertainty_km=""), within=3) == 3
    assert haversine_km(0, 0, 0, 1) == pytest.approx(111.19, abs=0.01)


def test_new_row_proposal() -> None:
    [row] = review_rows(match_extract(read_extract(DATA / "whg.tsv"), gazetteer())[2:], gazetteer(),
                        source="WHG dump")
    assert {k: v for k, v in row.items() if v} == {
        S.STATUS: S.NEW, S.INCOMING_ID: "whg_3", S.INCOMING_NAME: "韓州", S.INCOMING_LAT: "43.5",
        S.INCOMING_LON: "124.3", "new_id": "han_zhou", "new_name": "韓州", "new_name_simplified": "韩州",
        "new_pinyin": "Hán zhōu", "new_variants": "柳河縣", "new_type": "prefecture", "new_lat": "43.5",
        "new_lon": "124.3", "new_uncertainty_km": "10", "new_location_basis": "historical_atlas",
        "new_modern": "Bamiancheng, Changtu, Liaoning", "new_valid_from": "1000", "new_source": "WHG dump whg_3",
        "new_wikidata": "Q200"}


def test_review_of_a_chgis_extract_holds_no_chgis_point() -> None:
    rows = review_rows(match_extract(read_extract(DATA / "chgis.csv"), gazetteer()), gazetteer(), source="c")
    assert [(r[S.STATUS], r[S.INCOMING_ID], r[S.OUR_ID]) for r in rows] == [
        (S.NEW, "hvd_10002", ""), (S.NEW, "hvd_10004", ""), (S.MATCHED, "hvd_10001", "ningjiang_zhou"),
        (S.MATCHED, "hvd_10003", "xijing")]
    text = review_csv(rows)
    assert "45.07" not in text and "124.84" not in text and "125.2" not in text
    assert all(not r["new_lat"] and not r[S.INCOMING_LAT] for r in rows)
    assert "never copy its points" in rows[0][S.REVIEW_NOTE]
    assert rows[2][S.REVIEW_NOTE] == "accept adds chgis hvd_10001"
    assert (rows[2]["new_chgis"], rows[2][S.DISTANCE_KM], rows[2][S.MATCHED_BY]) == ("hvd_10001", "2.4", S.NAME)


def test_review_lists_what_a_match_adds() -> None:
    rows = review_rows(match_extract(read_extract(DATA / "lpf.json"), gazetteer()), gazetteer(), source="lpf")
    linhuang = next(r for r in rows if r[S.INCOMING_ID] == "linhuang_fu")
    assert (linhuang["new_variants"], linhuang["new_wikidata"]) == ("", "Q877229")
    huanglong = next(r for r in rows if r[S.INCOMING_ID] == "huanglong_fu")
    assert huanglong[S.REVIEW_NOTE] == "accept adds chgis hvd_9001, variant 濟州"


def test_review_order_and_accept() -> None:
    matches = match_extract(read_extract(DATA / "lpf.json"), gazetteer())
    rows = review_rows(matches, gazetteer(), source="lpf", accept=[S.MATCHED])
    assert [(r[S.STATUS], r[S.DECISION]) for r in rows] == [
        (S.CONFLICTING, ""), (S.MATCHED, S.ACCEPT), (S.MATCHED, S.ACCEPT)]
    assert review_csv(rows) == review_csv(review_rows(matches, gazetteer(), source="lpf", accept=[S.MATCHED]))
    assert review_csv(rows).splitlines()[0] == ",".join(S.REVIEW_COLUMNS)


def test_ids_and_pinyin() -> None:
    assert tone_pinyin("寧江州") == "Níngjiāng zhōu"
    taken = {"ningjiang_zhou"}
    assert proposed_id("Ningjiang Zhou", taken) == "ningjiang_zhou_2"
    assert proposed_id("Ningjiang Zhou", taken) == "ningjiang_zhou_3"
    assert proposed_id("", taken) == "place"
    assert proposed_id("Ān-dé zhōu", taken) == "an_de_zhou"
