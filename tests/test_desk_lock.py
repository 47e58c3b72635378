"""One desk per data directory: a second desk or a writing command is refused in one line."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import Engine

from checkpoint_desk.cli import main
from checkpoint_desk.desk_lock import DataDirLock, DeskBusyError, read_holder
from checkpoint_desk.paths import DataDir
from checkpoint_desk.store.models import Station
from tests.conftest import REPO


def test_a_second_holder_is_told_who_holds_it_until_the_first_lets_go(
    station_env: tuple[Engine, Station], data_dir: DataDir
) -> None:
    first = DataDirLock(data_dir, "desk").acquire()
    with pytest.raises(DeskBusyError) as refused:
        DataDirLock(data_dir, "desk").acquire()
    message = refused.value.translated()
    assert f"pid {os.getpid()}" in message and socket.gethostname() in message
    assert "\n" not in message
    first.release()
    assert read_holder(data_dir) is None, "a released lock names nobody"
    with DataDirLock(data_dir, "desk"):
        pass


@pytest.mark.parametrize("command", [["import-visits", "paper.csv"], ["purge"]])
def test_writing_commands_refuse_a_running_desk(
    station_env: tuple[Engine, Station],
    data_dir: DataDir,
    tmp_path: Path,
    command: list[str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    paper = tmp_path / "paper.csv"
    paper.write_text(
        "time,direction,name,temperature\n2026-11-28T08:30,in,张三,365\n", encoding="utf-8"
    )
    argv = [str(paper) if arg == "paper.csv" else arg for arg in command]
    with DataDirLock(data_dir, "desk"):
        capsys.readouterr()
        code = main([*argv, "--data-dir", str(data_dir.root)])
        out, err = capsys.readouterr()
    assert code == DeskBusyError.exit_code
    assert out == ""
    assert err.count("\n") == 1 and f"pid {os.getpid()}" in err and "the desk" in err
    # once the desk is closed the same command runs
    assert main([*argv, "--data-dir", str(data_dir.root)]) == 0


@pytest.mark.slow
def test_a_second_desk_process_exits_non_zero_with_one_line(
    station_env: tuple[Engine, Station], data_dir: DataDir
) -> None:
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO / "src"),
        "QT_QPA_PLATFORM": "offscreen",
        "LANG": "zh_CN.UTF-8",
    }
    with DataDirLock(data_dir, "desk"):
        second = subprocess.run(
            [sys.executable, "-m", "checkpoint_desk.cli", "--data-dir", str(data_dir.root)],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert second.returncode == DeskBusyError.exit_code
    assert second.stderr.count("\n") == 1, second.stderr
    assert f"pid {os.getpid()}" in second.stderr
