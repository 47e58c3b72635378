"""Showing a visit's full ID number and phone: a supervisor's PIN first, then audited."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from checkpoint_desk.errors import CheckpointError
from checkpoint_desk.services.desk_session import DeskSession
from checkpoint_desk.services.shift_session import ShiftSession
from checkpoint_desk.ui.pin_field import PinField


class UnmaskDialog(QDialog):
    """A PIN field; with a supervisor's PIN, the numbers (the service audits ``unmask``)."""

    def __init__(
        self,
        session: DeskSession,
        shifts: ShiftSession,
        visit_id: uuid.UUID,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.shifts = shifts
        self.visit_id = visit_id
        self.setWindowTitle(self.tr("Show full numbers"))
        self.prompt = QLabel(self.tr("A supervisor's PIN is needed to show full numbers."), self)
        self.pin = PinField(self)
        self.pin.setObjectName("unmaskPin")
        self.pin.returnPressed.connect(self._on_show)
        self.shown = QLabel(self)
        self.shown.setObjectName("unmasked")
        self.shown.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close (Esc)"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.prompt, self.pin, self.shown, buttons):
            layout.addWidget(widget)

    @Slot()
    def _on_show(self) -> None:
        try:
            approval = self.shifts.approve_supervisor(self.pin.text().strip())
            id_number, phone = self.session.unmask_visit(self.visit_id, approval)
        except CheckpointError as exc:
            self.shown.setText(exc.translated())
            return
        finally:
            self.pin.clear()
        self.shown.setText(
            self.tr("ID number: {id_number} · Phone: {phone}").format(
                id_number=id_number or "—", phone=phone or "—"
            )
        )
