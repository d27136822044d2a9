"""Command-line interface: ``geo SUBCOMMAND ...`` or ``python -m geo SUBCOMMAND ...``.

Each subcommand lives in ``geo/commands/<name>.py`` and exposes ``HELP``,
``add_arguments(parser)`` and ``run(args) -> int``. Modules are imported only
when their subcommand runs, so ``geo check`` never pays for folium or matplotlib.

Exit status: 0 success, 1 bad input data, 2 bad command-line usage, 3 internal error.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import importlib.util
import signal
import sys
import tempfile
import threading
import traceback

from geo import __version__
from geo.errors import AssetError, FontError, GeoDataError, ValidationError

# name -> one-line help; the module geo.commands.<name> does the work.
COMMANDS: dict[str, str] = {
    "init": "start a new project folder",
    "check": "validate the gazetteer and the campaign files",
    "date": "convert Chinese lunisolar dates to Julian Day Numbers and dates",
    "places": "find places by any name form, rewrite the gazetteer in canonical form, or import another gazetteer",
    "build": "build the static map site",
    "serve": "serve the built site on localhost",
    "figure": "draw a campaign as a static figure (PDF, SVG, PNG)",
    "annals": "split a chronicle into dated entries",
    "tag": "find gazetteer places named in a text",
    "propose": "propose event rows from a chronicle for a curator to review",
    "coverage": "report which place names and dated passages of the seeds the data covers",
    "schema": "write or check the Frictionless Table Schema files of the CSVs",
}


def _command_module(name: str):
    return importlib.import_module(f"geo.commands.{name}")


def _available() -> dict[str, str]:
    found = {}
    for name, text in COMMANDS.items():
        if importlib.util.find_spec(f"geo.commands.{name}") is not None:
            found[name] = text
    return found


def build_parser(argv: list[str]) -> argparse.ArgumentParser:
    """Build the argument parser; only the module of the chosen subcommand is imported."""
    parser = argparse.ArgumentParser(prog="geo", description=__doc__.split("\n\n")[0])
    parser.add_argument("--version", action="version", version=f"geo {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    chosen = next((a for a in argv if not a.startswith("-")), None)
    for name, text in _available().items():
        sub = subparsers.add_parser(name, help=text, description=text)
        if name == chosen or chosen not in COMMANDS:
            _command_module(name).add_arguments(sub)
    return parser


def _internal_error(exc: BaseException) -> int:
    with tempfile.NamedTemporaryFile("w", prefix="geo-crash-", suffix=".log", delete=False) as log:
        traceback.print_exception(exc, file=log)
    print(f"geo: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
    print(f"geo: the full traceback is in {log.name}; please attach it to a bug report", file=sys.stderr)
    return 3


def _terminate(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # unwinds like Ctrl-C, so half-written output is removed


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _terminate)
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        return int(_command_module(args.command).run(args) or 0)
    except ValidationError as exc:
        for issue in exc.issues:
            print(issue, file=sys.stderr)
        n = sum(1 for i in exc.issues if i.severity == "error")
        print(f"geo: {n} error(s); nothing was written", file=sys.stderr)
        return 1
    except (GeoDataError, AssetError, FontError) as exc:  # bad data, or a missing font or script to install
        print(f"geo: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("geo: interrupted; nothing was changed", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        return _internal_error(exc)


def _entry() -> None:
    # A command builds millions of small objects and frees them at exit, with no reference cycles to speak of:
    # collect rarely (as mypy does), not every 700 allocations (a third of `geo check` on a million events).
    gc.set_threshold(200_000, 50, 100)
    sys.exit(main())


if __name__ == "__main__":
    _entry()
