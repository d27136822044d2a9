"""Local copies of the JavaScript and CSS the pages need, never loaded from a CDN.

Leaflet is resolved in this order: the ``django-js-lib-leaflet`` package (a
declared dependency that ships Leaflet's ``dist`` files as package data), a
user cache folder, then ``npm pack leaflet@VERSION`` where npm is installed
(the result is cached). Nothing third-party is committed to the repository.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from geo.atomic import user_cache
from geo.errors import AssetError

LEAFLET_VERSION = "1.9.4"
LEAFLET_FILES = ("leaflet.js", "leaflet.css", "images/layers.png", "images/layers-2x.png",
                 "images/marker-icon.png", "images/marker-icon-2x.png", "images/marker-shadow.png")
OWN_FILES = ("geo-map.js", "geo-map.css")


@dataclass(frozen=True)
class Asset:
    """A third-party asset the site ships, for the about page."""

    name: str
    version: str
    licence: str
    url: str


ASSETS = (
    Asset("Leaflet", LEAFLET_VERSION, "BSD-2-Clause", "https://leafletjs.com/"),
)


def cache_dir() -> Path:
    """The user cache folder for fetched assets (``$XDG_CACHE_HOME/geo-liao-jin``)."""
    return user_cache("assets")


def _complete(folder: Path) -> bool:
    return all((folder / name).is_file() for name in LEAFLET_FILES)


def _from_package() -> Path | None:
    try:
        folder = Path(str(resources.files("js_lib_leaflet") / "static" / "js_lib_leaflet"))
    except ModuleNotFoundError:
        return None
    return folder if _complete(folder) else None


def _from_npm(target: Path) -> Path | None:
    npm = shutil.which("npm")
    if npm is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        done = subprocess.run([npm, "pack", f"leaflet@{LEAFLET_VERSION}", "--silent"], cwd=tmp,
                              capture_output=True, text=True, timeout=120, check=False)
        tarballs = list(Path(tmp).glob("leaflet-*.tgz"))
        if done.returncode != 0 or not tarballs:
            return None
        with tarfile.open(tarballs[0]) as tar:
            tar.extractall(tmp, filter="data")
        staging = target.with_name(target.name + ".part")
        shutil.rmtree(staging, ignore_errors=True)
        shutil.copytree(Path(tmp) / "package" / "dist", staging)
        os.replace(staging, target)
    return target if _complete(target) else None


def leaflet_dir() -> Path:
    """A folder holding Leaflet's ``dist`` files; raises :class:`AssetError` with the fix if none is found."""
    found = _from_package()
    if found:
        return found
    cached = cache_dir() / f"leaflet-{LEAFLET_VERSION}"
    if _complete(cached):
        return cached
    cached.parent.mkdir(parents=True, exist_ok=True)
    found = _from_npm(cached)
    if found:
        return found
    msg = (f"Leaflet {LEAFLET_VERSION} was not found: install the package 'django-js-lib-leaflet' "
           f"(pip install django-js-lib-leaflet), or install npm so it can be fetched")
    raise AssetError(msg)


def own_file(name: str) -> bytes:
    """The bytes of one of this project's own scripts or stylesheets (``geo/data``)."""
    return (resources.files("geo") / "data" / name).read_bytes()


def copy_assets(target: Path) -> list[str]:
    """Copy Leaflet and the project's own scripts into ``target/assets``; return the relative paths."""
    written = []
    source = leaflet_dir()
    for name in LEAFLET_FILES:
        dest = target / "assets" / "leaflet" / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source / name, dest)
        written.append(f"assets/leaflet/{name}")
    for name in OWN_FILES:
        (target / "assets" / name).write_bytes(own_file(name))
        written.append(f"assets/{name}")
    return written
