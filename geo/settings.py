"""A project's settings: ``geo.toml`` at the project root (optional; every key has a default).

::

    [site]
    base_url = "https://example.org/liao-jin/"   # where the built site is published

``base_url`` makes the embed snippets absolute and gives the Linked Places download absolute ``@id``s.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from geo.errors import GeoDataError

SETTINGS_FILE = "geo.toml"


@dataclass(frozen=True)
class Settings:
    """The settings of one project."""

    base_url: str = ""


def _load(path: Path) -> dict:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        msg = f"{path}: {exc} — fix the TOML syntax (see README: settings)"
        raise GeoDataError(msg) from None


def normal_base_url(text: str, *, where: str) -> str:
    """``text`` as an absolute http(s) URL ending in ``/``; a :class:`GeoDataError` otherwise.

    >>> normal_base_url("https://example.org/maps", where="geo.toml")
    'https://example.org/maps/'
    """
    url = text.strip()
    if not url:
        return ""
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        msg = f"{where}: base_url {text!r} is not an absolute http(s) URL — write it like https://example.org/maps/"
        raise GeoDataError(msg)
    return url if url.endswith("/") else url + "/"


def read_settings(root: str | Path) -> Settings:
    """The settings in ``root/geo.toml``, or the defaults when there is no such file."""
    path = Path(root) / SETTINGS_FILE
    if not path.exists():
        return Settings()
    site = _load(path).get("site", {})
    if not isinstance(site, dict):
        msg = f"{path}: [site] must be a table — write it as a [site] section"
        raise GeoDataError(msg)
    return Settings(base_url=normal_base_url(str(site.get("base_url", "")), where=str(path)))
