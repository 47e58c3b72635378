"""Start and end of a shift, settings behind a supervisor PIN, language and theme."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from checkpoint_desk.hub.identity import load_identity
from checkpoint_desk.paths import DataDir
from checkpoint_desk.services.sync import save_hub_token
from checkpoint_desk.settings import Settings
from checkpoint_desk.store.models import Station
from checkpoint_desk.sync.hub_pin import save_pin
from checkpoint_desk.ui.app import Desk, build_desk
from checkpoint_desk.ui.settings_dialog import SettingsDialog
from tests.conftest import FakeClock
from tests.ui.conftest import FakeCamera


@pytest.fixture
def new_station(
    qtbot: QtBot,
    station_env: tuple[Engine, Station],
    data_dir: DataDir,
    clock: FakeClock,
    camera: FakeCamera,
) -> Iterator[Desk]:
    desk = build_desk(data_dir, camera=camera.factory, clock=clock, lang="en")
    qtbot.addWidget(desk.window)
    desk.window.show()
    yield desk
    desk.close()


def test_first_supervisor_signs_in_registers_and_hands_over(
    new_station: Desk, qtbot: QtBot, clock: FakeClock, camera: FakeCamera
) -> None:
    window = new_station.window
    assert window.pages.currentWidget() is window.sign_in
    assert not camera.running, "no camera before someone is on duty"
    window.sign_in.new_name.setText("Wang Fang")
    window.sign_in.pin.setText("2468")
    qtbot.keyClick(window.sign_in.pin, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is window.desk
    qtbot.waitUntil(lambda: camera.running, timeout=2000)
    assert "Wang Fang" in window.status.operator.text()
    window.form.edits["name"].setText("Li Na")
    window.form.edits["temperature"].setText("365")
    window.loop.commit()
    clock.advance(hours=8)
    window.end_shift_button.click()
    assert window.pages.currentWidget() is window.close_panel
    assert "in 1" in window.close_panel.summary.text()
    window.close_panel.note.setPlainText("Gate 2 scanner battery is low.")
    with qtbot.waitSignal(window.close_panel.shift_closed, timeout=30000):  # on a worker
        window.close_panel.close_button.click()
    assert window.pages.currentWidget() is window.sign_in
    report = window.sign_in.notice.text()
    assert "Backup:" in report
    backup = Path(report.split("Backup: ")[1].splitlines()[0])
    assert backup.is_file()
    assert "Shift ledger:" in report
    ledgers = report.split("Shift ledger: ")[1].splitlines()[0].split(", ")
    assert ledgers and all(Path(path).is_file() for path in ledgers)
    assert "battery is low" in window.sign_in.handover.text()
    assert not camera.running
    # the next shift: pick the name, type the PIN
    window.sign_in.pin.setText("1111")
    qtbot.keyClick(window.sign_in.pin, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is window.sign_in
    assert window.sign_in.problem.text()
    window.sign_in.pin.setText("2468")
    qtbot.keyClick(window.sign_in.pin, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is window.desk


def test_settings_need_a_supervisor_pin(desk: Desk, qtbot: QtBot) -> None:
    dialog = SettingsDialog(desk.settings, desk.shifts)
    qtbot.addWidget(dialog)
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    dialog.pin.setText("1234")  # the volunteer's PIN, not a supervisor's
    dialog.unlock_button.click()
    assert not save.isEnabled()
    assert dialog.problem.text()
    dialog.pin.setText("4321")
    dialog.unlock_button.click()
    assert save.isEnabled()
    threshold = dialog.editors["fever_threshold_c"]
    threshold.setValue(37.5)  # type: ignore[union-attr]
    save.click()
    assert Settings.load(desk.data_dir.settings_file).values.fever_threshold_c == 37.5


def test_switching_language_keeps_the_form(desk: Desk, qtbot: QtBot) -> None:
    window = desk.window
    window.form.edits["name"].setText("张伟")
    window.form.edits["temperature"].setText("36")
    assert window.form.labels["name"].text() == "Name"
    window.language_button.click()
    qtbot.waitUntil(lambda: window.form.labels["name"].text() == "姓名", timeout=2000)
    assert window.form.commit_button.text() == "登记 (Enter)"
    assert window.form.edits["name"].text() == "张伟"
    assert window.form.edits["temperature"].text() == "36"
    window.language_button.click()
    qtbot.waitUntil(lambda: window.form.labels["name"].text() == "Name", timeout=2000)


def test_dark_theme_keeps_verdict_words(desk: Desk) -> None:
    window = desk.window
    window.theme_button.click()
    assert window.theme.name == "dark"
    assert window.banner.word.text() == "READY"


def test_settings_button_opens_the_dialog(desk: Desk, qtbot: QtBot) -> None:
    def close_dialog() -> None:
        for widget in desk.app.topLevelWidgets():
            if isinstance(widget, SettingsDialog):
                widget.reject()

    QTimer.singleShot(100, close_dialog)
    desk.window.settings_button.click()
    assert desk.settings.values.fever_threshold_c == 37.3


def test_an_idle_desk_locks_and_the_same_volunteer_unlocks_with_the_pin(
    desk: Desk, qtbot: QtBot, camera: FakeCamera
) -> None:
    window = desk.window
    shift_before = window.loop.shift
    window.lock()
    assert window.pages.currentWidget() is window.sign_in
    assert "Locked" in window.sign_in.title.text()
    assert not camera.running
    window.sign_in.pin.setText("1234")
    qtbot.keyClick(window.sign_in.pin, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is window.desk
    assert window.loop.shift is not None and shift_before is not None
    assert window.loop.shift.id == shift_before.id, "unlocking keeps the same shift"
    qtbot.waitUntil(lambda: camera.running, timeout=2000)


def test_sync_trouble_shows_in_the_status_bar(
    qtbot: QtBot,
    station_env: tuple[Engine, Station],
    data_dir: DataDir,
    camera: FakeCamera,
) -> None:
    settings = Settings.load(data_dir.settings_file)
    # A hub set up but away (nothing listens on port 9).
    settings.set("hub_url", "http://127.0.0.1:9")
    settings.save()
    save_hub_token(data_dir, "not-a-real-token")
    away = load_identity(data_dir.root / "away-hub")
    save_pin(data_dir.root, away.pin)
    desk = build_desk(data_dir, camera=camera.factory, lang="en")
    qtbot.addWidget(desk.window)
    try:
        qtbot.waitUntil(lambda: desk.sync.worker is not None, timeout=5000)
        qtbot.waitUntil(lambda: "sync failed" in desk.window.status.unsynced.text(), timeout=15000)
    finally:
        desk.close()


def test_without_a_hub_the_desk_does_not_sync(desk: Desk, qtbot: QtBot) -> None:
    assert desk.sync.start(desk.session) is False
    assert desk.sync.worker is None
