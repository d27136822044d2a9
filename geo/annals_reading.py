"""The whole-text state of the annals reader, and the era changes a text writes applied to the date in force.

:class:`Reading` is what the reader knows about a text while it reads it (its regime, the eras it declares,
the ruler of its heading …); :func:`apply_change` applies an era change written in the text (改元X,
改X年爲Y元年, 建元X, 以明年爲X元年, 改是歲爲X元年) to the :class:`~geo.annals_start.Context` in force.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from geo.annals_start import Context
from geo.annals_text import EraChange
from geo.calendar.resolve import era_regime, eras_named, regime_of
from geo.calendar.tables import Ruler
from geo.text import fold


@dataclass
class Reading:
    """What the reader knows about the whole text while it reads (not the date in force).

    ``regime`` is the text's regime, ``extra_eras`` the eras it declares that the tables lack,
    ``hint`` the fix suggested for an entry with no era in force, ``anchor`` the CE year of its
    first era (to place 歲甲辰 before it), ``aside`` the last date with another regime's prefix
    (line, era, regime), ``last_year`` the CE year of the last date read, ``ruler`` the ruler of
    the heading, ``aliases`` the declared eras as (era of the tables, years to add), ``changes``
    the era changes met as ``(line, as written, what was done)``.
    """

    regime: str | None
    extra_eras: tuple[str, ...]
    hint: str
    anchor: int | None = None
    aside: tuple[int, str, str | None] | None = None
    last_year: int | None = None
    ruler: Ruler | None = None
    aliases: dict[str, tuple[str, int]] = field(default_factory=dict)
    changes: list[tuple[int, str, str]] = field(default_factory=list)


def apply_change(ctx: Context, change: EraChange, line: int, reading: Reading) -> Context:
    """The context after an era change written in the text."""
    reading.changes.append((line, change.written, change.era))
    if not applies(ctx, change):
        reading.changes[-1] = (line, change.written, f"{change.era}: not applied, another regime's era change")
        return ctx
    if change.next_year:
        if not eras_named(change.era, borrowed=True) and ctx.era is not None and ctx.year is not None:
            base = reading.aliases.get(fold(ctx.era), (ctx.era, 0))  # 吳元年 is the year after the one in force
            reading.aliases[fold(change.era)] = base[0], base[1] + ctx.year
        return replace(ctx, pending=change.era)
    eras = [e for e in eras_named(change.era) if era_regime(e).chinese or regime_of(e) == ctx.regime]
    if ctx.regime and any(regime_of(e) == ctx.regime for e in eras):
        eras = [e for e in eras if regime_of(e) == ctx.regime]
    if not eras and not (change.old or fold(change.era) in reading.extra_eras):
        reading.changes[-1] = (line, change.written, f"{change.era}: not applied, no such era in force then")
        return ctx
    if not eras:  # 吳元年, 改保大二年爲建福元年: an era the tables lack counts its years from the year in force
        if ctx.era is not None and ctx.year is not None:
            base = reading.aliases.get(fold(ctx.era), (ctx.era, 0))
            reading.aliases[fold(change.era)] = base[0], base[1] + ctx.year - 1
        return replace(ctx, era=change.era, year=1, pending=None)
    if ctx.ce_year is not None and all(e.start_year == ctx.ce_year + 1 for e in eras):
        return replace(ctx, pending=change.era)  # proclaimed for the next year (踰年改元)
    if ctx.ce_year is not None and not any(abs(e.start_year - ctx.ce_year) <= 1 for e in eras):
        first = min(e.start_year for e in eras)
        reading.changes[-1] = (line, change.written, f"{change.era}: applied, but the tables begin it in {first} "
                                                     f"and the text here in {ctx.ce_year} — the dates after it "
                                                     "follow the tables; check them")
    regimes = {regime_of(e) for e in eras}
    regime = ctx.regime if ctx.regime in regimes else regimes.pop() if len(regimes) == 1 else None
    return replace(ctx, era=change.era, year=1, regime=regime, pending=None)


def applies(ctx: Context, change: EraChange) -> bool:
    """Whether an era change is the text's own: of the regime in force, or changing the era in force."""
    if ctx.regime is None or (change.old and ctx.era and fold(change.old) == fold(ctx.era)):
        return True
    return any(regime_of(e) == ctx.regime for e in eras_named(change.era)) or not eras_named(change.era)
