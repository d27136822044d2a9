"""The seed texts and the citations that point into them (``JS:12``)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from geo.text import quote_key

_CITATION = re.compile(r"^\s*([A-Za-z][A-Za-z0-9_]*)\s*:\s*(\d+)\s*$")


@dataclass(frozen=True)
class Seed:
    """One seed text: its siglum, file and lines (index 0 is line 1)."""

    siglum: str
    path: Path
    lines: tuple[str, ...]


def read_seeds(folder: str | Path) -> dict[str, Seed]:
    """Read every ``SIGLUM.txt`` in ``folder``; the file stem is the siglum.

    >>> sorted(read_seeds("seeds"))  # doctest: +SKIP
    ['DJGZ', 'JS', 'QDGZ']
    """
    seeds = {}
    for path in sorted(Path(folder).glob("*.txt")):
        text = path.read_text(encoding="utf-8-sig")
        seeds[path.stem] = Seed(path.stem, path, tuple(text.splitlines()))
    return seeds


def parse_citation(text: str) -> tuple[str, int] | None:
    """Split ``"JS:12"`` into ``("JS", 12)``; None when the form is wrong.

    >>> parse_citation("JS:12"), parse_citation("JS 12")
    (('JS', 12), None)
    """
    match = _CITATION.match(text)
    return (match.group(1), int(match.group(2))) if match else None


def citation_sigla(sources: Iterable[str]) -> dict[str, str]:
    """Each distinct citation's siglum (``""`` when it is not a citation): a million events cite a few thousand lines.

    >>> citation_sigla(["JS:12", "JS:12", "n/a"]) == {"JS:12": "JS", "n/a": ""}
    True
    """
    return {source: cited[0] if (cited := parse_citation(source)) else "" for source in set(sources)}


@lru_cache(maxsize=4096)
def normalise_quote(text: str) -> str:
    """Fold a quote or a seed line for comparison (:func:`geo.text.quote_key`).

    >>> normalise_quote("遼主 天祚") == normalise_quote("辽主天祚")
    True
    """
    return quote_key(text)


def quote_in_line(quote: str, line: str) -> bool:
    """Whether ``quote`` occurs in ``line`` once whitespace and character forms are folded.

    >>> quote_in_line("金兵 克中京", "天輔六年正月，金兵克中京。")
    True
    """
    return quote.strip() in line or normalise_quote(quote) in normalise_quote(line)
