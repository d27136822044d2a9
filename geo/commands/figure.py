"""``geo figure``: draw campaigns (or the gazetteer) as a static map for a paper or a book."""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

from geo.commands import regime_argument

HELP = "draw a campaign as a static figure (PDF, SVG, PNG)"
WIDTHS = {"85mm": 85.0, "174mm": 174.0}
FORMATS = (".pdf", ".svg", ".png")


def _width(text: str) -> float:
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*mm\s*", text)
    if not match or not 40 <= float(match.group(1)) <= 400:
        msg = f"width {text!r}: give it in millimetres between 40mm and 400mm, e.g. 85mm or 174mm"
        raise argparse.ArgumentTypeError(msg)
    return float(match.group(1))


def _extent(text: str) -> tuple[float, float, float, float] | None:
    if text == "auto":
        return None
    try:
        west, south, east, north = (float(part) for part in text.split(","))
    except ValueError:
        msg = f"extent {text!r}: give auto or W,S,E,N in degrees, e.g. 108,36,126,46"
        raise argparse.ArgumentTypeError(msg) from None
    if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
        msg = f"extent {text!r}: need west < east and south < north, in degrees"
        raise argparse.ArgumentTypeError(msg)
    return west, south, east, north


def _output(text: str) -> Path:
    path = Path(text)
    if path.suffix.lower() not in FORMATS:
        msg = f"output {text!r}: the file name must end in {', '.join(FORMATS)}"
        raise argparse.ArgumentTypeError(msg)
    return path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the arguments of ``geo figure``."""
    parser.add_argument("campaigns", nargs="+", metavar="CAMPAIGN",
                        help="campaign ids (campaigns/campaigns.csv), or 'gazetteer' to draw every place")
    parser.add_argument("-o", "--output", required=True, type=_output, metavar="FILE",
                        help="output file: .pdf, .svg (text kept as text) or .png")
    parser.add_argument("--width", type=_width, default=174.0, metavar="WIDTHmm",
                        help="printed width: 85mm (one column), 174mm (page width, default) or any WIDTHmm")
    parser.add_argument("--dpi", type=int, default=600, help="resolution of PNG output (default 600)")
    parser.add_argument("--grayscale", action="store_true", help="draw for black-and-white printing")
    parser.add_argument("--labels", choices=("zh", "pinyin", "both"), default="both",
                        help="place labels in Chinese characters, pinyin or both (default both)")
    parser.add_argument("--extent", type=_extent, default=None, metavar="auto|W,S,E,N",
                        help="map area in degrees (default auto: around the events)")
    parser.add_argument("--until", metavar="DATE", help="hide events after this Chinese date, e.g. 天輔六年三月")
    parser.add_argument("--regime", type=regime_argument, metavar="REGIME",
                        help="calendar of --until when it names no regime (a slug or 金, 宋 …; default: "
                             "default_regime of geo.toml, else inferred from the era)")
    parser.add_argument("--root", default=".", help="project folder (default: the current folder)")


def _until_jdn(args: argparse.Namespace, *, default_regime: str) -> int | None:
    if not args.until:
        return None
    from geo.calendar import convert_date

    return convert_date(args.until, regime=args.regime or default_regime or None).jdn_end


def run(args: argparse.Namespace) -> int:
    """Draw the figure; print the file written, or the reason it could not be drawn (exit status 1)."""
    from geo.errors import FontError
    from geo.pipeline import join_project
    from geo.project import read_project
    from geo.render.figure import render_campaign_figure

    start = time.perf_counter()
    project = read_project(args.root)
    until = _until_jdn(args, default_regime=project.settings.default_regime)
    joined = join_project(project)
    dropped: list[str] = []
    try:
        path = render_campaign_figure(joined, args.campaigns, path=args.output, width_mm=args.width,
                                      dpi=args.dpi, grayscale=args.grayscale, labels=args.labels,
                                      extent=args.extent, until_jdn=until, dropped=dropped)
    except FontError as exc:
        print(f"geo figure: {exc}", file=sys.stderr)
        return 1
    print(f"geo figure: wrote {path} in {time.perf_counter() - start:.1f} s")
    _report_dropped(dropped)
    return 0


def _report_dropped(dropped: list[str]) -> None:
    names = [text.split("\n")[0] for text in dropped if not re.fullmatch(r"[\d,]+", text)]
    stops = len(dropped) - len(names)
    if not dropped:
        return
    parts = [f"{len(names)} place name(s) ({', '.join(names)})"] if names else []
    parts += [f"{stops} stop number(s)"] if stops else []
    print(f"geo figure: no free room for {' and '.join(parts)}: left out; a wider --width or a smaller "
          "--extent gives them room", file=sys.stderr)
