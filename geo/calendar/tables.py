"""Lookup tables for the Chinese date engine, built once from sanmiao's packaged data.

sanmiao ships three CSV tables (eras, dynasties and one row per lunar month for
each calendar stream). They are read here with the stdlib :mod:`csv` module and
turned into plain Python lists and dicts keyed by calendar stream, so that a
date conversion is a few dict look-ups and a :func:`bisect.bisect_right`.

The built :class:`Tables` are pickled in the user cache directory
(``$XDG_CACHE_HOME/geo-liao-jin`` or ``~/.cache/geo-liao-jin``); the file name
carries sanmiao's version, so upgrading sanmiao rebuilds them. The cache is
best-effort: an unwritable or corrupt cache is ignored. Nothing derived from
the tables is ever committed to the repository.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import pickle
from dataclasses import dataclass, field
from importlib import metadata, resources
from pathlib import Path
from typing import NamedTuple

from geo.atomic import user_cache, write_bytes
from geo.errors import OutputError

#: Bump when the layout of :class:`Tables` changes, so old caches are ignored.
FORMAT_VERSION = 5



class Era(NamedTuple):
    """One reign era (年號) as listed in sanmiao's ``era_table.csv``."""

    era_id: int
    dyn_id: int
    dynasty: str
    name: str
    name_simp: str
    stream: int
    start_year: int
    end_year: int
    start_jdn: int
    end_jdn: int
    max_year: int


@dataclass
class StreamTable:
    """The lunar months of one calendar stream, sorted by their first day.

    ``starts[i]`` is the civil Julian Day Number of the first day of month ``i``,
    ``lengths[i]`` its number of days (29 or 30), ``years[i]`` the CE year the
    lunar year mostly falls in (astronomical numbering), ``months[i]`` the month
    number and ``leaps[i]`` whether it is an intercalary (閏) month.
    """

    starts: list[int] = field(default_factory=list)
    lengths: list[int] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    months: list[int] = field(default_factory=list)
    leaps: list[bool] = field(default_factory=list)
    index: dict[tuple[int, int, bool], int] = field(default_factory=dict)
    year_rows: dict[int, tuple[int, int]] = field(default_factory=dict)


@dataclass
class Tables:
    """Everything the engine looks up: month tables, eras and dynasties."""

    sanmiao_version: str
    streams: dict[int, StreamTable]
    eras: list[Era]
    eras_by_name: dict[str, tuple[Era, ...]]
    dynasties: dict[int, str]


def _data_dir() -> Path:
    return Path(str(resources.files("sanmiao") / "data"))


def _sanmiao_version() -> str:
    try:
        return metadata.version("sanmiao")
    except metadata.PackageNotFoundError:  # pragma: no cover - sanmiao is a dependency
        return "unknown"


def _read_csv(name: str) -> list[dict[str, str]]:
    with (_data_dir() / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _int(text: str) -> int:
    return int(float(text))


def _build_streams(rows: list[dict[str, str]]) -> dict[int, StreamTable]:
    raw: dict[int, list[tuple[int, int, int, int, bool]]] = {}
    for row in rows:
        start = int(float(row["nmd_jdn"]) + 0.5)
        month = (start, _int(row["max_day"]), int(row["ind_year"]), int(row["month"]), row["intercalary"] == "1")
        raw.setdefault(int(row["cal_stream"]), []).append(month)
    streams = {}
    for stream, months in raw.items():
        table = StreamTable()
        for i, (start, length, year, month, leap) in enumerate(_dedupe(sorted(months))):
            table.starts.append(start)
            table.lengths.append(length)
            table.years.append(year)
            table.months.append(month)
            table.leaps.append(leap)
            table.index.setdefault((year, month, leap), i)
            first, _ = table.year_rows.get(year, (i, i))
            table.year_rows[year] = (first, i)
        streams[stream] = table
    return streams


def _dedupe(months: list[tuple[int, int, int, int, bool]]) -> list[tuple[int, int, int, int, bool]]:
    """Keep one row per first day.

    sanmiao's dump repeats a few months with a different length where an era
    changed inside the month (e.g. 1121 month 8 as 29 and 30 days, 1123 months
    8 and 9 cut at the start of 天會). The row that ends where the next month
    begins is kept; failing that, the longest. A month repeated with a later
    first day (1121 month 9 from both JD 2130788.5 and 2130789.5) keeps its first row.
    """
    by_start: dict[int, list[tuple[int, int, int, int, bool]]] = {}
    for row in months:
        by_start.setdefault(row[0], []).append(row)
    starts = sorted(by_start)
    kept: list[tuple[int, int, int, int, bool]] = []
    for i, start in enumerate(starts):
        rows = by_start[start]
        if kept and kept[-1][2:] == rows[0][2:] and start - kept[-1][0] < 15:
            continue  # the same month again, starting a day later (1121 month 9): keep the first
        gap = starts[i + 1] - start if i + 1 < len(starts) else None
        kept.append(next((r for r in rows if r[1] == gap), max(rows, key=lambda r: r[1])))
    return kept


def _build_eras(rows: list[dict[str, str]], dynasties: dict[int, str]) -> list[Era]:
    eras = []
    for row in rows:
        if not (row["era_name"] and row["cal_stream"] and row["era_start_year"] and row["era_start_jdn"]):
            continue
        dyn_id = _int(row["dyn_id"])
        start_year = int(row["era_start_year"])
        end_year = _int(row["era_end_year"]) if row["era_end_year"] else start_year
        max_year = _int(row["max_year"]) if row["max_year"] else end_year - start_year + 1
        start_jdn = int(float(row["era_start_jdn"]) + 0.5)
        end_jdn = int(float(row["era_end_jdn"]) + 0.5) if row["era_end_jdn"] else start_jdn
        eras.append(Era(
            int(row["era_id"]), dyn_id, dynasties.get(dyn_id, ""), row["era_name"],
            row["era_name_simp"] or row["era_name"], _int(row["cal_stream"]),
            start_year, end_year, start_jdn, end_jdn, max_year,
        ))
    return eras


def _simplified_forms(names: set[str]) -> dict[str, tuple[str, ...]]:
    """Map each traditional era name to its simplified forms (build time only).

    OpenCC turns 乾 into 干 everywhere, but 乾 (qián) stays 乾 in simplified
    script, so both spellings are indexed (乾统 and 干统).
    """
    try:
        import opencc
    except ImportError:  # pragma: no cover - opencc is a dependency
        return {}
    converter = opencc.OpenCC("t2s")
    forms = {}
    for name in names:
        keep_qian = "".join(c if c == "乾" else converter.convert(c) for c in name)
        forms[name] = (converter.convert(name), keep_qian)
    return forms


def _index_eras(eras: list[Era]) -> dict[str, tuple[Era, ...]]:
    simplified = _simplified_forms({era.name for era in eras})
    index: dict[str, list[Era]] = {}
    for era in eras:
        for key in dict.fromkeys((era.name, era.name_simp, *simplified.get(era.name, ()))):
            index.setdefault(key, []).append(era)
    return {key: tuple(values) for key, values in index.items()}


def build_tables() -> Tables:
    """Read sanmiao's CSV tables and build the look-up structures (no cache)."""
    dynasties = {_int(r["dyn_id"]): r["dyn_name"] for r in _read_csv("dynasty_table_dump.csv")}
    eras = _build_eras(_read_csv("era_table.csv"), dynasties)
    streams = _build_streams(_read_csv("lunar_table_dump.csv"))
    return Tables(_sanmiao_version(), streams, eras, _index_eras(eras), dynasties)


def cache_path() -> Path:
    """Return where the pickled tables are cached for the installed sanmiao version."""
    return user_cache(f"calendar-tables-sanmiao-{_sanmiao_version()}-v{FORMAT_VERSION}.pickle")


def _read_cache(path: Path) -> Tables | None:
    try:
        with path.open("rb") as handle:
            tables = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        return None
    return tables if isinstance(tables, Tables) else None


def _write_cache(path: Path, tables: Tables) -> None:
    """Write the cache atomically (:func:`geo.atomic.write_bytes`); a cache that cannot be written is skipped."""
    with contextlib.suppress(OSError, OutputError):
        write_bytes(path, pickle.dumps(tables, protocol=pickle.HIGHEST_PROTOCOL))


@functools.lru_cache(maxsize=1)
def load_tables() -> Tables:
    """Return the look-up tables, from the user cache when possible (built once per process)."""
    path = cache_path()
    tables = _read_cache(path)
    if tables is None or tables.sanmiao_version != _sanmiao_version():
        tables = build_tables()
        _write_cache(path, tables)
    return tables


class Ruler(NamedTuple):
    """A ruler of sanmiao's tables: the dynasty, the first CE year of the reign and its number of years."""

    person_id: int
    dyn_id: int
    name: str
    start_year: int
    max_year: int


@functools.lru_cache(maxsize=1)
def load_rulers() -> dict[str, Ruler]:
    """Every ruler by canonical name (``太祖耶律阿保機``), for reading the years of a reign without an era."""
    reigns = {}
    for row in _read_csv("ruler_table.csv"):
        if row["emp_start_year"] and row["max_year"] and row["dyn_id"]:
            reigns[_int(row["person_id"])] = (_int(row["dyn_id"]), _int(row["emp_start_year"]), _int(row["max_year"]))
    rulers = {}
    for row in _read_csv("rul_can_name.csv"):
        reign = reigns.get(_int(row["person_id"]))
        if reign and row["string"]:
            rulers[row["string"]] = Ruler(_int(row["person_id"]), reign[0], row["string"], reign[1], reign[2])
    return rulers
