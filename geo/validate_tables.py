"""Structural checks driven by the declarative schema (:data:`geo.schema.TABLES`).

Columns (missing, unknown, repeated), required cells, unique values, patterns, vocabularies,
whole numbers and ranges are checked the same way for every table; the domain checks (swapped
coordinates, quotes, dates) stay in :mod:`geo.validate_places` and :mod:`geo.validate_events`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache

from geo import schema as S
from geo.errors import Issue
from geo.tables import Table, parse_float, parse_int


def _suggest(value: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(value, list(choices), n=3, cutoff=0.5)
    return "did you mean " + " or ".join(repr(c) for c in close) + "?" if close else ""


@lru_cache(maxsize=64)
def _regex(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def table_issue(table: Table, line: int, col: str, msg: str, hint: str = "", severity: str = "error") -> Issue:
    """An issue at ``line`` of ``table``, in the column named ``col`` (column 0 when the table lacks it)."""
    return Issue(table.path, line, table.column(col), msg, hint, severity)


SLUG = re.compile(S.SLUG_PATTERN)
_SLUGS = re.compile(r"(?:[a-z][a-z0-9_]*\n)*[a-z][a-z0-9_]*|")  # ids joined by line ends, every one a slug


def all_slugs(values: Iterable[str]) -> bool:
    """Whether every non-empty value is a slug (:data:`geo.schema.SLUG_PATTERN`), in one match over the column.

    >>> all_slugs(["liao_shangjing", "", "js_001"]), all_slugs(["ok", "Not ok"]), all_slugs(["a" + chr(10) + "b"])
    (True, False, False)
    """
    given = [v for v in values if v]
    joined = "\n".join(given)
    return joined.count("\n") == max(len(given) - 1, 0) and bool(_SLUGS.fullmatch(joined))


def check_header(table: Table, spec: S.TableSpec) -> list[Issue]:
    """Missing required columns (one issue naming all), repeated names, unknown columns (warnings)."""
    issues = []
    missing = [c for c in spec.required if c not in table.header]
    if missing and table.header:
        issues.append(Issue(table.path, 1, 0, f"missing required columns: {', '.join(missing)}",
                            f"add them to the header row; the columns are {', '.join(spec.columns)}"))
    seen: dict[str, int] = {}
    for col, name in enumerate(table.header, start=1):
        if name in seen:
            issues.append(Issue(table.path, 1, col, f"column {name!r} appears twice (columns {seen[name]} and {col})",
                                "delete or rename one of them: every cell after it is read under the wrong name"))
        seen.setdefault(name, col)
        if name not in spec.columns:
            hint = _suggest(name, spec.columns) or "it is kept but not used"
            issues.append(Issue(table.path, 1, col, f"unknown column {name!r}", hint, "warning"))
    return issues


def cell_issue(table: Table, line: int, field: S.Field, value: str,
                vocabularies: Mapping[str, tuple[str, ...]]) -> Issue | None:
    col = table.column(field.name)
    if field.type in ("integer", "number"):
        number = parse_int(value) if field.type == "integer" else parse_float(value)
        if number is None:
            what = "a whole number" if field.type == "integer" else "a number"
            return Issue(table.path, line, col, f"{field.name} {value!r} is not {what}", "write it in ASCII digits")
        low, high = field.minimum, field.maximum
        if (low is not None and number < low) or (high is not None and number > high):
            span = f"{low if low is not None else '…'}–{high if high is not None else '…'}"
            return Issue(table.path, line, col, f"{field.name} {value!r} is out of range", f"it must be {span}")
    if field.pattern and not _regex(field.pattern).search(value):
        return Issue(table.path, line, col, f"{field.name} {value!r} is not {field.form or 'of the expected form'}",
                     field.hint or f"{field.description}; expected {field.pattern}")
    allowed = vocabularies.get(field.vocabulary or "", ())
    if field.vocabulary and value not in allowed:
        hint = _suggest(value, allowed) or f"use one of: {', '.join(allowed[:20])}"
        return Issue(table.path, line, col, f"unknown {field.name} {value!r}", hint)
    return None


def check_cells(table: Table, spec: S.TableSpec, *,
                vocabularies: Mapping[str, tuple[str, ...]] = S.VOCABULARIES) -> list[Issue]:
    """Empty required cells, then one issue per bad cell (type, range, pattern, vocabulary), then repeats."""
    issues = []
    fields = [f for f in spec.fields if f.name in table.header]
    firsts: dict[tuple[str, str], int] = {}
    for line, row in table.records():
        for field in fields:
            value = row.get(field.name, "").strip()
            if not value:
                if field.required:
                    issues.append(Issue(table.path, line, table.column(field.name), f"empty {field.name!r}",
                                        f"fill in the {field.name!r} column"))
                continue
            problem = cell_issue(table, line, field, value, vocabularies)
            if problem:
                issues.append(problem)
            if field.unique:
                first = firsts.setdefault((field.name, value), line)
                if first != line:
                    issues.append(Issue(table.path, line, table.column(field.name),
                                        f"duplicate {field.name} {value!r} (first on line {first})",
                                        f"give every row its own {field.name}"))
    return issues


def _fits(field: S.Field | None, value: str, vocabularies: Mapping[str, tuple[str, ...]],
          references: Mapping[str, set[str]]) -> int:
    """+1 when ``value`` looks like a value of ``field``, -1 when it breaks its rules, 0 when it says nothing."""
    if field is None or not (field.pattern or field.vocabulary or field.type != "string" or field.required):
        return 0
    if not value.strip():
        return -1 if field.required else 0
    if field.reference and field.reference[0] in references:
        return 1 if value.strip() in references[field.reference[0]] else -1
    if field.vocabulary or field.pattern or field.type != "string":
        return -1 if _cell_issue_text(field, value.strip(), vocabularies) else 1
    return 0


def _cell_issue_text(field: S.Field, value: str, vocabularies: Mapping[str, tuple[str, ...]]) -> bool:
    stub = Table("", (field.name,), (), ())
    return cell_issue(stub, 0, field, value, vocabularies) is not None


def shifted_rows(table: Table, spec: S.TableSpec, *, vocabularies: Mapping[str, tuple[str, ...]] = S.VOCABULARIES,
                 references: Mapping[str, set[str]] | None = None) -> list[Issue]:
    """Rows with fewer cells than the header whose values fit better one column to the right from some point.

    A cell deleted in the middle of a row shifts every later value into the column before it
    (an action read as the actor); the row is reported once, naming where the cell is missing.
    """
    issues = []
    fields = [spec.field(name) if name in spec.columns else None for name in table.header]
    width = len(table.header)
    for k in [k for k, n in enumerate(table.widths) if n < width]:  # short rows only: their dicts are built
        line, row, n = table.lines[k], table.rows[k], table.widths[k]
        cells = [row[name] for name in table.header][:n]

        def score(at: int, cells: list[str] = cells, n: int = n) -> int:
            placed = cells[:at] + [""] * (width - n) + cells[at:]
            return sum(_fits(f, v, vocabularies, references or {}) for f, v in zip(fields, placed))

        best = max(range(n + 1), key=lambda at: (score(at), at))
        if score(best) > score(n):
            col = table.header[best]
            shown = ", ".join(f"{table.header[i]} {cells[i]!r}" for i in range(best, min(n, best + 2)))
            issues.append(Issue(table.path, line, best + 1,
                                f"the row has {n} cells but the header has {width} columns: a cell seems to be "
                                f"missing at {col!r} (the values from there on fit the next column: {shown})",
                                f"add the missing {col!r} cell (an empty one if it is blank) so that the rest "
                                "moves back under its own column"))
    return issues


def check_table(table: Table, spec: S.TableSpec, *,
                vocabularies: Mapping[str, tuple[str, ...]] = S.VOCABULARIES) -> list[Issue]:
    """Every structural problem of ``table`` against ``spec``, reading problems first.

    >>> from geo.tables import parse_csv_text
    >>> t = parse_csv_text("name,seed,line,reason\\n海上,DJGZ,x,not a place: the sea\\n", path="u.csv")
    >>> [str(i) for i in check_table(t, S.UNLOCATED)]
    ["u.csv:2:3: error: line 'x' is not a whole number — write it in ASCII digits"]
    """
    issues = [*table.issues, *check_header(table, spec)]
    if not table.header:
        return issues
    shifted = shifted_rows(table, spec, vocabularies=vocabularies)
    lines = {i.line for i in shifted}
    cells = [i for i in check_cells(table, spec, vocabularies=vocabularies) if i.line not in lines]
    return issues + shifted + cells
