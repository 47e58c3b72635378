"""``checkpoint-desk --demo`` opens a working desk in a throw-away data directory."""

from __future__ import annotations

import argparse
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from checkpoint_desk.paths import DataDir
from checkpoint_desk.ui.app import run_desk
from checkpoint_desk.ui.main_window import MainWindow


def _quit_soon(seen: list[MainWindow]) -> None:
    def look() -> None:
        seen.extend(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))
        QApplication.quit()

    QTimer.singleShot(300, look)


def test_demo_in_a_given_data_dir_is_initialised_and_signed_in(
    qtbot: QtBot, tmp_path: Path
) -> None:
    seen: list[MainWindow] = []
    _quit_soon(seen)
    args = argparse.Namespace(demo=True, data_dir=str(tmp_path / "demo"), lang="zh_CN", camera=None)
    assert run_desk(args) == 0
    assert DataDir(tmp_path / "demo").is_initialised()
    window = seen[-1]
    assert window.pages.currentWidget() is window.desk, "a demo volunteer is already on duty"
    assert window.form.labels["name"].text() == "姓名"


def test_demo_without_a_data_dir_leaves_nothing_behind(qtbot: QtBot, tmp_path: Path) -> None:
    seen: list[MainWindow] = []
    _quit_soon(seen)
    args = argparse.Namespace(demo=True, data_dir=None, lang="en", camera=None)
    assert run_desk(args) == 0
    root = seen[-1].backend.data_dir.root
    assert not root.exists()
