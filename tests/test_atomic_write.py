"""Files are replaced whole or not at all, with the mode asked for, leaving nothing behind."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from checkpoint_desk.atomic_write import write_atomic, write_json_atomic
from checkpoint_desk.errors import DataDirError
from checkpoint_desk.paths import DataDir
from checkpoint_desk.services.sync import load_hub_token, save_hub_token


def test_a_file_is_replaced_whole_with_the_mode_given(tmp_path: Path) -> None:
    target = tmp_path / "hub-token"
    target.write_text("old\n", encoding="utf-8")
    write_atomic(target, b"new\n", mode=0o600)
    assert target.read_bytes() == b"new\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    write_json_atomic(tmp_path / "settings.json", {"version": 1}, mode=0o644)
    assert stat.S_IMODE((tmp_path / "settings.json").stat().st_mode) == 0o644
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hub-token", "settings.json"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "ledger"
    target.mkdir()  # a rename over a folder fails
    with pytest.raises(OSError):
        write_atomic(target, b"x", mode=0o600)
    assert [p.name for p in tmp_path.iterdir()] == ["ledger"]


def test_a_hub_token_that_cannot_be_saved_leaves_nothing_behind(tmp_path: Path) -> None:
    data_dir = DataDir(tmp_path)
    (tmp_path / "hub-token").mkdir()
    with pytest.raises(DataDirError):
        save_hub_token(data_dir, "secret-token")
    assert [p.name for p in tmp_path.iterdir()] == ["hub-token"]


def test_a_hub_token_is_owner_only(tmp_path: Path) -> None:
    data_dir = DataDir(tmp_path)
    save_hub_token(data_dir, "secret-token")
    assert load_hub_token(data_dir) == "secret-token"
    assert stat.S_IMODE((tmp_path / "hub-token").stat().st_mode) == 0o600
