"""Closing a shift (backup, purge, ledgers) runs off the GUI thread with its progress
shown; a full disk is said in the volunteer's language and nothing registered is lost."""

from __future__ import annotations

import errno
import os
import threading

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot
from sqlmodel import Session, select

from checkpoint_desk.store.models import Shift
from checkpoint_desk.ui.app import Desk
from tests.ui.conftest import visits


def register(desk: Desk, name: str, temperature: str) -> None:
    form = desk.window.form
    form.edits["name"].setText(name)
    form.edits["temperature"].setText(temperature)
    desk.window.loop.commit()


def test_the_window_stays_responsive_while_the_shift_closes(
    desk: Desk, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = desk.window
    register(desk, "张伟", "365")
    window.end_shift_button.click()
    panel = window.close_panel
    released = threading.Event()
    real_fsync = os.fsync

    def slow_disk(fd: int) -> None:  # the backup's fsync waits for the GUI's timer
        released.wait(timeout=3)
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", slow_disk)
    seen: list[tuple[bool, bool, str]] = []

    def tick() -> None:
        if not released.is_set():
            seen.append(
                (panel.progress.isVisible(), panel.close_button.isEnabled(), panel.step.text())
            )
        released.set()

    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(tick)
    timer.start()
    with qtbot.waitSignal(panel.shift_closed, timeout=30000):
        panel.close_button.click()
    timer.stop()
    assert seen, "the event loop turned while the shift was closing"
    progress_shown, close_enabled, step = seen[0]
    assert progress_shown and not close_enabled, "progress shown, no second close"
    assert step, "the step under way is named"
    assert window.pages.currentWidget() is window.sign_in
    assert "Backup:" in window.sign_in.notice.text()


def test_a_full_disk_at_the_backup_is_said_in_chinese_and_keeps_every_visit(
    desk: Desk, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = desk.window
    register(desk, "张伟", "365")
    register(desk, "李娜", "366")
    window.language_button.click()
    qtbot.waitUntil(lambda: window.form.labels["name"].text() == "姓名", timeout=2000)
    window.end_shift_button.click()
    panel = window.close_panel
    panel.note.setPlainText("2 号门扫码枪电量低")

    def full_disk(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full_disk)
    with qtbot.waitSignal(panel.shift_closed, timeout=30000):
        panel.close_button.click()
    report = window.sign_in.notice.text()
    assert "磁盘已满" in report and "No space" not in report, report
    assert len(visits(desk)) == 2
    with Session(desk.session.engine) as session:
        shift = session.exec(select(Shift)).one()
    assert shift.closed_at is not None and shift.handover_note == "2 号门扫码枪电量低"
