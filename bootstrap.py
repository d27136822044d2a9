#!/usr/bin/env python3
"""Set everything up and build the site or run the tests, on a machine that has only Python 3.

    python3 bootstrap.py site    # virtual environment + dependencies, then `geo build` into maps/
    python3 bootstrap.py test    # the same + Chromium and CJK fonts, then ruff, lint-imports and the whole test suite

Uses only the standard library. Creates `.venv/` in this folder; installs Debian's `chromium`,
`fonts-noto-cjk` and `poppler-utils` with apt-get when they are missing and the user is root (or has sudo).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")
SYSTEM_PACKAGES = {"/usr/bin/chromium": "chromium", "/usr/share/fonts/opentype/noto": "fonts-noto-cjk",
                   "/usr/bin/pdftoppm": "poppler-utils"}


def say(message: str) -> None:
    print(f"[bootstrap] {message}", flush=True)


def run(*cmd: str | Path, **kwargs: object) -> None:
    subprocess.run([str(c) for c in cmd], check=True, **kwargs)


def apt_install(packages: list[str]) -> None:
    if not packages or shutil.which("apt-get") is None:
        return
    prefix = [] if os.geteuid() == 0 else (["sudo", "-n"] if shutil.which("sudo") else None)
    if prefix is None:
        say(f"cannot install {', '.join(packages)}: not root and no sudo; install them and run again")
        return
    say(f"installing Debian packages: {', '.join(packages)}")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    run(*prefix, "apt-get", "update", "-qq", env=env)
    run(*prefix, "apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages, env=env,
        stdout=subprocess.DEVNULL)


def ensure_venv() -> None:
    if PY.exists():
        return
    say("creating .venv")
    try:
        run(sys.executable, "-m", "venv", VENV)
    except subprocess.CalledProcessError:
        shutil.rmtree(VENV, ignore_errors=True)
        version = f"python{sys.version_info.major}.{sys.version_info.minor}-venv"
        apt_install([version])
        run(sys.executable, "-m", "venv", VENV)


def ensure_dependencies() -> None:
    stamp = VENV / ".installed"
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == digest:
        return
    say("installing the project and its dependencies into .venv")
    run(PY, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(PY, "-m", "pip", "install", "--quiet", "-e", f"{ROOT}[test]")
    stamp.write_text(digest)


def ensure_system_packages() -> None:
    missing = [pkg for path, pkg in SYSTEM_PACKAGES.items() if not Path(path).exists()]
    apt_install(missing)


def main(argv: list[str]) -> int:
    if len(argv) != 1 or argv[0] not in ("site", "test"):
        print(__doc__, file=sys.stderr)
        return 2
    ensure_venv()
    ensure_dependencies()
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    if argv[0] == "site":
        ensure_system_packages()
        return subprocess.run([str(PY), "-m", "geo", "build"], cwd=ROOT, env=env, check=False).returncode
    ensure_system_packages()
    lint = subprocess.run([str(PY), "-m", "ruff", "check", "geo", "tests", "bench", "bootstrap.py"],
                          cwd=ROOT, env=env, check=False).returncode
    layers = subprocess.run([str(BIN / "lint-imports")], cwd=ROOT, env=env, check=False).returncode
    tests = subprocess.run([str(PY), "-m", "pytest", *sys.argv[2:]], cwd=ROOT, env=env, check=False).returncode
    return tests or lint or layers


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:2]))
