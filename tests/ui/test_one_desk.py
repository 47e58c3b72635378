"""Two desks on one data directory: the second is refused before it shows a window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from checkpoint_desk.desk_lock import DeskBusyError
from checkpoint_desk.paths import DataDir
from checkpoint_desk.ui.app import Desk, build_desk
from checkpoint_desk.ui.verdict_banner import BannerState
from tests.conftest import FakeClock
from tests.ui.conftest import FakeCamera


def test_a_second_desk_on_the_same_data_dir_is_refused(
    desk: Desk, qtbot: QtBot, data_dir: DataDir, clock: FakeClock
) -> None:
    with pytest.raises(DeskBusyError, match="in use by the desk"):
        build_desk(data_dir, demo=True, camera=FakeCamera().factory, clock=clock, lang="en")
    assert desk.window.loop.shift is not None, "the first desk keeps running"


def test_the_lock_goes_with_the_closed_desk(
    qtbot: QtBot, data_dir: DataDir, clock: FakeClock
) -> None:
    first = build_desk(data_dir, demo=True, camera=FakeCamera().factory, clock=clock, lang="en")
    qtbot.addWidget(first.window)
    first.close()
    again = build_desk(data_dir, demo=True, camera=FakeCamera().factory, clock=clock, lang="en")
    qtbot.addWidget(again.window)
    again.close()


def _stop_without_disposition(desk: Desk) -> None:
    form = desk.window.form
    form.edits["name"].setText("陈静")
    form.edits["temperature"].setText("385")
    desk.window.loop.commit()
    assert desk.window.disposition.isVisible()


def test_a_stop_left_without_disposition_is_asked_again_after_a_restart_and_at_handover(
    qtbot: QtBot, data_dir: DataDir, clock: FakeClock
) -> None:
    first = build_desk(data_dir, demo=True, camera=FakeCamera().factory, clock=clock, lang="en")
    qtbot.addWidget(first.window)
    first.window.show()
    _stop_without_disposition(first)
    first.close()  # the laptop's battery ran out, say
    again = build_desk(data_dir, demo=True, camera=FakeCamera().factory, clock=clock, lang="en")
    qtbot.addWidget(again.window)
    try:
        window = again.window
        window.show()
        assert window.disposition.isVisible(), "the stop still waits for its disposition"
        assert window.banner.state is BannerState.STOP
        window.end_shift_button.click()
        assert window.close_panel.pending.isVisible()
        assert "陈静" in window.close_panel.pending.text()
        window.close_panel.back_button.click()
        window.disposition.denied_button.click()
        assert not window.disposition.isVisible()
        window.end_shift_button.click()
        assert not window.close_panel.pending.isVisible()
    finally:
        again.close()


def test_closing_with_a_visitor_typed_asks_and_enter_stays(desk: Desk, qtbot: QtBot) -> None:
    window = desk.window
    window.form.edits["name"].setText("张伟")
    window.close()
    question = window.close_question
    assert question is not None and window.isVisible()
    assert "not registered" in question.text()
    qtbot.waitUntil(question.isVisible, timeout=2000)
    qtbot.keyClick(question, Qt.Key.Key_Return)  # one key: stay
    assert window.isVisible() and window.close_question is None
    assert window.form.edits["name"].text() == "张伟"


def test_closing_with_a_stop_pending_asks_and_can_close(desk: Desk, qtbot: QtBot) -> None:
    window = desk.window
    _stop_without_disposition(desk)
    window.close()
    question = window.close_question
    assert question is not None and "disposition" in question.text()
    [leave] = [b for b in question.buttons() if b.text() == "Close anyway"]
    leave.click()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=2000)


def test_closing_an_empty_desk_asks_nothing(desk: Desk, qtbot: QtBot) -> None:
    desk.window.close()
    assert desk.window.close_question is None and not desk.window.isVisible()
