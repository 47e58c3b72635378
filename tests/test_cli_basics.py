"""The command-line contract every command shares (DESIGN §9)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from checkpoint_desk import __version__
from checkpoint_desk.cli import main


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "checkpoint_desk", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def test_version() -> None:
    result = run_cli("--version")
    assert result.returncode == 0
    assert __version__ in result.stdout


def test_init_json_and_refusal_to_overwrite(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = tmp_path / "d"
    assert main(["init", "--station", "西门", "--data-dir", str(home), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["station"] == "西门"
    before = (home / "checkpoint.db").stat().st_mtime_ns
    assert main(["init", "--station", "other", "--data-dir", str(home)]) != 0
    err = capsys.readouterr().err
    assert "already holds a station" in err and err.count("\n") == 1
    assert (home / "checkpoint.db").stat().st_mtime_ns == before


def test_data_dir_from_environment(tmp_path: Path) -> None:
    home = tmp_path / "envhome"
    result = run_cli("init", "--station", "A", env={"CHECKPOINT_DESK_HOME": str(home)})
    assert result.returncode == 0, result.stderr
    assert (home / "checkpoint.db").is_file()
    assert oct((home).stat().st_mode & 0o777) == "0o700"


def test_unwritable_data_dir_is_a_clear_error(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        target = "/proc/checkpoint-desk"  # not creatable even for root
    else:
        ro = tmp_path / "ro"
        ro.mkdir(mode=0o500)
        target = str(ro / "desk")
    result = run_cli("init", "--station", "A", "--data-dir", target)
    assert result.returncode == 3
    assert "Cannot create the data directory" in result.stderr


def test_messages_in_chinese(tmp_path: Path) -> None:
    result = run_cli("init", "--station", " ", "--data-dir", str(tmp_path / "x"), "--lang", "zh_CN")
    assert result.returncode == 2
    assert "卡点必须有名称" in result.stderr


def test_gui_without_display_is_a_clear_error(tmp_path: Path) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    result = subprocess.run(
        [sys.executable, "-m", "checkpoint_desk", "--data-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 5
    assert "No display" in result.stderr
