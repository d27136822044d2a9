"""``geo date``: convert Chinese lunisolar dates to Julian Day Numbers and calendar dates."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable

from geo.calendar import ChineseDate, convert_date, format_chinese
from geo.commands import regime_argument
from geo.errors import CalendarError

HELP = "convert Chinese lunisolar dates to Julian Day Numbers and dates"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the arguments of ``geo date``."""
    parser.add_argument(
        "texts", nargs="*", metavar="TEXT",
        help="dates such as 天輔六年三月己巳 or 遼天慶八年五月壬午朔; with none, one date per line is read from stdin",
    )
    parser.add_argument(
        "--regime", metavar="REGIME", type=regime_argument,
        help="whose calendar and eras to use when the text has no prefix: a slug (tang, song, liao, jin, xia, "
             "yuan, ming …) or a Chinese name (唐, 宋, 遼, 金, 西夏 …); see the regime table in campaigns/README.md",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object per date")


def _inputs(texts: list[str]) -> Iterable[str]:
    if texts:
        yield from texts
        return
    for line in sys.stdin:
        line = line.rstrip("\r\n")
        if line.strip():
            yield line


def _span(start: str, end: str) -> str:
    return start if start == end else f"{start} – {end}"


def describe(date: ChineseDate) -> str:
    """Write one converted date as a readable line."""
    jdn = str(date.jdn_start) if date.jdn_start == date.jdn_end else f"{date.jdn_start}–{date.jdn_end}"
    return (
        f"{date.input.strip()}\t{date.regime} {format_chinese(date)} ({date.ce_year}, {date.precision})\t"
        f"Julian {_span(date.julian_start, date.julian_end)}\t"
        f"proleptic Gregorian {_span(date.gregorian_start, date.gregorian_end)}\tJDN {jdn}"
    )


def run(args: argparse.Namespace) -> int:
    """Convert each date; report bad ones on stderr and return 1 if there were any."""
    failed = 0
    for text in _inputs(args.texts):
        try:
            date = convert_date(text, regime=args.regime)
        except CalendarError as exc:
            failed += 1
            print(f"geo date: {text.strip()!r}: {exc}", file=sys.stderr)
            continue
        if date.note:
            print(f"geo date: {text.strip()!r}: {date.note}", file=sys.stderr)
        if args.json:
            print(json.dumps(date.to_dict(), ensure_ascii=False, sort_keys=True))
        else:
            print(describe(date))
    if failed:
        print(f"geo date: {failed} date(s) could not be converted", file=sys.stderr)
    return 1 if failed else 0
