"""Finding a CJK font for figures, so Chinese labels never render as empty boxes.

Figures keep their text as text (searchable PDF and SVG), so the font must be a
real one that holds the characters of the chronicles (traditional and
simplified). We prefer Debian's ``fonts-noto-cjk`` (traditional-Chinese faces
first), look in matplotlib's font manager and then in the standard font folders,
and raise :class:`geo.errors.FontError` naming the fix when none is installed.
"""

from __future__ import annotations

from pathlib import Path

from geo.errors import FontError

# Families in order of preference: traditional forms first (the chronicles are quoted in them).
PREFERRED_FAMILIES: tuple[str, ...] = (
    "Noto Sans CJK TC", "Noto Sans CJK HK", "Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Sans CJK KR",
    "Noto Serif CJK TC", "Noto Serif CJK SC", "Noto Serif CJK JP", "Source Han Sans TC", "Source Han Sans SC",
    "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "AR PL UMing TW", "AR PL UKai TW", "Droid Sans Fallback",
)
FONT_DIRS: tuple[Path, ...] = (
    Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".fonts",
    Path.home() / ".local/share/fonts", Path("/Library/Fonts"), Path("/System/Library/Fonts"),
)
FONT_FILE_HINTS: tuple[str, ...] = (
    "notosanscjk", "notoserifcjk", "sourcehan", "wqy", "uming", "ukai", "droidsansfallback",
)
FIX = "install Debian's fonts-noto-cjk: apt-get install fonts-noto-cjk, or run python3 bootstrap.py"


def _registered_families() -> set[str]:
    from matplotlib import font_manager

    return {entry.name for entry in font_manager.fontManager.ttflist}


def _font_files(dirs: tuple[Path, ...]) -> list[Path]:
    found: list[Path] = []
    for folder in dirs:
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            name = path.name.lower().replace("-", "").replace("_", "")
            if path.suffix.lower() in (".ttc", ".otf", ".ttf") and any(h in name for h in FONT_FILE_HINTS):
                found.append(path)
    return found


def _register(files: list[Path]) -> None:
    from matplotlib import font_manager

    for path in files:
        try:
            font_manager.fontManager.addfont(str(path))
        except (OSError, RuntimeError, ValueError):
            continue


def _first_preferred(families: set[str]) -> str | None:
    return next((family for family in PREFERRED_FAMILIES if family in families), None)


def find_cjk_font(dirs: tuple[Path, ...] = FONT_DIRS) -> str:
    """The family name of an installed CJK font that matplotlib can use.

    Parameters
    ----------
    dirs : tuple of Path
        Font folders searched when matplotlib's font manager knows no CJK font.

    Returns
    -------
    str
        A family name such as ``"Noto Sans CJK TC"``.

    Raises
    ------
    FontError
        If no CJK font is installed; the message names the fix.
    """
    family = _first_preferred(_registered_families())
    if family is None:
        _register(_font_files(dirs))
        family = _first_preferred(_registered_families())
    if family is None:
        msg = f"no CJK font found for the figure's Chinese labels — {FIX}"
        raise FontError(msg)
    return family


def figure_rc(family: str) -> dict[str, object]:
    """Matplotlib settings of every figure: the CJK font, text kept as text, deterministic files.

    Parameters
    ----------
    family : str
        From :func:`find_cjk_font`.
    """
    return {
        "font.family": [family],
        "font.size": 7.0,
        "axes.unicode_minus": False,
        "text.parse_math": False,  # a "$" in a name or a note is text, not TeX
        "pdf.fonttype": 42,
        "ps.fonttype": 42,
        "svg.fonttype": "none",
        "svg.hashsalt": "geo-figure",
        "path.simplify": True,
        "axes.linewidth": 0.6,
    }
