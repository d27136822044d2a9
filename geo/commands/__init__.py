"""Subcommands of the ``geo`` CLI, one module each (see ``geo.__main__``), and the argument types they share."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from geo import atomic
from geo import schema as S
from geo.calendar.regimes import resolve_regime
from geo.errors import CalendarError


def regime_argument(text: str) -> str:
    """Read ``--regime``: any name of the regime table (a slug, 唐, 西夏 …), returned as its slug."""
    try:
        return resolve_regime(text).slug
    except CalendarError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def add_common(parser: argparse.ArgumentParser) -> None:
    """Arguments shared by ``geo annals``, ``geo tag`` and ``geo propose``: FILE, --regime, --start, --gazetteer."""
    parser.add_argument("file", metavar="FILE", help="a chronicle in the style of the seeds (UTF-8 text)")
    parser.add_argument("--regime", type=regime_argument, metavar="REGIME",
                        help="whose eras and calendar the text uses: a slug (jin, liao, tang, yuan …) or a Chinese "
                             "name (金, 遼, 唐, 元 …); default: inferred from the era names")
    parser.add_argument("--start", metavar="DATE",
                        help="era and year in force before the first line, e.g. 天慶五年 (default: inferred "
                             "from the days the text names before its first era)")
    add_root(parser)


def resolve_common(args: argparse.Namespace) -> None:
    """Complete ``add_common``'s arguments: FILE found in the project when not here, the project's gazetteer."""
    root = Path(args.root)
    if not Path(args.file).exists() and (root / args.file).exists():
        args.file = str(root / args.file)
    project_gazetteer(args)


def add_root(parser: argparse.ArgumentParser) -> None:
    """``--root DIR`` and ``--gazetteer PATH`` (default: the project's gazetteer), as every command takes them."""
    parser.add_argument("--root", default=".", metavar="DIR", help="project folder (default: the current folder)")
    parser.add_argument("--gazetteer", metavar="PATH",
                        help=f"the gazetteer CSV (default: {S.GAZETTEER_FILE} of the project); the homonyms.csv "
                             "beside it, if any, is read with it")


def project_gazetteer(args: argparse.Namespace) -> str:
    """``--gazetteer``, or the gazetteer of ``--root``; stored back into ``args``."""
    if args.gazetteer is None:
        root = Path(args.root)
        args.gazetteer = str(root / S.GAZETTEER_FILE) if root != Path() else S.GAZETTEER_FILE
    return args.gazetteer


def write_atomic(path: Path, content: str) -> None:
    """Write ``content`` to ``path`` atomically (see :mod:`geo.atomic`) and say so."""
    atomic.write_text(path, content)
    print(f"geo: wrote {path}", file=sys.stderr)
