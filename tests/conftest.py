"""Shared fixtures: a tiny project copied to a temporary folder, and a headless Chromium."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]
OUTPUT = REPO / "test-output"


@pytest.fixture
def project_dir(tmp_path: Path) -> Path:
    """A copy of ``tests/data/project`` that a test may change."""
    target = tmp_path / "project"
    shutil.copytree(DATA / "project", target)
    return target


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright (``apt-get install chromium`` provides it)."""
    if not CHROMIUM.exists():
        pytest.fail("Chromium is missing: run `python3 bootstrap.py test` or `apt-get install chromium`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def output_dir() -> Path:
    """``test-output/``: screenshots and figures a person should look at after a run."""
    OUTPUT.mkdir(exist_ok=True)
    return OUTPUT
