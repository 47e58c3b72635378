"""The command line's supervisor acts and purge."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checkpoint_desk.cli import main


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "desk"
    assert main(["init", "--station", "西门", "--data-dir", str(home)]) == 0
    monkeypatch.setenv("CHECKPOINT_DESK_PIN", "1357")
    assert main(["operator", "add", "小王", "--data-dir", str(home)]) == 0
    monkeypatch.setenv("CHECKPOINT_DESK_PIN", "2468")
    args = ["operator", "add", "刘主任", "--role", "supervisor", "--data-dir", str(home)]
    assert main(args) == 0
    return home


def test_unmasked_export_needs_a_supervisor(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    export = ["export", "--day", "2026-11-28", "--format", "csv", "--out", str(tmp_path)]
    export += ["--unmasked", "--data-dir", str(home)]
    capsys.readouterr()
    assert main(export) == 2
    assert "--supervisor" in capsys.readouterr().err
    monkeypatch.setenv("CHECKPOINT_DESK_PIN", "1357")
    assert main([*export, "--supervisor", "小王"]) == 2  # a volunteer
    assert "Only a supervisor" in capsys.readouterr().err
    monkeypatch.setenv("CHECKPOINT_DESK_PIN", "")
    assert main([*export, "--supervisor", "刘主任"]) == 2  # an empty PIN
    assert "4 to 12 digits" in capsys.readouterr().err
    assert not list(tmp_path.glob("*.csv"))
    monkeypatch.setenv("CHECKPOINT_DESK_PIN", "2468")
    assert main([*export, "--supervisor", "刘主任", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["masked"] is False


def test_purge_command(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["purge", "--json", "--data-dir", str(home)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["purged"], report["held_back"]) == (0, 0)
    assert main(["purge", "--days", "0", "--data-dir", str(home)]) == 2
    assert "at least one day" in capsys.readouterr().err
