"""The window opens where and as large as the volunteer left it (``ui-state.json``)."""

from __future__ import annotations

import json

from pytestqt.qtbot import QtBot

from checkpoint_desk.paths import DataDir
from checkpoint_desk.settings import Settings
from checkpoint_desk.ui.app import build_desk
from tests.conftest import FakeClock
from tests.ui.conftest import FakeCamera


def test_the_window_size_is_remembered_apart_from_settings(
    qtbot: QtBot, data_dir: DataDir, clock: FakeClock, camera: FakeCamera
) -> None:
    first = build_desk(data_dir, demo=True, camera=camera.factory, clock=clock, lang="en")
    first.window.show()
    qtbot.waitExposed(first.window)
    # the offscreen screen is 800 × 800, narrower than the window: the height is what tells
    wanted = max(first.window.minimumSizeHint().height(), 400) + 7
    assert wanted != first.window.height()
    first.window.resize(first.window.width(), wanted)
    qtbot.waitUntil(lambda: first.window.height() == wanted)
    settings_before = data_dir.settings_file.read_text(encoding="utf-8")
    first.close()
    assert data_dir.settings_file.read_text(encoding="utf-8") == settings_before
    assert json.loads(data_dir.ui_state_file.read_text(encoding="utf-8"))["window_geometry"]

    again = build_desk(data_dir, demo=True, camera=camera.factory, clock=clock, lang="en")
    try:
        assert again.window.height() == wanted
        assert "window_geometry" not in Settings.load(data_dir.settings_file).as_dict()
    finally:
        again.close()


def test_a_damaged_ui_state_file_is_ignored(
    qtbot: QtBot, data_dir: DataDir, clock: FakeClock, camera: FakeCamera
) -> None:
    data_dir.root.mkdir(parents=True, exist_ok=True)
    data_dir.ui_state_file.write_text('{"window_geometry": "zz"', encoding="utf-8")
    desk = build_desk(data_dir, demo=True, camera=camera.factory, clock=clock, lang="en")
    try:
        assert desk.window.width() > 0
    finally:
        desk.close()
