"""docs/tutorial.md, run as written: its shell blocks in order, its files written, its output checked.

A ``sh`` block is run with bash (``cd`` carries over to the next block); a ``csv file=PATH`` block is written to
PATH, as the reader would save it; a ``text`` block after a shell block lists lines its output must contain, in
order (``…`` skips; durations such as ``0.24 s`` may differ). Blocks marked ``norun`` are only shown.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import DATA, REPO

TUTORIAL = REPO / "docs" / "tutorial.md"
BLOCK = re.compile(r"^```(\w+)([^\n]*)\n(.*?)^```$", re.S | re.M)
DURATION = re.compile(r"\d+(\.\d+)? (s|MB)\b")


def _blocks(text: str) -> list[tuple[str, str, str]]:
    return [(kind, info.strip(), body) for kind, info, body in BLOCK.findall(text)]


def _expect(output: str, expected: str) -> None:
    lines = [DURATION.sub("N", line) for line in output.splitlines()]
    at = 0
    for want in (DURATION.sub("N", w) for w in expected.splitlines()):
        if want.strip() in ("", "…"):
            continue
        found = next((i for i in range(at, len(lines)) if lines[i].rstrip() == want.rstrip()), None)
        assert found is not None, f"the tutorial shows {want!r}, but the command printed:\n{output}"
        at = found + 1


def test_the_blocks_are_what_the_runner_reads() -> None:
    kinds = [(kind, info) for kind, info, _ in _blocks(TUTORIAL.read_text(encoding="utf-8"))]
    assert ("sh", "") in kinds and ("csv", "file=campaigns/events.csv") in kinds and ("text", "") in kinds
    assert all(kind in ("sh", "csv", "text", "toml") for kind, _ in kinds)


def test_the_tutorial_runs_as_written(tmp_path: Path) -> None:
    shutil.copyfile(DATA / "tutorial" / "song23.txt", tmp_path / "song23.txt")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    cwd, output = tmp_path, ""
    for kind, info, body in _blocks(TUTORIAL.read_text(encoding="utf-8")):
        if "norun" in info:
            continue
        if kind == "sh":
            script = f"set -e\n{body}\necho \"__cwd__$(pwd)\"\n"
            done = subprocess.run(["bash", "-c", script], cwd=cwd, env=env, capture_output=True, text=True,
                                  timeout=600, check=False)
            assert done.returncode == 0, f"{body}\nfailed:\n{done.stdout}\n{done.stderr}"
            output = done.stdout + done.stderr
            cwd = Path(re.findall(r"__cwd__(.*)", done.stdout)[-1])
        elif kind == "csv":
            target = cwd / info.removeprefix("file=")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(body, encoding="utf-8")
        elif kind == "text":
            _expect(output, body)
    site = cwd / "maps"
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "靖康之變 · The first Jin siege of Kaifeng, 1126" in index and "Liao" not in index
    assert (cwd / "siege.pdf").read_bytes().startswith(b"%PDF")
