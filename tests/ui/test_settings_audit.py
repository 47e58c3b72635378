"""A supervisor's settings change in the dialog is audited under that supervisor."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlmodel import Session, col, select

from checkpoint_desk.store.models import AuditEntry, Operator
from checkpoint_desk.ui.app import Desk
from checkpoint_desk.ui.settings_dialog import SettingsDialog


def test_saving_settings_is_audited_under_the_supervisor(desk: Desk, qtbot: QtBot) -> None:
    dialog = SettingsDialog(desk.settings, desk.shifts)
    qtbot.addWidget(dialog)
    dialog.pin.setText("4321")  # the demo supervisor
    dialog.unlock_button.click()
    dialog.editors["fever_threshold_c"].setValue(37.5)  # type: ignore[union-attr]
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    with Session(desk.session.engine) as session:
        entry = session.exec(select(AuditEntry).order_by(col(AuditEntry.seq).desc())).first()
        assert entry is not None and entry.action == "settings_change"
        assert entry.detail == {"changed": {"fever_threshold_c": 37.5}}
        who = session.get(Operator, entry.operator_id)
    assert who is not None and who.role == "supervisor"
