"""``geo build``: validate the data and write the static map site."""

from __future__ import annotations

import argparse
import sys
import time

HELP = "build the static map site (index, campaign maps, gazetteer, downloads) into maps/"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the options of ``geo build``."""
    parser.add_argument("--root", default=".", help="project folder (default: the current folder)")
    parser.add_argument("--out", default="maps", help="output folder (default: maps)")
    parser.add_argument("--campaign", metavar="ID", help="build this campaign only")
    parser.add_argument("--base-url", metavar="URL",
                        help="where the site is published (default: base_url of geo.toml): embed snippets and "
                             "Linked Places ids become absolute")
    parser.add_argument("--force", action="store_true",
                        help="replace the output folder even when it holds files that geo build did not write")


def _progress(enabled: bool):
    if not enabled:
        return None

    def say(message: str) -> None:
        print(f"\r\033[K  building {message} …", end="", file=sys.stderr, flush=True)

    return say


def run(args: argparse.Namespace) -> int:
    """Build the site; print a one-line summary."""
    from pathlib import Path

    from geo.project import read_project
    from geo.render.site import build_site
    from geo.settings import normal_base_url

    start = time.perf_counter()
    tty = sys.stderr.isatty()
    base_url = normal_base_url(args.base_url, where="--base-url") if args.base_url else None
    report = build_site(read_project(args.root), Path(args.root) / args.out, campaign=args.campaign,
                        force=args.force, base_url=base_url, progress=_progress(tty))
    if tty:
        print("\r\033[K", end="", file=sys.stderr)
    for warning in report.warnings:
        print(f"geo build: warning: {warning}", file=sys.stderr)
    took = time.perf_counter() - start
    print(f"geo build: wrote {len(report.pages)} pages, {report.features} features, "
          f"{report.bytes / 1e6:.1f} MB into {args.out}/ in {took:.1f} s")
    return 0
