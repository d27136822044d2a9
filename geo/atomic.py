"""Atomic file writes: a temporary file next to the target, moved over it only when complete.

An error or an interruption (Ctrl-C, SIGTERM, a crash) leaves the previous file as it was;
a leftover temporary file is named ``.NAME.PID.*.tmp`` next to it, and the next write of the same
file removes it once process PID is gone.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from geo.errors import OutputError


def unwritable(path: Path, exc: OSError) -> OutputError:
    """The error for a path that cannot be written, naming why and what to do."""
    reason = exc.strerror or type(exc).__name__
    blocker = next((p for p in path.parents if p.exists()), None)
    if blocker is not None and not blocker.is_dir():
        reason = f"{blocker} is a file, not a folder"
    return OutputError(f"cannot write {path}: {reason} — choose a path in a folder you can write to")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists but is not ours to signal
        return True
    return True


def remove_stale(path: Path) -> None:
    """Remove temporary files left next to ``path`` by writers that were killed (their process is gone)."""
    for leftover in path.parent.glob(f".{path.name}.*.tmp*"):
        pid = leftover.name[len(path.name) + 2:].split(".", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            leftover.unlink(missing_ok=True)


@contextlib.contextmanager
def replacing(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path next to ``path``; when the block ends without error it replaces ``path``.

    The temporary file keeps the target's suffix (so writers that choose a format by suffix work)
    and, when the target exists, its permissions.

    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> with replacing(target) as tmp:
    ...     _ = tmp.write_text("done")
    >>> target.read_text()
    'done'
    """
    path = Path(path)
    if path.is_dir():
        msg = f"cannot write {path}: it is a folder — name a file"
        raise OutputError(msg)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        remove_stale(path)
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.{os.getpid()}.", suffix=f".tmp{path.suffix}")
    except OSError as exc:
        raise unwritable(path, exc) from None
    os.close(fd)
    temporary = Path(name)
    try:
        yield temporary
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o7777)
        else:
            os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def write_bytes(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (flushed to disk before the rename)."""
    with replacing(path) as temporary, temporary.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def write_text(path: str | Path, text: str) -> None:
    """Write ``text`` as UTF-8 with ``\\n`` line ends to ``path`` atomically."""
    write_bytes(path, text.encode("utf-8"))


def user_cache(*parts: str) -> Path:
    """Where geo keeps files of its own between runs: ``$XDG_CACHE_HOME/geo-liao-jin/PARTS`` (``~/.cache``)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base, "geo-liao-jin", *parts)
