"""A settings change, made on any thread, reaches the window as a Qt signal on its thread."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QThread
from pytestqt.qtbot import QtBot

from checkpoint_desk.settings import Settings
from checkpoint_desk.ui.settings_signal import SettingsSignal


def test_a_change_from_the_sync_thread_arrives_on_the_gui_thread(
    qtbot: QtBot, tmp_path: Path
) -> None:
    settings = Settings(tmp_path / "settings.json")
    signal = SettingsSignal(settings)
    heard: list[tuple[frozenset[str], bool]] = []
    signal.changed.connect(
        lambda keys: heard.append((keys, QThread.currentThread() is signal.thread()))
    )
    worker = threading.Thread(target=settings.set, args=("fever_threshold_c", 37.0))
    with qtbot.waitSignal(signal.changed):
        worker.start()
        worker.join()
    assert heard == [(frozenset({"fever_threshold_c"}), True)]
    assert settings.values.fever_threshold_c == 37.0
