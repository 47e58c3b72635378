"""Starting and ending a shift, in the main window (no dialog).

``SignInPanel``: pick your name, type your PIN, read the last handover note, open
the shift. On a new station with no operator yet it asks for the first one (a
supervisor). ``ShiftClosePanel``: the shift's summary, a handover note, close. The
close (backup, purge, the ledger's renders) runs on a pool thread with its steps shown
in a progress bar; its results cross back as queued signals, so the window keeps
painting and its timers keep firing.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QEvent, Qt, QThreadPool, Signal, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from checkpoint_desk.errors import CheckpointError
from checkpoint_desk.services.shift_session import (
    OperatorInfo,
    ShiftInfo,
    ShiftReport,
    ShiftSession,
)
from checkpoint_desk.ui.opening import TypedSignIn


def _title_font(widget: QWidget, factor: float = 1.8) -> QFont:
    font = QFont(widget.font())
    font.setPointSizeF(widget.font().pointSizeF() * factor)
    font.setBold(True)
    return font


class SignInPanel(QWidget):
    """Emits ``shift_opened(operator, shift)`` once an operator has signed in."""

    shift_opened = Signal(object, object)

    def __init__(self, shifts: ShiftSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shifts = shifts
        self.locked = False
        self.title = QLabel(self)
        self.title.setFont(_title_font(self))
        self.operator = QComboBox(self)
        self.operator.setObjectName("operatorChoice")
        self.new_name = QLineEdit(self)
        self.new_name.setObjectName("newOperatorName")
        self.pin = QLineEdit(self)
        self.pin.setObjectName("signInPin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(12)
        self.pin.returnPressed.connect(self._on_sign_in)
        self.sign_in_button = QPushButton(self)
        self.sign_in_button.setProperty("role", "primary")
        self.sign_in_button.clicked.connect(self._on_sign_in)
        self.problem = QLabel(self)
        self.problem.setProperty("role", "problem")
        self.notice = QLabel(self)
        self.notice.setObjectName("shiftNotice")
        self.notice.setWordWrap(True)
        self.notice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.handover_title = QLabel(self)
        self.handover = QLabel(self)
        self.handover.setObjectName("lastHandover")
        self.handover.setWordWrap(True)
        self.handover.setFrameShape(QFrame.Shape.StyledPanel)
        self.handover.setMinimumHeight(80)
        self.handover.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.name_label = QLabel(self)
        self.pin_label = QLabel(self)
        form = QFormLayout()
        form.addRow(self.name_label, self.operator)
        form.addRow("", self.new_name)
        form.addRow(self.pin_label, self.pin)
        box = QVBoxLayout()
        box.addWidget(self.title)
        box.addLayout(form)
        box.addWidget(self.sign_in_button)
        box.addWidget(self.problem)
        box.addWidget(self.notice)
        box.addSpacing(16)
        box.addWidget(self.handover_title)
        box.addWidget(self.handover)
        box.addStretch(1)
        inner = QWidget(self)
        inner.setLayout(box)
        inner.setMaximumWidth(620)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(inner, 3)
        outer.addStretch(1)
        self.refresh()

    def refresh(self, *, locked_for: uuid.UUID | None = None) -> None:
        """Reload the operators and the last handover note; ``locked_for`` preselects
        the volunteer whose desk locked itself after a while without use."""
        self.locked = locked_for is not None
        self.operator.clear()
        operators = self.shifts.operators()
        for op in operators:
            self.operator.addItem(op.name, op)
            if op.id == locked_for:
                self.operator.setCurrentIndex(self.operator.count() - 1)
        first_run = not operators
        self.operator.setVisible(not first_run)
        self.new_name.setVisible(first_run)
        self.pin.clear()
        self.problem.clear()
        self._note = self.shifts.last_handover()
        self.retranslate()
        (self.new_name if first_run else self.pin).setFocus()

    def retranslate(self) -> None:
        first_run = self.new_name.isVisible() or self.operator.count() == 0
        if first_run:
            self.title.setText(self.tr("New station: who is the first supervisor?"))
        elif self.locked:
            self.title.setText(self.tr("Locked after a while without use: type your PIN"))
        else:
            self.title.setText(self.tr("Start of shift: who is on duty?"))
        self.name_label.setText(self.tr("Name"))
        self.pin_label.setText(self.tr("PIN"))
        self.new_name.setPlaceholderText(self.tr("Your name"))
        self.pin.setPlaceholderText(
            self.tr("Choose a PIN (4–12 digits)") if first_run else self.tr("Your PIN")
        )
        self.sign_in_button.setText(self.tr("Sign in and open the shift (Enter)"))
        self.handover_title.setText(self.tr("Handover note from the last shift:"))
        self.handover.setText(self._note or self.tr("(none)"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def take_over(self, typed: TypedSignIn) -> None:
        """Carry on with what was typed while the station was opening: the same
        operator and PIN (or first supervisor's name), signed in if Enter was pressed."""
        wanted = typed.operator_id.replace("-", "").lower()
        for index in range(self.operator.count()):
            chosen = self.operator.itemData(index)
            if isinstance(chosen, OperatorInfo) and chosen.id.hex == wanted:
                self.operator.setCurrentIndex(index)
        self.new_name.setText(typed.name)
        self.pin.setText(typed.pin)
        if typed.submitted:
            self._on_sign_in()

    @Slot()
    def _on_sign_in(self) -> None:
        pin = self.pin.text().strip()
        try:
            if self.operator.count() == 0:
                name = self.new_name.text().strip()
                if not name:
                    self.problem.setText(self.tr("Type your name."))
                    return
                if not (pin.isdigit() and 4 <= len(pin) <= 12):
                    self.problem.setText(self.tr("The PIN is 4 to 12 digits."))
                    return
                operator = self.shifts.create_operator(name, pin, "supervisor")
            else:
                chosen = self.operator.currentData()
                assert isinstance(chosen, OperatorInfo)
                operator = self.shifts.verify_pin(chosen.id, pin)
            shift = self.shifts.open_shift(operator.id)
        except CheckpointError as exc:
            self.pin.clear()
            self.problem.setText(exc.translated())
            return
        self.pin.clear()
        self.problem.clear()
        self.notice.clear()
        self.shift_opened.emit(operator, shift)


class ShiftClosePanel(QWidget):
    """Emits ``shift_closed(report)`` after closing, ``cancelled`` to go back."""

    shift_closed = Signal(object)
    cancelled = Signal()
    # From the closing thread to this panel (queued: the slots run on the GUI thread).
    _close_progressed = Signal(int, int, str)
    _close_done = Signal(object)
    _close_failed = Signal(str)

    def __init__(self, shifts: ShiftSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shifts = shifts
        self.shift: ShiftInfo | None = None
        self.unsynced = 0
        self.title = QLabel(self)
        self.title.setFont(_title_font(self))
        self.summary = QLabel(self)
        self.summary.setObjectName("shiftSummary")
        self.summary.setWordWrap(True)
        self.pending = QLabel(self)
        self.pending.setObjectName("pendingStops")
        self.pending.setProperty("role", "problem")
        self.pending.setWordWrap(True)
        self.pending.setVisible(False)
        self.note_label = QLabel(self)
        self.note = QPlainTextEdit(self)
        self.note.setObjectName("handoverNote")
        self.note.setTabChangesFocus(True)
        self.close_button = QPushButton(self)
        self.close_button.setProperty("role", "primary")
        self.close_button.clicked.connect(self._on_close)
        self.back_button = QPushButton(self)
        self.back_button.clicked.connect(self.cancelled)
        self.result = QLabel(self)
        self.result.setObjectName("shiftResult")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("closeProgress")
        self.progress.setTextVisible(False)
        self.progress.setVisible(False)
        self.step = QLabel(self)
        self.step.setObjectName("closeStep")
        self.step.setVisible(False)
        self.busy = False
        self._close_progressed.connect(self._on_close_progressed)
        self._close_done.connect(self._on_close_done)
        self._close_failed.connect(self._on_close_failed)
        buttons = QHBoxLayout()
        buttons.addWidget(self.close_button, 2)
        buttons.addWidget(self.back_button, 1)
        box = QVBoxLayout()
        box.addWidget(self.title)
        box.addWidget(self.summary)
        box.addWidget(self.pending)
        box.addWidget(self.note_label)
        box.addWidget(self.note, 1)
        box.addLayout(buttons)
        box.addWidget(self.progress)
        box.addWidget(self.step)
        box.addWidget(self.result)
        inner = QWidget(self)
        inner.setLayout(box)
        inner.setMaximumWidth(720)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(inner, 3)
        outer.addStretch(1)
        self._counts = (0, 0, 0)
        self.retranslate()

    def prepare(self, shift: ShiftInfo, unsynced: int, pending: str = "") -> None:
        """``pending`` lists the stops still without a disposition (the handover says so)."""
        self.shift = shift
        self.unsynced = unsynced
        self.pending.setText(pending)
        self.pending.setVisible(bool(pending))
        self._counts = self.shifts.shift_counts(shift.id)
        self.note.clear()
        self.result.clear()
        self.retranslate()
        self.note.setFocus()

    def retranslate(self) -> None:
        entered, left, stopped = self._counts
        self.title.setText(self.tr("End of shift"))
        self.summary.setText(
            self.tr(
                "This shift: in {entered} · out {left} · stopped {stopped} · "
                "not yet synced {unsynced}"
            ).format(entered=entered, left=left, stopped=stopped, unsynced=self.unsynced)
        )
        self.note_label.setText(self.tr("Handover note for the next volunteer:"))
        self.close_button.setText(self.tr("Close the shift (backup and shift ledger)"))
        self.back_button.setText(self.tr("Back to the desk"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def report_text(self, report: ShiftReport) -> str:
        lines = [
            self.tr("Shift closed: in {entered} · out {left} · stopped {stopped}.").format(
                entered=report.entered, left=report.left, stopped=report.stopped
            )
        ]
        if report.unsynced == 1:
            lines.append(self.tr("One record is not synced yet; it stays on this laptop."))
        elif report.unsynced:
            lines.append(
                self.tr("{count} records are not synced yet; they stay on this laptop.").format(
                    count=report.unsynced
                )
            )
        if report.purged == 1:
            lines.append(self.tr("One synced visit past the retention period was removed."))
        elif report.purged:
            lines.append(
                self.tr("{count} synced visits past the retention period were removed.").format(
                    count=report.purged
                )
            )
        if report.held_back == 1:
            lines.append(
                self.tr(
                    "One visit past the retention period is not synced: "
                    "sync soon, it is kept until then."
                )
            )
        elif report.held_back:
            lines.append(
                self.tr(
                    "{count} visits past the retention period are not synced: "
                    "sync soon, they are kept until then."
                ).format(count=report.held_back)
            )
        if report.open_vehicle:
            count = report.open_vehicle_occupants
            lines.append(self._open_vehicle_line(report.open_vehicle, count))
        if report.backup:
            lines.append(self.tr("Backup: {path}").format(path=report.backup))
        if report.ledger:
            lines.append(self.tr("Shift ledger: {path}").format(path=report.ledger))
        if report.problems:
            lines += report.problems
            lines.append(self.tr("The shift is closed; every visit is kept in the database."))
        return "\n".join(lines)

    def _open_vehicle_line(self, plate: str, count: int) -> str:
        if count == 0:
            return self.tr(
                "Vehicle {plate} was still open with nobody registered: closed with the shift."
            ).format(plate=plate)
        if count == 1:
            return self.tr(
                "Vehicle {plate} was still open: closed with the shift, "
                "its one registered occupant kept."
            ).format(plate=plate)
        return self.tr(
            "Vehicle {plate} was still open: closed with the shift, "
            "its {count} registered occupants kept."
        ).format(plate=plate, count=count)

    @Slot()
    def _on_close(self) -> None:
        if self.shift is None or self.busy:
            return
        self._set_busy(True)
        shift_id, note = self.shift.id, self.note.toPlainText().strip()
        QThreadPool.globalInstance().start(lambda: self._close_on_worker(shift_id, note))

    def _close_on_worker(self, shift_id: uuid.UUID, note: str) -> None:
        # On a pool thread: the services' work, then only signals (queued to the panel).
        try:
            report = self.shifts.close_shift(shift_id, note, self._close_progressed.emit)
        except CheckpointError as exc:
            self._close_failed.emit(exc.translated())
            return
        self._close_done.emit(report)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for widget in (self.close_button, self.back_button, self.note):
            widget.setEnabled(not busy)
        self.progress.setVisible(busy)
        self.step.setVisible(busy)
        if busy:
            self.result.clear()
            self.progress.setRange(0, 0)  # busy until the first step says how many
            self.step.setText(self.tr("Closing the shift…"))

    @Slot(int, int, str)
    def _on_close_progressed(self, done: int, total: int, what: str) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        if what:
            self.step.setText(what)

    @Slot(object)
    def _on_close_done(self, report: ShiftReport) -> None:
        self._set_busy(False)
        self.result.setText(self.report_text(report))
        self.shift = None
        self.shift_closed.emit(report)

    @Slot(str)
    def _on_close_failed(self, problem: str) -> None:
        """The close itself failed: nothing changed, the note is still there to retry."""
        self._set_busy(False)
        self.result.setText(problem)
