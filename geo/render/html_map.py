"""Campaign and gazetteer maps as folium pages that load every script from local copies.

The page is a folium ``Map`` whose Leaflet comes from ``assets/``; the data goes
into one ``<script type="application/json">`` block (escaped for that context)
and ``assets/geo-map.js`` draws it, one layer per actor. Element ids are
renumbered after the page is assembled, so two builds are byte-identical.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

import folium
import geopandas as gpd
import pandas as pd
import xyzservices.providers as xyz
from branca.element import Element, Figure, MacroElement
from jinja2 import Template
from markupsafe import escape

from geo import schema as S
from geo.render.style import ACTION_ORDER, PLACE_TYPE_COLOURS, REGIME_NAMES, julian_label

TILES = (
    ("OpenTopoMap (relief)", xyz.OpenTopoMap),
    ("Esri World Physical", xyz.Esri.WorldPhysical),
    ("Esri Shaded Relief", xyz.Esri.WorldShadedRelief),
    ("OpenStreetMap", xyz.OpenStreetMap.Mapnik),
)
DATE_CONVENTION = (
    "Dates are given as the source writes them, in the calendar of the regime whose era it uses, and converted "
    "to the Julian calendar (proleptic Gregorian in the downloads). Month- and season-dated events span their "
    "whole interval. Points are approximate: the dashed circles show each place's uncertainty."
)


def safe_json(data: object) -> str:
    """JSON that is safe inside ``<script>``: ``<``, ``>``, ``&`` and line separators are escaped.

    >>> safe_json({"q": "</script><b>"})
    '{"q": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, allow_nan=False)
    for char, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                       ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, code)
    return text


class LocalMap(folium.Map):
    """A folium Map that loads Leaflet and the project's own script from ``assets/`` (no CDN)."""

    def __init__(self, *, assets: str = "assets/", **kwargs: object) -> None:
        self.default_js = [("leaflet", f"{assets}leaflet/leaflet.js"), ("geo_basemap", f"{assets}basemap.js"),
                           ("geo_map", f"{assets}geo-map.js")]
        self.default_css = [("leaflet_css", f"{assets}leaflet/leaflet.css"), ("geo_css", f"{assets}geo-map.css")]
        super().__init__(tiles=None, control_scale=True, **kwargs)


class _Call(MacroElement):
    _template = Template(
        "{% macro script(this, kwargs) %}"
        "GeoMap.{{ this.function }}({{ this._parent.get_name() }}, GeoMap.readData({{ this.data_id|tojson }}));"
        "{% endmacro %}"
    )

    def __init__(self, function: str, data_id: str) -> None:
        super().__init__()
        self._name = "GeoCall"
        self.function = function
        self.data_id = data_id


def _stable_ids(root: Element) -> None:
    """Replace branca's random element ids with a deterministic count."""
    stack, number = [root], 0
    while stack:
        element = stack.pop(0)
        element._id = f"{number:04d}"
        number += 1
        stack.extend(element._children.values())


def _tiles() -> list[dict]:
    return [
        {"name": name, "url": provider.build_url(scale_factor="{r}") if "{r}" in provider.url else provider.build_url(),
         "attribution": provider.get("html_attribution", provider.attribution),
         "max_zoom": int(provider.get("max_zoom", 18))}
        for name, provider in TILES
    ]


def _round(value: float) -> float:
    return round(float(value), 6)


def _bounds(points: Iterable[tuple[float, float]]) -> list[list[float]] | None:
    points = list(points)
    if not points:
        return None
    lons, lats = zip(*points)
    return [[_round(min(lats)), _round(min(lons))], [_round(max(lats)), _round(max(lons))]]


def page(data: dict, *, title: str, function: str, header_html: str, assets: str) -> str:
    """Assemble a map page: the map, a header block, the data block; return HTML with stable ids."""
    figure = Figure(title=title)
    fmap = LocalMap(assets=assets, location=[42.0, 117.0], zoom_start=5)
    figure.add_child(fmap)
    figure.header.add_child(Element('<meta charset="utf-8">'), name="charset")
    figure.html.add_child(Element(header_html), name="geo_header")
    figure.html.add_child(
        Element(f'<script type="application/json" id="geo-data">{safe_json(data)}</script>'), name="geo_data"
    )
    fmap.add_child(_Call(function, "geo-data"))
    _stable_ids(figure)
    html = figure.render()
    return "\n".join(line.rstrip() for line in html.splitlines()) + "\n"


def _event_properties(event: pd.Series, *, actor_name: str, stop: int, readings: list[dict]) -> dict:
    def text(column: str) -> str:
        value = event.get(column)
        return "" if value is None or pd.isna(value) else str(value)

    return {
        "id": text(S.EVENT_ID), "actor": text(S.ACTOR), "actor_name": actor_name, "action": text(S.ACTION),
        "target": text(S.TARGET), "date": text(S.DATE), "regime_name": REGIME_NAMES.get(text(S.REGIME), text(S.REGIME)),
        "julian_label": julian_label(event), "jdn_start": int(event[S.JDN_START]), "jdn_end": int(event[S.JDN_END]),
        "quote": text(S.QUOTE), "summary_en": text(S.SUMMARY_EN), "source": text(S.EVENT_SOURCE),
        "certainty": text(S.CERTAINTY), "note": text(S.NOTE), "place_name": text(S.PLACE_NAME),
        "place_pinyin": text(S.PLACE_PINYIN), "place_modern": text(S.PLACE_MODERN), "place_basis": text(S.PLACE_BASIS),
        "place_uncertainty_km": float(event[S.PLACE_UNCERTAINTY]), "stop": stop, "other_readings": readings,
    }


def _other_readings(event: pd.Series, all_events: gpd.GeoDataFrame) -> list[dict]:
    key = event.get(S.READING)
    if key is None or pd.isna(key):
        return []
    others = all_events[(all_events[S.READING] == key) & (all_events[S.EVENT_ID] != event[S.EVENT_ID])]
    return [
        {"source": str(o[S.EVENT_SOURCE]), "date": str(o[S.DATE]), "julian": julian_label(o), "quote": str(o[S.QUOTE]),
         "place": str(o[S.PLACE_NAME])}
        for _, o in others.sort_values([S.EVENT_SOURCE, S.EVENT_ID]).iterrows()
    ]


def _feature(geometry: dict, properties: dict) -> dict:
    return {"type": "Feature", "geometry": geometry, "properties": properties}


def _point(geom: object) -> dict:
    return {"type": "Point", "coordinates": [_round(geom.x), _round(geom.y)]}


def campaign_data(events: gpd.GeoDataFrame, legs: gpd.GeoDataFrame, actors: pd.DataFrame,
                  *, all_events: gpd.GeoDataFrame) -> dict:
    """The JSON a campaign page draws: actors, events, legs, time steps and places."""
    actor_rows = actors.set_index(S.ACTOR_ID)
    used = [a for a in actor_rows.index if a in set(events[S.ACTOR])]
    features, stops = [], {}
    for _, event in events.iterrows():
        actor = event[S.ACTOR]
        stops[actor] = stops.get(actor, 0) + 1
        props = _event_properties(event, actor_name=str(actor_rows.loc[actor, S.NAME_EN]), stop=stops[actor],
                                  readings=_other_readings(event, all_events))
        features.append(_feature(_point(event.geometry), props))
    return {
        "actors": [{"id": a, "name_en": str(actor_rows.loc[a, S.NAME_EN]), "name_zh": str(actor_rows.loc[a, S.NAME_ZH]),
                    "colour": str(actor_rows.loc[a, S.COLOUR])} for a in used],
        "actions": [a for a in ACTION_ORDER if a in set(events[S.ACTION])],
        "events": {"type": "FeatureCollection", "features": features},
        "legs": {"type": "FeatureCollection", "features": _leg_features(legs, events)},
        "steps": _steps(events),
        "places": _campaign_places(events),
        "tiles": _tiles(),
        "bounds": _bounds((g.x, g.y) for g in events.geometry),
    }


def _leg_features(legs: gpd.GeoDataFrame, events: gpd.GeoDataFrame) -> list[dict]:
    starts = dict(zip(events[S.EVENT_ID], events[S.JDN_START]))
    names = dict(zip(events[S.PLACE], events[S.PLACE_NAME]))
    out = []
    for _, leg in legs.iterrows():
        coords = [[_round(x), _round(y)] for x, y in leg.geometry.coords]
        props = {
            "actor": leg["actor"], "from_name": str(names.get(leg["from_place"], leg["from_place"])),
            "to_name": str(names.get(leg["to_place"], leg["to_place"])), "distance_km": float(leg["distance_km"]),
            "distance_li": int(leg["distance_li"]), "days_max": int(leg["days_max"]),
            "implausible": bool(leg["implausible"]), "uncertain": bool(leg["uncertain"]),
            "to_jdn": int(starts[leg["to_event"]]), "leg": int(leg["leg"]),
        }
        out.append(_feature({"type": "LineString", "coordinates": coords}, props))
    return out


def _steps(events: gpd.GeoDataFrame) -> list[dict]:
    steps = []
    for jdn, group in events.groupby(S.JDN_START, sort=True):
        first = group.iloc[0]
        steps.append({"jdn": int(jdn), "label_zh": str(first[S.DATE]), "label_julian": julian_label(first)})
    return steps


def _campaign_places(events: gpd.GeoDataFrame) -> list[dict]:
    seen = events.drop_duplicates(S.PLACE).sort_values(S.PLACE)
    return [
        {"id": str(e[S.PLACE]), "name": str(e[S.PLACE_NAME]), "pinyin": str(e[S.PLACE_PINYIN]),
         "lat": _round(e.geometry.y), "lon": _round(e.geometry.x), "uncertainty_km": float(e[S.PLACE_UNCERTAINTY])}
        for _, e in seen.iterrows()
    ]


EMBED_RATIO = "16 / 10"


def embed_snippet(page_name: str, title: str) -> str:
    """The iframe a blog or slide can paste; the page's script makes ``src`` absolute where it is served."""
    return (f'<iframe src="{escape(page_name)}" title="{escape(title)}" loading="lazy" '
            f'style="width: 100%; aspect-ratio: {EMBED_RATIO}; border: 1px solid #ccc"></iframe>')


def title_block(*, title: str, subtitle: str, paragraphs: list[str], links: list[tuple[str, str]],
                embed: str = "") -> str:
    """The header box of a page; every argument is escaped here."""
    parts = [f'<div class="geo-title"><h1>{escape(title)}</h1>', f"<p><b>{escape(subtitle)}</b></p>"]
    parts += [f"<p>{escape(p)}</p>" for p in paragraphs[:-1]]
    if paragraphs:
        parts.append(f'<p class="geo-convention">{escape(paragraphs[-1])}</p>')
    parts.append("<p>" + " · ".join(f'<a href="{escape(href)}">{escape(text)}</a>' for text, href in links) + "</p>")
    if embed:
        parts.append('<details class="geo-embed"><summary>Embed this map</summary>'
                     f'<textarea readonly rows="4" aria-label="Embed code">{escape(embed)}</textarea></details>')
    return "".join(parts) + "</div>"


def render_campaign_map(events: gpd.GeoDataFrame, legs: gpd.GeoDataFrame, actors: pd.DataFrame, *,
                        campaign: dict, all_events: gpd.GeoDataFrame, assets: str = "assets/") -> str:
    """The HTML page of one campaign: routes per actor, events, uncertainty, labels, time control.

    Parameters
    ----------
    events, legs : GeoDataFrame
        The campaign's joined events (sorted in time) and its legs (:func:`geo.routes.events_to_routes`).
    actors : DataFrame
        The actors table.
    campaign : dict
        The campaign's row (``id``, ``title_zh``, ``title_en``, ``description``, ``period``).
    all_events : GeoDataFrame
        Every event, to show other sources' readings of the same event.
    """
    data = campaign_data(events, legs, actors, all_events=all_events)
    header = title_block(
        title=f"{campaign[S.TITLE_ZH]} · {campaign[S.TITLE_EN]}", subtitle=str(campaign[S.PERIOD]),
        paragraphs=[str(campaign[S.DESCRIPTION]), f"{len(events)} events from the sources; {len(legs)} legs.",
                    DATE_CONVENTION],
        links=[("All maps", "index.html"), ("Gazetteer", "gazetteer.html"), ("About the data", "about.html"),
               ("Download", f"data/{campaign[S.CAMPAIGN_ID]}.geojson")],
        embed=embed_snippet(f"{campaign[S.CAMPAIGN_ID]}.html", str(campaign[S.TITLE_EN])),
    )
    return page(data, title=f"{campaign[S.TITLE_EN]} — {campaign[S.TITLE_ZH]}", function="campaign",
                header_html=header, assets=assets)


def gazetteer_data(places: gpd.GeoDataFrame) -> dict:
    """The JSON the gazetteer page draws: every place with all its name forms as a search key."""
    from geo.names import pinyin_key

    rows = []
    for _, p in places.sort_values(S.PLACE_ID).iterrows():
        def text(column: str, p: pd.Series = p) -> str:
            value = p.get(column)
            return "" if value is None or pd.isna(value) else str(value)

        names = [text(S.PLACE_ID), text(S.NAME), text(S.NAME_SIMPLIFIED), text(S.PINYIN), text(S.VARIANTS),
                 pinyin_key(text(S.PINYIN))]
        rows.append({
            "id": text(S.PLACE_ID), "name": text(S.NAME), "name_simplified": text(S.NAME_SIMPLIFIED),
            "pinyin": text(S.PINYIN), "variants": text(S.VARIANTS), "type": text(S.PLACE_TYPE),
            "modern": text(S.MODERN), "location_basis": text(S.LOCATION_BASIS), "source": text(S.SOURCE),
            "note": text(S.NOTE), "uncertainty_km": float(p[S.UNCERTAINTY_KM]), "lat": _round(p.geometry.y),
            "lon": _round(p.geometry.x), "colour": PLACE_TYPE_COLOURS.get(text(S.PLACE_TYPE), "#888888"),
            "search": " ".join(names),
        })
    return {"places": rows, "tiles": _tiles(), "bounds": _bounds((r["lon"], r["lat"]) for r in rows)}


def render_gazetteer_map(places: gpd.GeoDataFrame, *, assets: str = "assets/") -> str:
    """The gazetteer page: every place, searchable by any name form, with identification and source."""
    header = title_block(
        title="地名錄 · Gazetteer", subtitle=f"{len(places)} places named in the sources",
        paragraphs=["Search by characters (traditional or simplified), a variant name, pinyin with or without "
                    "tones, or the id. Click a place for its identification, uncertainty and source.",
                    DATE_CONVENTION],
        links=[("All maps", "index.html"), ("About the data", "about.html"), ("Download", "data/gazetteer.csv")],
    )
    return page(gazetteer_data(places), title="Gazetteer — 地名錄", function="gazetteer", header_html=header,
                assets=assets)
