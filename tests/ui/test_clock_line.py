"""A clock set back shows on the desk (issue 14): a red line, at start and every minute."""

from __future__ import annotations

import shutil
from pathlib import Path

from pytestqt.qtbot import QtBot

from checkpoint_desk.paths import DataDir
from checkpoint_desk.ui.app import Desk, build_desk
from tests.conftest import FakeClock
from tests.ui.conftest import FakeCamera


def test_a_desk_whose_newest_record_is_in_the_future_says_so_at_start(
    qtbot: QtBot, data_dir: DataDir, clock: FakeClock, camera: FakeCamera, demo_station: Path
) -> None:
    shutil.copytree(demo_station, data_dir.root)  # its shift opened at the clock's start
    clock.advance(minutes=-45)
    built = build_desk(data_dir, demo=True, camera=camera.factory, clock=clock, lang="en")
    try:
        qtbot.addWidget(built.window)
        built.window.show()
        line = built.window.clock_line
        assert line.isVisible()
        assert "45 minutes" in line.text() and "green" in line.text()
        built.window.language_requested.emit("zh_CN")
        qtbot.waitUntil(lambda: "本机时钟比已见时间晚 45 分钟" in line.text(), timeout=2000)
        assert "所有读码不会显示绿码" in line.text()
    finally:
        built.close()


def test_a_normal_desk_shows_no_clock_line_until_its_clock_goes_back(
    desk: Desk, clock: FakeClock, qtbot: QtBot
) -> None:
    line = desk.window.clock_line
    assert not line.isVisible()
    clock.advance(minutes=-5)  # within the tolerance: nothing to say
    desk.window.clock_timer.timeout.emit()
    assert not line.isVisible()
    clock.advance(minutes=-25)
    desk.window.clock_timer.timeout.emit()  # the minute's check
    assert line.isVisible() and "30 minutes" in line.text()
    assert desk.window.clock_timer.interval() == 60_000
    clock.advance(minutes=40)  # set right again
    desk.window.clock_timer.timeout.emit()
    assert not line.isVisible()
