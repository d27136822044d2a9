"""Tests of applying a review: links, new rows, refusals, idempotence and where problems point."""

from __future__ import annotations

from geo import schema as S
from geo.errors import Issue
from geo.gazetteer_format import canonical_csv
from geo.places_import_apply import apply_review, issues_in_review
from geo.tables import parse_csv_text
from geo.testing import csv_text, make_place

OURS = [make_place(), make_place(id="ningjiang_zhou", name="寧江州", name_simplified="宁江州", pinyin="Níngjiāng zhōu",
                                 variants="甯江州", type="prefecture", lat="45.05", lon="124.85", chgis="hvd_1")]


def gazetteer(rows=OURS):
    return parse_csv_text(csv_text(rows, columns=S.PLACE_COLUMNS), path="places/gazetteer.csv")


def review(*rows: dict[str, str]):
    full = [{**dict.fromkeys(S.REVIEW_COLUMNS, ""), S.DECISION: S.ACCEPT, **r} for r in rows]
    return parse_csv_text(csv_text(full, columns=S.REVIEW_COLUMNS), path="r.csv")


def link(our: str = "ningjiang_zhou", **cells: str) -> dict[str, str]:
    return {S.STATUS: S.MATCHED, S.INCOMING_ID: "x1", S.OUR_ID: our, **{f"new_{k}": v for k, v in cells.items()}}


def new(**cells: str) -> dict[str, str]:
    place = {**make_place(id="bin_zhou", name="賓州", name_simplified="宾州", pinyin="Bīn zhōu", variants="",
                          lat="44.4", lon="125.2"), **cells}
    return {S.STATUS: S.NEW, S.INCOMING_ID: cells.pop("incoming", "w1"),
            **{f"new_{k}": v for k, v in place.items()}}


def rows_by_id(applied):
    return {r[S.PLACE_ID]: r for r in applied.table.rows}


def test_link_adds_ids_and_variants_never_coordinates() -> None:
    applied = apply_review(gazetteer(), review(link(chgis="hvd_2", wikidata="Q5", variants="寧江城;宁江州",
                                                    lat="1", lon="2")))
    assert applied.issues == ()
    row = rows_by_id(applied)["ningjiang_zhou"]
    assert (row[S.CHGIS], row[S.WIKIDATA], row[S.VARIANTS]) == ("hvd_1;hvd_2", "Q5", "甯江州;寧江城")
    assert (row[S.LAT], row[S.LON]) == ("45.05", "124.85")
    assert (applied.linked, applied.origins) == (("ningjiang_zhou",), {"ningjiang_zhou": 2})


def test_link_never_overwrites_a_wikidata_id() -> None:
    ours = [make_place(wikidata="Q1")]
    applied = apply_review(gazetteer(ours), review(link("xijing", wikidata="Q2")))
    [issue] = applied.issues
    assert str(issue) == ("r.csv:2:28: error: our row xijing has wikidata Q1; the review gives Q2 — an import never "
                          "overwrites: edit the gazetteer by hand if ours is wrong, or empty new_wikidata")
    assert rows_by_id(applied)["xijing"][S.WIKIDATA] == "Q1"


def test_new_row_is_added_once() -> None:
    applied = apply_review(gazetteer(), review(new()))
    assert applied.added == ("bin_zhou",)
    assert rows_by_id(applied)["bin_zhou"][S.LAT] == "44.4"
    again = apply_review(applied.table, review(new()))
    assert (again.changed, again.unchanged, again.issues) == (False, 1, ())


def test_an_id_of_another_place_is_refused() -> None:
    applied = apply_review(gazetteer(), review(new(id="xijing")))
    [issue] = applied.issues
    assert "new_id 'xijing' is already our row xijing (西京)" in issue.message
    assert issue.column == S.REVIEW_COLUMNS.index("new_id") + 1


def test_a_chgis_place_without_a_point_of_our_own_is_refused() -> None:
    applied = apply_review(gazetteer(), review(new(lat="", lon="", incoming="hvd_7")))
    [issue] = applied.issues
    assert "hvd_7 comes from CHGIS and has no point of our own" in issue.message
    assert "CHGIS coordinates are not copied into our data" in issue.hint
    supplied = apply_review(gazetteer(), review(new(lat="44.41", lon="125.21", incoming="hvd_7")))
    assert supplied.added == ("bin_zhou",)


def test_only_accepted_rows_of_the_statuses_asked_for() -> None:
    rows = review({**new(), S.DECISION: ""}, {**link(chgis="hvd_3"), S.DECISION: "Reject"},
                  {**new(id="bin_zhou_2"), S.DECISION: " accept "})
    assert apply_review(gazetteer(), rows).added == ("bin_zhou_2",)
    assert apply_review(gazetteer(), rows, statuses=[S.MATCHED]).changed is False


def test_bad_decision_status_and_our_id() -> None:
    applied = apply_review(gazetteer(), review({**new(), S.DECISION: "yes"}, {**new(), S.STATUS: "maybe"},
                                               link("nowhere")))
    assert [(i.line, i.message) for i in applied.issues] == [
        (2, "decision 'yes' is neither accept nor reject"), (3, "unknown status 'maybe'"),
        (4, "our_id 'nowhere' is not in the gazetteer")]


def test_not_a_review_file() -> None:
    applied = apply_review(gazetteer(), parse_csv_text("name,lat\na,1\n", path="r.csv"))
    assert "not a review file of geo places import" in applied.issues[0].message


def test_problems_point_at_the_review_row() -> None:
    applied = apply_review(gazetteer(), review(link(chgis="hvd_2"), new(type="citty")))
    checked = parse_csv_text(canonical_csv(applied.table), path="places/gazetteer.csv")
    before = gazetteer()
    found = [Issue(checked.path, 2, checked.column(S.PLACE_TYPE), "unknown type 'citty'"),
             Issue(checked.path, 4, checked.column(S.MODERN), "a warning", severity="warning"),
             Issue("campaigns/events.csv", 2, 1, "other")]
    mapped = issues_in_review(found, checked, applied, review=review(link(chgis="hvd_2"), new(type="citty")),
                              before=before)
    assert [(i.path, i.line, i.column, i.message) for i in mapped] == [
        ("campaigns/events.csv", 2, 1, "other"),
        ("places/gazetteer.csv", 2, before.column(S.MODERN), "a warning"),
        ("r.csv", 3, S.REVIEW_COLUMNS.index("new_type") + 1, "unknown type 'citty' (the new row bin_zhou after "
         "the import)")]
