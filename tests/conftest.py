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


def import_places() -> list[dict[str, str]]:
    """Our side of the ``geo places import`` tests: 西京 and four Liao places with variants."""
    from geo.testing import make_place

    return [
        make_place(),
        make_place(id="ningjiang_zhou", name="寧江州", name_simplified="宁江州", pinyin="Níngjiāng zhōu",
                   variants="甯江州", type="prefecture", lat="45.05", lon="124.85", uncertainty_km="15"),
        make_place(id="liao_shangjing", name="上京", name_simplified="上京", pinyin="Shàngjīng",
                   variants="臨潢府;上京臨潢府", lat="43.98", lon="119.38", uncertainty_km="2"),
        make_place(id="liao_dongjing", name="東京", name_simplified="东京", pinyin="Dōngjīng", variants="遼陽府",
                   lat="41.27", lon="123.17", uncertainty_km="5"),
        make_place(id="huanglong_fu", name="黃龍府", name_simplified="黄龙府", pinyin="Huánglóng fǔ",
                   variants="龍州", type="prefecture", lat="44.43", lon="125.17", uncertainty_km="10"),
    ]


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
