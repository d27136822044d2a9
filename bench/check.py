"""Benchmark `geo check` (run by hand).

    python bench/check.py [--rows 100000] [--events 1000000] [--runs 3] [--keep DIR]

1. The shipped data, cold process: `python -m geo check` against the anchor
   `python -c "import pandas; pandas.read_csv(...)"` on the same four CSV files
   (median of 5 runs each). Target: under 0.5 s and under 2× the bare pandas read.
2. A project of ``--rows`` places and ``--events`` events made of copies of the shipped
   rows (see :func:`write_project`), checked by `python -m geo check` in a fresh process
   (warnings printed, as a user sees them): wall time, peak memory (ru_maxrss) and the
   ratio to the same anchor on the project's four CSV files, in the same run.
   Target: within 3× the bare pandas read for 100,000 places and 1,000,000 events.
3. The gazetteer checker alone, in-process, on the project's ``--rows`` rows: reading
   and ``check_places``, in rows per second. Target: 100,000 rows in under 5 s.

``--keep DIR`` writes the project to DIR and keeps it (for a profiler).
"""

from __future__ import annotations

import sys
from pathlib import Path

# bench/ holds calendar.py, which would shadow the standard library's calendar: put the repository first.
sys.path[0] = str(Path(__file__).resolve().parent.parent)

import argparse  # noqa: E402
import csv  # noqa: E402
import itertools  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections.abc import Iterable  # noqa: E402

from geo import schema as S  # noqa: E402
from geo.tables import read_table  # noqa: E402
from geo.validate_places import check_places  # noqa: E402

# traditional, simplified, pinyin with tone: the prefixes that tell copies of a place apart
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
REPO = Path(__file__).resolve().parent.parent
FILES = (S.GAZETTEER_FILE, S.EVENTS_FILE, S.CAMPAIGNS_FILE, S.ACTORS_FILE)


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
    read = median_wall(anchor(REPO), REPO)
    print(f"shipped data, cold process (median of 5): geo check {check:.3f} s, bare pandas read {read:.3f} s, "
          f"ratio {check / read:.2f}× (targets: < 0.5 s, < 2×)")


def _prefix(k: int) -> tuple[str, str, str]:
    """The name prefix of copy ``k`` ≥ 1 (traditional, simplified, pinyin): one or two common characters."""
    k -= 1
    parts = [CHARS[k % len(CHARS)]] + ([CHARS[k // len(CHARS) - 1]] if k >= len(CHARS) else [])
    return "".join(p[0] for p in parts), "".join(p[1] for p in parts), "".join(p[2] for p in parts)


def copy_place(row: dict[str, str], k: int) -> dict[str, str]:
    """Copy ``k`` of a shipped gazetteer row: its own id and names (a prefix), the point moved by whole steps.

    Copy 0 is the row itself. The names get a prefix so that 100,000 rows do not repeat 209 names 480 times
    (which would warn on every row); the point moves about 5 km a step on a 25 × 20 grid, so that no two
    copies lie within the 1 km of the near-duplicate check.
    """
    if k == 0:
        return dict(row)
    trad, simp, tone = _prefix(k)
    out = dict(row)
    out[S.PLACE_ID] = f"{row[S.PLACE_ID]}_{k}"
    out[S.NAME], out[S.NAME_SIMPLIFIED] = trad + row[S.NAME], simp + row[S.NAME_SIMPLIFIED]
    pinyin = row[S.PINYIN]
    out[S.PINYIN] = tone.capitalize() + pinyin[:1].lower() + pinyin[1:]
    out[S.VARIANTS] = ";".join(trad + v.strip() for v in row[S.VARIANTS].split(";") if v.strip())
    lat, lon = float(row[S.LAT]) + (k % 25 - 12) * 0.05, float(row[S.LON]) + (k // 25 - 10) * 0.05
    out[S.LAT], out[S.LON] = f"{lat:.4f}".rstrip("0").rstrip("."), f"{lon:.4f}".rstrip("0").rstrip(".")
    return out


def _read_rows(rel: str) -> tuple[list[str], list[dict[str, str]]]:
    with (REPO / rel).open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or ()), list(reader)


def _write_rows(path: Path, header: list[str], rows: Iterable[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def write_gazetteer(path: Path, rows: int) -> int:
    """Write ``rows`` copies of the shipped gazetteer rows to ``path``; return the number of whole copies."""
    header, shipped = _read_rows(S.GAZETTEER_FILE)
    copies = -(-rows // len(shipped))
    _write_rows(path, header, itertools.islice((copy_place(r, k) for k in range(copies) for r in shipped), rows))
    return rows // len(shipped)


def _suffixed(cell: str, k: int) -> str:
    items = [v.strip() for v in cell.split(S.LIST_SEPARATOR) if v.strip()]
    return S.LIST_SEPARATOR.join(f"{v}_{k}" if k else v for v in items)


def copy_event(row: dict[str, str], j: int, places: int) -> dict[str, str]:
    """Copy ``j`` of a shipped event: its own id and campaign, a copied place, and past ``places`` copies an actor copy.

    Each copy is the shipped campaign told again at other places: its own campaign id (so that
    one actor's itinerary in one source stays in date order), places of copy ``j % places`` and
    actors of copy ``j // places`` (so that no two copies are the same quote, date, place and actor).
    Quotes, dates, sources and seeds are the shipped ones.
    """
    if j == 0:
        return dict(row)
    out = dict(row)
    out[S.EVENT_ID] = f"{row[S.EVENT_ID]}_{j}"
    out[S.CAMPAIGN] = _suffixed(row[S.CAMPAIGN], j)
    out[S.PLACE] = _suffixed(row[S.PLACE], j % places)
    out[S.ACTOR] = _suffixed(row[S.ACTOR], j // places)
    return out


def _copies(rel: str, path: Path, n: int) -> None:
    header, shipped = _read_rows(rel)
    _write_rows(path, header, ({**r, "id": _suffixed(r["id"], k)} for k in range(n) for r in shipped))



def write_project(root: Path, places: int, events: int) -> None:
    """A project of copies of the shipped data: ``places`` places, ``events`` events, the shipped seeds.

    See :func:`copy_place` and :func:`copy_event`: every copy of the shipped data checks as the shipped
    data does, so the warnings are the shipped ones, once per copy.
    """
    for folder in ("places", "campaigns", "seeds"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    whole = write_gazetteer(root / S.GAZETTEER_FILE, places)
    header, shipped = _read_rows(S.EVENTS_FILE)
    copies = -(-events // len(shipped))
    rows = itertools.islice((copy_event(r, j, whole) for j in range(copies) for r in shipped), events)
    _write_rows(root / S.EVENTS_FILE, header, rows)
    _copies(S.CAMPAIGNS_FILE, root / S.CAMPAIGNS_FILE, copies)
    _copies(S.ACTORS_FILE, root / S.ACTORS_FILE, -(-copies // whole))
    for rel in (S.SKIPPED.path, S.UNLOCATED.path, S.RECKONINGS.path):
        (root / rel).write_bytes((REPO / rel).read_bytes())
    for seed in (REPO / S.SEEDS_DIR).glob("*.txt"):
        (root / S.SEEDS_DIR / seed.name).write_bytes(seed.read_bytes())


def anchor(root: Path) -> list[str]:
    """The bare read a user would otherwise run: ``pandas.read_csv`` of the project's four CSV files."""
    reads = "; ".join(f"pandas.read_csv({f!r})" for f in FILES)
    return [sys.executable, "-c", f"import pandas; {reads}"]


def big(root: Path, places: int, events: int, *, runs: int = 3) -> None:
    """``geo check`` in a fresh process on a large project, against the bare pandas read of its files.

    The two are run in turn ``runs`` times and the medians compared, so that a neighbour's job on a shared
    machine slows both alike.
    """
    write_project(root, places, events)
    walls, reads, cpu_check, cpu_read = [], [], [], []
    peak_gb: float | None = None
    for _ in range(runs):
        t0, c0 = time.perf_counter(), _child_cpu()
        done = subprocess.run([sys.executable, "-m", "geo", "check"], cwd=root, capture_output=True, text=True,
                              check=False)
        walls.append(time.perf_counter() - t0)
        cpu_check.append(_child_cpu() - c0)
        if peak_gb is None:  # the largest child so far is this check (the anchor has not run on this project)
            peak_gb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024 ** 2
        t0, c0 = time.perf_counter(), _child_cpu()
        subprocess.run(anchor(root), cwd=root, check=True, capture_output=True)
        reads.append(time.perf_counter() - t0)
        cpu_read.append(_child_cpu() - c0)
    wall, read = statistics.median(walls), statistics.median(reads)
    cpu, cpu_anchor = statistics.median(cpu_check), statistics.median(cpu_read)
    last = (done.stdout or done.stderr).strip().splitlines()[-1]
    printed = done.stderr.count("\n")
    print(f"{places:,} places + {events:,} events, cold process (median of {runs}): geo check {wall:.2f} s "
          f"(peak {peak_gb:.2f} GB, {printed:,} lines printed), bare pandas read {read:.2f} s, ratio "
          f"{wall / read:.2f}× (target: ≤ 3×); each run: {', '.join(f'{w / r:.2f}×' for w, r in zip(walls, reads))}\n"
          f"  CPU time (user + system, steadier on a shared machine): geo check {cpu:.2f} s, bare read "
          f"{cpu_anchor:.2f} s, ratio {cpu / cpu_anchor:.2f}×\n  {last}")


def _child_cpu() -> float:
    """User and system seconds used so far by this process's finished children."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def gazetteer(root: Path) -> None:
    """The gazetteer checker alone, in-process, on the project's gazetteer."""
    start = time.perf_counter()
    table = read_table(root / S.GAZETTEER_FILE)
    read = time.perf_counter() - start
    start = time.perf_counter()
    issues = check_places(table)
    checked = time.perf_counter() - start
    errors = sum(1 for i in issues if i.severity == "error")
    total = read + checked
    print(f"{len(table.rows):,} rows: read {read:.2f} s, check_places {checked:.2f} s, total {total:.2f} s "
          f"({len(table.rows) / total:,.0f} rows/s); {errors} error(s), {len(issues) - errors} warning(s)")


def main() -> None:
    """Run the three benchmarks and report timings."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--keep", type=Path, help="write the project to this folder and keep it")
    parser.add_argument("--runs", type=int, default=3, help="runs of the large check and its anchor (medians)")
    args = parser.parse_args()
    shipped()
    with tempfile.TemporaryDirectory() as folder:
        root = args.keep or Path(folder)
        big(root, args.rows, args.events, runs=args.runs)
        gazetteer(root)


if __name__ == "__main__":
    main()
