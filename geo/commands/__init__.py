"""Subcommands of the ``geo`` CLI, one module each (see ``geo.__main__``), and the argument types they share."""

from __future__ import annotations

import argparse

from geo.calendar.regimes import resolve_regime
from geo.errors import CalendarError


def regime_argument(text: str) -> str:
    """Read ``--regime``: any name of the regime table (a slug, 唐, 西夏 …), returned as its slug."""
    try:
        return resolve_regime(text).slug
    except CalendarError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc
