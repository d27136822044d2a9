"""The static map site: one folder with an index, a page per campaign, the gazetteer, downloads and assets.

The site is written into a temporary folder next to the target and swapped in
only when complete, so an error or an interruption leaves the previous site as
it was. All links are relative: the folder works from ``file://``, from any
static server and from a sub-path.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geo import schema as S
from geo.errors import FontError, GeoDataError
from geo.events import add_jdn, campaign_events, events_to_frame, join_events, table_to_frame
from geo.project import Project, validate_project
from geo.render import pages
from geo.render.assets import copy_assets
from geo.render.basemap import basemap_geojson
from geo.render.html_map import FIGURE_FORMATS, render_campaign_map, render_gazetteer_map, safe_json
from geo.routes import events_to_routes, routed_actors

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Joined:
    """The joined tables every renderer reads."""

    places: gpd.GeoDataFrame
    events: gpd.GeoDataFrame
    legs: gpd.GeoDataFrame
    campaigns: pd.DataFrame
    actors: pd.DataFrame


@dataclass
class BuildReport:
    """What a build wrote: pages, features and bytes (for the CLI's summary line)."""

    pages: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    features: int = 0
    bytes: int = 0


def join_project(project: Project) -> Joined:
    """Validate the project (raise once), convert dates, join events to places and build routes."""
    from geo.gazetteer import places_to_gdf

    validate_project(project)
    places = places_to_gdf(project.places)
    events = join_events(add_jdn(events_to_frame(project.events)), places)
    actors = table_to_frame(project.actors)
    legs = events_to_routes(events, actors=routed_actors(actors))
    return Joined(places, events, legs, table_to_frame(project.campaigns), actors)


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
    from geo.render.figure import render_campaign_figure

    try:
        for fmt in FIGURE_FORMATS:
            render_campaign_figure(joined, [cid], path=folder / f"{cid}.{fmt}", dpi=300)
    except (GeoDataError, ValueError) as exc:  # e.g. a label that matplotlib's text engine rejects
        for fmt in FIGURE_FORMATS:
            (folder / f"{cid}.{fmt}").unlink(missing_ok=True)
        return next((line for line in str(exc).splitlines() if line.strip()), type(exc).__name__)
    return None


def write_site_files(joined: Joined, folder: Path, *, seeds: Path, campaign: str | None = None,
                     progress: Progress | None = None) -> BuildReport:
    """Write every page, download and asset of the site into ``folder`` (which must exist)."""
    from geo.render.export import write_downloads
    from geo.render.figure import render_preview_png
    from geo.render.source_pages import render_source_page

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
                                   sources=[s.stem for s in seeds.glob("*.txt")], figures=cid in drawn)
        _write(folder, f"{cid}.html", html, report)
        report.features += len(events) + len(legs)
    say("gazetteer")
    built = joined.campaigns[joined.campaigns[S.CAMPAIGN_ID].isin([r[S.CAMPAIGN_ID] for r in campaigns])]
    _write(folder, "gazetteer.html", render_gazetteer_map(joined.places, events=joined.events, campaigns=built), report)
    say("downloads")
    report.bytes += write_downloads(joined, folder / "data", campaigns=[r[S.CAMPAIGN_ID] for r in campaigns])
    _write(folder, "index.html", pages.index_page(joined, campaigns, previews=not report.warnings,
                                                  figures=drawn,
                                                  sources=sorted(s.stem for s in seeds.glob("*.txt"))), report)
    _write(folder, "about.html", pages.about_page(joined, seeds=seeds), report)
    _write(folder, "README.md", pages.OUTPUT_README, report)
    report.warnings += [f"no print figure of {cid}: {problem}" for cid, problem in sorted(figure_problems.items())]
    (folder / "seeds").mkdir(exist_ok=True)
    for seed in sorted(seeds.glob("*.txt")):
        shutil.copyfile(seed, folder / "seeds" / seed.name)
        lines = seed.read_text(encoding="utf-8-sig").splitlines()
        _write(folder, f"sources/{seed.stem}.html", render_source_page(
            lines, siglum=seed.stem, events=joined.events, places=joined.places,
            campaign_pages=[r[S.CAMPAIGN_ID] for r in campaigns]), report)
    return report


def swap_in(staging: Path, target: Path) -> None:
    """Replace ``target`` by ``staging`` with two renames; the old folder is removed last.

    If anything stops the second rename, the old folder is put back.
    """
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        os.rmdir(old)
        os.replace(target, old)
    try:
        os.replace(staging, target)
    except BaseException:
        if old is not None and not target.exists():
            os.replace(old, target)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


@contextlib.contextmanager
def build_lock(target: Path) -> Iterator[None]:
    """Hold an exclusive lock beside ``target`` so that concurrent builds run one after the other."""
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks; the renames are still atomic
        yield
        return
    with (target.parent / f".{target.name}.lock").open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _remove_leftovers(target: Path) -> None:
    """Clean up after a build that was killed: restore a site caught between its two renames, drop the rest."""
    olds = sorted(target.parent.glob(f".{target.name}.old-*"))
    if olds and not target.exists():
        os.replace(olds.pop(), target)
    for path in [*olds, *target.parent.glob(f".{target.name}.new-*")]:
        shutil.rmtree(path, ignore_errors=True)


def _check_campaign(joined: Joined, campaign: str | None) -> None:
    known = sorted(joined.campaigns[S.CAMPAIGN_ID])
    if campaign is not None and campaign not in known:
        msg = f"no campaign {campaign!r} — the campaigns are: {', '.join(known)}"
        raise GeoDataError(msg)


def build_site(project: Project, out: str | Path, *, campaign: str | None = None,
               progress: Progress | None = None) -> BuildReport:
    """Validate, join and render the whole site into ``out`` atomically.

    Invalid data raises :class:`geo.errors.ValidationError` before anything is written;
    an error or interruption while writing leaves the previous site as it was.
    """
    joined = join_project(project)
    _check_campaign(joined, campaign)
    target = Path(out).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    with build_lock(target):
        _remove_leftovers(target)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
        try:
            report = write_site_files(joined, staging, seeds=project.root / S.SEEDS_DIR, campaign=campaign,
                                      progress=progress)
            staging.chmod(0o755)
            swap_in(staging, target)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    return report
