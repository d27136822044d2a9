"""Benchmark `geo check` (run by hand).

    python bench/check.py [--rows 100000] [--events 1000000] [--seed 1]

1. The shipped data, cold process: `python -m geo check` against the anchor
   `python -c "import pandas; pandas.read_csv(...)"` on the same four CSV files
   (median of 5 runs each). Target: under 0.5 s and under 2× the bare pandas read.
2. A synthetic project of ``--rows`` places and ``--events`` events, checked by
   `python -m geo check` in a fresh process: wall time and peak memory (ru_maxrss).
   Target: under 10 s and 4 GB for 100,000 places and 1,000,000 events.
3. The gazetteer checker alone, in-process, on ``--rows`` rows:

Writes a synthetic ``gazetteer.csv`` of plausible rows (names built from common
place-name characters, matching simplified forms and pinyin, points scattered over
East and Inner Asia) to a temporary folder, then times reading it and
``check_places`` in-process and prints rows per second. Target: 100,000 rows in
under 5 s.
"""

from __future__ import annotations

import sys
from pathlib import Path

# bench/ holds calendar.py, which would shadow the standard library's calendar: put the repository first.
sys.path[0] = str(Path(__file__).resolve().parent.parent)

import argparse  # noqa: E402
import csv  # noqa: E402
import random  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402

from geo import schema as S  # noqa: E402
from geo.tables import read_table  # noqa: E402
from geo.validate_places import check_places  # noqa: E402

# traditional, simplified, pinyin with tone
CHARS: tuple[tuple[str, str, str], ...] = (
    ("上", "上", "shàng"), ("中", "中", "zhōng"), ("東", "东", "dōng"), ("南", "南", "nán"), ("西", "西", "xī"),
    ("北", "北", "běi"), ("京", "京", "jīng"), ("江", "江", "jiāng"), ("河", "河", "hé"), ("山", "山", "shān"),
    ("寧", "宁", "níng"), ("遼", "辽", "liáo"), ("龍", "龙", "lóng"), ("黃", "黄", "huáng"), ("臨", "临", "lín"),
    ("潢", "潢", "huáng"), ("大", "大", "dà"), ("定", "定", "dìng"), ("開", "开", "kāi"), ("封", "封", "fēng"),
    ("安", "安", "ān"), ("平", "平", "píng"), ("興", "兴", "xīng"), ("春", "春", "chūn"), ("泰", "泰", "tài"),
    ("雲", "云", "yún"), ("陽", "阳", "yáng"), ("武", "武", "wǔ"), ("清", "清", "qīng"), ("順", "顺", "shùn"),
    ("德", "德", "dé"), ("化", "化", "huà"), ("寶", "宝", "bǎo"), ("慶", "庆", "qìng"), ("利", "利", "lì"),
    ("永", "永", "yǒng"), ("豐", "丰", "fēng"), ("靜", "静", "jìng"), ("遠", "远", "yuǎn"), ("威", "威", "wēi"),
)
SUFFIXES: tuple[tuple[str, str, str, str], ...] = (
    ("州", "州", "zhōu", "prefecture"), ("府", "府", "fǔ", "prefecture"), ("縣", "县", "xiàn", "county"),
    ("城", "城", "chéng", "town"), ("軍", "军", "jūn", "garrison"), ("關", "关", "guān", "pass"),
)


def synthetic_row(rng: random.Random, n: int) -> dict[str, str]:
    """One plausible gazetteer row with id ``p<n>``."""
    parts = rng.sample(CHARS, rng.randint(2, 4))
    trad, simp, tone, kind = rng.choice(SUFFIXES)
    name = "".join(p[0] for p in parts) + trad
    return {
        S.PLACE_ID: f"p{n:06d}", S.NAME: name, S.NAME_SIMPLIFIED: "".join(p[1] for p in parts) + simp,
        S.PINYIN: ("".join(p[2] for p in parts)).capitalize() + " " + tone,
        S.VARIANTS: "".join(p[0] for p in parts) if rng.random() < 0.3 else "",
        S.PLACE_TYPE: kind, S.LAT: f"{rng.uniform(18, 58):.4f}", S.LON: f"{rng.uniform(62, 148):.4f}",
        S.UNCERTAINTY_KM: str(rng.choice((1, 2, 5, 10, 20, 50))),
        S.LOCATION_BASIS: rng.choice(S.LOCATION_BASES), S.MODERN: f"near modern town {n}, somewhere",
        S.POLITY: rng.choice(S.POLITIES), S.VALID_FROM: str(rng.randint(900, 1000)),
        S.VALID_TO: str(rng.randint(1000, 1200)), S.SOURCE: "synthetic; CHGIS",
        S.NOTE: f"synthetic row {n}" if rng.random() < 0.5 else "",
    }


def write_gazetteer(path: Path, rows: int, seed: int) -> None:
    """Write ``rows`` synthetic rows to ``path``."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=S.PLACE_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(synthetic_row(rng, n) for n in range(rows))


REPO = Path(__file__).resolve().parent.parent
FILES = ("places/gazetteer.csv", "campaigns/events.csv", "campaigns/campaigns.csv", "campaigns/actors.csv")


def median_wall(cmd: list[str], cwd: Path, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, cwd=cwd, check=True, capture_output=True)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def shipped() -> None:
    """``geo check`` on the shipped data against a bare pandas read of the same files."""
    check = median_wall([sys.executable, "-m", "geo", "check"], REPO)
    reads = "; ".join(f"pandas.read_csv({f!r})" for f in FILES)
    anchor = median_wall([sys.executable, "-c", f"import pandas; {reads}"], REPO)
    print(f"shipped data, cold process (median of 5): geo check {check:.3f} s, bare pandas read {anchor:.3f} s, "
          f"ratio {check / anchor:.2f}× (targets: < 0.5 s, < 2×)")


def write_project(root: Path, places: int, events: int, seed: int) -> None:
    """A valid project: ``places`` synthetic places, ``events`` events citing a seed line each."""
    from geo.calendar import format_chinese, jdn_to_chinese

    for folder in ("places", "campaigns", "seeds"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    write_gazetteer(root / "places" / "gazetteer.csv", places, seed)
    for name in ("campaigns.csv", "actors.csv"):
        (root / "campaigns" / name).write_bytes((REPO / "campaigns" / name).read_bytes())
    ids = [row["id"] for row in csv.DictReader((root / "places" / "gazetteer.csv").open(encoding="utf-8"))]
    dates = [format_chinese(jdn_to_chinese(2128339 + d, regime="jin")) for d in range(0, 3650, 3)]
    rng = random.Random(seed)
    (root / "seeds" / "S.txt").write_text("".join(f"第{i}條，金兵至城。\n" for i in range(events)), encoding="utf-8")
    with (root / "campaigns" / "events.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "campaign", "seq", "date", "regime", "place", "actor", "action", "quote", "source",
                    "summary_en", "certainty", "note"])
        for i in range(events):
            w.writerow([f"e{i:07d}", "five_capitals", 1, dates[i * len(dates) // events], "jin",
                        ids[rng.randrange(len(ids))], "jin_main", "march", f"第{i}條", f"S:{i + 1}", "Synthetic.",
                        "certain", "synthetic"])


def big(places: int, events: int, seed: int) -> None:
    """``geo check`` in a fresh process on a large synthetic project: wall time and peak memory."""
    with tempfile.TemporaryDirectory() as folder:
        write_project(Path(folder), places, events, seed)
        t0 = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "geo", "check", "--quiet"], cwd=folder, capture_output=True,
                              text=True, check=False)
        wall = time.perf_counter() - t0
    peak_gb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024 ** 2
    last = (done.stdout or done.stderr).strip().splitlines()[-1]
    print(f"{places:,} places + {events:,} events, cold process: {wall:.2f} s, peak {peak_gb:.2f} GB "
          f"(targets: < 10 s, < 4 GB)\n  {last}")


def main() -> None:
    """Run the three benchmarks and report timings."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    shipped()
    big(args.rows, args.events, args.seed)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "gazetteer.csv"
        write_gazetteer(path, args.rows, args.seed)
        start = time.perf_counter()
        table = read_table(path)
        read = time.perf_counter() - start
        start = time.perf_counter()
        issues = check_places(table)
        checked = time.perf_counter() - start
    errors = sum(1 for i in issues if i.severity == "error")
    total = read + checked
    print(f"{len(table.rows):,} rows: read {read:.2f} s, check_places {checked:.2f} s, total {total:.2f} s "
          f"({len(table.rows) / total:,.0f} rows/s); {errors} error(s), {len(issues) - errors} warning(s)")


if __name__ == "__main__":
    main()
