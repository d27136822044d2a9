"""``geo check``: validate the gazetteer and the campaign files."""

from __future__ import annotations

import argparse
import sys
import time

HELP = "validate the gazetteer and the campaign files; print every problem as path:line:column"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the options of ``geo check``."""
    parser.add_argument("--root", default=".", help="project folder (default: the current folder)")
    parser.add_argument("--quiet", "-q", action="store_true", help="print errors only, no warnings")


def run(args: argparse.Namespace) -> int:
    """Print every problem; exit 1 when any is an error."""
    from geo.pipeline import check_project
    from geo.project import read_project

    start = time.perf_counter()
    project = read_project(args.root)
    issues = check_project(project)
    errors = [i for i in issues if i.severity == "error"]
    for issue in issues:
        if issue.severity == "error" or not args.quiet:
            print(issue, file=sys.stderr)
    counts = (
        f"{len(project.places.rows)} places, {len(project.events.rows)} events, "
        f"{len(project.campaigns.rows)} campaigns, {len(project.actors.rows)} actors"
    )
    took = time.perf_counter() - start
    warnings = len(issues) - len(errors)
    if errors:
        print(f"geo check: {len(errors)} error(s), {warnings} warning(s) in {counts}", file=sys.stderr)
        return 1
    print(f"geo check: ok — {counts}; {warnings} warning(s); {took:.2f} s")
    return 0
