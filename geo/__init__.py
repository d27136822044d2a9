"""Historical GIS for the chronicles of Liao, Jin and Song."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("geo-liao-jin")
except PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0.0.0"
