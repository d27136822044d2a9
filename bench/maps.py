"""Benchmark: a 10,000-event campaign page, this renderer vs the naive folium way.

Run by hand:  .venv/bin/python bench/maps.py [--events 10000] [--places 300] [--reading-keys 0]

``--places 171`` spreads the events over as many places as the shipped gazetteer holds (more legs);
``--reading-keys 10`` makes every event one of ten groups of readings (a group is stored once on the page).

The naive page is what most folium users write: one ``folium.Marker`` with a
``folium.Popup`` per event and one ``PolyLine`` per leg. Both pages load Leaflet
from the same local copy, so the browser times compare the pages, not the network.
Prints build time, HTML size and Chromium load time (to the ``load`` event and to
all markers drawn) with the ratios this/naive. Targets: ≤ 0.2× size and build
time, ≤ 0.3× load time, and under 2 s absolute.
"""

from __future__ import annotations

import sys
from pathlib import Path

# bench/ holds calendar.py, which would shadow the standard library's calendar: put the repository first.
sys.path[0] = str(Path(__file__).resolve().parent.parent)

import argparse  # noqa: E402
import platform  # noqa: E402
import random  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
import tarfile  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402

import folium  # noqa: E402
import geopandas as gpd  # noqa: E402
import pandas as pd  # noqa: E402
from shapely.geometry import Point  # noqa: E402

from geo import schema as S  # noqa: E402
from geo.calendar import format_chinese, jdn_to_chinese, jdn_to_julian  # noqa: E402
from geo.render.assets import cache_dir, copy_assets  # noqa: E402
from geo.render.basemap import basemap_geojson  # noqa: E402
from geo.render.html_map import LocalMap, render_campaign_map, safe_json  # noqa: E402
from geo.routes import events_to_routes  # noqa: E402

ACTORS = ["jin_main", "jin_zongwang", "jin_zonghan", "tianzuo_court", "song_army"]


def synthetic_events(n: int, *, seed: int = 1122, places: int = 300, reading_keys: int = 0) -> gpd.GeoDataFrame:
    """``n`` events spread over five actors, ``places`` places and the years 1115–1125 (Jin calendar)."""
    rng = random.Random(seed)
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))).replace("\n", "")
    spots = [(f"p{i:03d}", 105 + rng.random() * 20, 36 + rng.random() * 10) for i in range(places)]
    start = 2128339  # 1115-01-28 Julian, 收國元年正月
    rows = []
    for i in range(n):
        pid, lon, lat = spots[rng.randrange(len(spots))]
        jdn = start + (i * 3650) // n
        date = jdn_to_chinese(jdn, regime="jin")
        y, m, d = jdn_to_julian(jdn)
        rows.append({
            S.EVENT_ID: f"e{i:05d}", S.CAMPAIGN: "bench", S.SEQ: 1, S.DATE: format_chinese(date), S.REGIME: "jin",
            S.PLACE: pid, S.ACTOR: ACTORS[i % len(ACTORS)], S.ACTION: S.ACTIONS[i % 10], S.TARGET: pd.NA,
            S.QUOTE: text[(k := rng.randrange(len(text) - 40)):k + rng.randint(8, 40)],
            S.EVENT_SOURCE: f"JS:{i % 50 + 1}", S.SUMMARY_EN: f"Synthetic event {i} of the benchmark at {pid}.",
            S.CERTAINTY: "certain", S.READING: f"r{i % reading_keys}" if reading_keys else pd.NA,
            S.NOTE: pd.NA, S.JDN_START: jdn, S.JDN_END: jdn, S.PRECISION: "day",
            S.JULIAN_START: f"{y:04d}-{m:02d}-{d:02d}", S.JULIAN_END: f"{y:04d}-{m:02d}-{d:02d}",
            S.PLACE_NAME: f"地{pid}", S.PLACE_PINYIN: pid, S.PLACE_MODERN: "nowhere", S.PLACE_BASIS: "inferred",
            S.PLACE_UNCERTAINTY: 10.0, S.LINE: i + 2, "geometry": Point(lon, lat),
        })
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")


def actors_table() -> pd.DataFrame:
    colours = ["#b2182b", "#ef3b2c", "#99000d", "#2166ac", "#e08214"]
    return pd.DataFrame({S.ACTOR_ID: ACTORS, S.NAME_EN: ACTORS, S.NAME_ZH: ACTORS, S.COLOUR: colours,
                         S.DASH: ["solid"] * 5})


def build_ours(events: gpd.GeoDataFrame, folder: Path) -> tuple[float, int]:
    campaign = {S.CAMPAIGN_ID: "bench", S.TITLE_ZH: "測試", S.TITLE_EN: "Benchmark", S.DESCRIPTION: "synthetic",
                S.PERIOD: "1115–1125"}
    t0 = time.perf_counter()
    legs = events_to_routes(events)
    html = render_campaign_map(events, legs, actors_table(), campaign=campaign, all_events=events)
    took = time.perf_counter() - t0
    (folder / "ours.html").write_text(html, encoding="utf-8")
    return took, len(html.encode())


JQUERY_SHIM = ("window.$ = function (html) { var t = document.createElement('template'); "
               "t.innerHTML = html; return t.content.childNodes; };")


def jquery(folder: Path) -> str:
    """jQuery, which folium's popups need: fetched with ``npm pack`` (cached); else a minimal stand-in."""
    cached = cache_dir() / "jquery-3.7.1.min.js"
    if not cached.exists() and shutil.which("npm"):
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(["npm", "pack", "jquery@3.7.1", "--silent"], cwd=tmp, capture_output=True, check=False)
            for tarball in Path(tmp).glob("jquery-*.tgz"):
                with tarfile.open(tarball) as tar:
                    tar.extractall(tmp, filter="data")
                cached.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(Path(tmp) / "package" / "dist" / "jquery.min.js", cached)
    target = folder / "assets" / "jquery.min.js"
    if cached.exists():
        shutil.copyfile(cached, target)
        return "jQuery 3.7.1"
    target.write_text(JQUERY_SHIM, encoding="utf-8")
    return "a minimal jQuery stand-in (npm was not available; this flatters the naive page)"


def build_naive(events: gpd.GeoDataFrame, folder: Path) -> tuple[float, int]:
    t0 = time.perf_counter()
    fmap = LocalMap(location=[41, 115], zoom_start=5)
    fmap.default_js = [("jquery", "assets/jquery.min.js"), *fmap.default_js]
    for actor in ACTORS:
        mine = events[events[S.ACTOR] == actor]
        folium.PolyLine([(g.y, g.x) for g in mine.geometry]).add_to(fmap)
    for _, e in events.iterrows():
        html = (f"<b>{e[S.PLACE_NAME]}</b><br>{e[S.DATE]} ({e[S.JULIAN_START]} Julian)<br>"
                f"<blockquote>{e[S.QUOTE]}</blockquote>{e[S.SUMMARY_EN]}<br>{e[S.EVENT_SOURCE]}")
        folium.Marker([e.geometry.y, e.geometry.x], popup=folium.Popup(html, max_width=300),
                      tooltip=str(e[S.PLACE_NAME])).add_to(fmap)
    html = fmap.get_root().render()
    took = time.perf_counter() - t0
    (folder / "naive.html").write_text(html, encoding="utf-8")
    return took, len(html.encode())


def load_times(page_path: Path, ready: str, runs: int = 3) -> tuple[float, float]:
    """Median seconds to the load event and until the JavaScript expression ``ready`` is true."""
    from playwright.sync_api import sync_playwright

    loads, drawn = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        for _ in range(runs):
            page = browser.new_page()
            t0 = time.perf_counter()
            page.goto(page_path.as_uri(), wait_until="load", timeout=120_000)
            loads.append(time.perf_counter() - t0)
            page.wait_for_function(ready, timeout=120_000)
            drawn.append(time.perf_counter() - t0)
            page.close()
        browser.close()
    return sorted(loads)[runs // 2], sorted(drawn)[runs // 2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--places", type=int, default=300)
    parser.add_argument("--reading-keys", type=int, default=0)
    args = parser.parse_args()
    print(f"machine: {platform.platform()}, Python {platform.python_version()}, {args.events} events, "
          f"{args.places} places, {args.reading_keys} reading keys")
    events = synthetic_events(args.events, places=args.places, reading_keys=args.reading_keys)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        copy_assets(folder)
        print(f"naive page uses {jquery(folder)}")
        (folder / "assets" / "basemap.js").write_text(f"window.GEO_BASEMAP = {safe_json(basemap_geojson())};")
        ours_build, ours_size = build_ours(events, folder)
        naive_build, naive_size = build_naive(events, folder)
        ours_load, ours_drawn = load_times(folder / "ours.html", f"document.body.dataset.geoReady == {args.events}")
        naive_load, naive_drawn = load_times(
            folder / "naive.html", f"document.querySelectorAll('.leaflet-marker-icon').length >= {args.events}")
    rows = [("build time (s)", ours_build, naive_build), ("HTML size (MB)", ours_size / 1e6, naive_size / 1e6),
            ("load event (s)", ours_load, naive_load), ("markers drawn (s)", ours_drawn, naive_drawn)]
    print(f"{'':20}{'this':>10}{'naive':>10}{'ratio':>8}")
    for name, ours, naive in rows:
        print(f"{name:20}{ours:10.3f}{naive:10.3f}{ours / naive:8.3f}")


if __name__ == "__main__":
    main()
