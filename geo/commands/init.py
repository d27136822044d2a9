"""``geo init DIR``: start a new project: settings, empty tables with their headers, READMEs and schemas."""

from __future__ import annotations

import argparse

from geo.commands import regime_argument

HELP = "start a new project folder: geo.toml, seeds/, empty gazetteer and campaign files, READMEs, schemas"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the options of ``geo init``."""
    parser.add_argument("folder", metavar="DIR", help="the new project's folder (made if missing; never overwritten)")
    parser.add_argument("--title-en", metavar="TEXT", default="", help="the site's English title (default: DIR)")
    parser.add_argument("--title-zh", metavar="TEXT", default="", help="the site's Chinese title")
    parser.add_argument("--regime", type=regime_argument, metavar="REGIME",
                        help="the calendar the project's sources use most (song, jin, 宋 …): geo.toml default_regime")


def run(args: argparse.Namespace) -> int:
    """Write the new project and say what to do next."""
    from geo.scaffold import init_project

    new = init_project(args.folder, title_zh=args.title_zh, title_en=args.title_en, regime=args.regime or "")
    for rel in new.files:
        print(f"  {rel}")
    print(f"geo init: wrote {len(new.files)} files into {args.folder}/ — next: edit geo.toml, copy a juan into "
          f"seeds/, then run geo annals seeds/SIGLUM.txt --root {args.folder} (docs/tutorial.md)")
    return 0
