"""The gazetteer in Linked Places Format (LPF v1.2, JSON-LD), for the World Historical Gazetteer.

``places_to_lpf`` writes one Feature per place: ``@id`` (see :func:`place_uri_stem`),
``properties.title`` and ``ccodes`` (the modern countries of the point and of its
uncertainty circle: :mod:`geo.render.export.ccodes`), ``when`` (the years the name was
valid, where known), ``names`` (the name with its citation, the simplified form, pinyin
and every variant), ``types`` (Getty AAT concepts with our type as ``sourceLabels``), a
GeometryCollection with one Point and its ``certainty``, and a description with the
modern identification and uncertainty. ``lpf_problems`` checks a document against the format's published
rules (the LPF README: required, encouraged and allowed elements and values).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import geopandas as gpd
import pandas as pd

from geo import schema as S
from geo.render.export.ccodes import places_ccodes
from geo.settings import Settings
from geo.tables import split_list

CONTEXT = "https://raw.githubusercontent.com/LinkedPasts/linked-places/master/linkedplaces-context-v1.1.jsonld"
# Getty AAT concepts from the World Historical Gazetteer's subset of place types.
AAT = {
    "capital": ("aat:300008389", "city"), "prefecture": ("aat:300235099", "prefecture"),
    "county": ("aat:300000771", "county"), "town": ("aat:300008375", "town"),
    "garrison": ("aat:300164060", "military installation"), "fortress": ("aat:300006888", "fortification"),
    "pass": ("aat:300259572", "pass"), "river": ("aat:300008707", "river"), "lake": ("aat:300008680", "lake"),
    "mountain": ("aat:300008795", "mountain"), "region": ("aat:300387178", "historical region"),
    "people": ("aat:300387171", "cultural group"), "polity": ("aat:300417385", "polity"),
    "camp": ("aat:300008439", "cantonment"), "battlefield": ("aat:300000835", "battlefield"),
    "ford": ("aat:300000809", "site"), "palace": ("aat:300005734", "palace"),
}
DEFAULT_CONCEPT = ("aat:300000809", "site")
CERTAINTY_BY_KM = ((5.0, "certain"), (30.0, "less-certain"))
DATASET_URI = Settings().place_uri
"""The default stem of the places' URIs when the site has no ``base_url`` (see :func:`place_uri_stem`)."""
_ISO = re.compile(r"^-?\d{4}(-\d{2}(-\d{2})?)?[~?%]?$")


def _text(row: pd.Series, column: str) -> str:
    value = row.get(column)
    return "" if value is None or pd.isna(value) else str(value).strip()


def _when(row: pd.Series) -> dict | None:
    start, end = _text(row, S.VALID_FROM), _text(row, S.VALID_TO)
    if not start:
        return None
    span = {"start": {"in": f"{int(float(start)):04d}"}}
    if end:
        span["end"] = {"in": f"{int(float(end)):04d}"}
    return {"timespans": [span]}


def place_names(row: pd.Series) -> list[tuple[str, str]]:
    """The place's names with their BCP 47 tags, each once: the name, simplified, pinyin, the variants."""
    names = [(_text(row, S.NAME), "zh-Hant"), (_text(row, S.NAME_SIMPLIFIED), "zh-Hans"),
             (_text(row, S.PINYIN), "zh-Latn-pinyin")]
    names += [(v, "zh") for v in split_list(_text(row, S.VARIANTS))]
    seen: set[str] = set()
    unique = []
    for toponym, lang in names:
        if toponym and toponym not in seen:
            unique.append((toponym, lang))
            seen.add(toponym)
    return unique


def _names(row: pd.Series) -> list[dict]:
    names = [{"toponym": toponym, "lang": lang} for toponym, lang in place_names(row)]
    names[0]["citations"] = [{"label": _text(row, S.SOURCE)}]
    return names


def place_description(row: pd.Series) -> str:
    """The modern identification, how the point was chosen and how uncertain it is, and the note."""
    km = float(row[S.UNCERTAINTY_KM])
    return (f"{_text(row, S.MODERN)}. Located by {_text(row, S.LOCATION_BASIS)}, "
            f"uncertainty about {km:g} km. {_text(row, S.NOTE)}").strip()


def place_uri_stem(*, base_url: str = "", dataset_uri: str = DATASET_URI) -> str:
    """The text before a place id in the place's URI.

    With ``base_url`` (where the site is published) a place is its entry on the gazetteer page,
    ``{base_url}gazetteer.html#{id}``, an address a browser opens. Without one it is a tag URI
    (RFC 4151) that names the place, not a file, so it stays the same wherever the download is
    copied: ``tag:NAME,2026:place/{id}`` from the project's name in ``geo.toml``, or the
    ``[project] place_uri`` a project with its own domain or DOI gives (the site passes
    :attr:`geo.settings.Settings.place_uri`). The id is the gazetteer's ``id``, which never changes.

    >>> place_uri_stem(base_url="https://example.org/maps/")
    'https://example.org/maps/gazetteer.html#'
    >>> place_uri_stem() + "liao_zhongjing"
    'tag:geo-project,2026:place/liao_zhongjing'
    """
    return f"{base_url}gazetteer.html#" if base_url else (dataset_uri or DATASET_URI)


def place_concept(row: pd.Series) -> tuple[str, str]:
    """The Getty AAT concept (``aat:…``, label) of a place's type; ``site`` for a type without one."""
    return AAT.get(_text(row, S.PLACE_TYPE), DEFAULT_CONCEPT)


def _certainty(km: float) -> str:
    return next((word for limit, word in CERTAINTY_BY_KM if km <= limit), "uncertain")


def authority_identifiers(row: pd.Series) -> list[str]:
    """The authorities' records of the same place: Wikidata as ``wd:Q…``, the others as their URLs."""
    identifiers = []
    for column, (_, template) in S.AUTHORITIES.items():
        for value in split_list(_text(row, column)):
            identifiers.append(f"wd:{value}" if column == S.WIKIDATA else template.format(value))
    return identifiers


def place_to_feature(row: pd.Series, *, base_uri: str, ccodes: Sequence[str] = ()) -> dict:
    """One gazetteer row as a Linked Places Feature; ``ccodes`` are its modern countries."""
    identifier, label = place_concept(row)
    km = float(row[S.UNCERTAINTY_KM])
    feature = {
        "@id": f"{base_uri}{_text(row, S.PLACE_ID)}", "type": "Feature",
        "properties": {"title": f"{_text(row, S.NAME)} {_text(row, S.PINYIN)}", "ccodes": list(ccodes)},
        "names": _names(row),
        "types": [{"identifier": identifier, "label": label, "sourceLabels": [
            {"label": _text(row, S.PLACE_TYPE), "lang": "en"}]}],
        "geometry": {"type": "GeometryCollection", "geometries": [{
            "type": "Point", "coordinates": [round(row.geometry.x, 6), round(row.geometry.y, 6)],
            "certainty": _certainty(km), "citations": [{"label": _text(row, S.SOURCE)}]}]},
        "descriptions": [{"value": place_description(row), "lang": "en"}],
    }
    when = _when(row)
    if when:
        feature["when"] = when
    links = [{"type": "closeMatch", "identifier": i} for i in authority_identifiers(row)]
    if links:
        feature["links"] = links
    return feature


def places_to_lpf(places: gpd.GeoDataFrame, *, base_uri: str = DATASET_URI,
                  ccodes: Mapping[str, Sequence[str]] | None = None) -> dict:
    """The gazetteer as one LPF FeatureCollection, sorted by id.

    ``ccodes`` by place id default to those of :func:`geo.render.export.ccodes.places_ccodes`.
    """
    codes = places_ccodes(places) if ccodes is None else ccodes
    rows = places.sort_values(S.PLACE_ID)
    return {"type": "FeatureCollection", "@context": CONTEXT,
            "features": [place_to_feature(row, base_uri=base_uri, ccodes=codes.get(_text(row, S.PLACE_ID), ()))
                         for _, row in rows.iterrows()]}


def _when_problems(when: object, where: str) -> list[str]:
    if not isinstance(when, dict) or not (when.get("timespans") or when.get("periods")):
        return [f"{where}: 'when' needs timespans or periods"]
    problems = []
    for span in when.get("timespans", []):
        start = span.get("start") if isinstance(span, dict) else None
        if not isinstance(start, dict) or not start:
            problems.append(f"{where}: a timespan needs a start")
            continue
        for part in (start, span.get("end") or {}):
            for key, value in part.items():
                if key not in ("in", "earliest", "latest") or not _ISO.match(str(value)):
                    problems.append(f"{where}: bad timespan value {key}={value!r}")
    return problems


def _geometry_problems(geometry: object, where: str) -> list[str]:
    if not isinstance(geometry, dict) or geometry.get("type") != "GeometryCollection":
        return [f"{where}: geometry must be a GeometryCollection"]
    problems = []
    for geom in geometry.get("geometries") or []:
        coords = geom.get("coordinates") if isinstance(geom, dict) else None
        if geom == "null":
            continue
        if geom.get("type") != "Point" or not (isinstance(coords, list) and len(coords) == 2
                                               and -180 <= coords[0] <= 180 and -90 <= coords[1] <= 90):
            problems.append(f"{where}: geometries must be Points with [lon, lat]")
        if geom.get("certainty", "certain") not in ("certain", "less-certain", "uncertain"):
            problems.append(f"{where}: certainty must be certain, less-certain or uncertain")
        if "when" in geom:
            problems += _when_problems(geom["when"], where)
    return problems


def _feature_problems(feature: dict, where: str) -> list[str]:
    problems = []
    if not str(feature.get("@id", "")).strip():
        problems.append(f"{where}: '@id' is required")
    if feature.get("type") != "Feature":
        problems.append(f"{where}: type must be Feature")
    props = feature.get("properties") or {}
    if not str(props.get("title", "")).strip():
        problems.append(f"{where}: properties.title is required")
    if any(not re.fullmatch(r"[A-Z]{2}", c) for c in props.get("ccodes", [])):
        problems.append(f"{where}: ccodes must be ISO 3166-1 alpha-2 codes")
    names = feature.get("names") or []
    if not names or any(not str(n.get("toponym", "")).strip() for n in names):
        problems.append(f"{where}: names[] needs one or more toponyms")
    if names and not any(n.get("citations") for n in names):
        problems.append(f"{where}: at least one name must have a citation")
    if any(not t.get("identifier") or not t.get("label") for t in feature.get("types", [])):
        problems.append(f"{where}: each type needs an identifier and a label")
    if "when" in feature:
        problems += _when_problems(feature["when"], where)
    for link in feature.get("links", []):
        if link.get("type") not in ("closeMatch", "exactMatch", "primaryTopicOf", "subjectOf") or not str(
                link.get("identifier", "")).strip():
            problems.append(f"{where}: a link needs a type (closeMatch, exactMatch …) and an identifier")
    return problems + _geometry_problems(feature.get("geometry"), where)


def lpf_problems(document: dict) -> list[str]:
    """Every way ``document`` breaks the Linked Places Format's rules (empty when valid)."""
    problems = []
    if document.get("type") != "FeatureCollection":
        problems.append("the document must be a FeatureCollection")
    if not str(document.get("@context", "")).startswith("http"):
        problems.append("'@context' must name the Linked Places context document")
    ids = [f.get("@id") for f in document.get("features", [])]
    if len(ids) != len(set(ids)):
        problems.append("'@id' values must be unique")
    for number, feature in enumerate(document.get("features", []), start=1):
        problems += _feature_problems(feature, f"feature {number} ({feature.get('@id')})")
    return problems
