"""Benchmark: `geo build` of the shipped site, stage by stage, and how it grows with the number of events.

Run by hand:  .venv/bin/python bench/build.py [--sizes 1000 10000 100000]

1. The shipped data, cold: `python -m geo build` in a fresh process (wall time), then the same
   stages in-process with a per-stage breakdown (read, check, dates, join, routes, each page,
   downloads, preview figures). Target: under 15 s.
2. Synthetic projects of growing size (300 places, N events in one campaign, every quote in
   its seed line): seconds per stage for each N and the growth factor between sizes (close to
   10× per 10× events means linear). Preview figures are left out of the scaling runs.
"""

from __future__ import annotations

import sys
from pathlib import Path

# bench/ holds calendar.py, which would shadow the standard library's calendar: put the repository first.
sys.path[0] = str(Path(__file__).resolve().parent.parent)

import argparse  # noqa: E402
import csv  # noqa: E402
import itertools  # noqa: E402
import platform  # noqa: E402
import random  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


class Stages:
    """Collects wall times of named stages."""

    def __init__(self) -> None:
        self.times: dict[str, float] = {}

    def run(self, name: str, func: Callable, *args: object, **kwargs: object) -> object:
        t0 = time.perf_counter()
        result = func(*args, **kwargs)
        self.times[name] = self.times.get(name, 0.0) + time.perf_counter() - t0
        return result


def staged_build(root: Path, out: Path, *, previews: bool = True) -> Stages:
    """The stages of ``geo build``, timed one by one (the same calls as geo.render.site)."""
    from geo.dates import event_dates
    from geo.events import add_jdn, campaign_events, events_to_frame, join_events, table_to_frame
    from geo.gazetteer import places_to_gdf
    from geo.pipeline import Joined, validate_project
    from geo.project import read_project
    from geo.render import pages
    from geo.render.assets import copy_assets
    from geo.render.export import write_downloads
    from geo.render.html_map import render_campaign_map, render_gazetteer_map
    from geo.routes import events_to_routes, routed_actors

    st = Stages()
    project = st.run("read", read_project, root)
    st.run("check", validate_project, project)
    places = st.run("places", lambda: places_to_gdf(project.places, validate=False))
    events = st.run("dates", lambda: add_jdn(events_to_frame(project.events), dates=event_dates(project.events)))
    events = st.run("join", join_events, events, places)
    actors = table_to_frame(project.actors)
    legs = st.run("routes", events_to_routes, events, actors=routed_actors(actors))
    joined = Joined(places, events, legs, table_to_frame(project.campaigns), actors)
    out.mkdir(parents=True, exist_ok=True)
    st.run("assets", copy_assets, out)
    for row in joined.campaigns.to_dict("records"):
        cid = row["id"]
        mine = campaign_events(events, cid)
        html = st.run(f"page {cid}", render_campaign_map, mine, legs[legs["campaign"] == cid], actors,
                      campaign=row, all_events=events)
        (out / f"{cid}.html").write_text(html, encoding="utf-8")
    st.run("page gazetteer", render_gazetteer_map, places)
    if previews:
        from geo.render.figure import render_preview_png

        for cid in joined.campaigns["id"]:
            st.run("previews (figures)", render_preview_png, joined, cid, path=out / f"{cid}.png")
    st.run("downloads", write_downloads, joined, out / "data", campaigns=list(joined.campaigns["id"]))
    st.run("index+about", lambda: (pages.index_page(joined, joined.campaigns.to_dict("records")),
                                   pages.about_page(joined, seeds=root / "seeds")))
    return st


def synthetic_project(root: Path, n_events: int, *, seed: int = 7) -> None:
    """A valid project with 300 places and ``n_events`` events in one campaign."""
    from geo.calendar import format_chinese, jdn_to_chinese

    rng = random.Random(seed)
    for folder in ("places", "campaigns", "seeds"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    shutil.copyfile(REPO / "campaigns" / "actors.csv", root / "campaigns" / "actors.csv")
    (root / "campaigns" / "campaigns.csv").write_text(
        "id,title_zh,title_en,description,period,colour\nbig,大,Big,Synthetic,1115–1125,#000000\n", encoding="utf-8")
    with (root / "places" / "gazetteer.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "name", "name_simplified", "pinyin", "type", "lat", "lon", "uncertainty_km",
                    "location_basis", "modern", "source"])
        for i in range(300):
            w.writerow([f"p{i:03d}", "城", "城", "Chéng", "town", round(36 + rng.random() * 10, 3),
                        round(105 + rng.random() * 20, 3), 10, "inferred", "synthetic", "synthetic"])
    actors = ["jin_main", "jin_zonghan", "jin_loushi", "tianzuo_court", "song_army"]
    lines = [f"第{i}條，金兵至城。" for i in range(n_events)]
    (root / "seeds" / "S.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with (root / "campaigns" / "events.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "campaign", "seq", "date", "regime", "place", "actor", "action", "quote", "source",
                    "summary_en", "certainty"])
        for i in range(n_events):
            jdn = 2128339 + (i * 3650) // n_events
            w.writerow([f"e{i:06d}", "big", 1, format_chinese(jdn_to_chinese(jdn, regime="jin")), "jin",
                        f"p{rng.randrange(300):03d}", actors[i % len(actors)], "march", f"第{i}條", f"S:{i + 1}",
                        "Synthetic.", "certain"])


def print_stages(stages: Stages) -> None:
    total = sum(stages.times.values())
    for name, seconds in sorted(stages.times.items(), key=lambda kv: -kv[1]):
        print(f"  {name:28}{seconds:8.3f} s {100 * seconds / total:5.1f}%")
    print(f"  {'total':28}{total:8.3f} s")


def shipped() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "geo", "build", "--out", str(Path(tmp) / "cold")], cwd=REPO,
                       check=True, capture_output=True)
        cold = time.perf_counter() - t0
        print(f"shipped data: `geo build` cold process {cold:.2f} s (target < 15 s)")
        print_stages(staged_build(REPO, Path(tmp) / "staged"))


def scaling(sizes: list[int]) -> None:
    rows = {}
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            synthetic_project(Path(tmp) / "p", n)
            rows[n] = staged_build(Path(tmp) / "p", Path(tmp) / "out", previews=False).times
    names = ["read", "check", "dates", "join", "routes", "page big", "downloads"]
    print("\nscaling (seconds per stage):")
    print(f"  {'events':>8}" + "".join(f"{n:>11}" for n in names) + f"{'total':>10}")
    for n, t in rows.items():
        print(f"  {n:>8}" + "".join(f"{t.get(k, 0):11.3f}" for k in names) + f"{sum(t.values()):10.2f}")
    for a, b in itertools.pairwise(sizes):
        print(f"  total grows {sum(rows[b].values()) / sum(rows[a].values()):.1f}× from {a} to {b} events "
              f"({b / a:.0f}× the events)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000, 100000])
    args = parser.parse_args()
    print(f"machine: {platform.platform()}, Python {platform.python_version()}")
    shipped()
    if args.sizes:
        scaling(args.sizes)


if __name__ == "__main__":
    main()
