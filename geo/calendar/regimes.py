"""The regimes whose calendars the engine knows: one row per dynasty of sanmiao's tables.

The table is package data (``geo/calendar/regimes.csv``): a slug, the Chinese name in
traditional and simplified characters, the sanmiao dynasty ids it covers, accepted
aliases, and whether its calendar is Chinese (used without being named) or foreign
(日本, 高麗 …: used only when named). A name the tables give to several dynasties
(宋, 夏, 漢 …) means the one a historian means by it; the rows say which. The years
of each regime come from its eras in sanmiao's tables, never from this file.

>>> resolve_regime("遼").slug, resolve_regime("辽").slug, resolve_regime("Liao").slug
('liao', 'liao', 'liao')
"""

from __future__ import annotations

import csv
import functools
import io
from dataclasses import dataclass
from importlib import resources

from geo.errors import CalendarError

#: ``calendar`` value of a regime whose eras are chosen without being named.
CHINESE = "chinese"
#: ``kind`` of a row that groups several dynasties (漢, 五代).
GROUP = "group"


@dataclass(frozen=True)
class Regime:
    """One row of the regime table."""

    slug: str
    name: str
    name_simplified: str
    kind: str
    dynasties: tuple[int, ...]
    aliases: tuple[str, ...]
    calendar: str
    note: str

    @property
    def chinese(self) -> bool:
        """Whether the regime's eras are chosen when a date names no regime."""
        return self.calendar == CHINESE


def _split(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(";") if part.strip())


@functools.lru_cache(maxsize=1)
def read_regimes() -> tuple[Regime, ...]:
    """Every row of ``regimes.csv``, in table order.

    >>> read_regimes()[0].slug
    'qin'
    """
    text = (resources.files("geo.calendar") / "regimes.csv").read_text(encoding="utf-8")
    return tuple(
        Regime(row["slug"], row["name"], row["name_simplified"], row["kind"],
               tuple(int(d) for d in _split(row["sanmiao_dynasties"])), _split(row["aliases"]),
               row["calendar"], row["note"])
        for row in csv.DictReader(io.StringIO(text))
    )


@functools.lru_cache(maxsize=1)
def _by_name() -> dict[str, Regime]:
    index: dict[str, Regime] = {}
    for regime in read_regimes():
        for name in (regime.slug, regime.name, regime.name_simplified, *regime.aliases):
            index.setdefault(name.lower(), regime)
    return index


@functools.lru_cache(maxsize=1)
def _by_dynasty() -> dict[int, Regime]:
    return {d: r for r in read_regimes() if r.kind != GROUP for d in r.dynasties}


def regime_names() -> tuple[str, ...]:
    """Every accepted name (slugs, Chinese names, aliases), longest first (for prefix matching)."""
    return tuple(sorted(_by_name(), key=lambda n: (-len(n), n)))


def resolve_regime(name: str) -> Regime:
    """The regime called ``name``: a slug (``tang``), a Chinese name (唐, 西夏, 辽) or an alias (大金).

    Raises
    ------
    CalendarError
        If no regime has that name; the message lists the slugs.
    """
    regime = _by_name().get(name.strip().lower())
    if regime is None:
        slugs = ", ".join(r.slug for r in read_regimes())
        msg = (f"unknown regime {name!r} — use a slug ({slugs}) or a Chinese name such as 唐, 宋, 遼, 金, 西夏, 元, 明 "
               "(see the regime table in campaigns/README.md)")
        raise CalendarError(msg)
    return regime


def known_regime(name: str) -> bool:
    """Whether ``name`` names a regime of the table (for vocabulary checks)."""
    return name.strip().lower() in _by_name()


def regime_of_dynasty(dyn_id: int) -> Regime | None:
    """The (single-dynasty) regime of a sanmiao dynasty id, or None when the table has none."""
    return _by_dynasty().get(dyn_id)
