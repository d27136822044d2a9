"""The gazetteer as a typed GeoDataFrame (EPSG:4326), validated first.

This is the only gazetteer module that imports geopandas; checking and
formatting (:mod:`geo.validate_places`, ``geo places fmt``) never do.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd

from geo import schema as S
from geo.errors import ValidationError
from geo.tables import Table, read_table
from geo.validate_places import FLOAT_COLUMNS, INT_COLUMNS, canonical_number, check_places, normalise_cell

CRS = "EPSG:4326"


def read_places(path: str | Path = S.GAZETTEER_FILE, *, display: str | None = None) -> Table:
    """Read the gazetteer CSV as text cells (see :func:`geo.tables.read_table`); no validation."""
    return read_table(path, display=display)


def _text_column(table: Table, column: str) -> pd.arrays.StringArray:
    values = [normalise_cell(row.get(column, "")) or pd.NA for row in table.rows]
    return pd.array(values, dtype="string")


def _number_column(table: Table, column: str, integer: bool) -> pd.api.extensions.ExtensionArray:
    values: list[object] = []
    for row in table.rows:
        text = canonical_number(row.get(column, ""), integer=integer, column=column)
        values.append(pd.NA if text is None else (int(text) if integer else float(text)))
    return pd.array(values, dtype="Int64" if integer else "Float64")


def places_to_gdf(table: Table, *, validate: bool = True) -> gpd.GeoDataFrame:
    """Turn a valid gazetteer into a GeoDataFrame of points (x = lon, y = lat) in EPSG:4326.

    Text columns are ``string`` (blank cells are ``<NA>``), ``lat``, ``lon`` and
    ``uncertainty_km`` are ``Float64``, ``valid_from`` and ``valid_to`` are ``Int64``;
    ``line`` holds the CSV line of each row. Extra columns are kept as strings
    after the standard ones.

    Parameters
    ----------
    table : Table
        The gazetteer as read by :func:`read_places`.
    validate : bool, default True
        Check the table first; the pipeline passes False, having checked the whole project once.

    Raises
    ------
    ValidationError
        Once, listing every issue, when the table has any error.
    """
    issues = check_places(table) if validate else []
    if any(i.severity == "error" for i in issues):
        raise ValidationError(issues)
    extra = [c for c in table.header if c not in S.PLACE_COLUMNS]
    data: dict[str, object] = {S.LINE: pd.array(list(table.lines), dtype="Int64")}
    for column in (*S.PLACE_COLUMNS, *extra):
        if column in FLOAT_COLUMNS or column in INT_COLUMNS:
            data[column] = _number_column(table, column, column in INT_COLUMNS)
        else:
            data[column] = _text_column(table, column)
    frame = pd.DataFrame(data, index=pd.RangeIndex(len(table.rows)))
    lon = frame[S.LON].to_numpy(dtype=float, na_value=float("nan"))
    lat = frame[S.LAT].to_numpy(dtype=float, na_value=float("nan"))
    return gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(lon, lat), crs=CRS)
