"""Benchmark of the Chinese date engine against sanmiao.

Run by hand: ``/tmp/venv/bin/python bench/calendar.py [--n 1000] [--rows 1000000]``.

1. Converts the same N seed-style dates (day, 朔, month, leap-month and year
   precision; eras of the regimes in ``REGIMES``, from Sui to Qing, written with
   their prefix) with geo.calendar and with
   ``sanmiao.cjk_date_interpreter(..., jd_out=True)``, checks the answers agree
   and prints both times and the ratio.
2. Converts ROWS dates through the vectorised ``convert_dates`` and prints the rate.
3. Reads a 50,000-character chronicle (the seeds one after the other, cut at 50,000 characters)
   with ``geo.annals.read_annals`` and prints the time (target < 1 s).
"""

# ruff: noqa: E402 - the path fix below must run before any import
from __future__ import annotations

import sys
from pathlib import Path

# Run as a script, this file's folder comes first on sys.path and "calendar.py" would shadow the
# standard library's calendar module (imported by pandas); drop that folder.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse
import contextlib
import platform
import random
import re
import time

from geo.calendar import convert_date, convert_dates, format_chinese, jdn_to_chinese
from geo.calendar.convert import _convert_text
from geo.calendar.regimes import resolve_regime
from geo.calendar.resolve import regime_eras
from geo.calendar.tables import load_tables
from geo.errors import CalendarError

#: The regimes sampled; each date is written with the regime's Chinese name as a prefix (唐貞觀四年…).
REGIMES = ("sui", "tang", "song", "liao", "jin", "xia", "yuan", "ming", "qing")
_JD = re.compile(r"JD (\d+\.5)(?: ~ (\d+\.5))?")


def seed_style(rng: random.Random, regime: str) -> str:
    """One random date of ``regime`` written like the seeds, with the regime prefix (days from its eras' span)."""
    eras = regime_eras(regime)[1]
    while True:
        try:
            date = jdn_to_chinese(rng.randrange(eras[0].start_jdn, eras[-1].end_jdn), regime=regime)
            break
        except CalendarError:
            continue
    text = format_chinese(date)
    kind = rng.random()
    if kind < 0.45:
        pass  # day: 天輔六年三月己巳
    elif kind < 0.6:
        text = text[:-2] + f"{format_chinese(date)[-2:]}朔" if date.day == 1 else text[:-2] + "朔"
    elif kind < 0.9:
        text = text[:-2]  # month (leap months included when drawn)
    else:
        text = text.split("年")[0] + "年"
    return resolve_regime(regime).name + text


def sample(n: int, seed: int = 1122) -> list[str]:
    """``n`` distinct seed-style dates that need no context (an era name used twice by one regime is skipped)."""
    rng = random.Random(seed)
    found: dict[str, None] = {}
    while len(found) < n:
        text = seed_style(rng, rng.choice(REGIMES))
        with contextlib.suppress(CalendarError):  # 元至元六年: two eras of one name, refused without context
            convert_date(text)
            found[text] = None
    return list(found)


def sanmiao_answer(report: str) -> tuple[int, int] | int | None:
    """The (first, last) JDN in a sanmiao report, or the CE year for a year-only answer."""
    found = _JD.search(report)
    if found:
        start = int(float(found[1]) + 0.5)
        return start, int(float(found[2]) + 0.5) if found[2] else start
    year = re.search(r"（(-?\d+)）", report)
    return int(year[1]) if year else None


def ours_answer(text: str) -> tuple[int, int] | int:
    date = convert_date(text)
    return date.ce_year if date.precision == "year" else (date.jdn_start, date.jdn_end)


def compare(texts: list[str]) -> None:
    import sanmiao

    load_tables()
    _convert_text.cache_clear()
    t0 = time.perf_counter()
    ours = [ours_answer(t) for t in texts]
    t_ours = time.perf_counter() - t0
    t0 = time.perf_counter()
    theirs = [sanmiao_answer(sanmiao.cjk_date_interpreter(t, jd_out=True)) for t in texts]
    t_theirs = time.perf_counter() - t0
    differ = [(t, a, b) for t, a, b in zip(texts, ours, theirs) if a != b]
    print(f"dates compared         : {len(texts)} (day, 朔, month, leap month, year; {', '.join(REGIMES)})")
    print(f"agree with sanmiao     : {len(texts) - len(differ)} / {len(texts)}")
    for text, a, b in differ:
        print(f"  differs: {text}: geo {a}, sanmiao {b}")
    print(f"geo.calendar           : {t_ours:9.4f} s  ({t_ours / len(texts) * 1e6:8.1f} µs/date)")
    print(f"sanmiao                : {t_theirs:9.4f} s  ({t_theirs / len(texts) * 1e3:8.1f} ms/date)")
    print(f"speed-up               : {t_theirs / t_ours:9.0f} ×  (target ≥ 1,000 ×)")


def vectorised(rows: int) -> None:
    rng = random.Random(7)
    pool = sample(20_000, seed=99)
    texts = rng.choices(pool, k=rows)
    regimes = [None] * rows
    _convert_text.cache_clear()
    t0 = time.perf_counter()
    frame = convert_dates(texts, regimes)
    elapsed = time.perf_counter() - t0
    errors = int(frame["error"].notna().sum())
    print(f"vectorised rows        : {rows:,} ({len(pool):,} distinct strings, {errors} errors)")
    print(f"convert_dates          : {elapsed:9.3f} s  = {rows / elapsed:,.0f} dates/s  (target ≥ 100,000/s)")
    _convert_text.cache_clear()
    t0 = time.perf_counter()
    for text in pool:
        with contextlib.suppress(CalendarError):
            convert_date(text)
    unique = time.perf_counter() - t0
    print(f"distinct strings alone : {unique:9.3f} s  = {len(pool) / unique:,.0f} dates/s (no repeats, scalar API)")


def annals_speed(chars: int = 50_000) -> None:
    from geo.annals import read_annals, read_chronicle

    seeds = Path(__file__).resolve().parent.parent / "seeds"
    text = "\n".join(read_chronicle(path) for path in sorted(seeds.glob("*.txt")))[:chars]
    read_annals(text[:1000])  # load the tables and compile the patterns once
    t0 = time.perf_counter()
    annals = read_annals(text)
    elapsed = time.perf_counter() - t0
    print(f"annals, {len(text):,} characters : {elapsed:9.3f} s  ({len(annals.entries)} entries, "
          f"{len(annals.failed)} undated)  (target < 1 s)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="dates compared with sanmiao (default 1000)")
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows for the vectorised run")
    args = parser.parse_args()
    print(f"machine                : {platform.platform()}, {platform.processor() or platform.machine()}")
    print(f"python                 : {sys.version.split()[0]} ({platform.python_implementation()})")
    t0 = time.perf_counter()
    load_tables.cache_clear()
    load_tables()
    print(f"table load (cached)    : {time.perf_counter() - t0:9.3f} s")
    compare(sample(args.n))
    vectorised(args.rows)
    annals_speed()
    return 0


if __name__ == "__main__":
    sys.exit(main())
