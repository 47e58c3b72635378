"""``checkpoint-desk --demo`` opens a working desk in a throw-away data directory."""

from __future__ import annotations

import argparse
from pathlib import Path

from pytestqt.qtbot import QtBot

from checkpoint_desk.paths import DataDir
from checkpoint_desk.ui.app import open_desk


def test_demo_in_a_given_data_dir_is_initialised_and_signed_in(
    qtbot: QtBot, tmp_path: Path
) -> None:
    args = argparse.Namespace(demo=True, data_dir=str(tmp_path / "demo"), lang="zh_CN", camera=None)
    desk = open_desk(args)
    qtbot.addWidget(desk.window)
    try:
        # The window is on screen at once; the station opens behind it.
        qtbot.waitUntil(lambda: desk.is_open, timeout=60_000)
        assert DataDir(tmp_path / "demo").is_initialised()
        window = desk.window
        assert window.pages.currentWidget() is window.desk, "a demo volunteer is on duty"
        assert window.form.labels["name"].text() == "姓名"
        qtbot.waitUntil(lambda: desk.camera.running, timeout=2000)
    finally:
        desk.close()


def test_demo_without_a_data_dir_leaves_nothing_behind(qtbot: QtBot) -> None:
    desk = open_desk(argparse.Namespace(demo=True, data_dir=None, lang="en", camera=None))
    qtbot.addWidget(desk.window)
    qtbot.waitUntil(lambda: desk.is_open, timeout=60_000)
    root = desk.data_dir.root
    assert root.is_dir()
    desk.close()
    assert not root.exists()
