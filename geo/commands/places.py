"""``geo places``: find places by any name form, rewrite the gazetteer in canonical form, import a gazetteer.

``geo places find QUERY`` matches traditional, simplified and variant names,
pinyin with or without tones, and ids. ``geo places fmt`` rewrites the CSV in
canonical form (standard column order, rows sorted by id, whitespace and numbers
normalised) and refuses to touch a file with errors.

``geo places import`` merges another gazetteer (an LP-TSV, a Linked Places JSON, or a CSV with a name,
lat and lon: a CHGIS or CCTS extract) into ours in one reviewed step::

    geo places import chgis-extract.csv            # writes places/import-review.csv; changes nothing else
    geo places import --apply places/import-review.csv   # applies the rows whose decision is accept
    geo places import extract.tsv --accept matched new   # the same in one go, without editing the review

Each incoming place is ``matched`` (one of our rows has the name, within ``--within`` km plus its
``uncertainty_km``), ``conflicting`` (the name is ours but the point is far, several rows fit, or an
authority id disagrees) or ``new``. Accepting a matched row links it: the authority id (a CHGIS ``hvd_``
id into ``chgis``, ``wd:Q…`` into ``wikidata``) and the incoming name as a variant; coordinates are never
changed. Accepting a new row adds it from the ``new_*`` cells. A conflicting row is applied only when
accepted in the review file: with ``our_id`` it links that row, with ``our_id`` emptied it is added.
CHGIS coordinates are never copied (we link to CHGIS): a new CHGIS place needs a point from another source.
The gazetteer after the import must pass ``geo check``; otherwise every problem is printed, pointing at
the review row, and nothing is written. Applying twice changes nothing the second time.
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from geo import atomic
from geo import schema as S
from geo.commands import add_root, project_gazetteer
from geo.errors import Issue
from geo.tables import Table, parse_csv_text, read_table

HELP = "find places by any name form, rewrite the gazetteer in canonical form, or import another gazetteer"
IMPORT_EPILOG = """\
the review step (nothing enters the gazetteer):
  geo places import FILE                  write places/import-review.csv, one row per incoming place:
                                          status (matched, new, conflicting), our_id, distance_km,
                                          matched_by, note, and the cells the import would write (new_*)
then either
  geo places import --apply REVIEW        apply the rows whose decision you set to accept
or
  geo places import FILE --accept matched new
                                          accept every row of those statuses, write the review, apply

what accepting does:
  matched      links our row: the import's authority ids (CHGIS hvd_ ids into chgis, wd:Q... into wikidata,
               DILA PL... ids into dila, WHG ids into whg) and its name as a variant; never our coordinates
  new          adds the row of the new_* cells (edit them in the review first: id, type, modern, ...)
  conflicting  only one by one in the review file: our_id set links that row, our_id emptied adds a new row

CHGIS licence: we link to CHGIS and never copy its coordinates. The review leaves a CHGIS place's point
empty, and a new CHGIS place is refused until you give new_lat and new_lon from another source (and name
it in new_source). A matched CHGIS place just gains the hvd_ id.

The gazetteer after the import must pass geo check: otherwise every problem is printed as
file:line:column, pointing at the review row, exit status 1, and nothing is written. The gazetteer is
written atomically in canonical form (geo places fmt). Applying the same review again changes nothing."""
FIND_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", S.PLACE_ID), ("name", S.NAME), ("pinyin", S.PINYIN), ("type", S.PLACE_TYPE), ("lat", S.LAT),
    ("lon", S.LON), ("±km", S.UNCERTAINTY_KM), ("modern", S.MODERN),
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the ``find`` and ``fmt`` actions of ``geo places``."""
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    find = actions.add_parser("find", help="find rows by name, variant, pinyin or id",
                              description="find gazetteer rows by any name form or id")
    find.add_argument("query", metavar="QUERY", help="a name in any script, pinyin (tones optional) or an id")
    fmt = actions.add_parser("fmt", help="rewrite the gazetteer in canonical form",
                             description="rewrite the gazetteer in canonical form; refuses when it has errors")
    fmt.add_argument("--check", action="store_true", help="only report whether the file is canonical (exit 1 if not)")
    imp = actions.add_parser("import", help="merge another gazetteer (LP-TSV, Linked Places JSON, CSV) after review",
                             description="merge another gazetteer into ours in one reviewed step",
                             epilog=IMPORT_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    _import_arguments(imp)
    for sub in (find, fmt, imp):
        add_root(sub)


def _import_arguments(parser: argparse.ArgumentParser) -> None:
    which = parser.add_mutually_exclusive_group()
    which.add_argument("file", nargs="?", metavar="FILE",
                       help="the gazetteer to import: .tsv (LP-TSV), .json/.jsonld (Linked Places) or .csv with "
                            "name, lat and lon columns (NAME_CH, X_COOR, Y_COOR … are understood)")
    which.add_argument("--apply", metavar="REVIEW", help="apply the accepted rows of a review file")
    parser.add_argument("--accept", nargs="+", choices=S.STATUSES, metavar="STATUS",
                        help="with FILE: accept every row of these statuses (matched, new) and apply them at once; "
                             "conflicting rows are accepted one by one in the review file only")
    parser.add_argument("--review", metavar="PATH",
                        help="where to write the review (default: import-review.csv next to the gazetteer)")
    parser.add_argument("--within", type=float, metavar="KM",
                        help="a same-name place matches up to KM km plus our row's uncertainty_km (default: 20; "
                             "rivers, lakes, mountains, camps 50; regions, peoples, polities 100)")
    parser.add_argument("--source", metavar="TEXT",
                        help="how new rows cite the import in their source (default: the file's name)")
    parser.add_argument("--dry-run", action="store_true", help="say what would change; write nothing")


def run(args: argparse.Namespace) -> int:
    """Run ``geo places find``, ``geo places fmt`` or ``geo places import``."""
    project_gazetteer(args)
    if args.action == "find":
        return find_command(args.query, args.gazetteer)
    if args.action == "import":
        return import_command(args)
    return fmt_command(args.gazetteer, check=args.check)


# --- find ----------------------------------------------------------------------------------------

def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def format_rows(rows: Sequence[Mapping[str, str]]) -> str:
    """An aligned text table of rows (id, name, pinyin, type, lat, lon, ±km, modern)."""
    from geo.validate_places import normalise_cell

    cells = [[title for title, _ in FIND_COLUMNS]]
    cells += [[normalise_cell(row.get(col, "")).replace("\n", " ") for _, col in FIND_COLUMNS] for row in rows]
    widths = [max(_width(line[i]) for line in cells) for i in range(len(FIND_COLUMNS))]
    return "\n".join("  ".join(_pad(c, w) for c, w in zip(line, widths)).rstrip() for line in cells)


def _print_issues(issues: Sequence[Issue]) -> None:
    for issue in issues:
        print(issue, file=sys.stderr)


def find_command(query: str, path: str) -> int:
    """Print the rows matching ``query``; exit 1 with suggestions when none does."""
    from geo.names import build_name_index, closest_ids, lookup_place, name_forms, variant_note

    table = read_table(path)
    if not table.header:
        _print_issues(table.issues)
        return 1
    ids = lookup_place(query, build_name_index(table.rows))
    by_id: dict[str, dict[str, str]] = {}
    for row in table.rows:
        by_id.setdefault(row.get(S.PLACE_ID, "").strip(), row)
    if not ids:
        print(f"geo places find: no place matches {query!r} in {path}", file=sys.stderr)
        close = closest_ids(query, {place: name_forms(row) for place, row in by_id.items() if place})
        if close:
            named = ", ".join(f"{c} ({by_id[c].get(S.NAME, '').strip()})" for c in close)
            print(f"did you mean: {named}?", file=sys.stderr)
        return 1
    rank = {place: n for n, place in enumerate(ids)}
    rows = [row for row in table.rows if row.get(S.PLACE_ID, "").strip() in rank]
    for note in filter(None, (variant_note(query, row) for row in rows)):
        print(f"geo places find: {note}", file=sys.stderr)
    print(format_rows(sorted(rows, key=lambda row: rank[row[S.PLACE_ID].strip()])))
    return 0


# --- fmt -----------------------------------------------------------------------------------------

def fmt_command(path: str, *, check: bool = False) -> int:
    """Rewrite (or with ``check`` only inspect) the gazetteer; refuse when it has errors."""
    from geo.gazetteer_format import canonical_csv
    from geo.validate_places import check_places

    target = Path(path)
    table = read_table(target, display=path)
    issues = check_places(table)
    errors = [i for i in issues if i.severity == "error"]
    if errors:
        _print_issues(issues)
        print(f"geo places fmt: {len(errors)} error(s) in {path}; the file was not changed", file=sys.stderr)
        return 1
    data = canonical_csv(table).encode("utf-8")
    if target.read_bytes() == data:
        print(f"geo places fmt: {path} is already canonical ({len(table.rows)} rows)")
        return 0
    if check:
        print(f"geo places fmt: {path} is not in canonical form; run 'geo places fmt' to rewrite it",
              file=sys.stderr)
        return 1
    atomic.write_bytes(target, data)
    print(f"geo places fmt: rewrote {path} in canonical form ({len(table.rows)} rows)")
    return 0


# --- import --------------------------------------------------------------------------------------

def _say(text: str) -> None:
    print(f"geo places import: {text}", file=sys.stderr)


def _check_gazetteer(table: Table, path: str) -> list[Issue]:
    """Every problem of the project with ``table`` as its gazetteer (of the gazetteer alone outside a project)."""
    from geo.pipeline import check_project
    from geo.project import read_project
    from geo.validate_places import check_places

    target = Path(path)
    root = target.parent.parent
    if target.parts[-2:] != Path(S.GAZETTEER_FILE).parts or not (root / S.EVENTS_FILE).is_file():
        return check_places(table)
    project = read_project(root)
    return check_project(replace(project, places=replace(table, path=project.places.path)))


def _next_step(review: Table) -> None:
    _say(f"correct or reject the rows named above in {review.path}, then run: geo places import --apply "
         f"{review.path}")


def _review_path(args: argparse.Namespace) -> Path:
    return Path(args.review) if args.review else Path(args.gazetteer).parent / Path(S.IMPORT_REVIEW_FILE).name


def import_command(args: argparse.Namespace) -> int:
    """Write the review of FILE (and with ``--accept`` apply it), or apply a review file (``--apply``)."""
    if args.apply:
        if args.accept:
            _say("--accept goes with FILE; with --apply the review's decision column says what to apply")
            return 2
        return apply_command(read_table(args.apply), args)
    if not args.file:
        _say("give the FILE to import, or --apply REVIEW (see geo places import --help)")
        return 2
    if S.CONFLICTING in (args.accept or ()):
        _say("conflicting rows are applied only when you accept them one by one: run without --accept, write "
             "accept in their decision column of the review, then run geo places import --apply REVIEW")
        return 2
    review = _review_path(args)
    if review.resolve() in (Path(args.gazetteer).resolve(), Path(args.file).resolve()):
        _say(f"refusing to write the review over {review}: name another --review PATH")
        return 2
    return review_command(args, review)


def review_command(args: argparse.Namespace, review: Path) -> int:
    """Match FILE with the gazetteer and write the review; with ``--accept`` apply it too."""
    from geo.places_import import match_extract, review_csv, review_rows
    from geo.places_import_read import read_extract

    extract = read_extract(args.file)
    gazetteer = read_table(args.gazetteer)
    if not gazetteer.header:
        _print_issues(gazetteer.issues)
        return 1
    _print_issues([i for i in extract.issues if i.severity == "warning"])
    matches = match_extract(extract, gazetteer, within=args.within)
    rows = review_rows(matches, gazetteer, source=args.source or Path(args.file).name, accept=args.accept or ())
    counts = {status: sum(1 for m in matches if m.status == status) for status in S.STATUSES}
    told = ", ".join(f"{n} {status}" for status, n in counts.items())
    print(f"geo places import: {args.file} ({extract.kind}, {len(matches)} places): {told}")
    text = review_csv(rows)
    if not args.dry_run:
        atomic.write_text(review, text)
        print(f"geo places import: wrote {review}")
    if not args.accept:
        print(f"next: write accept or reject in its decision column, then run: geo places import --apply {review}")
        return 0
    return apply_command(parse_csv_text(text, path=str(review)), args)


def apply_command(review: Table, args: argparse.Namespace) -> int:
    """Apply the accepted rows of ``review``; write the gazetteer only when the result passes the checks."""
    from geo.gazetteer_format import canonical_csv
    from geo.places_import_apply import apply_review, issues_in_review

    before = read_table(args.gazetteer)
    errors = [i for i in _check_gazetteer(before, args.gazetteer) if i.severity == "error"]
    if errors:
        _print_issues(errors)
        _say(f"{len(errors)} error(s) in the project before the import: fix them first (geo check); nothing written")
        return 1
    applied = apply_review(before, review, statuses=args.accept or ())
    if applied.issues:
        _print_issues(applied.issues)
        _say(f"{len(applied.issues)} review row(s) cannot be applied; {args.gazetteer} was not changed")
        if not args.dry_run:
            _next_step(review)
        return 1
    if not applied.changed:
        print(f"geo places import: nothing to change ({applied.unchanged} accepted row(s) already applied); "
              f"{args.gazetteer} left as it was")
        return 0
    text = canonical_csv(applied.table)
    checked = parse_csv_text(text, path=before.path)
    problems = issues_in_review(_check_gazetteer(checked, args.gazetteer), checked, applied, review=review,
                                before=before)
    shown = [i for i in problems if i.severity == "error" or i.path == review.path]
    _print_issues(shown)
    errors = [i for i in shown if i.severity == "error"]
    if errors:
        _say(f"{len(errors)} error(s) in the gazetteer the import would write; {args.gazetteer} was not changed")
        if not args.dry_run:
            _next_step(review)
        return 1
    verb = "would add" if args.dry_run else "added"
    added = f"{verb} {len(applied.added)} place(s)" + (f" ({', '.join(applied.added)})" if applied.added else "")
    summary = f"{added}, linked {len(applied.linked)} of our rows"
    if args.dry_run:
        print(f"geo places import: {summary}; nothing written (--dry-run)")
        return 0
    atomic.write_text(args.gazetteer, text)
    print(f"geo places import: {summary}; rewrote {args.gazetteer} in canonical form")
    return 0
