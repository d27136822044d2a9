"""Which era a name means, and writing Chinese numerals back.

An era name is looked up in sanmiao's tables (traditional, simplified or folded forms).
The candidates are narrowed by the regime given, then by the date in force (``near``:
the era closest to it), and the eras of foreign calendars (日本, 高麗 …) are dropped
unless their regime is named. The converter then keeps the readings whose days exist;
what is still ambiguous is refused with every candidate listed — never a silent choice.
"""

from __future__ import annotations

import functools

from geo.calendar.regimes import Regime, read_regimes, regime_of_dynasty, resolve_regime
from geo.calendar.tables import Era, load_tables
from geo.errors import CalendarError
from geo.text import fold

_DIGITS = "〇一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """Write 1–99 as 一 … 九十九."""
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _DIGITS[ones]
    head = "" if tens == 1 else _DIGITS[tens]
    return head + "十" + (_DIGITS[ones] if ones else "")


def format_year(n: int) -> str:
    """Write an era year: 元 for 1, otherwise a Chinese numeral."""
    return "元" if n == 1 else chinese_numeral(n)


def month_label(n: int | None) -> str:
    """Write a month number: 正 for 1, otherwise a Chinese numeral (empty for None)."""
    if n is None:
        return ""
    return "正" if n == 1 else chinese_numeral(n)


def era_regime(era: Era) -> Regime:
    """The regime of an era (every dynasty with eras in the tables has a row in the regime table)."""
    regime = regime_of_dynasty(era.dyn_id)
    if regime is None:  # pragma: no cover - guarded by a test over the whole table
        raise CalendarError(f"the regime table has no row for sanmiao dynasty {era.dyn_id} ({era.dynasty})")
    return regime


def regime_of(era: Era) -> str:
    """The regime slug of an era (``liao``, ``tang`` …)."""
    return era_regime(era).slug


def last_year(era: Era) -> int:
    """The CE year of the era's last year."""
    return era.start_year + era.max_year - 1


def describe(era: Era) -> str:
    """Describe an era for messages, e.g. ``liao 遼 1111–1120``."""
    regime = era_regime(era)
    return f"{regime.slug} {regime.name} {era.start_year}–{last_year(era)}"


def describe_all(eras: list[Era]) -> str:
    """Every era described, in time order, ``; ``-separated."""
    return "; ".join(describe(e) for e in sorted(eras, key=lambda e: (e.start_year, e.dyn_id)))


@functools.lru_cache(maxsize=1)
def _folded_index() -> dict[str, tuple[Era, ...]]:
    index: dict[str, list[Era]] = {}
    for name, eras in load_tables().eras_by_name.items():
        for era in eras:
            if era not in index.setdefault(fold(name), []):
                index[fold(name)].append(era)
    return {key: tuple(values) for key, values in index.items()}


@functools.lru_cache(maxsize=4096)
def eras_named(name: str, *, borrowed: bool = False) -> tuple[Era, ...]:
    """Every era of the tables called ``name`` (any script), merged where two rows name the same years.

    A state that counted its years in another's era (南平 in 宋's 建隆, 馬楚 in 南唐's 保大) has its
    own row in the tables, with the same days; it is left out unless ``borrowed`` (its regime is named).
    """
    eras = _merge_equivalent(list(_folded_index().get(fold(name), ())))
    return tuple(eras if borrowed else _without_borrowed(eras))


def _without_borrowed(eras: list[Era]) -> list[Era]:
    """Drop the eras that overlap an earlier one of the same name in the same calendar stream."""
    kept: list[Era] = []
    for era in eras:  # sorted by first year
        if not any(k.stream == era.stream and k.start_year <= era.start_year <= last_year(k) for k in kept):
            kept.append(era)
    return kept


def _merge_equivalent(eras: list[Era]) -> list[Era]:
    """Keep one era of those that name the same years in the same stream (an era resumed after a break)."""
    best: dict[tuple[int, int], Era] = {}
    for era in eras:
        key = (era.stream, era.start_year)
        if key not in best or era.max_year > best[key].max_year:
            best[key] = era
    return sorted(best.values(), key=lambda e: (e.start_year, e.dyn_id))


def _distance(era: Era, jdn: int) -> int:
    return max(era.start_jdn - jdn, jdn - era.end_jdn, 0)


def _nearest(eras: list[Era], near: int) -> list[Era]:
    """The era closest in time to the day ``near`` (all of them when two are equally close)."""
    ranked = sorted(eras, key=lambda e: _distance(e, near))
    if len(ranked) > 1 and _distance(ranked[0], near) == _distance(ranked[1], near):
        return ranked
    return ranked[:1]


def era_candidates(name: str, *, regime: str | None = None, near: int | None = None, text: str = "") -> list[Era]:
    """The eras ``name`` may mean, best first: of ``regime`` if given, else of the Chinese calendars.

    Parameters
    ----------
    name : str
        The era as written.
    regime : str, optional
        A regime slug or name; only its eras are candidates.
    near : int, optional
        The JDN of the date in force; among several eras, the closest one is kept.
    text : str
        The expression, for messages.

    Raises
    ------
    CalendarError
        If no era has that name, none belongs to ``regime``, or only foreign calendars use it.
    """
    eras = list(eras_named(name, borrowed=bool(regime)))
    label = text or name
    if not eras:
        raise CalendarError(f"{label}: unknown era {name} — check the spelling (traditional or simplified characters)")
    if regime:
        wanted = resolve_regime(regime)
        chosen = [e for e in eras if e.dyn_id in wanted.dynasties]
        if not chosen:
            raise CalendarError(
                f"{label}: {name} is not an era of {wanted.slug} ({wanted.name}); it is used by: {describe_all(eras)} "
                "— check the era name or the regime"
            )
    else:
        chosen = [e for e in eras if era_regime(e).chinese]
        if not chosen:
            raise CalendarError(
                f"{label}: {name} is an era of {describe_all(eras)}, a calendar used only when named "
                f"— pass --regime {era_regime(eras[0]).slug} or prefix {era_regime(eras[0]).name} if the text means "
                "it; the tables have no other era of that name"
            )
    return _nearest(chosen, near) if near is not None and len(chosen) > 1 else chosen


def ambiguity(name: str, eras: list[Era], text: str, *, why: str = "") -> CalendarError:
    """The refusal when several eras remain: every reading of the name is listed, foreign ones too."""
    listed = describe_all(list(eras_named(name, borrowed=True)))
    reason = f" ({why})" if why else ""
    regimes = list(dict.fromkeys(regime_of(e) for e in eras))
    if len(regimes) == 1:
        return CalendarError(
            f"{text}: {era_regime(eras[0]).name} has several eras {name}: {listed}{reason} — the era in force "
            "decides: read the date in its text (geo annals, --start) or write the year of another era"
        )
    return CalendarError(
        f"{text}: the era {name} is ambiguous: {listed}{reason} — give the regime "
        f"(--regime {' or '.join(regimes)}, or a prefix such as "
        f"{era_regime(eras[0]).name}{name})"
    )


@functools.lru_cache(maxsize=256)
def regime_eras(regime: str) -> tuple[list[int], list[Era]]:
    """The eras of ``regime`` sorted by first day, with the list of first days (for bisect)."""
    dynasties = set(resolve_regime(regime).dynasties)
    eras = sorted((e for e in load_tables().eras if e.dyn_id in dynasties), key=lambda e: e.start_jdn)
    return [e.start_jdn for e in eras], eras


def regime_years(regime: str) -> tuple[int, int] | None:
    """The first and last CE year of the eras of ``regime`` in sanmiao's tables (None when it has none)."""
    eras = regime_eras(regime)[1]
    if not eras:
        return None
    return min(e.start_year for e in eras), max(last_year(e) for e in eras)


#: The markers around the generated regime table in ``campaigns/README.md``.
TABLE_BEGIN, TABLE_END = "<!-- regime table: begin (geo.calendar.resolve.regimes_markdown) -->", \
    "<!-- regime table: end -->"


def regimes_markdown() -> str:
    """The regime table as Markdown, from ``regimes.csv`` and the eras of sanmiao's tables (for the docs)."""
    lines = ["| slug | name | simplified | also accepted | eras in the tables | calendar | meaning |",
             "|---|---|---|---|---|---|---|"]
    for regime in read_regimes():
        years = regime_years(regime.slug)
        span = f"{years[0]}–{years[1]}" if years else "—"
        aliases = ", ".join(regime.aliases) or "—"
        lines.append(f"| `{regime.slug}` | {regime.name} | {regime.name_simplified} | {aliases} | {span} | "
                     f"{regime.calendar} | {regime.note} |")
    return "\n".join(lines) + "\n"
