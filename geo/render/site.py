"""The static map site: one folder with an index, a page per campaign, the gazetteer, downloads and assets.

The site is written into a temporary folder next to the target and swapped in
only when complete, so an error or an interruption leaves the previous site as
it was. All links are relative: the folder works from ``file://``, from any
static server and from a sub-path.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from geo import schema as S
from geo.errors import FontError, GeoDataError
from geo.events import campaign_events
from geo.output import (
    build_lock,
    check_target,
    make_staging,
    prepare_parent,
    remove_leftovers,
    swap_in,
    write_manifest,
)
from geo.pipeline import Joined, join_project
from geo.project import Project
from geo.render import pages
from geo.render.assets import copy_assets
from geo.render.basemap import basemap_geojson
from geo.render.html_map import FIGURE_FORMATS, render_campaign_map, render_gazetteer_map, safe_json
from geo.settings import Settings
from geo.tables import read_table

Progress = Callable[[str], None]


@dataclass
class BuildReport:
    """What a build wrote: pages, features and bytes (for the CLI's summary line)."""

    pages: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    features: int = 0
    bytes: int = 0


def _write(folder: Path, rel: str, text: str, report: BuildReport) -> None:
    path = folder / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8")
    path.write_bytes(data)
    report.bytes += len(data)
    if rel.endswith(".html"):
        report.pages.append(rel)


def _campaign_rows(joined: Joined, only: str | None) -> list[dict]:
    """Campaign rows in the order of their first event (then by id)."""
    def first_day(row: dict) -> tuple[int, str]:
        events = campaign_events(joined.events, row[S.CAMPAIGN_ID])
        return (int(events[S.JDN_START].min()) if len(events) else 0, row[S.CAMPAIGN_ID])

    rows = sorted(joined.campaigns.to_dict("records"), key=first_day)
    return [r for r in rows if only is None or r[S.CAMPAIGN_ID] == only]


def _print_figures(joined: Joined, cid: str, folder: Path) -> str | None:
    """Draw the campaign's figure for print as PDF, SVG and PNG (300 dpi); the problem when it cannot be drawn."""
    from geo.render.figure import figure_inputs, fonts, render_campaign_figure
    from geo.render.figure.cache import cached, figure_key, remember

    targets = [folder / f"{cid}.{fmt}" for fmt in FIGURE_FORMATS]
    try:
        key = figure_key(*figure_inputs(joined, cid), 300, font=fonts.find_cjk_font())
        if cached(key, targets):
            return None
        render_campaign_figure(joined, [cid], path=targets, dpi=300)
        remember(key, targets)
    except (GeoDataError, ValueError) as exc:  # e.g. a label that matplotlib's text engine rejects
        for fmt in FIGURE_FORMATS:
            (folder / f"{cid}.{fmt}").unlink(missing_ok=True)
        return next((line for line in str(exc).splitlines() if line.strip()), type(exc).__name__)
    return None


def write_site_files(joined: Joined, folder: Path, *, seeds: Path, settings: Settings, campaign: str | None = None,
                     progress: Progress | None = None) -> BuildReport:
    """Write every page, download and asset of the site into ``folder`` (which must exist).

    ``settings`` give the site's title, description, about text, author, licence and ``base_url``.
    """
    base_url = settings.base_url
    from geo.render.export import write_downloads
    from geo.render.figure import render_preview_png

    report = BuildReport()
    say = progress or (lambda _msg: None)
    copy_assets(folder)
    _write(folder, "assets/basemap.js", f"window.GEO_BASEMAP = {safe_json(basemap_geojson())};\n", report)
    campaigns = _campaign_rows(joined, campaign)
    (folder / "previews").mkdir()
    (folder / "figures").mkdir()
    drawn: set[str] = set()
    figure_problems: dict[str, str] = {}
    for row in campaigns:
        cid = row[S.CAMPAIGN_ID]
        say(f"campaign {cid}")
        if not report.warnings:
            try:
                render_preview_png(joined, cid, path=folder / "previews" / f"{cid}.png")
            except FontError as exc:  # the maps do not need the font; only the index previews do
                report.warnings.append(f"no preview images on the index: {exc}")
        problem = "no CJK font" if report.warnings else _print_figures(joined, cid, folder / "figures")
        if problem is None:
            drawn.add(cid)
        elif not report.warnings:
            figure_problems[cid] = problem
        events = campaign_events(joined.events, cid)
        legs = joined.legs[joined.legs["campaign"] == cid]
        html = render_campaign_map(events, legs, joined.actors, campaign=row, all_events=joined.events,
                                   sources=[s.stem for s in seeds.glob("*.txt")], figures=cid in drawn,
                                   base_url=base_url)
        _write(folder, f"{cid}.html", html, report)
        report.features += len(events) + len(legs)
    say("gazetteer")
    built = joined.campaigns[joined.campaigns[S.CAMPAIGN_ID].isin([r[S.CAMPAIGN_ID] for r in campaigns])]
    _write(folder, "gazetteer.html", render_gazetteer_map(joined.places, events=joined.events, campaigns=built), report)
    say("downloads")
    report.bytes += write_downloads(joined, folder / "data", campaigns=[r[S.CAMPAIGN_ID] for r in campaigns],
                                    base_url=base_url, dataset_uri=settings.place_uri)
    _write(folder, "index.html", pages.index_page(joined, campaigns, settings=settings, previews=not report.warnings,
                                                  figures=drawn,
                                                  sources=sorted(s.stem for s in seeds.glob("*.txt"))), report)
    _write(folder, "about.html", pages.about_page(joined, seeds=seeds, settings=settings), report)
    _write(folder, "README.md", pages.OUTPUT_README, report)
    report.warnings += [f"no print figure of {cid}: {problem}" for cid, problem in sorted(figure_problems.items())]
    _write_sources(joined, folder, seeds=seeds, campaigns=[r[S.CAMPAIGN_ID] for r in campaigns], report=report)
    return report


def _write_sources(joined: Joined, folder: Path, *, seeds: Path, campaigns: list[str], report: BuildReport) -> None:
    """The seed texts: raw under ``seeds/``, and a reader page with line numbers under ``sources/``."""
    from geo.render.source_pages import render_source_page

    (folder / "seeds").mkdir(exist_ok=True)
    homonyms = seeds.parent / S.HOMONYMS_FILE
    readings = read_table(homonyms).rows if homonyms.is_file() else ()
    for seed in sorted(seeds.glob("*.txt")):
        shutil.copyfile(seed, folder / "seeds" / seed.name)
        lines = seed.read_text(encoding="utf-8-sig").splitlines()
        page = render_source_page(lines, siglum=seed.stem, events=joined.events, places=joined.places,
                                  campaign_pages=campaigns, homonyms=readings)
        _write(folder, f"sources/{seed.stem}.html", page, report)


def _check_campaign(joined: Joined, campaign: str | None) -> None:
    known = sorted(joined.campaigns[S.CAMPAIGN_ID])
    if campaign is not None and campaign not in known:
        msg = f"no campaign {campaign!r} — the campaigns are: {', '.join(known)}"
        raise GeoDataError(msg)


def build_site(project: Project, out: str | Path, *, campaign: str | None = None, force: bool = False,
               base_url: str | None = None, progress: Progress | None = None) -> BuildReport:
    """Validate, join and render the whole site into ``out`` atomically.

    Invalid data raises :class:`geo.errors.ValidationError` before anything is written; an ``out``
    that holds anything but an earlier build raises :class:`geo.errors.OutputError` unless ``force``;
    an error or interruption while writing leaves the previous site as it was. The site's title and
    texts come from the project's ``geo.toml``; ``base_url`` (where the site is published, ``https://…/``;
    default: the one in ``geo.toml``) makes embed snippets and Linked Places ``@id``s absolute; without it
    the ``@id``s are the project's ``place_uri`` and the place id (by default a tag URI that does not depend
    on where the files are: :func:`geo.render.export.lpf.place_uri_stem`).
    """
    settings = project.settings if base_url is None else replace(project.settings, base_url=base_url)
    target, root = Path(out).resolve(), project.root.resolve()
    check_target(target, root=root, force=force)
    joined = join_project(project)
    _check_campaign(joined, campaign)
    prepare_parent(target)
    with build_lock(target):
        remove_leftovers(target)
        staging = make_staging(target)
        try:
            report = write_site_files(joined, staging, seeds=project.root / S.SEEDS_DIR, settings=settings,
                                      campaign=campaign, progress=progress)
            write_manifest(staging)
            check_target(target, root=root, force=force, staging=staging)
            staging.chmod(0o755)
            swap_in(staging, target)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    return report
