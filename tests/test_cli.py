"""The ``geo`` command as a user runs it: exit codes, messages, no tracebacks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from geo.__main__ import COMMANDS, main
from geo.testing import make_event, write_project


def geo(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "geo", *args], capture_output=True, text=True, cwd=cwd, check=False)


def test_version() -> None:
    done = geo("--version")
    assert done.returncode == 0
    assert done.stdout.startswith("geo ")


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_subcommand_has_help(command: str, capsys: pytest.CaptureFixture) -> None:
    from importlib.util import find_spec

    if find_spec(f"geo.commands.{command}") is None:
        pytest.fail(f"geo {command} is listed but geo/commands/{command}.py does not exist")
    with pytest.raises(SystemExit) as stop:
        main([command, "--help"])
    assert stop.value.code == 0
    assert "usage: geo" in capsys.readouterr().out


def test_bad_usage_exits_2() -> None:
    done = geo("check", "--no-such-option")
    assert done.returncode == 2
    assert "usage:" in done.stderr


def test_check_clean_project(project_dir: Path) -> None:
    done = geo("check", "--root", str(project_dir))
    assert done.returncode == 0, done.stderr
    assert "geo check: ok" in done.stdout


def test_check_reports_every_problem_without_traceback(tmp_path: Path) -> None:
    events = [make_event(place="xi_jing"), make_event(id="e2", seq="2", action="fled"),
              make_event(id="e3", seq="3", action="fled", target="")]
    root = write_project(tmp_path, events=events)
    done = geo("check", "--root", str(root))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    lines = [line for line in done.stderr.splitlines() if "events.csv:" in line]
    assert any(":2:7: error: unknown place 'xi_jing' — did you mean xijing?" in line for line in lines)
    assert sum(":9: error: unknown action 'fled'" in line for line in lines) == 2
    assert "3 error(s)" in done.stderr


def test_build_invalid_data_writes_nothing(tmp_path: Path) -> None:
    project_dir = write_project(tmp_path, events=[make_event(place="xi_jing")])
    done = geo("build", "--root", str(project_dir))
    assert done.returncode == 1
    assert "nothing was written" in done.stderr
    assert not (project_dir / "maps").exists()


def test_build_and_summary(project_dir: Path) -> None:
    done = geo("build", "--root", str(project_dir), "--out", "site")
    assert done.returncode == 0, done.stderr
    assert "geo build: wrote 5 pages" in done.stdout  # index, pursuit, gazetteer, about, sources/T
    assert (project_dir / "site" / "index.html").exists()


def test_internal_error_gives_a_log_and_exit_3(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture,
                                                project_dir: Path) -> None:
    import geo.project

    def broken(*args: object, **kwargs: object) -> None:
        raise KeyError("boom")

    monkeypatch.setattr(geo.project, "read_project", broken)
    assert main(["check", "--root", str(project_dir)]) == 3
    err = capsys.readouterr().err
    assert "internal error" in err
    log = Path(err.split("traceback is in ")[1].split(";")[0])
    assert "KeyError" in log.read_text()
