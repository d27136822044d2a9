"""The readings of a homonym: a name that stands for different places by regime, years or source.

``places/homonyms.csv`` gives one reading a row (南京 is 燕京 for the Liao to 1122 and 平州 for the Jin in
1123–1126; 京師 is the capital of the regime whose court the text speaks for); :class:`geo.tagger.Gazetteer`
chooses among them by a mention's context.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from geo import schema as S
from geo.calendar.regimes import known_regime, resolve_regime
from geo.tables import parse_int
from geo.text import fold, has_han


@dataclass(frozen=True)
class Reading:
    """One reading of a homonym (a row of ``places/homonyms.csv``): the place a name stands for, and where.

    ``regime`` (a slug), ``first``/``last`` (years CE, inclusive) and ``siglum`` are the conditions; an
    empty one holds everywhere. A condition on the year needs the year of the mention's entry.
    """

    place: str
    regime: str | None = None
    first: int | None = None
    last: int | None = None
    siglum: str | None = None

    def fits(self, *, regime: str | None, year: int | None, siglum: str | None) -> bool:
        """Whether the reading holds in a text of ``regime`` and ``siglum``, in an entry of ``year``."""
        if self.siglum and self.siglum != siglum:
            return False
        if self.regime and self.regime != regime:
            return False
        if self.first is None and self.last is None:
            return True
        return year is not None and (self.first is None or year >= self.first) and (
            self.last is None or year <= self.last)

    def possible(self, *, regime: str | None, year: int | None) -> bool:
        """Whether the context leaves the reading open: nothing it knows (its regime, its year) rules it out."""
        if self.regime and regime and self.regime != regime:
            return False
        return year is None or ((self.first is None or year >= self.first) and (self.last is None or year <= self.last))

    def describe(self) -> str:
        """The conditions in words: ``jin, 1123–1126``, ``in DJGZ``."""
        parts = [self.regime] if self.regime else []
        if self.first is not None or self.last is not None:
            first, last = ("…" if y is None else str(y) for y in (self.first, self.last))
            parts.append(f"{first}–{last}")
        if self.siglum:
            parts.append(f"in {self.siglum}")
        return ", ".join(parts) or "everywhere"


def _regime_slug(name: str) -> str | None:
    name = name.strip()
    return resolve_regime(name).slug if name and known_regime(name) else (name or None)


def read_homonyms(rows: Iterable[Mapping[str, str]]) -> dict[str, tuple[Reading, ...]]:
    """The readings of ``places/homonyms.csv`` rows by folded name (rows without a name or place are left out)."""
    found: dict[str, list[Reading]] = {}
    for row in rows:
        name, place = "".join(row.get(S.HN_NAME, "").split()), row.get(S.HN_PLACE, "").strip()
        if not (has_han(name) and place):
            continue
        found.setdefault(fold(name), []).append(Reading(
            place, _regime_slug(row.get(S.HN_REGIME, "")), parse_int(row.get(S.HN_FROM, "").strip()),
            parse_int(row.get(S.HN_TO, "").strip()), row.get(S.HN_SIGLUM, "").strip() or None))
    return {key: tuple(readings) for key, readings in found.items()}
