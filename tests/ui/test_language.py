"""Language: no English left in the zh_CN desk, every state, after a switch too; the
header toggles are remembered in ui-state.json (not in the settings)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTableView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from checkpoint_desk.paths import DataDir
from checkpoint_desk.settings import Settings
from checkpoint_desk.ui.app import Desk, build_desk
from checkpoint_desk.ui.camera_worker import CameraState
from checkpoint_desk.ui.settings_dialog import SettingsDialog
from checkpoint_desk.ui.unmask_dialog import UnmaskDialog
from checkpoint_desk.ui.verdict_banner import VerdictBanner
from tests.conftest import FakeClock
from tests.ui.conftest import FakeCamera

LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
# Key names stay as printed on the keyboard; the language button names its language.
KEYS_AND_NAMES = {"Enter", "Esc", "Ctrl", "Alt", "Tab", "PIN", "English", "pid", "http", "https"}
PROVINCIAL = "https://hc.example.gov.cn/code?uid=ABC-123456"


def texts_of(widget: QWidget, skip: QWidget | None = None) -> Iterator[tuple[str, str]]:
    """(where, text) for every visible text a volunteer reads in ``widget``; ``skip``
    is the banner's English echo of its word (通行 PASS, by design: DESIGN §2)."""
    found: list[QWidget] = [widget, *widget.findChildren(QWidget)]
    for child in found:
        if not child.isVisible() or child is skip:
            continue
        name = f"{type(child).__name__}({child.objectName()})"
        if child.isWindow():
            yield name + ".windowTitle", child.windowTitle()
        if isinstance(child, QMessageBox):
            yield name + ".text", child.text()
        if isinstance(child, QLabel | QAbstractButton):
            yield name, child.text()
        elif isinstance(child, QLineEdit):
            yield name + ".placeholder", child.placeholderText()
        elif isinstance(child, QComboBox):
            for index in range(child.count()):
                yield f"{name}[{index}]", child.itemText(index)
        elif isinstance(child, QTableView) and child.model() is not None:
            model = child.model()
            for column in range(model.columnCount()):
                header = model.headerData(column, Qt.Orientation.Horizontal)
                yield f"{name}.header{column}", str(header or "")
            for row in range(model.rowCount()):
                for column in range(model.columnCount()):
                    yield f"{name}[{row},{column}]", str(model.index(row, column).data() or "")


def english_left(*widgets: QWidget, data: tuple[str, ...] = ()) -> list[str]:
    """Texts with an English word; ``data`` are names typed by people (an operator
    named "Demo volunteer" stays so), folder names (``exports/``) are not words."""
    left = []
    for widget in widgets:
        banner = widget.findChild(VerdictBanner)
        for where, text in texts_of(widget, skip=banner.second_word if banner else None):
            for name in data:
                text = text.replace(name, "")
            text = re.sub(r"[\w.-]+/", "", text)
            words = set(LATIN_WORD.findall(text)) - KEYS_AND_NAMES
            if words:
                left.append(f"{where}: {text!r}")
    return left


def _register(desk: Desk, name: str, temperature: str) -> None:
    form = desk.window.form
    form.edits["name"].setText(name)
    form.edits["temperature"].setText(temperature)
    desk.window.loop.commit()


def walk_every_state(desk: Desk, qtbot: QtBot, camera: FakeCamera) -> list[str]:
    window = desk.window
    left = english_left(window)
    _register(desk, "张伟", "365")
    left += english_left(window)  # a PASS
    _register(desk, "陈静", "385")
    left += english_left(window)  # a STOP with its disposition panel
    window.disposition.retest.setText("372")
    window.disposition.remeasure_button.click()
    left += english_left(window)  # "recorded: re-measured"
    camera.show(PROVINCIAL)
    left += english_left(window)  # CHECK: the colour buttons
    window.loop.clear()
    assert camera.on_state is not None
    camera.on_state(CameraState.ENDED, "")
    qtbot.wait(50)
    left += english_left(window)  # a video that ended
    window.form.edits["name"].setText("李娜")
    window.close()
    assert window.close_question is not None
    qtbot.waitUntil(window.close_question.isVisible, timeout=2000)
    left += english_left(window.close_question)
    qtbot.keyClick(window.close_question, Qt.Key.Key_Escape)
    [row] = [r for r in desk.session.today_rows() if r.name == "张伟"]
    unmask = UnmaskDialog(desk.session, desk.shifts, row.visit_id, window)
    qtbot.addWidget(unmask)
    unmask.show()
    left += english_left(unmask)
    settings = SettingsDialog(desk.settings, desk.shifts, window)
    qtbot.addWidget(settings)
    settings.show()
    settings.pin.setText("4321")
    settings.unlock_button.click()
    left += english_left(settings)
    unmask.close()
    settings.close()
    window.recent.edit_action.trigger()  # a supervisor's correction of the newest visit
    assert window.visit_editor is not None
    left += english_left(window.visit_editor)
    window.visit_editor.reject()
    window.end_shift_button.click()
    left += english_left(window)  # end of shift
    window.close_panel.back_button.click()
    window.lock()
    left += english_left(window)  # locked: the sign-in page
    return left


def test_no_english_is_left_in_the_chinese_desk(
    qtbot: QtBot, data_dir: DataDir, clock: FakeClock, camera: FakeCamera
) -> None:
    desk = build_desk(data_dir, demo=True, camera=camera.factory, clock=clock, lang="zh_CN")
    qtbot.addWidget(desk.window)
    try:
        desk.window.show()
        qtbot.waitUntil(lambda: camera.running, timeout=2000)
        left = walk_every_state(desk, qtbot, camera)
    finally:
        desk.close()
    assert not left, "English in the zh_CN UI:\n" + "\n".join(dict.fromkeys(left))


def test_everything_retranslates_on_a_switch(
    desk: Desk, qtbot: QtBot, camera: FakeCamera, demo_code: dict[str, str]
) -> None:
    window = desk.window
    _register(desk, "张伟", "365")
    window.loop.scan(demo_code["test-fresh"], "wedge")  # held while 张伟's PASS shows
    window.loop.commit()  # Enter takes it: the banner will name the code (健康码 绿码 陈静)
    _register(desk, "陈静", "385")  # the banner says STOP, the panel asks
    camera.show(PROVINCIAL)  # the next visitor's code waits behind the stop
    assert "health code" in window.banner.reasons.text() and window.banner.notice.text()
    window.language_button.click()
    qtbot.waitUntil(lambda: window.form.labels["name"].text() == "姓名", timeout=2000)
    station = desk.session.station
    people = tuple(op.name for op in desk.shifts.operators())
    left = english_left(window, data=(station.name, station.community, *people))
    assert not left, "still English after the switch:\n" + "\n".join(left)


def test_language_and_theme_are_remembered_apart_from_settings(
    qtbot: QtBot, data_dir: DataDir, clock: FakeClock
) -> None:
    first = build_desk(data_dir, demo=True, camera=FakeCamera().factory, clock=clock)
    qtbot.addWidget(first.window)
    first.window.language_button.click() if first.window.lang == "en" else None
    first.window.theme_button.click()
    assert first.window.lang == "zh_CN" and first.window.theme.name == "dark"
    first.close()
    state = json.loads(data_dir.ui_state_file.read_text(encoding="utf-8"))
    assert (state["language"], state["theme"]) == ("zh_CN", "dark")
    settings = Settings.load(data_dir.settings_file)
    assert settings.values.language == "" and settings.values.theme == "light", "not a setting"
    again = build_desk(data_dir, demo=True, camera=FakeCamera().factory, clock=clock)
    qtbot.addWidget(again.window)
    try:
        assert again.window.lang == "zh_CN"
        assert again.window.theme.name == "dark"
        assert again.window.form.labels["name"].text() == "姓名"
    finally:
        again.close()


def test_qts_own_buttons_speak_chinese(desk: Desk) -> None:
    desk.controller._on_language_requested("zh_CN")
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok
        | QDialogButtonBox.StandardButton.Close
        | QDialogButtonBox.StandardButton.Cancel
    )
    texts = [button.text() for button in box.buttons()]
    box.deleteLater()
    assert not [t for t in texts if LATIN_WORD.search(t)], texts


@pytest.fixture(autouse=True)
def _no_dialog_left() -> Iterator[None]:
    yield
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMessageBox | SettingsDialog | UnmaskDialog):
            widget.close()
