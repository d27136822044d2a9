"""Print figures drawn once per content: a figure whose inputs did not change is copied from the user cache.

The key is a hash of everything that shapes the figure: the campaign's rows of the joined tables, the
actors and places they use, the drawing options, the versions of geo, matplotlib and the figure code,
and the font file. Same key, same bytes: builds stay byte-identical, and a rebuild skips the slow part.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Sequence
from pathlib import Path

import matplotlib

from geo import atomic

_CODE = Path(__file__).parent


def cache_folder() -> Path:
    """``$XDG_CACHE_HOME/geo-liao-jin/figures``."""
    return atomic.user_cache("figures")


def figure_key(*parts: object, font: str) -> str:
    """The cache key of a figure: the hash of its inputs, the figure code and the versions that draw it."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(repr(part).encode("utf-8"))
    for code in [*sorted(_CODE.glob("*.py")), _CODE.parent / "style.py", _CODE.parent / "basemap.py"]:
        digest.update(code.read_bytes())
    digest.update(matplotlib.__version__.encode())
    digest.update(font.encode("utf-8"))
    return digest.hexdigest()[:32]


def cached(key: str, targets: Sequence[Path]) -> bool:
    """Copy the cached files of ``key`` to ``targets`` (by suffix); False when any is missing."""
    sources = [cache_folder() / f"{key}{t.suffix}" for t in targets]
    if not all(s.is_file() for s in sources):
        return False
    for source, target in zip(sources, targets):
        shutil.copyfile(source, target)
    return True


def remember(key: str, targets: Sequence[Path]) -> None:
    """Keep copies of freshly drawn ``targets`` under ``key``; a cache that cannot be written is skipped."""
    for target in targets:
        try:
            atomic.write_bytes(cache_folder() / f"{key}{target.suffix}", target.read_bytes())
        except (OSError, ValueError):
            return
