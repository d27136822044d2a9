"""Small builders for tests and examples: places, events and whole projects, written as real CSV files.

Use them instead of editing fixture text: a test says what it changes, and nothing else moves.

>>> import tempfile, pathlib
>>> root = write_project(pathlib.Path(tempfile.mkdtemp()), events=[make_event(place="xijing")])
>>> (root / "campaigns" / "events.csv").read_text(encoding="utf-8").splitlines()[1].split(",")[:3]
['e1', 'pursuit', '1']
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from geo import schema as S

SEED_LINES: tuple[str, ...] = (
    "天輔六年正月，金兵克中京。遼主走西京。",
    "三月己巳，遼主奔夾山。是月，闍母至鴛鴦濼。",
    "四月辛卯，復取西京。",
)
"""The default seed ``T``: three lines, as the tiny fixture project has them."""


def make_place(**cells: str) -> dict[str, str]:
    """A valid gazetteer row (西京 on its ruins) with ``cells`` replaced.

    >>> make_place(id="a", lat="40.1")["lat"]
    '40.1'
    """
    row = {
        S.PLACE_ID: "xijing", S.NAME: "西京", S.NAME_SIMPLIFIED: "西京", S.PINYIN: "Xījīng",
        S.VARIANTS: "大同府;雲中", S.PLACE_TYPE: "capital", S.LAT: "40.09", S.LON: "113.3", S.UNCERTAINTY_KM: "3",
        S.LOCATION_BASIS: "ruins", S.MODERN: "old city of Datong, Shanxi", S.POLITY: "liao", S.VALID_FROM: "1044",
        S.VALID_TO: "", S.SOURCE: "Test builder", S.NOTE: "",
    }
    return _replaced(row, cells, S.PLACE_COLUMNS)


def make_event(**cells: str) -> dict[str, str]:
    """A valid event row (the Jin retake 西京, ``T:3``) with ``cells`` replaced."""
    row = {
        S.EVENT_ID: "e1", S.CAMPAIGN: "pursuit", S.SEQ: "1", S.DATE: "天輔六年四月辛卯", S.DATE_AS_WRITTEN: "",
        S.REGIME: "jin", S.PLACE: "xijing", S.ACTOR: "jin_main", S.ACTION: "capture", S.TARGET: "Xijing",
        S.QUOTE: "復取西京", S.EVENT_SOURCE: "T:3", S.SUMMARY_EN: "The Jin retake the Western Capital.",
        S.CERTAINTY: "certain", S.READING: "", S.NOTE: "",
    }
    return _replaced(row, cells, S.EVENT_COLUMNS)


def make_actor(**cells: str) -> dict[str, str]:
    """A valid actor row (``jin_main``) with ``cells`` replaced."""
    row = {S.ACTOR_ID: "jin_main", S.NAME_EN: "Jin main army", S.NAME_ZH: "金軍", S.SIDE: "jin",
           S.COLOUR: "#b2182b", S.DASH: "solid", S.ROUTE: "yes"}
    return _replaced(row, cells, S.ACTOR_COLUMNS)


def make_campaign(**cells: str) -> dict[str, str]:
    """A valid campaign row (``pursuit``) with ``cells`` replaced."""
    row = {S.CAMPAIGN_ID: "pursuit", S.TITLE_ZH: "追襲天祚", S.TITLE_EN: "The pursuit", S.DESCRIPTION: "A test.",
           S.PERIOD: "天輔六年 (1122)", S.COLOUR: "#2171b5"}
    return _replaced(row, cells, S.CAMPAIGN_COLUMNS)


def make_homonym(**cells: str) -> dict[str, str]:
    """A valid ``places/homonyms.csv`` row (西京 read as ``xijing`` in Liao texts from 1044) with ``cells`` replaced.

    >>> make_homonym(name="南京", place="yanjing", regime="liao")["regime"]
    'liao'
    """
    row = {S.HN_NAME: "西京", S.HN_PLACE: "xijing", S.HN_REGIME: "liao", S.HN_FROM: "1044", S.HN_TO: "",
           S.HN_SIGLUM: "", S.HN_EVIDENCE: "Test builder"}
    return _replaced(row, cells, S.HOMONYMS.columns)


def _replaced(row: dict[str, str], cells: Mapping[str, str], columns: Sequence[str]) -> dict[str, str]:
    unknown = [c for c in cells if c not in columns]
    if unknown:
        msg = f"no such column: {', '.join(unknown)} (the columns are {', '.join(columns)})"
        raise KeyError(msg)
    return {**row, **cells}


def csv_text(rows: Iterable[Mapping[str, str]], *, columns: Sequence[str]) -> str:
    """Rows as CSV text with a header, ``\\n`` line ends and minimal quoting."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def write_project(root: Path, *, places: Sequence[Mapping[str, str]] | None = None,
                  events: Sequence[Mapping[str, str]] | None = None,
                  actors: Sequence[Mapping[str, str]] | None = None,
                  campaigns: Sequence[Mapping[str, str]] | None = None,
                  seeds: Mapping[str, Sequence[str]] | None = None, settings: str | None = None,
                  homonyms: Sequence[Mapping[str, str]] | None = None) -> Path:
    """Write a whole project under ``root`` (created) and return ``root``; defaults give a valid project.

    ``settings`` is the text of its ``geo.toml`` (none is written by default); ``homonyms`` the rows of
    ``places/homonyms.csv`` (none is written by default).
    """
    files = {
        S.GAZETTEER_FILE: csv_text([make_place()] if places is None else places, columns=S.PLACE_COLUMNS),
        S.EVENTS_FILE: csv_text([make_event()] if events is None else events, columns=S.EVENT_COLUMNS),
        S.ACTORS_FILE: csv_text([make_actor()] if actors is None else actors, columns=S.ACTOR_COLUMNS),
        S.CAMPAIGNS_FILE: csv_text([make_campaign()] if campaigns is None else campaigns,
                                   columns=S.CAMPAIGN_COLUMNS),
    }
    for siglum, lines in ({"T": SEED_LINES} if seeds is None else seeds).items():
        files[f"{S.SEEDS_DIR}/{siglum}.txt"] = "\n".join(lines) + "\n"
    if settings is not None:
        files["geo.toml"] = settings
    if homonyms is not None:
        files[S.HOMONYMS_FILE] = csv_text(homonyms, columns=S.HOMONYMS.columns)
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root
