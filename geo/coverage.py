"""How much of the seeds the curated data covers: place names with a gazetteer row, dated passages with an event.

:func:`place_coverage` lists every place-like name the tagger finds in the seeds
(gazetteer names and its proposals for names the gazetteer lacks) and the reason
``places/unlocated.csv`` gives for each name without a row. :func:`event_coverage`
lists the dated entries that name a gazetteer place but that no event cites, with
the reason from ``campaigns/skipped.csv``. Both render as Markdown, sorted, so two
runs on the same data give the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from geo import schema as S
from geo.annals import Annals, Entry, read_annals, read_chronicle
from geo.seeds import normalise_quote, parse_citation
from geo.tables import read_table
from geo.tagger import Gazetteer, Mention, propose_names, tag_chronicle, tag_entries
from geo.text import fold

UNLOCATED_FILE = "places/unlocated.csv"
SKIPPED_FILE = "campaigns/skipped.csv"
NO_REASON = "no reason recorded"
NOT_A_PLACE = "not a place"


@dataclass(frozen=True)
class Seed:
    """One seed read for coverage: its siglum, text and dated entries (places tagged)."""

    siglum: str
    text: str
    annals: Annals


@dataclass(frozen=True)
class NameRow:
    """A place-like name found in the seeds: where, how often, its gazetteer ids or the reason it has none."""

    name: str
    ids: tuple[str, ...]
    count: int
    where: tuple[str, ...]
    reason: str = ""


@dataclass(frozen=True)
class PlaceCoverage:
    """Every name found, and the ``unlocated.csv`` rows the tagger did not propose."""

    names: tuple[NameRow, ...]
    unmatched: tuple[tuple[str, str, str], ...]

    @property
    def with_row(self) -> int:
        """Names with a gazetteer row."""
        return sum(1 for n in self.names if n.ids)

    @property
    def not_places(self) -> int:
        """Names whose recorded reason says they are no place."""
        return sum(1 for n in self.names if not n.ids and n.reason.startswith(NOT_A_PLACE))

    @property
    def percent(self) -> float:
        """Names with a row / (all names − names that are no place), in percent."""
        wanted = len(self.names) - self.not_places
        return 100.0 * self.with_row / wanted if wanted else 100.0


@dataclass(frozen=True)
class Gap:
    """A dated entry naming a gazetteer place that no event cites."""

    source: str
    written: str
    place: str
    name: str
    reason: str


@dataclass(frozen=True)
class SourceCoverage:
    """One seed's dated entries that name a place: how many are cited, out of scope, explained or not.

    ``no_place`` counts the uncited entries whose every name the tagger found is, by ``skipped.csv``, no
    place in that passage (a people, part of a title): they name no place, so they are not among
    ``with_places``, as ``not a place`` names are left out of the place coverage.
    """

    siglum: str
    with_places: int = 0
    cited: int = 0
    out_of_scope: int = 0
    explained: int = 0
    no_place: int = 0

    @property
    def in_scope(self) -> int:
        """Entries the project means to map: all but those skipped as out of scope."""
        return self.with_places - self.out_of_scope

    @property
    def percent(self) -> float:
        """Cited / in scope, in percent (100 when nothing is in scope)."""
        return 100.0 * self.cited / self.in_scope if self.in_scope else 100.0


@dataclass(frozen=True)
class EventCoverage:
    """The uncited entries, and the totals of the report."""

    gaps: tuple[Gap, ...]
    events: int
    campaigns: int
    entries_with_places: int
    entries_cited: int
    sources: tuple[SourceCoverage, ...] = ()

    @property
    def entries_without_places(self) -> int:
        """Entries whose only names are no places there (see :class:`SourceCoverage`)."""
        return sum(s.no_place for s in self.sources)

    @property
    def in_scope(self) -> int:
        """Entries naming a place that are not skipped as out of scope, over every seed."""
        return sum(s.in_scope for s in self.sources) if self.sources else self.entries_with_places

    @property
    def percent(self) -> float:
        """Cited / in scope, in percent."""
        return 100.0 * self.entries_cited / self.in_scope if self.in_scope else 100.0


def read_seed_annals(root: Path, gaz: Gazetteer) -> list[Seed]:
    """Every ``seeds/*.txt`` under ``root`` read into dated entries with their places, by siglum."""
    seeds = []
    for path in sorted((root / S.SEEDS_DIR).glob("*.txt")):
        text = read_chronicle(path)
        seeds.append(Seed(path.stem, text, tag_entries(read_annals(text), text, gaz, siglum=path.stem)))
    return seeds


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


@dataclass
class _Group:
    name: str
    ids: tuple[str, ...]
    where: list[str]


def _add(groups: dict[str, _Group], mention: Mention, where: str) -> None:
    groups.setdefault(fold(mention.name), _Group(mention.name, mention.ids, [])).where.append(where)


def _reason(key: str, where: Sequence[str], unlocated: Sequence[Mapping[str, str]]) -> str:
    """The reason recorded for a name: by name, else by a row of the same seed and line naming part of it."""
    for row in unlocated:
        if fold(row.get("name", "")) == key:
            return row.get("reason", "").strip() or NO_REASON
    places = set(where)
    for row in unlocated:
        name = fold(row.get("name", ""))
        if name and f"{row.get('seed', '')}:{row.get('line', '')}" in places and (name in key or key in name):
            return row.get("reason", "").strip() or NO_REASON
    return NO_REASON


def place_coverage(seeds: Sequence[Seed], gaz: Gazetteer, unlocated: Sequence[Mapping[str, str]]) -> PlaceCoverage:
    """Every place-like name in the seeds, whether the gazetteer has it, and why not.

    Parameters
    ----------
    seeds : sequence of Seed
    gaz : Gazetteer
    unlocated : sequence of mapping
        Rows of ``places/unlocated.csv`` (``name, seed, line, reason``).
    """
    groups: dict[str, _Group] = {}
    for seed in seeds:
        regime = seed.annals.regime
        found = tag_chronicle(seed.text, seed.annals, gaz, siglum=seed.siglum)
        for mention in [*found, *propose_names(seed.text, gaz, regime=regime)]:
            _add(groups, mention, f"{seed.siglum}:{_line(seed.text, mention.start)}")
    names = []
    for key, group in groups.items():
        where = tuple(dict.fromkeys(group.where))
        reason = "" if group.ids else _reason(key, where, unlocated)
        names.append(NameRow(group.name, group.ids, len(group.where), where, reason))
    found = {fold(n.name) for n in names}
    unmatched = sorted({(r.get("name", ""), f"{r.get('seed', '')}:{r.get('line', '')}", r.get("reason", ""))
                        for r in unlocated if fold(r.get("name", "")) not in found})
    order = sorted(names, key=lambda n: (not n.ids, n.reason, n.name))
    return PlaceCoverage(tuple(order), tuple(unmatched))


def _citations(events: Iterable[Mapping[str, str]]) -> dict[tuple[str, int], list[str]]:
    """(siglum, line) → the normalised quotes of the events that cite it."""
    cited: dict[tuple[str, int], list[str]] = {}
    for row in events:
        citation = parse_citation(row.get(S.EVENT_SOURCE, ""))
        if citation:
            cited.setdefault(citation, []).append(normalise_quote(row.get(S.QUOTE, "")))
    return cited


def cited_entries(seed: Seed, cited: Mapping[tuple[str, int], list[str]]) -> set[int]:
    """Start offsets of the entries an event cites: its line, and the entry its quote is in.

    A quote found in no single entry of the line (it spans two) marks every entry of that line.
    """
    found: set[int] = set()
    by_line: dict[int, list[Entry]] = {}
    for entry in seed.annals.entries:
        by_line.setdefault(entry.line, []).append(entry)
    for line, entries in by_line.items():
        for quote in cited.get((seed.siglum, line), []):
            inside = [e.start for e in entries if quote and quote in normalise_quote(e.text)]
            found.update(inside or [e.start for e in entries])
    return found


def _skip_reason(source: str, entry: Entry, place: str, gaz: Gazetteer,
                 skipped: Sequence[Mapping[str, str]]) -> str:
    """The reason ``skipped.csv`` gives for this entry and place, else none.

    A row naming both the place and the entry's date wins; then one naming the place with no date, then one
    naming the place with another date of the line (two entries of a line may name one place), then one naming
    the date alone.
    """
    written = fold("".join(entry.written.split()))
    rows = [r for r in skipped if r.get("source", "").strip() == source]

    def date_of(row: Mapping[str, str]) -> str:
        return fold("".join(row.get("date_as_written", "").split()))

    def names_place(row: Mapping[str, str]) -> bool:
        named = row.get("place", "").strip()
        return bool(named) and (named == place or place in gaz.ids(named))

    tests = (lambda r: names_place(r) and date_of(r) == written, lambda r: names_place(r) and not date_of(r),
             names_place, lambda r: not r.get("place", "").strip() and date_of(r) == written)
    for test in tests:
        row = next((r for r in rows if test(r)), None)
        if row is not None:
            return row.get("reason", "").strip() or NO_REASON
    return NO_REASON


def event_coverage(seeds: Sequence[Seed], gaz: Gazetteer, events: Sequence[Mapping[str, str]],
                   skipped: Sequence[Mapping[str, str]], campaigns: int) -> EventCoverage:
    """The dated entries that name a gazetteer place but that no event cites, with the recorded reasons.

    Parameters
    ----------
    seeds : sequence of Seed
    gaz : Gazetteer
    events : sequence of mapping
        Rows of ``campaigns/events.csv``.
    skipped : sequence of mapping
        Rows of ``campaigns/skipped.csv`` (``source, date_as_written, place, reason``).
    campaigns : int
        The number of campaigns (for the totals).
    """
    cited, gaps, totals = _citations(events), [], []
    for seed in seeds:
        seed_gaps, count = _seed_coverage(seed, cited_entries(seed, cited), gaz, skipped)
        gaps += seed_gaps
        totals.append(count)
    order = sorted(gaps, key=lambda g: (_source_key(g.source), g.written, g.place))
    return EventCoverage(tuple(order), len(events), campaigns, sum(t.with_places for t in totals),
                         sum(t.cited for t in totals), tuple(totals))


def _out_of_scope(reason: str) -> bool:
    return reason.lower().startswith(S.OUT_OF_SCOPE_REASONS)


def _not_a_place(reason: str) -> bool:
    return reason.lower().startswith(NOT_A_PLACE)


def _seed_coverage(seed: Seed, hits: set[int], gaz: Gazetteer,
                   skipped: Sequence[Mapping[str, str]]) -> tuple[list[Gap], SourceCoverage]:
    gaps, counts = [], {"with_places": 0, "cited": 0, "out_of_scope": 0, "explained": 0, "no_place": 0}
    for entry in seed.annals.entries:
        if not entry.places:
            continue
        if entry.start in hits:
            counts["with_places"] += 1
            counts["cited"] += 1
            continue
        source = f"{seed.siglum}:{entry.line}"
        reasons = []
        for place in entry.places:
            reason = _skip_reason(source, entry, place, gaz, skipped)
            reasons.append(reason)
            gaps.append(Gap(source, entry.written, place, gaz.names.get(place, place), reason))
        if all(_not_a_place(r) for r in reasons):
            counts["no_place"] += 1
            continue
        counts["with_places"] += 1
        if any(_out_of_scope(r) for r in reasons):
            counts["out_of_scope"] += 1
        elif all(r != NO_REASON for r in reasons):
            counts["explained"] += 1
    return gaps, SourceCoverage(seed.siglum, **counts)


def _source_key(source: str) -> tuple[str, int]:
    citation = parse_citation(source)
    return citation if citation else (source, 0)


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def places_markdown(cov: PlaceCoverage) -> str:
    """``reports/coverage-places.md``: the names, whether they have a row, and the reasons."""
    lines = [
        "# Coverage of place names in the seeds", "",
        f"Place coverage: **{cov.percent:.1f}%** — {cov.with_row} names with a gazetteer row / "
        f"({len(cov.names)} names − {cov.not_places} that are not places).", "",
        "Names are what `geo tag` finds: gazetteer names and variants, and its proposals for place-like "
        "names the gazetteer lacks. Reasons come from `places/unlocated.csv`.", "",
        "| name | gazetteer | count | where (first) | reason |", "|---|---|---|---|---|",
    ]
    for n in cov.names:
        row = ", ".join(n.ids) if n.ids else "—"
        lines.append(f"| {_cell(n.name)} | {_cell(row)} | {n.count} | {_cell(', '.join(n.where[:3]))} | "
                     f"{_cell(n.reason)} |")
    if cov.unmatched:
        lines += ["", "## Rows of `places/unlocated.csv` the tagger did not find", "",
                  "| name | where | reason |", "|---|---|---|"]
        lines += [f"| {_cell(n)} | {_cell(w)} | {_cell(r)} |" for n, w, r in cov.unmatched]
    return "\n".join(lines) + "\n"


def events_markdown(cov: EventCoverage) -> str:
    """``reports/coverage-events.md``: the dated entries with places that no event cites, and the totals."""
    lines = [
        "# Coverage of dated passages by events", "",
        f"- events: {cov.events}", f"- campaigns: {cov.campaigns}",
        f"- dated entries naming a gazetteer place: {cov.entries_with_places}, of which "
        f"{cov.entries_with_places - cov.in_scope} are out of the project's scope (skipped as "
        f"{', '.join(repr(r) for r in S.OUT_OF_SCOPE_REASONS)} …)",
        f"- dated entries whose every name is no place there (skipped as '{NOT_A_PLACE} …': a people, part of "
        f"a title), so that they name no place and are left out: {cov.entries_without_places}",
        f"- entries in scope cited by an event: {cov.entries_cited} of {cov.in_scope} ({cov.percent:.1f}%)", "",
        "| source | entries naming a place | out of scope | in scope | cited | cited % | skipped with a reason | "
        "no reason | naming no place |", "|---|---|---|---|---|---|---|---|---|",
    ]
    lines += [f"| {s.siglum} | {s.with_places} | {s.out_of_scope} | {s.in_scope} | {s.cited} | {s.percent:.1f}% | "
              f"{s.explained} | {s.in_scope - s.cited - s.explained} | {s.no_place} |" for s in cov.sources]
    lines += ["",
        "Entries not cited by any event in `campaigns/events.csv`, one row per place named; reasons come "
        "from `campaigns/skipped.csv`.", "",
        "| source | date as written | place | reason |", "|---|---|---|---|",
    ]
    lines += [f"| {g.source} | {_cell(g.written)} | {_cell(g.name)} ({g.place}) | {_cell(g.reason)} |"
              for g in cov.gaps]
    return "\n".join(lines) + "\n"


def read_rows(path: Path) -> list[dict[str, str]]:
    """The rows of a CSV file, or [] when it does not exist."""
    return list(read_table(path).rows) if path.is_file() else []
