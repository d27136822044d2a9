"""Julian Day Number arithmetic and sexagenary (干支) day names.

JDNs are civil day numbers (an integer per day, noon-based); sanmiao's tables
give midnight Julian Dates (x.5), so a JDN is the table value + 0.5.
"""

from __future__ import annotations

from geo.calendar.parse import GANZHI
from geo.errors import CalendarError


def jdn_to_julian(jdn: int) -> tuple[int, int, int]:
    """Return the Julian-calendar (year, month, day) of a Julian Day Number (astronomical years)."""
    c = jdn + 32082
    d = (4 * c + 3) // 1461
    e = c - 1461 * d // 4
    m = (5 * e + 2) // 153
    return d - 4800 + m // 10, m + 3 - 12 * (m // 10), e - (153 * m + 2) // 5 + 1


def jdn_to_gregorian(jdn: int) -> tuple[int, int, int]:
    """Return the proleptic Gregorian (year, month, day) of a Julian Day Number."""
    a = jdn + 32044
    b = (4 * a + 3) // 146097
    c = a - 146097 * b // 4
    d = (4 * c + 3) // 1461
    e = c - 1461 * d // 4
    m = (5 * e + 2) // 153
    return 100 * b + d - 4800 + m // 10, m + 3 - 12 * (m // 10), e - (153 * m + 2) // 5 + 1


def julian_to_jdn(year: int, month: int, day: int) -> int:
    """Return the Julian Day Number of a Julian-calendar date (astronomical year numbering)."""
    a = (14 - month) // 12
    y = year + 4800 - a
    m = month + 12 * a - 3
    return day + (153 * m + 2) // 5 + 365 * y + y // 4 - 32083


def ganzhi_number(jdn: int) -> int:
    """Return the sexagenary number (1 = 甲子 … 60 = 癸亥) of the day ``jdn``."""
    return (jdn + 49) % 60 + 1


def ganzhi_name(n: int) -> str:
    """Return the sexagenary name of number ``n`` (1 = 甲子, 50 = 癸丑, 60 = 癸亥)."""
    if not 1 <= n <= 60:
        raise CalendarError(f"sexagenary number {n} is out of range — use 1 (甲子) to 60 (癸亥)")
    return GANZHI[n - 1]


def iso_date(ymd: tuple[int, int, int]) -> str:
    """Write (year, month, day) as ``YYYY-MM-DD`` (``-YYYY-MM-DD`` before year 0)."""
    y, m, d = ymd
    return f"{y:04d}-{m:02d}-{d:02d}" if y >= 0 else f"-{-y:04d}-{m:02d}-{d:02d}"


def day_label(jdn: int) -> str:
    """Describe a day for messages: its sexagenary name and Julian date, e.g. ``庚申 (1122-04-09 Julian)``."""
    return f"{GANZHI[ganzhi_number(jdn) - 1]} ({iso_date(jdn_to_julian(jdn))} Julian)"
