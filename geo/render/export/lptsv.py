"""The gazetteer as LP-TSV, the World Historical Gazetteer's delimited upload format (v0.5).

``places_to_lptsv`` writes one row per place, sorted by id, tab-separated, UTF-8, ``\\n``
line ends, no quoting (the columns: :data:`geo.schema.LPTSV_COLUMNS`):

- ``id`` is the gazetteer id; ``title`` the name in traditional characters, ``title_source``
  the references of the row; ``variants`` the simplified form, the pinyin and every variant,
  each tagged ``name@bcp47``.
- ``start``/``end`` are ``valid_from``/``valid_to`` where the row has them. Otherwise they are the
  first and last Julian year of the place's events: the years the sources attest it, not its
  founding or its end. A place that no dated event names gets the years of all the events (the
  span the sources cover). ``description`` says which of the three a row carries.
- ``ccodes`` are the modern countries of the point and its uncertainty circle
  (:mod:`geo.render.export.ccodes`); ``matches`` the authority links, as ``wd:Q…`` for Wikidata
  and as full URLs for CHGIS, DILA and WHG (LP-TSV has no alias for them).
- ``types`` is our type, ``aat_types`` its Getty AAT number, ``fclasses`` its GeoNames class;
  ``lon``/``lat`` the point, ``approximation`` its ``uncertainty_km``.

``lptsv_problems`` checks a file against WHG's rules; :mod:`geo.render.export.lptsv_rules` has them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import geopandas as gpd
import pandas as pd

from geo import schema as S
from geo.calendar import jdn_to_julian
from geo.render.export.ccodes import places_ccodes
from geo.render.export.lpf import authority_identifiers, place_concept, place_description, place_names
from geo.render.export.lptsv_rules import MAX_TITLE, lptsv_problems, lptsv_table_schema

__all__ = ["lptsv_problems", "lptsv_table_schema", "places_to_lptsv"]

FCLASSES: dict[str, str] = {
    **dict.fromkeys(("capital", "prefecture", "county", "town", "garrison"), "P"),
    **dict.fromkeys(("fortress", "camp", "battlefield", "ford", "palace"), "S"),
    **dict.fromkeys(("pass", "mountain"), "T"), **dict.fromkeys(("river", "lake"), "H"),
    **dict.fromkeys(("region", "people"), "L"), "polity": "A",
}
"""GeoNames feature classes of our place types (P populated, S site, T terrain, H water, L area, A state)."""
SPAN_VALID = "start/end: the years it existed under this name (valid_from, valid_to)."
SPAN_ATTESTED = "start/end: years the sources attest it (Julian years of its events), not its founding."
SPAN_COVERED = ("start/end: no dated event names it; the years all the events cover, not its founding "
                "nor its own attestation.")
GEO_SOURCE = "geo-liao-jin gazetteer, point placed by {basis}"
SOURCE_SHORTENED = "title_source shortened to WHG's 255 characters; every reference is in the gazetteer's source."


def short_source(text: str, *, limit: int = MAX_TITLE) -> str:
    """``text`` cut to ``limit`` characters after its last whole reference (``; ``), then `` …``.

    >>> short_source("Tan atlas; CHGIS; a site report", limit=20)
    'Tan atlas; CHGIS …'
    """
    if len(text) <= limit:
        return text
    head = text[:limit - 2]
    cut = head.rfind("; ")
    return f"{head[:cut] if cut > 0 else head.rsplit(' ', 1)[0]} …"


def _year(year: int) -> str:
    """An astronomical year as LP-TSV writes it: four digits, BCE negative (year 0 is 1 BCE)."""
    return f"{year:04d}" if year > 0 else f"-{1 - year:04d}"


def attested_years(events: pd.DataFrame) -> dict[str, tuple[int, int]]:
    """The first and last Julian year of each place's dated events, by place id."""
    dated = events.dropna(subset=[S.JDN_START, S.JDN_END])
    spans: dict[str, tuple[int, int]] = {}
    for place, start, end in zip(dated[S.PLACE], dated[S.JDN_START], dated[S.JDN_END]):
        first, last = jdn_to_julian(int(start))[0], jdn_to_julian(int(end))[0]
        old = spans.get(str(place), (first, last))
        spans[str(place)] = (min(old[0], first), max(old[1], last))
    return spans


def _cell(value: object) -> str:
    """A value as one LP-TSV cell: no tab or line break inside, no padding."""
    text = "" if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)) else str(value)
    return " ".join(text.split())


def _span(row: pd.Series, *, attested: Mapping[str, tuple[int, int]],
          covered: tuple[int, int] | None) -> tuple[str, str, str]:
    """``start``, ``end`` and the sentence that says where they come from."""
    if not pd.isna(row[S.VALID_FROM]):
        end = "" if pd.isna(row[S.VALID_TO]) else _year(int(row[S.VALID_TO]))
        return _year(int(row[S.VALID_FROM])), end, SPAN_VALID
    span, note = attested.get(str(row[S.PLACE_ID])), SPAN_ATTESTED
    if span is None:
        span, note = covered, SPAN_COVERED
    return (_year(span[0]), _year(span[1]), note) if span else ("", "", "")


def place_to_lptsv_row(row: pd.Series, *, attested: Mapping[str, tuple[int, int]],
                       covered: tuple[int, int] | None = None, ccodes: Sequence[str] = ()) -> dict[str, str]:
    """One gazetteer row as an LP-TSV row (column → cell)."""
    names = place_names(row)
    start, end, span_note = _span(row, attested=attested, covered=covered)
    place_type, source = _cell(row[S.PLACE_TYPE]), _cell(row[S.SOURCE])
    title_source = short_source(source)
    notes = [span_note, SOURCE_SHORTENED if title_source != source else ""]
    cells = {
        S.LP_ID: row[S.PLACE_ID], S.LP_TITLE: names[0][0], S.LP_TITLE_SOURCE: title_source,
        S.LP_START: start, S.LP_END: end, S.LP_CCODES: ";".join(ccodes),
        S.LP_MATCHES: ";".join(authority_identifiers(row)),
        S.LP_VARIANTS: ";".join(f"{name}@{lang}" for name, lang in names[1:]),
        S.LP_TYPES: place_type, S.LP_AAT_TYPES: place_concept(row)[0].removeprefix("aat:"),
        S.LP_FCLASSES: FCLASSES.get(place_type, "S"),
        S.LP_LON: str(round(float(row.geometry.x), 6)), S.LP_LAT: str(round(float(row.geometry.y), 6)),
        S.LP_GEO_SOURCE: GEO_SOURCE.format(basis=row[S.LOCATION_BASIS]),
        S.LP_APPROXIMATION: f"{float(row[S.UNCERTAINTY_KM]):g}",
        S.LP_DESCRIPTION: " ".join([place_description(row), *notes]),
    }
    return {column: _cell(cells.get(column, "")) for column in S.LPTSV_COLUMNS}


def places_to_lptsv(places: gpd.GeoDataFrame, *, events: pd.DataFrame,
                    ccodes: Mapping[str, Sequence[str]] | None = None) -> str:
    """The gazetteer as LP-TSV text, one row per place sorted by id, from the joined places and events.

    ``ccodes`` by place id default to those of :func:`geo.render.export.ccodes.places_ccodes`.
    """
    codes = places_ccodes(places) if ccodes is None else ccodes
    attested = attested_years(events)
    covered = (min(s for s, _ in attested.values()), max(e for _, e in attested.values())) if attested else None
    lines = ["\t".join(S.LPTSV_COLUMNS)]
    for _, row in places.sort_values(S.PLACE_ID).iterrows():
        cells = place_to_lptsv_row(row, attested=attested, covered=covered,
                                   ccodes=codes.get(str(row[S.PLACE_ID]), ()))
        lines.append("\t".join(cells[c] for c in S.LPTSV_COLUMNS))
    return "\n".join(lines) + "\n"
