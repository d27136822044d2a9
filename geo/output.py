"""The site's output folder: what a build may replace, its manifest, the lock and the atomic swap.

A build replaces only a folder that is new, empty, or written by an earlier ``geo build`` (it holds
the manifest :data:`MANIFEST`, or, for a build older than the manifest, only files a build writes).
Anything else is refused with a message that says what is there; ``force=True`` overrides that,
but never for the project's own folders, an ancestor of the project, or a regular file.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from geo import schema as S
from geo.atomic import unwritable
from geo.errors import OutputError

MANIFEST = ".geo-build.json"
"""Written last into every site folder: the list of files the build wrote."""
PROTECTED_DIRS: tuple[str, ...] = ("places", "campaigns", S.SEEDS_DIR, "reports", "geo", "tests", "docs", ".git")
_OLD_BUILD_TOP = frozenset({"index.html", "about.html", "gazetteer.html", "README.md", "assets", "data",
                            "previews", "seeds", "sources", "figures", MANIFEST})
_SHOWN = 5


def _listing(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if not p.is_dir())


def write_manifest(folder: Path) -> None:
    """List every file under ``folder`` in its manifest (sorted, so two builds write the same bytes)."""
    files = [f for f in _listing(folder) if f != MANIFEST]
    text = json.dumps({"generator": "geo build", "files": files}, ensure_ascii=False, indent=1)
    (folder / MANIFEST).write_text(text + "\n", encoding="utf-8")


def _manifest_files(folder: Path) -> set[str] | None:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        return {*data["files"], MANIFEST} if data.get("generator") == "geo build" else None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _same_file(a: Path, b: Path) -> bool:
    return b.is_file() and a.stat().st_size == b.stat().st_size and a.read_bytes() == b.read_bytes()


def _foreign_files(folder: Path, staging: Path | None) -> list[str]:
    """Files in ``folder`` that no build wrote (all of them when it is not a site folder).

    A file byte-identical to the one the new build writes at the same path (``staging``) is not
    foreign: replacing it loses nothing (the ``maps/README.md`` a checkout ships, for example).
    """
    files = [f for f in _listing(folder) if staging is None or not _same_file(folder / f, staging / f)]
    known = _manifest_files(folder)
    if known is not None:
        return [f for f in files if f not in known]
    old_site = (folder / "index.html").is_file() and (folder / "assets" / "geo-map.js").is_file()
    if old_site:
        return [p.name for p in sorted(folder.iterdir()) if p.name not in _OLD_BUILD_TOP and not
                (p.is_file() and p.suffix == ".html")]
    return files or [p.name + "/" for p in sorted(folder.iterdir()) if p.is_dir() and any(p.iterdir())]


def _protected(target: Path, root: Path) -> str | None:
    if target == root or root.is_relative_to(target):
        return f"{target} holds the project itself"
    for name in PROTECTED_DIRS:
        if target.is_relative_to(root / name):
            return f"{target} is inside the project's {name}/ folder"
    return None


def check_target(target: Path, *, root: Path, force: bool = False, staging: Path | None = None) -> None:
    """Raise :class:`OutputError` unless a build may write ``target`` (resolved paths).

    Without ``staging`` only the path is checked; with it (the new site, complete), the files that
    ``target`` holds are checked too.

    >>> import tempfile, pathlib
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> check_target(root / "maps", root=root)  # a new folder is fine
    """
    problem = _protected(target, root)
    if problem:
        msg = f"will not build into {target}: {problem} — choose another --out, such as maps"
        raise OutputError(msg)
    if target.exists() and not target.is_dir():
        msg = f"will not build into {target}: it is a file, not a folder — choose another --out"
        raise OutputError(msg)
    if force or staging is None or not target.exists():
        return
    foreign = _foreign_files(target, staging)
    if foreign:
        shown = ", ".join(foreign[:_SHOWN]) + (f" and {len(foreign) - _SHOWN} more" if len(foreign) > _SHOWN else "")
        msg = (f"will not replace {target}: it holds files that geo build did not write ({shown}) — "
               "choose an empty or new folder, move those files away, or pass --force to replace the folder")
        raise OutputError(msg)


def prepare_parent(target: Path) -> None:
    """Create the folder that will hold ``target``; an :class:`OutputError` when that cannot be done."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise unwritable(target, exc) from None


def make_staging(target: Path) -> Path:
    """A new empty folder beside ``target`` to build into."""
    try:
        return Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    except OSError as exc:
        raise unwritable(target, exc) from None


def swap_in(staging: Path, target: Path) -> None:
    """Replace ``target`` by ``staging`` with two renames; the old folder is removed last.

    If anything stops the second rename, the old folder is put back.
    """
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        os.rmdir(old)
        os.replace(target, old)
    try:
        os.replace(staging, target)
    except BaseException:
        if old is not None and not target.exists():
            os.replace(old, target)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


@contextlib.contextmanager
def build_lock(target: Path) -> Iterator[None]:
    """Hold an exclusive lock beside ``target`` so that concurrent builds run one after the other."""
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks; the renames are still atomic
        yield
        return
    try:
        handle = (target.parent / f".{target.name}.lock").open("w")
    except OSError as exc:
        raise unwritable(target, exc) from None
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def remove_leftovers(target: Path) -> None:
    """Clean up after a build that was killed: restore a site caught between its two renames, drop the rest."""
    olds = sorted(target.parent.glob(f".{target.name}.old-*"))
    if olds and not target.exists():
        os.replace(olds.pop(), target)
    for path in [*olds, *target.parent.glob(f".{target.name}.new-*")]:
        shutil.rmtree(path, ignore_errors=True)
