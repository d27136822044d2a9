"""Chinese lunisolar dates of every regime in sanmiao's calendar tables.

A date such as ``天輔六年三月己巳`` is converted with the month table of the
regime whose era it names, giving a Julian Day Number interval, the Julian
calendar date(s) and the proleptic Gregorian date(s)::

    >>> convert_date("天輔六年三月己巳").julian_start
    '1122-04-18'

The stages, one module each: :mod:`~geo.calendar.tables` (sanmiao's tables, read
once), :mod:`~geo.calendar.regimes` (the regime table), :mod:`~geo.calendar.parse`
(the date grammar and the record of date parts), :mod:`~geo.calendar.resolve`
(which era a name means), :mod:`~geo.calendar.convert` (parts → days),
:mod:`~geo.calendar.days` (JDN arithmetic) and :mod:`~geo.calendar.frame`
(a column of dates → a DataFrame; the only module that imports pandas).
"""

from __future__ import annotations

from geo.calendar.convert import (
    convert_date,
    convert_dates,
    convert_parts,
    format_chinese,
    jdn_to_chinese,
)
from geo.calendar.days import ganzhi_name, jdn_to_gregorian, jdn_to_julian, julian_to_jdn
from geo.calendar.parse import DateParts, find_dates, parse_date
from geo.calendar.record import FIELDS, ChineseDate

__all__ = [
    "FIELDS",
    "ChineseDate",
    "DateParts",
    "convert_date",
    "convert_dates",
    "convert_parts",
    "find_dates",
    "format_chinese",
    "ganzhi_name",
    "jdn_to_chinese",
    "jdn_to_gregorian",
    "jdn_to_julian",
    "julian_to_jdn",
    "parse_date",
]
