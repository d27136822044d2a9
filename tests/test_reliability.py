"""Interrupted and concurrent work never costs the user a file or a site."""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from geo.project import read_project
from geo.render.site import build_site


def digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def start(args: list[str], cwd: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "geo", *args], cwd=cwd, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


EXIT_ON = {signal.SIGINT: 130, signal.SIGTERM: 130, signal.SIGKILL: -signal.SIGKILL}


def wait_for(condition, proc: subprocess.Popen, *, timeout: float = 60.0) -> None:
    """Wait until ``condition()`` holds while ``proc`` still runs; fail if it ends first or time runs out."""
    deadline = time.monotonic() + timeout
    try:
        while not condition():
            assert proc.poll() is None, f"the process ended (status {proc.returncode}) before it could be interrupted"
            assert time.monotonic() < deadline, "timed out waiting for the process to start writing"
            time.sleep(0.005)
    except AssertionError:
        proc.kill()  # never leave a process behind when the test fails
        proc.wait(timeout=60)
        raise


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL])
def test_killed_build_leaves_the_old_site_and_a_rerun_succeeds(project_dir: Path, sig: int) -> None:
    out = project_dir / "maps"
    build_site(read_project(project_dir), out)
    before = digest(out)
    rng = random.Random(sig)
    for _ in range(3):
        proc = start(["build"], project_dir)
        wait_for(lambda: any(project_dir.glob(".maps.new-*/*")), proc)  # the new site is being written
        time.sleep(rng.uniform(0.0, 0.3))
        assert proc.poll() is None, "the build finished before the signal: nothing was interrupted"
        proc.send_signal(sig)
        assert proc.wait(timeout=60) == EXIT_ON[sig]
        assert digest(out) == before
    assert subprocess.run([sys.executable, "-m", "geo", "build"], cwd=project_dir, check=False).returncode == 0
    assert digest(out) == before
    leftovers = [p.name for p in project_dir.iterdir() if p.name.startswith(".maps.") and p.suffix != ".lock"]
    assert leftovers == []


SLOW_FSYNC = (
    "import os, sys, time\n"
    "fsync = os.fsync\n"
    "os.fsync = lambda fd: (time.sleep(30), fsync(fd))  # hold the written temporary file before the rename\n"
    "from geo.__main__ import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)


def start_held(args: list[str], cwd: Path) -> subprocess.Popen:
    """``geo ARGS`` with every fsync held for 30 s: the writer is caught between writing and renaming."""
    return subprocess.Popen([sys.executable, "-c", SLOW_FSYNC, *args], cwd=cwd, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL])
def test_killed_fmt_leaves_the_gazetteer_intact(project_dir: Path, sig: int) -> None:
    gazetteer = project_dir / "places" / "gazetteer.csv"
    messy = gazetteer.read_text(encoding="utf-8").replace("\n", "\r\n").replace(",41.574,", ",  41.5740 ,")
    gazetteer.write_text(messy, encoding="utf-8", newline="")
    original = gazetteer.read_bytes()
    for _ in range(2):
        proc = start_held(["places", "fmt"], project_dir)
        wait_for(lambda: any(gazetteer.parent.glob(".gazetteer.csv.*.tmp*")), proc)  # fmt wrote, not yet renamed
        proc.send_signal(sig)
        assert proc.wait(timeout=60) == EXIT_ON[sig]
        assert gazetteer.read_bytes() == original
    assert subprocess.run([sys.executable, "-m", "geo", "places", "fmt"], cwd=project_dir,
                          check=False).returncode == 0
    assert gazetteer.read_bytes() != original and b"41.574," in gazetteer.read_bytes()
    assert [p.name for p in gazetteer.parent.iterdir()] == ["gazetteer.csv"]


def test_two_builds_at_once_both_complete(project_dir: Path) -> None:
    out = project_dir / "maps"
    with ThreadPoolExecutor(max_workers=2) as pool:
        reports = list(pool.map(lambda _: build_site(read_project(project_dir), out), range(2)))
    assert all(r.pages for r in reports)
    reference = project_dir.parent / "reference"
    build_site(read_project(project_dir), reference)
    assert digest(out) == digest(reference)


@pytest.mark.slow
def test_two_build_processes_at_once(project_dir: Path) -> None:
    procs = [start(["build"], project_dir) for _ in range(2)]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    reference = project_dir.parent / "reference"
    build_site(read_project(project_dir), reference)
    assert digest(project_dir / "maps") == digest(reference)


@pytest.mark.skipif(os.name != "posix", reason="signals")
def test_interrupt_prints_a_message_not_a_traceback(project_dir: Path) -> None:
    proc = subprocess.Popen([sys.executable, "-m", "geo", "build"], cwd=project_dir, stderr=subprocess.PIPE,
                            text=True)
    time.sleep(1.0)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert "Traceback" not in err


def test_atomic_write_keeps_the_old_file_when_the_writer_fails(tmp_path: Path) -> None:
    from geo import atomic

    target = tmp_path / "figure.svg"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic.replacing(target) as temporary:
        temporary.write_text("half", encoding="utf-8")
        raise RuntimeError("interrupted")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["figure.svg"]
    atomic.write_text(target, "new")
    assert target.read_text(encoding="utf-8") == "new"


def test_a_site_caught_between_the_two_renames_is_restored(project_dir: Path) -> None:
    out = project_dir / "maps"
    build_site(read_project(project_dir), out)
    before = digest(out)
    out.rename(project_dir / ".maps.old-killed")  # as if killed after the first rename
    (project_dir / ".maps.new-killed").mkdir()
    build_site(read_project(project_dir), out)
    assert digest(out) == before
    assert sorted(p.name for p in project_dir.iterdir() if p.name.startswith(".maps.")) == [".maps.lock"]
