"""The record of a converted date, shared by the engine and its vectorised side."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ChineseDate:
    """A converted date: the Chinese reading and the interval of days it covers.

    ``jdn_start``/``jdn_end`` are civil Julian Day Numbers (inclusive). Dates are
    ``YYYY-MM-DD`` strings: ``julian_*`` in the Julian calendar, ``gregorian_*``
    in the proleptic Gregorian calendar. ``precision`` is ``day``, ``month``,
    ``season`` or ``year``; ``ce_year`` is the CE year the lunar year mostly falls in; ``note`` says how an
    era name with several readings was decided (None when it has one).
    """

    input: str
    regime: str
    era: str
    era_year: int
    ce_year: int
    month: int | None
    leap: bool
    day: int | None
    ganzhi: str | None
    precision: str
    jdn_start: int
    jdn_end: int
    julian_start: str
    julian_end: str
    gregorian_start: str
    gregorian_end: str
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the fields as a plain dict (keys in field order)."""
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}


FIELDS = tuple(f.name for f in dataclasses.fields(ChineseDate))
