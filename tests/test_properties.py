"""Property tests: random defects in the event file are each reported at their line and column."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.pipeline import check_project
from geo.project import read_project

DATA = Path(__file__).parent / "data" / "project"
EVENTS = "campaigns/events.csv"
# column -> (1-based column number, a bad value)
DEFECTS = {
    "place": (7, "nowhere_at_all"),
    "actor": (8, "nobody"),
    "action": (9, "teleport"),
    "certainty": (14, "maybe"),
    "date": (4, "天輔六年十三月"),
    "source": (12, "T:99"),
    "seq": (3, "-1"),
    "regime": (6, "yuan"),
}


def write_events(root: Path, rows: list[dict], *, crlf: bool, bom: bool) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\r\n" if crlf else "\n")
    writer.writeheader()
    writer.writerows(rows)
    data = buffer.getvalue().encode("utf-8")
    (root / EVENTS).write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)


def base_rows() -> list[dict]:
    with (DATA / EVENTS).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


defect_plans = st.lists(
    st.tuples(st.integers(min_value=0, max_value=4), st.sampled_from(sorted(DEFECTS))),
    min_size=1, max_size=6, unique=True,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(plan=defect_plans, crlf=st.booleans(), bom=st.booleans())
def test_every_defect_is_reported_where_it_is(tmp_path_factory, plan, crlf: bool, bom: bool) -> None:
    root = tmp_path_factory.mktemp("prop") / "project"
    shutil.copytree(DATA, root)
    rows = base_rows()
    expected = set()
    for row, column in plan:
        number, bad = DEFECTS[column]
        rows[row][column] = bad
        if column == "date" and (row, "regime") in plan:
            continue  # a date is only checked against a known regime's calendar
        expected.add((row + 2, number))
    write_events(root, rows, crlf=crlf, bom=bom)
    issues = [i for i in check_project(read_project(root)) if i.severity == "error"]
    found = {(i.line, i.column) for i in issues if i.path.endswith(EVENTS)}
    assert expected <= found
    # every error points at a planted defect (or at the row whose date it made unconvertible)
    assert {line for line, _ in found} <= {line for line, _ in expected}


@settings(max_examples=30, deadline=None)
@given(junk=st.text(min_size=0, max_size=300))
def test_arbitrary_text_never_crashes_the_checker(tmp_path_factory, junk: str) -> None:
    root = tmp_path_factory.mktemp("junk") / "project"
    shutil.copytree(DATA, root)
    (root / EVENTS).write_text(junk, encoding="utf-8")
    (root / "places" / "gazetteer.csv").write_text(junk, encoding="utf-8")
    issues = check_project(read_project(root))
    assert all(i.line >= 0 and i.column >= 0 for i in issues)
