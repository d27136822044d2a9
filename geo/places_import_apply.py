"""Apply a reviewed import (``geo places import --apply``): the accepted rows of the review file into the gazetteer.

A review row whose ``decision`` is ``accept`` either links one of our rows (``our_id`` filled: the
authority ids of ``new_wikidata`` … ``new_whg`` go into empty cells or join the ``chgis`` list, and
``new_name`` and ``new_variants`` join ``variants`` where the row has no such form; coordinates are never
changed) or adds a new row from the ``new_*`` cells (``our_id`` empty). An id that would be overwritten,
a CHGIS record without a point of our own and a decision other than ``accept``/``reject``/empty are
errors, all reported at once; nothing is changed then. Applying the same review twice changes nothing
the second time. The caller checks the result (:func:`geo.pipeline.check_project`) before writing it;
:func:`issues_in_review` points the problems of new or changed rows at the review row that caused them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from geo import schema as S
from geo.errors import Issue
from geo.names import normalise_name
from geo.places_import_read import LICENCE_NOTE, NAME_COLUMNS
from geo.tables import Table, split_list
from geo.text import has_han
from geo.validate_places import normalise_cell

REQUIRED_REVIEW: tuple[str, ...] = (S.DECISION, S.STATUS, S.INCOMING_ID, S.OUR_ID, S.NEW_PREFIX + S.PLACE_ID)
SINGLE_LINKS: tuple[str, ...] = tuple(c for c in S.AUTHORITIES if c != S.CHGIS)


@dataclass(frozen=True)
class Applied:
    """The gazetteer after the accepted rows, what changed and why not.

    ``origins`` maps each added or changed id to the review line that did it; ``issues`` are the
    review rows that cannot be applied (errors) and ``unchanged`` counts accepted rows already applied.
    """

    table: Table
    added: tuple[str, ...]
    linked: tuple[str, ...]
    origins: dict[str, int]
    issues: tuple[Issue, ...]
    unchanged: int = 0

    @property
    def changed(self) -> bool:
        """Whether the gazetteer differs from what it was."""
        return bool(self.added or self.linked)


def _cell(row: Mapping[str, str], column: str) -> str:
    return normalise_cell(row.get(column, ""))


def _new(row: Mapping[str, str], column: str) -> str:
    return _cell(row, S.NEW_PREFIX + column)


def _issue(review: Table, line: int, column: str, msg: str, hint: str) -> Issue:
    return Issue(review.path, line, review.column(column), msg, hint)


def _decision(review: Table, line: int, row: Mapping[str, str], statuses: frozenset[str]) -> tuple[bool, list[Issue]]:
    """Whether the row is accepted; an issue for a decision or status that is not one of ours."""
    decision, status = _cell(row, S.DECISION).lower(), _cell(row, S.STATUS)
    if decision not in ("", *S.DECISIONS):
        return False, [_issue(review, line, S.DECISION, f"decision {row[S.DECISION].strip()!r} is neither "
                              "accept nor reject", "write accept, reject, or leave it empty (= not now)")]
    if status not in S.STATUSES:
        return False, [_issue(review, line, S.STATUS, f"unknown status {status!r}",
                              f"keep the status the import wrote: one of {', '.join(S.STATUSES)}")]
    return decision == S.ACCEPT and (not statuses or status in statuses), []


def _link(review: Table, line: int, row: Mapping[str, str], ours: dict[str, str]) -> tuple[bool, list[Issue]]:
    """Add the review row's authority ids and names to our row ``ours`` (changed in place)."""
    issues, changed = [], False
    for column in S.AUTHORITIES:
        theirs, mine = split_list(_new(row, column)), split_list(ours.get(column, ""))
        extra = [v for v in theirs if v not in mine]
        if not extra:
            continue
        if column in SINGLE_LINKS and (mine or len(theirs) > 1):
            held = f"has {column} {';'.join(mine)}" if mine else "can hold one"
            issues.append(_issue(review, line, S.NEW_PREFIX + column, f"our row {ours[S.PLACE_ID]} {held}; the "
                                 f"review gives {';'.join(theirs)}", "an import never overwrites: edit the "
                                 f"gazetteer by hand if ours is wrong, or empty new_{column}"))
            continue
        ours[column], changed = ";".join([*mine, *extra]), True
    keys = {normalise_name(f) for c in NAME_COLUMNS for f in split_list(ours.get(c, ""), S.VARIANT_SEPARATOR)}
    for form in [_new(row, S.NAME), *split_list(_new(row, S.VARIANTS), S.VARIANT_SEPARATOR)]:
        if has_han(form) and normalise_name(form) not in keys:
            ours[S.VARIANTS] = ";".join([*split_list(ours.get(S.VARIANTS, ""), S.VARIANT_SEPARATOR), form])
            keys.add(normalise_name(form))
            changed = True
    return changed, issues


def _place(review: Table, line: int, row: Mapping[str, str], rows: Mapping[str, dict[str, str]]) -> tuple[
        dict[str, str] | None, list[Issue]]:
    """The new gazetteer row of a review row without ``our_id`` (None when it is already there or refused)."""
    place = _new(row, S.PLACE_ID)
    if _cell(row, S.INCOMING_ID).startswith("hvd_") and not (_new(row, S.LAT) and _new(row, S.LON)):
        return None, [_issue(review, line, S.NEW_PREFIX + S.LAT, f"{_cell(row, S.INCOMING_ID)} comes from CHGIS "
                             "and has no point of our own: it cannot be added as a new row", LICENCE_NOTE +
                             ", or set our_id to link it to an existing row, or reject it")]
    if not place:
        return None, [_issue(review, line, S.NEW_PREFIX + S.PLACE_ID, "empty 'new_id'",
                             "give the new row an id, or set our_id to link the place to one of our rows")]
    if place in rows:
        name = _new(row, S.NAME)
        held = {normalise_name(f) for c in NAME_COLUMNS for f in split_list(rows[place].get(c, ""), ";")}
        if normalise_name(name) in held:
            return None, []  # added by an earlier run
        return None, [_issue(review, line, S.NEW_PREFIX + S.PLACE_ID, f"new_id {place!r} is already our row "
                             f"{place} ({_cell(rows[place], S.NAME)})", "choose another id, or set our_id to "
                             f"{place} to link the place to that row")]
    return {column: _new(row, column) for column in S.PLACE_COLUMNS}, []


def apply_review(gazetteer: Table, review: Table, *, statuses: Iterable[str] = ()) -> Applied:
    """The gazetteer with the accepted review rows applied (of ``statuses`` only, when given).

    Parameters
    ----------
    gazetteer : Table
        Ours, as read by :func:`geo.tables.read_table`; never changed.
    review : Table
        The review file (:data:`geo.schema.REVIEW_COLUMNS`), edited or as written.
    statuses : iterable of str, optional
        Apply only accepted rows of these statuses.
    """
    missing = [c for c in REQUIRED_REVIEW if c not in review.header]
    if missing or not review.header:
        issue = Issue(review.path, 1, 0, f"not a review file of geo places import: no {', '.join(missing)} column",
                      "give the file geo places import wrote (places/import-review.csv by default)")
        return Applied(gazetteer, (), (), {}, (*review.issues, issue))
    rows = {r.get(S.PLACE_ID, "").strip(): dict(r) for r in gazetteer.rows}
    order = [r.get(S.PLACE_ID, "").strip() for r in gazetteer.rows]
    issues = [i for i in review.issues if i.severity == "error"]
    added, linked, origins, unchanged = [], [], {}, 0
    wanted = frozenset(statuses)
    for line, row in review.records():
        accepted, problems = _decision(review, line, row, wanted)
        issues += problems
        if not accepted:
            continue
        our = _cell(row, S.OUR_ID)
        if our and our not in rows:
            issues.append(_issue(review, line, S.OUR_ID, f"our_id {our!r} is not in the gazetteer",
                                 "correct it, or empty it to add the place as a new row"))
            continue
        if our:
            changed, problems = _link(review, line, row, rows[our])
            if changed and our not in origins:
                linked.append(our)
        else:
            new, problems = _place(review, line, row, rows)
            if new is not None:
                rows[new[S.PLACE_ID]] = new
                order.append(new[S.PLACE_ID])
                added.append(new[S.PLACE_ID])
            changed = new is not None
        issues += problems
        unchanged += not changed and not problems
        if changed:
            origins.setdefault(our or new[S.PLACE_ID], line)
    header = tuple(dict.fromkeys([*gazetteer.header, *S.PLACE_COLUMNS]))
    table = Table(gazetteer.path, header, tuple(rows[p] for p in order), gazetteer.lines + (0,) * len(added))
    return Applied(table, tuple(added), tuple(linked), origins, tuple(sorted(issues)), unchanged)


def issues_in_review(issues: Sequence[Issue], checked: Table, applied: Applied, *, review: Table,
                     before: Table) -> list[Issue]:
    """The problems of the checked gazetteer, each pointed at the review row that added or changed its row.

    ``checked`` is the gazetteer as it would be written (canonical order); a problem of a row the import
    did not touch points at that row's line in ``before``, the file as it is. Problems in other files stay.
    """
    lines = {r.get(S.PLACE_ID, "").strip(): line for line, r in before.records()}
    places = {line: r.get(S.PLACE_ID, "").strip() for line, r in checked.records()}
    out = []
    for issue in issues:
        if issue.path != checked.path or issue.line not in places:
            out.append(issue)
            continue
        place = places[issue.line]
        column = checked.header[issue.column - 1] if 0 < issue.column <= len(checked.header) else ""
        if place in applied.origins:
            what = "the new row" if place in applied.added else "our row"
            out.append(Issue(review.path, applied.origins[place], review.column(S.NEW_PREFIX + column),
                             f"{issue.message} ({what} {place} after the import)", issue.hint, issue.severity))
        else:
            out.append(Issue(before.path, lines.get(place, issue.line), before.column(column) if column else 0,
                             issue.message, issue.hint, issue.severity))
    return sorted(out)
