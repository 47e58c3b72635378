"""Connect a desk from its window (F11): enrol with a real hub, then sync; bad codes.

The hub is a real ``checkpoint-hub serve`` process on loopback; the desk a real
station (its key, its database); the dialog calls the service ``sync --enrol`` calls.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot
from sqlmodel import Session, select

from checkpoint_desk.hub.database import open_hub_database
from checkpoint_desk.hub.identity import load_identity
from checkpoint_desk.hub.tables import visit as hub_visit
from checkpoint_desk.i18n import set_language
from checkpoint_desk.services.operators import create_operator
from checkpoint_desk.services.shift_session import ShiftSession
from checkpoint_desk.services.sync import configure_hub, hub_configured, sync_now, token_path
from checkpoint_desk.settings import Settings
from checkpoint_desk.store.models import AuditEntry, Visit
from checkpoint_desk.sync.hub_pin import enrolment_code, load_pin, parse_enrolment
from checkpoint_desk.ui.app import Desk as DeskApp
from checkpoint_desk.ui.hub_dialog import HubDialog
from checkpoint_desk.ui.settings_dialog import SettingsDialog
from tests.support.desks import (
    Desk,
    add_visits,
    enrolment_for,
    make_desk,
    supervisor_approval,
)
from tests.support.hubproc import HubProcess
from tests.support.postgres import free_port
from tests.ui.conftest import FakeCamera, visits

PIN = "1357"


@pytest.fixture
def station(tmp_path: Path) -> Iterator[Desk]:
    desk = make_desk(tmp_path / "desk", "西门卡点")
    create_operator(desk.engine, desk.station.id, "李站长", "supervisor", PIN)
    yield desk
    desk.close()


def dialog_for(desk: Desk, qtbot: QtBot) -> HubDialog:
    settings = Settings.load(desk.data_dir.settings_file)
    shifts = ShiftSession(desk.engine, desk.data_dir, desk.station, settings=settings)
    dialog = HubDialog(shifts)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def connect(dialog: HubDialog, qtbot: QtBot, url: str, code: str) -> str:
    """Fill the dialog as a supervisor would and press Connect; what it then says."""
    dialog.address.setText(url)
    dialog.code.setText(code)
    qtbot.keyClicks(dialog.pin, PIN)
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30_000)
    return dialog.problem.text() or dialog.outcome.text()


def test_enrol_from_the_window_then_a_visit_syncs_and_is_signed_for(
    station: Desk, qtbot: QtBot, sqlite_hub: HubProcess
) -> None:
    hub = sqlite_hub
    code = enrolment_for(hub.home, hub.db_url, "西门")
    dialog = dialog_for(station, qtbot)
    enrolled: list[str] = []
    dialog.enrolled.connect(enrolled.append)
    said = connect(dialog, qtbot, hub.url, f"{code[:40]}\n{code[40:]}")  # copied across lines
    fingerprint = load_identity(hub.home).pin.fingerprint
    assert dialog.problem.text() == ""
    assert f"Connected to {hub.url}." in said and fingerprint in said, said
    assert enrolled == [fingerprint]
    assert load_pin(station.data_dir.root) == load_identity(hub.home).pin
    assert hub_configured(station.data_dir, station.settings)
    with Session(station.engine) as session:
        changes = session.exec(select(AuditEntry).where(AuditEntry.action == "hub_change")).all()
    assert [c.detail["fingerprint"] for c in changes] == [fingerprint]
    assert parse_enrolment(code).token not in str(changes[0].detail)

    (visit_id,) = add_visits(station, 1)
    report = sync_now(station.engine, station.data_dir, station.settings)
    assert report.ok, report.errors
    assert report.acknowledged >= 1  # counted only with the pinned hub's signature
    assert station.waiting() == 0
    engine = open_hub_database(hub.db_url)
    try:
        with engine.connect() as conn:
            held = conn.execute(
                sa.select(sa.func.count()).select_from(hub_visit).where(hub_visit.c.id == visit_id)
            ).scalar_one()
    finally:
        engine.dispose()
    assert held == 1


def test_each_bad_code_says_what_went_wrong_and_changes_nothing(
    station: Desk, qtbot: QtBot, sqlite_hub: HubProcess, tmp_path: Path
) -> None:
    hub = sqlite_hub
    dialog = dialog_for(station, qtbot)
    good = enrolment_for(hub.home, hub.db_url, "西门")
    token = parse_enrolment(good).token
    other_hub = load_identity(tmp_path / "another-hub").pin
    silent = f"http://127.0.0.1:{free_port()}"
    cases = {
        "a visitor's code": (hub.url, "HC1:NCFOXN%TS3DH3ZSUZK", "not an enrolment code"),
        "truncated": (hub.url, good[:-7], "cut short or damaged"),
        "mangled": (hub.url, good.replace(".", ",", 2), "cut short or damaged"),
        "plain http": ("http://10.0.0.5:8750", good, "plain http://"),
        "no answer": (silent, good, "does not answer"),
        "other keys": (hub.url, enrolment_code(token, other_hub), "does not hold the keys"),
        "unknown token": (
            hub.url,
            enrolment_code("ckst_" + "x" * 43, load_identity(hub.home).pin),
            "does not know this code's token",
        ),
    }
    for case, (url, code, words) in cases.items():
        said = connect(dialog, qtbot, url, code)
        assert words in dialog.problem.text(), f"{case}: {said}"
        assert not token_path(station.data_dir).exists(), case
        assert load_pin(station.data_dir.root) is None, case
    assert station.settings.values.hub_url == ""
    assert other_hub.fingerprint in connect(
        dialog, qtbot, hub.url, enrolment_code(token, other_hub)
    )


def test_a_code_another_desk_used_is_refused_in_the_users_language(
    station: Desk, qtbot: QtBot, sqlite_hub: HubProcess, tmp_path: Path
) -> None:
    hub = sqlite_hub
    code = enrolment_for(hub.home, hub.db_url, "西门")
    first = make_desk(tmp_path / "first-desk", "东门卡点")
    try:
        configure_hub(
            first.engine,
            first.data_dir,
            first.settings,
            hub.url,
            code,
            approval=supervisor_approval(first),
        )
    finally:
        first.close()
    dialog = dialog_for(station, qtbot)
    assert "already used by another desk" in connect(dialog, qtbot, hub.url, code)
    set_language("zh_CN")
    try:
        assert "已被另一台登记台使用" in connect(dialog, qtbot, hub.url, code)
    finally:
        set_language("en")
    assert not hub_configured(station.data_dir, station.settings)


def test_a_volunteers_pin_does_not_enrol(station: Desk, qtbot: QtBot, tmp_path: Path) -> None:
    create_operator(station.engine, station.station.id, "王芳", "volunteer", "8642")
    dialog = dialog_for(station, qtbot)
    dialog.code.setText(enrolment_code("ckst_abc", load_identity(tmp_path / "hub").pin))
    qtbot.keyClicks(dialog.pin, "8642")
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    assert dialog.problem.text() and not dialog.busy
    assert not token_path(station.data_dir).exists()


ENROLMENT = (
    "CKE1.ckst_Ab3-x_Y9.q2Vt8kN0aZ-_Lm3Pq7Rs1Tu5Vw9Xy2Ab4Cd6Ef8Gh0.Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji"
)


def banner_words(desk: DeskApp) -> str:
    banner = desk.window.banner
    return " ".join((banner.reasons.text(), banner.notice.text()))


def test_an_enrolment_code_scanned_at_the_form_registers_nobody(
    desk: DeskApp, qtbot: QtBot, camera: FakeCamera
) -> None:
    window = desk.window
    before = len(visits(desk))
    desk.wedge.burst_scanned.emit(ENROLMENT)
    assert not window.form.readings
    assert "An enrolment code, not a visitor" in banner_words(desk), banner_words(desk)
    assert "F11" in banner_words(desk)
    camera.show(ENROLMENT)
    qtbot.wait(50)
    assert not window.form.readings
    qtbot.keyClick(window.form.edits["temperature"], Qt.Key.Key_Return)
    assert len(visits(desk)) == before


def test_f11_opens_the_dialog_and_scans_go_into_its_code_field(
    desk: DeskApp, qtbot: QtBot, camera: FakeCamera
) -> None:
    window = desk.window
    seen: dict[str, str] = {}

    def in_the_dialog() -> None:
        dialog = next(
            w for w in QApplication.topLevelWidgets() if isinstance(w, HubDialog) and w.isVisible()
        )
        desk.wedge.burst_scanned.emit(ENROLMENT + "\r\n")
        seen["wedge"] = dialog.code.text()
        dialog.code.clear()
        camera.show(ENROLMENT)
        QApplication.processEvents()
        seen["camera"] = dialog.code.text()
        seen["focus"] = (
            QApplication.focusWidget().objectName() if QApplication.focusWidget() else ""
        )
        dialog.reject()

    QTimer.singleShot(300, in_the_dialog)
    qtbot.keyClick(window, Qt.Key.Key_F11)
    assert seen == {"wedge": ENROLMENT, "camera": ENROLMENT, "focus": "hubPin"}
    assert not window.form.readings  # the form saw none of it
    desk.wedge.burst_scanned.emit(ENROLMENT)  # after it closed: the form again
    assert "enrolment code" in banner_words(desk)
    assert all(isinstance(v, Visit) for v in visits(desk))


def test_the_settings_page_has_a_way_to_the_hub_dialog(desk: DeskApp, qtbot: QtBot) -> None:
    """A supervisor who looks for the hub among the settings finds it there too."""
    window = desk.window
    opened: list[str] = []

    def in_the_hub_dialog() -> None:
        shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, HubDialog)]
        if not any(w.isVisible() for w in shown):
            QTimer.singleShot(100, in_the_hub_dialog)  # not open yet: look again
            return
        dialog = next(w for w in shown if w.isVisible())
        opened.append(dialog.windowTitle())
        dialog.reject()

    def in_the_settings() -> None:
        shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, SettingsDialog)]
        if not any(w.isVisible() for w in shown):
            QTimer.singleShot(100, in_the_settings)
            return
        settings = next(w for w in shown if w.isVisible())
        button = settings.findChild(QPushButton, "settingsHub")
        if button is None or "(F11)" not in button.text():
            settings.reject()  # no way to the hub here: the test fails below, not hangs
            return
        QTimer.singleShot(300, in_the_hub_dialog)
        button.click()

    QTimer.singleShot(300, in_the_settings)
    qtbot.keyClick(window, Qt.Key.Key_F7)
    qtbot.waitUntil(lambda: opened == ["Connect to the hub"], timeout=5000)
    assert not any(
        w.isVisible() for w in QApplication.topLevelWidgets() if isinstance(w, SettingsDialog)
    ), "the settings closed first"
