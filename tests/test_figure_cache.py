"""Print figures are drawn once per content: a rebuild copies them from the user cache, byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DATA

from geo.pipeline import join_project
from geo.project import read_project
from geo.render.figure import figure_inputs
from geo.render.figure.cache import cache_folder, cached, figure_key, remember
from geo.testing import make_place, write_project


def test_the_key_follows_the_data(tmp_path: Path) -> None:
    joined = join_project(read_project(DATA / "project"))
    key = figure_key(*figure_inputs(joined, "pursuit"), 300, font="Noto Sans CJK TC")
    assert key == figure_key(*figure_inputs(joined, "pursuit"), 300, font="Noto Sans CJK TC")
    one = join_project(read_project(write_project(tmp_path / "a")))
    moved = join_project(read_project(write_project(tmp_path / "b", places=[make_place(lat="40.2")])))
    assert figure_key(*figure_inputs(one, "pursuit"), 300, font="F") != figure_key(
        *figure_inputs(moved, "pursuit"), 300, font="F")
    changed = one
    assert figure_key(*figure_inputs(changed, "pursuit"), 300, font="Noto Sans CJK TC") != key
    assert figure_key(*figure_inputs(joined, "pursuit"), 600, font="Noto Sans CJK TC") != key
    assert figure_key(*figure_inputs(joined, "pursuit"), 300, font="Other") != key


def test_cached_files_are_copied_by_suffix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    made = [tmp_path / "a.pdf", tmp_path / "a.svg"]
    for i, path in enumerate(made):
        path.write_bytes(b"figure %d" % i)
    assert not cached("k1", [tmp_path / "b.pdf", tmp_path / "b.svg"])
    remember("k1", made)
    assert sorted(p.name for p in cache_folder().iterdir()) == ["k1.pdf", "k1.svg"]
    out = [tmp_path / "c.pdf", tmp_path / "c.svg"]
    assert cached("k1", out)
    assert [p.read_bytes() for p in out] == [b"figure 0", b"figure 1"]
    assert not cached("k1", [tmp_path / "c.png"])  # a format never drawn is not in the cache
