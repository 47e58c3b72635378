"""A temperature typed while a stop waits ("385" Enter): nothing wrong is recorded, and
the stop panel says what is wrong in the volunteer's language.

The digits 1…4 choose a disposition while a stop waits: typed slowly, the "3" of "385"
chooses "re-measured" and "85" goes into the re-test field; typed fast, the three
digits reached no field at all and the desk said nothing.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from checkpoint_desk.ui.app import Desk
from checkpoint_desk.ui.verdict_banner import BannerState
from tests.ui.conftest import FakeCamera, KeyClock, visits
from tests.ui.test_loop import PLAIN_CODE, scan_and_confirm_green, type_temperature_and_enter


def _stop(desk: Desk, qtbot: QtBot, camera: FakeCamera) -> None:
    scan_and_confirm_green(desk, qtbot, camera, PLAIN_CODE)
    type_temperature_and_enter(qtbot, desk, "378")
    assert desk.window.banner.state is BannerState.STOP
    assert desk.window.disposition.holds_focus()


def _type(qtbot: QtBot, desk: Desk, text: str, step: float) -> None:
    desk.wedge.key_clock = KeyClock(step=step)
    for char in text:
        qtbot.keyClick(QApplication.focusWidget() or desk.window, char)
        if step > 0.2:  # a person's pause: the wedge filter gives the key back first
            qtbot.waitUntil(lambda: not desk.wedge.detector.holding, timeout=3000)
    qtbot.waitUntil(lambda: not desk.wedge.detector.holding, timeout=3000)


def _enter(qtbot: QtBot, desk: Desk) -> None:
    qtbot.keyClick(QApplication.focusWidget() or desk.window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not desk.wedge.detector.holding, timeout=3000)


def test_385_typed_slowly_at_a_stop_records_nothing_and_names_the_range(
    desk: Desk, qtbot: QtBot, camera: FakeCamera
) -> None:
    panel = desk.window.disposition
    _stop(desk, qtbot, camera)
    _type(qtbot, desk, "385", step=0.4)  # the "3" chose re-measured; "85" is the re-test
    assert panel.retest.text() == "85"
    _enter(qtbot, desk)
    (visit,) = visits(desk)
    assert visit.disposition is None and visit.retest_temperature_c is None
    assert panel.problem.text() == "85 is not a body temperature: 34.0–43.0\u00a0℃."
    assert panel.retest.hasFocus() and panel.retest.selectedText() == "85"
    assert desk.window.banner.state is BannerState.STOP
    panel.retest.setText("385")
    _enter(qtbot, desk)
    assert visits(desk)[0].retest_temperature_c == 38.5


def test_385_typed_fast_at_a_stop_is_explained_not_lost(
    desk: Desk, qtbot: QtBot, camera: FakeCamera
) -> None:
    panel = desk.window.disposition
    _stop(desk, qtbot, camera)
    _type(qtbot, desk, "385", step=0.05)
    assert panel.problem.isVisible()
    assert panel.problem.text().startswith("385 not recorded"), panel.problem.text()
    _enter(qtbot, desk)
    assert visits(desk)[0].disposition is None
    assert desk.window.banner.state is BannerState.STOP


def test_the_range_is_said_in_chinese(desk: Desk, qtbot: QtBot, camera: FakeCamera) -> None:
    panel = desk.window.disposition
    desk.window.language_button.click()
    assert desk.window.lang == "zh_CN"
    _stop(desk, qtbot, camera)
    panel.retest.setText("85")
    panel.remeasure_button.click()
    assert panel.problem.text() == "85 不是体温：体温应在 34.0–43.0\u00a0℃ 之间。"
    assert visits(desk)[0].disposition is None
