"""Keyboard everywhere, for gloves: header F-keys, PIN prompts, wheel, tab order, lanes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QSpinBox,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlmodel import Session, select

from checkpoint_desk.services.visits import VisitDraft, register_visit
from checkpoint_desk.store.models import AuditEntry
from checkpoint_desk.ui.app import Desk
from checkpoint_desk.ui.settings_dialog import SettingsDialog
from checkpoint_desk.ui.unmask_dialog import UnmaskDialog
from tests.conftest import FakeClock
from tests.services.conftest import make_id
from tests.ui.conftest import visits

SUPERVISOR_PIN = "4321"  # the demo supervisor's


def test_header_actions_have_f_keys_shown_on_their_buttons(desk: Desk, qtbot: QtBot) -> None:
    window = desk.window
    window.form.edits["name"].setFocus()
    assert "(F6)" in window.theme_button.text() and "(F8)" in window.end_shift_button.text()
    qtbot.keyClick(window.form.edits["name"], Qt.Key.Key_F6)
    assert window.theme.name == "dark"
    qtbot.keyClick(window.form.edits["name"], Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.form.labels["name"].text() == "姓名", timeout=2000)
    qtbot.keyClick(window.form.edits["name"], Qt.Key.Key_F8)
    assert window.pages.currentWidget() is window.close_panel
    seen: list[bool] = []

    def close_settings() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, SettingsDialog) and widget.isVisible():
                seen.append(True)
                widget.reject()

    QTimer.singleShot(200, close_settings)
    qtbot.keyClick(window.close_panel.note, Qt.Key.Key_F7)
    assert seen, "F7 opens the settings"


def test_enter_in_the_settings_pin_unlocks_and_keeps_the_dialog(desk: Desk, qtbot: QtBot) -> None:
    dialog = SettingsDialog(desk.settings, desk.shifts, desk.window)
    qtbot.addWidget(dialog)
    show_modal(dialog, qtbot)
    qtbot.keyClicks(dialog.pin, SUPERVISOR_PIN)
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    assert dialog.isVisible(), "Enter confirms the PIN, it does not close the dialog"
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()
    assert dialog.result() == 0


def test_the_settings_say_a_problem_or_who_unlocked_them_and_leave_no_blank_lines(
    desk: Desk, qtbot: QtBot
) -> None:
    dialog = SettingsDialog(desk.settings, desk.shifts, desk.window)
    qtbot.addWidget(dialog)
    show_modal(dialog, qtbot)
    assert dialog.problem.isHidden() and dialog.unlocked.isHidden(), "nothing to say yet"
    qtbot.keyClicks(dialog.pin, "0000")
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    assert not dialog.problem.isHidden() and dialog.problem.text()
    qtbot.keyClicks(dialog.pin, SUPERVISOR_PIN)
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    assert dialog.problem.isHidden() and not dialog.unlocked.isHidden()
    assert "Unlocked by" in dialog.unlocked.text()
    dialog.reject()


def test_enter_in_the_unmask_pin_shows_the_numbers_before_closing(
    desk: Desk, qtbot: QtBot, clock: FakeClock
) -> None:
    id_number = make_id(52)
    done = register_visit(
        desk.session.engine,
        VisitDraft(name="赵六", id_number=id_number, phone="13812340000", temperature="36.5"),
        station_id=desk.session.station.id,
        shift_id=None,
        rules=desk.session.rules(),
        clock=clock,
    )
    dialog = UnmaskDialog(desk.session, desk.shifts, done.visit_id, desk.window)
    qtbot.addWidget(dialog)
    show_modal(dialog, qtbot)
    qtbot.keyClicks(dialog.pin, SUPERVISOR_PIN)
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    assert dialog.isVisible(), "the numbers are shown, not closed away"
    assert id_number in dialog.shown.text()
    with Session(desk.session.engine) as session:
        shown = list(session.exec(select(AuditEntry).where(AuditEntry.action == "unmask")))
    assert len(shown) == 1, "one unmask shown, one audited"
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def show_modal(dialog: QDialog, qtbot: QtBot) -> None:
    """As the desk opens it: modal over the window, active, the PIN field focused."""
    dialog.open()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=2000)


def _wheel(widget: QSpinBox | QDoubleSpinBox) -> None:
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(QPoint(int(centre.x()), int(centre.y())))),
        QPoint(0, 0),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def test_the_wheel_over_settings_changes_nothing_unless_the_field_has_focus(
    desk: Desk, qtbot: QtBot
) -> None:
    dialog = SettingsDialog(desk.settings, desk.shifts, desk.window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.pin.setText(SUPERVISOR_PIN)
    dialog.unlock_button.click()
    threshold = dialog.editors["fever_threshold_c"]
    window = dialog.editors["duplicate_window_s"]
    assert isinstance(threshold, QDoubleSpinBox) and isinstance(window, QSpinBox)
    dialog.pin.setFocus()
    _wheel(threshold)
    _wheel(window)
    assert threshold.value() == 37.3 and window.value() == 10
    threshold.setFocus()
    qtbot.waitUntil(threshold.hasFocus, timeout=1000)
    _wheel(threshold)
    assert threshold.value() == 37.4, "a focused field still takes the wheel"


@pytest.mark.parametrize("household_rule", [False, True])
def test_tab_follows_the_screen_row_by_row(desk: Desk, qtbot: QtBot, household_rule: bool) -> None:
    form = desk.window.form
    form.show_household(household_rule)  # its field is on screen only with the rule
    fields: list[QWidget] = [w for w in (*form.edits.values(), form.passengers) if w.isVisible()]
    on_screen = sorted(fields, key=lambda w: (w.mapTo(form, QPoint(0, 0)).y() // 8, w.x()))
    tabbed = [on_screen[0]]
    on_screen[0].setFocus()
    for _ in fields[1:]:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        tabbed.append(form.passengers if focused is form.passengers.lineEdit() else focused)
    assert [w.objectName() for w in tabbed] == [w.objectName() for w in on_screen]


def test_digits_typed_after_tab_land_in_the_field_tab_went_to(desk: Desk, qtbot: QtBot) -> None:
    form = desk.window.form
    before = form.edits["temperature"].previousInFocusChain()
    before.setFocus()
    qtbot.keyClick(before, Qt.Key.Key_Tab)
    assert form.edits["temperature"].hasFocus()
    qtbot.keyClicks(QApplication.focusWidget(), "365")
    # the wedge filter holds fast keys a moment before it hands them on
    qtbot.waitUntil(lambda: form.edits["temperature"].text() == "365", timeout=2000)
    assert form.passengers.value() == 0


def test_direction_returns_to_the_lanes_default_after_each_visit(desk: Desk, qtbot: QtBot) -> None:
    form = desk.window.form
    qtbot.keyClick(form.edits["name"], Qt.Key.Key_F3)
    assert form.out_button.isChecked()
    form.edits["name"].setText("Li Na")
    form.edits["temperature"].setText("365")
    desk.window.loop.commit()
    assert visits(desk)[0].direction == "out"
    assert form.in_button.isChecked(), "the next visitor starts on the lane's direction"


def test_an_exit_lane_starts_every_visitor_on_out(desk: Desk, qtbot: QtBot) -> None:
    desk.settings.set("lane_direction", "out")
    desk.controller.apply_settings({"lane_direction": "out"})
    form = desk.window.form
    assert form.out_button.isChecked()
    qtbot.keyClick(form.edits["name"], Qt.Key.Key_F2)
    form.edits["name"].setText("Li Na")
    form.edits["temperature"].setText("365")
    desk.window.loop.commit()
    assert visits(desk)[0].direction == "in"
    assert form.out_button.isChecked()


def test_the_idle_lock_keeps_a_half_typed_visitor(desk: Desk, qtbot: QtBot) -> None:
    window = desk.window
    window.form.edits["name"].setText("张伟")
    window.form.edits["temperature"].setText("36")
    window.lock()
    assert window.pages.currentWidget() is window.sign_in
    qtbot.keyClicks(window.sign_in.pin, "1234")
    qtbot.keyClick(window.sign_in.pin, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is window.desk
    assert window.form.edits["name"].text() == "张伟"
    assert window.form.edits["temperature"].text() == "36"


def test_no_two_window_keys_are_the_same(desk: Desk) -> None:
    """Two actions on one key is an ambiguous shortcut: Qt then fires neither (F9 was)."""
    from PySide6.QtGui import QAction, QKeySequence, QShortcut

    window = desk.window
    keys: list[str] = [
        shortcut.key().toString()
        for shortcut in window.findChildren(QShortcut)
        if shortcut.isEnabled()
    ]
    for action in window.findChildren(QAction):
        if action.shortcutContext() != Qt.ShortcutContext.WidgetShortcut:
            keys += [key.toString() for key in action.shortcuts() if not key.isEmpty()]
    doubled = sorted({key for key in keys if keys.count(key) > 1})
    assert doubled == [], f"keys bound twice: {doubled}"
    assert QKeySequence("F9").toString() in keys and QKeySequence("F10").toString() in keys


def test_f10_lists_who_is_inside(desk: Desk, qtbot: QtBot) -> None:
    from checkpoint_desk.ui.inside_dialog import InsideDialog

    window = desk.window
    seen: list[bool] = []

    def close_inside() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, InsideDialog) and widget.isVisible():
                seen.append(True)
                widget.reject()

    QTimer.singleShot(300, close_inside)
    window.form.edits["name"].setFocus()
    qtbot.keyClick(window.form.edits["name"], Qt.Key.Key_F10)
    qtbot.waitUntil(lambda: bool(seen), timeout=3000)
