"""Correcting or deleting a committed visit: a supervisor's PIN, then the service.

The dialog shows the visit as it is; only the fields changed are sent
(``services.visit_edits`` checks, saves, audits and bumps the revision for the hub).
A refusal (a wrong PIN, a bad value) is one line here and nothing typed is lost.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from checkpoint_desk.domain.verdict import Disposition
from checkpoint_desk.errors import CheckpointError
from checkpoint_desk.services.desk_session import DeskSession
from checkpoint_desk.services.shift_session import ShiftSession
from checkpoint_desk.services.today import VisitRow
from checkpoint_desk.ui.pin_field import PinField
from checkpoint_desk.ui.recent_visits import disposition_text


class PinMissing(Exception):
    """Save or Delete with the PIN field empty."""


class VisitEditDialog(QDialog):
    """The visit's name, phone, temperature, direction, note and disposition; Save
    (Enter in the PIN) or Delete, each with a supervisor's PIN. ``changed`` after either."""

    def __init__(
        self,
        session: DeskSession,
        shifts: ShiftSession,
        row: VisitRow,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.shifts = shifts
        self.row = row
        self.changed = False
        self.fields: dict[str, QLineEdit] = {}
        self.labels: dict[str, QLabel] = {}
        form = QFormLayout()
        for name in ("name", "phone", "temperature", "note"):
            self.fields[name] = QLineEdit(self)
            self.fields[name].setObjectName(f"edit_{name}")
            self.labels[name] = QLabel(self)
            form.addRow(self.labels[name], self.fields[name])
        self.fields["name"].setText(row.name)
        self.fields["temperature"].setText(self._temperature_text())
        self.fields["note"].setText(row.note)
        self.direction = QComboBox(self)
        self.labels["direction"] = QLabel(self)
        form.addRow(self.labels["direction"], self.direction)
        self.disposition = QComboBox(self)
        self.labels["disposition"] = QLabel(self)
        form.addRow(self.labels["disposition"], self.disposition)
        for widget in (self.disposition, self.labels["disposition"]):
            widget.setVisible(row.verdict == "stop")
        self.reason = QLineEdit(self)
        self.labels["reason"] = QLabel(self)
        form.addRow(self.labels["reason"], self.reason)
        self.pin = PinField(self)
        self.pin.setObjectName("editPin")
        self.pin.returnPressed.connect(self._on_save)
        self.labels["pin"] = QLabel(self)
        form.addRow(self.labels["pin"], self.pin)
        self.problem = QLabel(self)
        self.problem.setProperty("role", "problem")
        self.problem.setWordWrap(True)
        self.save_button = QPushButton(self)
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self._on_save)
        self.delete_button = QPushButton(self)
        self.delete_button.setAutoDefault(False)
        self.delete_button.clicked.connect(self._on_delete)
        self.cancel_button = QPushButton(self)
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addLayout(buttons)
        self.retranslate()
        self.direction.setCurrentIndex(self.direction.findData(row.direction))
        self.disposition.setCurrentIndex(max(0, self.disposition.findData(row.disposition)))

    def _temperature_text(self) -> str:
        return f"{self.row.temperature_c:.1f}" if self.row.temperature_c is not None else ""

    def changes(self) -> dict[str, str]:
        """The fields the supervisor changed, as typed."""
        row = self.row
        typed = {name: field.text().strip() for name, field in self.fields.items()}
        changes: dict[str, str] = {}
        if typed["name"] != row.name:
            changes["name"] = typed["name"]
        if typed["phone"]:  # shown masked: only a number typed replaces it
            changes["phone"] = typed["phone"]
        if typed["temperature"] != self._temperature_text():
            changes["temperature"] = typed["temperature"]
        if typed["note"] != row.note.strip():
            changes["note"] = typed["note"]
        if self.direction.currentData() != row.direction:
            changes["direction"] = str(self.direction.currentData())
        chosen = self.disposition.currentData()
        if row.verdict == "stop" and chosen and chosen != row.disposition:
            changes["disposition"] = str(chosen)
        return changes

    @Slot()
    def _on_save(self) -> None:
        changes = self.changes()
        if not changes:
            self._refuse(self.tr("Nothing was changed."))
            return
        try:
            approval = self.shifts.approve_supervisor(self._pin())
            self.session.correct_visit(self.row.visit_id, changes, approval, self.reason.text())
        except PinMissing:
            self._refuse(self.tr("A supervisor types their PIN first."))
            return
        except CheckpointError as exc:
            self._refuse(exc.translated())
            return
        self.changed = True
        self.accept()

    @Slot()
    def _on_delete(self) -> None:
        try:
            approval = self.shifts.approve_supervisor(self._pin())
            self.session.delete_visit(self.row.visit_id, approval, self.reason.text())
        except PinMissing:
            self._refuse(self.tr("A supervisor types their PIN first."))
            return
        except CheckpointError as exc:
            self._refuse(exc.translated())
            return
        self.changed = True
        self.accept()

    def _pin(self) -> str:
        pin = self.pin.text().strip()
        self.pin.clear()
        if not pin:  # not a wrong PIN: nothing is counted against the prompt
            raise PinMissing
        return pin

    def _refuse(self, text: str) -> None:
        self.pin.clear()
        self.problem.setText(text)
        self.pin.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Correct or delete a visit"))
        for name, text in (
            ("name", self.tr("Name")),
            ("phone", self.tr("Phone")),
            ("temperature", self.tr("Temperature ℃")),
            ("note", self.tr("Note")),
            ("direction", self.tr("In/Out")),
            ("disposition", self.tr("What was done")),
            ("reason", self.tr("Why (for the audit trail)")),
            ("pin", self.tr("Supervisor PIN")),
        ):
            self.labels[name].setText(text)
        self.fields["phone"].setPlaceholderText(
            self.tr("{masked} (type a number to replace it)").format(
                masked=self.row.phone_masked or "—"
            )
        )
        chosen = self.direction.currentData()
        self.direction.clear()
        self.direction.addItem(self.tr("In"), "in")
        self.direction.addItem(self.tr("Out"), "out")
        self.direction.setCurrentIndex(max(0, self.direction.findData(chosen)))
        done = self.disposition.currentData()
        self.disposition.clear()
        self.disposition.addItem("—", None)
        for disposition in Disposition:
            self.disposition.addItem(disposition_text(self, disposition.value), disposition.value)
        self.disposition.setCurrentIndex(max(0, self.disposition.findData(done)))
        self.save_button.setText(self.tr("Save the correction (Enter)"))
        self.delete_button.setText(self.tr("Delete the visit"))
        self.cancel_button.setText(self.tr("Cancel (Esc)"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
