"""``geo schema``: write the Frictionless Table Schema files of the project's CSVs, or check them."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HELP = "write (or check) the Frictionless Table Schema files beside the CSVs and datapackage.json"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the options of ``geo schema``."""
    parser.add_argument("--root", default=".", help="project folder (default: the current folder)")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--write", action="store_true", help="write the files (only those that changed)")
    mode.add_argument("--check", action="store_true", help="exit 1 when a file is missing or differs")


def run(args: argparse.Namespace) -> int:
    """Write, check or list the schema files."""
    from geo import atomic
    from geo.scaffold import schema_files
    from geo.settings import read_settings

    root = Path(args.root)
    files = schema_files(root, settings=read_settings(root))
    stale = [rel for rel, text in files.items()
             if not (root / rel).exists() or (root / rel).read_text(encoding="utf-8") != text]
    if args.write:
        for rel in stale:
            atomic.write_text(root / rel, files[rel])
        print(f"geo schema: wrote {len(stale)} of {len(files)} file(s)")
        return 0
    for rel in sorted(files):
        state = "differs from the schema" if rel in stale else "up to date"
        if args.check and rel in stale:
            print(f"{rel}: {state} — run geo schema --write", file=sys.stderr)
        elif not args.check:
            print(f"{rel}: {state}")
    return 1 if args.check and stale else 0
