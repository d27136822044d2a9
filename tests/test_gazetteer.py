"""Tests of the typed gazetteer GeoDataFrame."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest

from geo import schema as S
from geo.errors import ValidationError
from geo.gazetteer import places_to_gdf, read_places
from geo.tables import parse_csv_text

DATA = Path(__file__).parent / "data" / "places"
GOOD = DATA / "good.csv"


@pytest.fixture(scope="module")
def gdf() -> gpd.GeoDataFrame:
    return places_to_gdf(read_places(GOOD))


def test_crs_geometry_and_lines(gdf: gpd.GeoDataFrame) -> None:
    assert gdf.crs.to_epsg() == 4326
    row = gdf.set_index(S.PLACE_ID).loc["liao_shangjing"]
    assert (row.geometry.x, row.geometry.y) == (119.38, 43.98)
    assert row[S.LINE] == 6
    assert list(gdf[S.LINE]) == list(range(2, 11))


def test_dtypes(gdf: gpd.GeoDataFrame) -> None:
    for column in (S.LAT, S.LON, S.UNCERTAINTY_KM):
        assert gdf[column].dtype == "Float64"
    for column in (S.VALID_FROM, S.VALID_TO, S.LINE):
        assert gdf[column].dtype == "Int64"
    for column in (S.PLACE_ID, S.NAME, S.PINYIN, S.NOTE, S.POLITY, S.VARIANTS):
        assert gdf[column].dtype == "string"
    assert list(gdf.columns[:1]) == [S.LINE]
    assert list(gdf.columns[1:-1]) == list(S.PLACE_COLUMNS)


def test_blank_cells_are_na_never_nan_text(gdf: gpd.GeoDataFrame) -> None:
    row = gdf.set_index(S.PLACE_ID).loc["huntong_jiang"]
    assert row[S.POLITY] is pd.NA
    assert row[S.VALID_FROM] is pd.NA
    for column in gdf.columns[gdf.dtypes == "string"]:
        assert not gdf[column].isin(["nan", "NaN", "None", "<NA>", ""]).any(), column
    assert gdf[S.NOTE].isna().sum() == 7


def test_messy_cells_are_typed(tmp_path: Path) -> None:
    text = GOOD.read_text(encoding="utf-8").replace("41.58,118.97", "４１．５８０,１１８．９７")
    text = text.replace("\n", ",\n").replace(",\n", ",checked_by\n", 1).replace("Kaifeng, Henan", " Kaifeng,  Henan ")
    path = tmp_path / "g.csv"
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    gdf = places_to_gdf(read_places(path))
    row = gdf.set_index(S.PLACE_ID).loc["liao_zhongjing"]
    assert (row[S.LAT], row[S.LON]) == (41.58, 118.97)
    assert gdf.set_index(S.PLACE_ID).loc["song_bianjing", S.MODERN] == "Kaifeng, Henan"
    assert gdf["checked_by"].dtype == "string"
    assert gdf["checked_by"].isna().all()
    assert list(gdf.columns[-2:]) == ["checked_by", "geometry"]


def test_missing_optional_columns_are_added_as_na() -> None:
    import csv
    import io

    dropped = (S.NOTE, *S.AUTHORITIES)
    rows = list(csv.DictReader(io.StringIO(GOOD.read_text(encoding="utf-8"))))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=[c for c in rows[0] if c not in dropped], extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    gdf = places_to_gdf(parse_csv_text(out.getvalue(), path="g.csv"))
    for column in dropped:
        assert gdf[column].isna().all()
        assert gdf[column].dtype == "string"


def test_invalid_table_raises_once_with_every_issue() -> None:
    text = GOOD.read_text(encoding="utf-8").replace("capital,41.58,118.97", "captial,41.58,218.97")
    text = text.replace("liao_dongjing", "Liao Dongjing")
    with pytest.raises(ValidationError) as caught:
        places_to_gdf(parse_csv_text(text, path="g.csv"))
    assert [(i.line, i.column) for i in caught.value.issues] == [(4, 1), (7, 6), (7, 8)]


def test_warnings_do_not_stop_the_frame() -> None:
    gdf = places_to_gdf(read_places(DATA / "bad" / "pinyin_mismatch.csv"))
    assert len(gdf) == 9
