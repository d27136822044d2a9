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
from branca.element import Element, Figure, MacroElement
from jinja2 import Template
from markupsafe import escape

from geo import schema as S
from geo.render.map_data import campaign_data, gazetteer_data
from geo.render.style import DATE_CONVENTION, TILES


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


def page(data: dict, *, title: str, function: str, header_html: str, assets: str) -> str:
    """Assemble a map page: the map, a header block, the data block; return HTML with stable ids."""
    figure = Figure(title=str(escape(title)))  # branca puts the title into <title> unescaped
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


EMBED_RATIO = "16 / 10"


def embed_snippet(page_name: str, title: str) -> str:
    """The iframe a blog or slide can paste; the page's script makes ``src`` absolute where it is served."""
    return (f'<iframe src="{escape(page_name)}" title="{escape(title)}" loading="lazy" '
            f'style="width: 100%; aspect-ratio: {EMBED_RATIO}; border: 1px solid #ccc"></iframe>')


def _links(label: str, links: list[tuple[str, str]]) -> str:
    items = " · ".join(f'<a href="{escape(href)}">{escape(text)}</a>' for text, href in links)
    return f'<p class="geo-links">{escape(label)}{": " if label else ""}{items}</p>'


def title_block(*, title: str, subtitle: str, paragraphs: list[str], links: list[tuple[str, str]],
                embed: str = "", downloads: list[tuple[str, list[tuple[str, str]]]] = ()) -> str:
    """The header box of a page, collapsible to its title; every argument is escaped here.

    ``downloads`` are labelled groups of links (``("Figure", [("PDF", "figures/x.pdf"), ...])``).
    """
    parts = ['<details class="geo-title" open><summary title="Show or hide the description">'
             f"<h1>{escape(title)}</h1></summary>", f"<p><b>{escape(subtitle)}</b></p>"]
    parts += [f"<p>{escape(p)}</p>" for p in paragraphs[:-1]]
    if paragraphs:
        parts.append(f'<p class="geo-convention">{escape(paragraphs[-1])}</p>')
    parts.append(_links("", links))
    parts += [_links(label, group) for label, group in downloads]
    if embed:
        parts.append('<details class="geo-embed"><summary>Embed this map</summary>'
                     f'<textarea readonly rows="4" aria-label="Embed code">{escape(embed)}</textarea></details>')
    return "".join(parts) + "</details>"


def campaign_downloads(cid: str, *, figures: bool) -> list[tuple[str, list[tuple[str, str]]]]:
    """The download links of one campaign: data in every format and, when drawn, the paper figure."""
    groups = [("Download", [("GeoJSON", f"data/{cid}.geojson"), ("routes", f"data/{cid}-routes.geojson"),
                            ("CSV", f"data/{cid}.csv"), ("GeoPackage", f"data/{cid}.gpkg")])]
    if figures:
        groups.append(("Figure for print", [(fmt.upper(), f"figures/{cid}.{fmt}") for fmt in FIGURE_FORMATS]))
    return groups


FIGURE_FORMATS = ("pdf", "svg", "png")


def _span(events: gpd.GeoDataFrame) -> str:
    """``, dated 1122-01-18 – 1123-02-03 (Julian)``: the span the time slider covers."""
    if not len(events):
        return ""
    return f", dated {events[S.JULIAN_START].min()} – {events[S.JULIAN_END].max()} (Julian)"


def render_campaign_map(events: gpd.GeoDataFrame, legs: gpd.GeoDataFrame, actors: pd.DataFrame, *,
                        campaign: dict, all_events: gpd.GeoDataFrame, assets: str = "assets/",
                        sources: Iterable[str] = (), figures: bool = False, base_url: str = "") -> str:
    """The HTML page of one campaign: the story panel, routes per actor and source, events, time control.

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
    sources : iterable of str
        The sigla with a reader page ``sources/SIGLUM.html``: citations link to their line there.
    figures : bool
        Whether ``figures/CAMPAIGN.{pdf,svg,png}`` exist, to link them.
    """
    cid = str(campaign[S.CAMPAIGN_ID])
    data = campaign_data(events, legs, actors, all_events=all_events, tiles=_tiles(), sources=sources)
    header = title_block(
        title=f"{campaign[S.TITLE_ZH]} · {campaign[S.TITLE_EN]}", subtitle=str(campaign[S.PERIOD]),
        paragraphs=[str(campaign[S.DESCRIPTION]), f"{len(events)} events from the sources{_span(events)}; "
                    f"{len(legs)} legs of routes, each one source's itinerary.",
                    DATE_CONVENTION],
        links=[("All maps", "index.html"), ("Gazetteer", "gazetteer.html"), ("About the data", "about.html")],
        downloads=campaign_downloads(cid, figures=figures),
        embed=embed_snippet(f"{base_url}{cid}.html", str(campaign[S.TITLE_EN])),
    )
    return page(data, title=f"{campaign[S.TITLE_EN]} — {campaign[S.TITLE_ZH]}", function="campaign",
                header_html=header, assets=assets)


def render_gazetteer_map(places: gpd.GeoDataFrame, *, assets: str = "assets/", events: gpd.GeoDataFrame | None = None,
                         campaigns: pd.DataFrame | None = None) -> str:
    """The gazetteer page: every place, searchable by any name form or its modern identification, with its
    identification, source and (when ``events`` are given) its events across all campaigns."""
    header = title_block(
        title="地名錄 · Gazetteer", subtitle=f"{len(places)} places named in the sources",
        paragraphs=["Search by characters (traditional or simplified), a variant name, pinyin with or without "
                    "tones, the id, or the modern place (Datong, Beijing). Click a place for its identification, "
                    "uncertainty, source and events; its address (gazetteer.html#id) can be cited.",
                    DATE_CONVENTION],
        links=[("All maps", "index.html"), ("About the data", "about.html")],
        downloads=[("Download", [("CSV", "data/gazetteer.csv"), ("GeoJSON", "data/gazetteer.geojson"),
                                 ("GeoPackage", "data/gazetteer.gpkg"), ("Linked Places", "data/gazetteer.lpf.json"),
                                 ("LP-TSV", "data/gazetteer.lp.tsv")])],
    )
    data = gazetteer_data(places, tiles=_tiles(), events=events, campaigns=campaigns)
    return page(data, title="Gazetteer — 地名錄", function="gazetteer", header_html=header, assets=assets)
