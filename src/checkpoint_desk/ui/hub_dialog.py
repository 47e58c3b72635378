"""Connect this desk to the hub (F11): the enrolment code, pasted, typed or scanned.

The office's Stations page shows a new station's enrolment code as a QR. Here a
supervisor gives the hub's address (none for a desk that only sends USB bundles),
the code — a handheld scanner's burst or the camera while the dialog is open land in
the code field, not in the registration form — and their PIN (checked and audited
as for F9 and Settings). The enrolment is ``services.sync.configure_hub``, the one
``checkpoint-desk sync --enrol`` calls, run off the GUI thread (it greets the hub);
the dialog then shows the fingerprint of the hub's keys it pinned, or what went
wrong in the user's language.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from checkpoint_desk.domain.enrolment_code import compact, is_enrolment_code
from checkpoint_desk.errors import CheckpointError
from checkpoint_desk.ui.modal import run_modal
from checkpoint_desk.ui.pin_field import PinField

if TYPE_CHECKING:
    from checkpoint_desk.services.desk_session import DeskSession
    from checkpoint_desk.services.shift_session import ShiftSession
    from checkpoint_desk.sync.hub_pin import HubPin
    from checkpoint_desk.ui.camera_worker import CameraWorker
    from checkpoint_desk.ui.registration import RegistrationLoop
    from checkpoint_desk.ui.sync_status import SyncStatus
    from checkpoint_desk.ui.wedge_filter import WedgeFilter

HUB_KEY = "F11"  # the window's key for this dialog (README's key table)


def enrolment_scanned_text() -> str:
    """What the registration form says when a hub's enrolment code is scanned there."""
    return QCoreApplication.translate(
        "HubDialog",
        "An enrolment code, not a visitor: press {key} to connect this desk to the hub.",
    ).format(key=HUB_KEY)


class HubDialog(QDialog):
    """Address, code, supervisor PIN, Connect. ``enrolled(fingerprint)`` on success."""

    enrolled = Signal(str)
    _finished = Signal(object)  # from the enrolment thread: a HubPin or the error

    def __init__(self, shifts: ShiftSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shifts = shifts
        self.pinned: HubPin | None = None
        self.setWindowTitle(self.tr("Connect to the hub"))
        self.resize(640, 360)
        self.address = QLineEdit(shifts.settings.values.hub_url, self)
        self.address.setObjectName("hubAddress")
        self.address.setPlaceholderText(self.tr("https://hub.example.org (empty: USB only)"))
        self.code = QLineEdit(self)
        self.code.setObjectName("hubCode")
        self.code.setPlaceholderText(self.tr("CKE1.… (scan, paste or type)"))
        self.code.returnPressed.connect(self._on_code_entered)
        self.pin = PinField(self)
        self.pin.setObjectName("hubPin")
        self.pin.setPlaceholderText(self.tr("Supervisor PIN"))
        self.pin.returnPressed.connect(self._on_connect)
        self.connect_button = QPushButton(self.tr("Connect"), self)
        self.connect_button.setObjectName("hubConnect")
        self.connect_button.clicked.connect(self._on_connect)
        self.problem = QLabel(self)
        self.problem.setObjectName("hubProblem")
        self.problem.setProperty("role", "problem")
        self.problem.setWordWrap(True)
        self.outcome = QLabel(self)
        self.outcome.setObjectName("hubOutcome")
        self.outcome.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        hint = QLabel(
            self.tr(
                "Scan the code on the office's Stations page with the scanner, or hold it "
                "to the camera; or paste it. A supervisor approves with their PIN."
            ),
            self,
        )
        hint.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Hub address"), self.address)
        form.addRow(self.tr("Enrolment code"), self.code)
        form.addRow(self.tr("Supervisor PIN"), self.pin)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.connect_button)
        layout.addWidget(self.problem)
        layout.addWidget(self.outcome)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self._finished.connect(self._on_finished)
        self._thread: threading.Thread | None = None
        self.code.setFocus()

    @property
    def busy(self) -> bool:
        return self._thread is not None

    @Slot(str)
    @Slot(str, str)
    def take_scan(self, text: str, _decoder: str = "") -> None:
        """A code from the handheld scanner or the camera while the dialog is open."""
        if self.busy:
            return
        if not is_enrolment_code(text):
            self.problem.setText(
                self.tr("That is not an enrolment code: scan the QR on the office's Stations page.")
            )
            return
        self.code.setText(compact(text))
        self.problem.clear()
        self.outcome.setText(self.tr("Enrolment code read. Now the supervisor's PIN."))
        self.pin.setFocus()

    @Slot()
    def _on_code_entered(self) -> None:
        self.code.setText(compact(self.code.text()))
        self.pin.setFocus()

    @Slot()
    def _on_connect(self) -> None:
        if self.busy:
            return
        code, url = compact(self.code.text()), self.address.text().strip()
        if not code:
            self.problem.setText(self.tr("Scan or paste the enrolment code first."))
            self.code.setFocus()
            return
        try:
            approval = self.shifts.approve_supervisor(self.pin.text().strip())
        except CheckpointError as exc:
            self.pin.clear()
            self.problem.setText(exc.translated())
            self.pin.setFocus()
            return
        self.pin.clear()
        self.problem.clear()
        self.outcome.setText(self.tr("Connecting to the hub…"))
        self.connect_button.setEnabled(False)
        shifts = self.shifts

        def enrol() -> None:
            from checkpoint_desk.services.sync import configure_hub

            outcome: object
            try:
                outcome = configure_hub(
                    shifts.engine,
                    shifts.data_dir,
                    shifts.settings,
                    url or None,
                    code,
                    approval=approval,
                    clock=shifts.clock,
                )
            except CheckpointError as exc:
                outcome = exc
            except Exception as exc:  # shown to the supervisor, not lost
                outcome = exc
            self._finished.emit(outcome)

        self._thread = threading.Thread(target=enrol, name="hub-enrolment", daemon=True)
        self._thread.start()

    @Slot(object)
    def _on_finished(self, outcome: object) -> None:
        self._thread = None
        self.connect_button.setEnabled(True)
        if isinstance(outcome, CheckpointError):
            self.outcome.clear()
            self.problem.setText(outcome.translated())
            return
        if isinstance(outcome, Exception):
            self.outcome.clear()
            self.problem.setText(
                self.tr("Enrolment failed: {reason}").format(reason=str(outcome) or type(outcome))
            )
            return
        from checkpoint_desk.sync.hub_pin import HubPin

        assert isinstance(outcome, HubPin)
        self.pinned = outcome
        self.code.clear()
        url = self.shifts.settings.values.hub_url.strip()
        where = (
            self.tr("Connected to {url}.").format(url=url)
            if self.address.text().strip()
            else self.tr("Enrolled for USB bundles (no hub address).")
        )
        self.outcome.setText(
            where
            + " "
            + self.tr(
                "Hub key fingerprint: {fingerprint} — the office reads it aloud to check."
            ).format(fingerprint=outcome.fingerprint)
        )
        self.enrolled.emit(outcome.fingerprint)

    def wait(self, timeout: float = 60.0) -> None:
        """Wait for the enrolment thread (tests and closing)."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)


def open_hub_dialog(
    window: QWidget,
    shifts: ShiftSession,
    loop: RegistrationLoop,
    camera: CameraWorker,
    wedge: WedgeFilter,
    on_enrolled: Callable[[], None],
) -> HubDialog:
    """Show the dialog (modal); while it is open the scanner's and the camera's codes
    go to its code field instead of the registration form."""
    dialog = HubDialog(shifts, window)
    camera.code_scanned.disconnect(loop.camera_scanned)
    wedge.burst_scanned.disconnect(loop.wedge_scanned)
    camera.code_scanned.connect(dialog.take_scan)
    wedge.burst_scanned.connect(dialog.take_scan)
    camera.forget_codes()  # the code the form just saw is read again for the dialog
    dialog.enrolled.connect(lambda _fingerprint: on_enrolled())
    try:
        run_modal(dialog, window)  # the window takes the keyboard back at once
        dialog.wait()
    finally:
        camera.code_scanned.disconnect(dialog.take_scan)
        wedge.burst_scanned.disconnect(dialog.take_scan)
        camera.code_scanned.connect(loop.camera_scanned)
        wedge.burst_scanned.connect(loop.wedge_scanned)
        camera.forget_codes()
        dialog.deleteLater()
    return dialog


def sync_after_enrolment(sync: SyncStatus, session: DeskSession) -> None:
    """A new hub: the next round goes to it now (the worker starts if it was not)."""
    if sync.worker is not None:
        sync.worker.sync_soon()
    elif not session.demo:
        sync.start(session)
