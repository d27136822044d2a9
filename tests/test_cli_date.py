"""Tests of ``geo date``."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from geo.__main__ import main

KEYS = {
    "input", "regime", "era", "era_year", "ce_year", "month", "leap", "day", "ganzhi", "precision",
    "jdn_start", "jdn_end", "julian_start", "julian_end", "gregorian_start", "gregorian_end",
}


def test_readable_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["date", "天輔六年三月己巳"]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    for part in ("天輔六年三月己巳", "jin", "Julian 1122-04-18", "proleptic Gregorian 1122-04-25", "JDN 2130976"):
        assert part in out


def test_month_line_shows_the_interval(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["date", "--regime", "liao", "天慶八年五月"]) == 0
    out = capsys.readouterr().out
    assert "Julian 1118-05-22 – 1118-06-20" in out and "JDN 2129549–2129578" in out and "liao" in out


def test_json_lines(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["date", "--json", "遼天慶八年五月壬午朔", " 天辅二年闰月庚戌朔。"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    first, second = (json.loads(line) for line in lines)
    assert set(first) >= KEYS and list(first) == sorted(first)
    assert (first["regime"], first["julian_start"], first["ganzhi"], first["precision"]) == (
        "liao", "1118-05-22", "壬午", "day")
    assert second["input"] == " 天辅二年闰月庚戌朔。"
    assert (second["month"], second["leap"], second["gregorian_start"]) == (9, True, "1118-10-24")
    assert "壬午" in lines[0]  # ensure_ascii=False


def test_stdin_skips_blank_lines_and_reports_bad_ones(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("天輔二年二月癸丑朔\n\n   \n天輔六年三月己亥\n天輔二年閏九月\n"))
    assert main(["date", "--json"]) == 1
    captured = capsys.readouterr()
    rows = [json.loads(line) for line in captured.out.splitlines()]
    assert [r["input"] for r in rows] == ["天輔二年二月癸丑朔", "天輔二年閏九月"]
    assert "天輔六年三月己亥" in captured.err and "己亥 is not in it" in captured.err
    assert "1 date(s) could not be converted" in captured.err


def test_ambiguous_era_needs_a_regime(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["date", "天慶八年"]) == 1
    assert "ambiguous" in capsys.readouterr().err
    assert main(["date", "--regime", "xia", "天慶八年"]) == 0
    assert "1201" in capsys.readouterr().out


def test_bad_regime_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["date", "--regime", "atlantis", "天輔二年"])
    assert exit_info.value.code == 2
    assert "--regime" in capsys.readouterr().err


def test_module_entry_point() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "geo", "date", "--json", "金天輔二年"],
        capture_output=True, text=True, encoding="utf-8", check=False,
    )
    assert done.returncode == 0, done.stderr
    row = json.loads(done.stdout)
    assert (row["precision"], row["ce_year"], row["jdn_start"]) == ("year", 1118, 2129431)
