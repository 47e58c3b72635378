"""What was done with a stopped visitor, asked inline under the banner (no dialog)."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from checkpoint_desk.domain.verdict import Disposition
from checkpoint_desk.ui.verdict_banner import Part, worded


class DispositionPanel(QWidget):
    """Four answers: denied, re-measured (second temperature), referred, allowed by
    a supervisor (PIN typed here). Emits ``disposition_chosen(disposition, retest,
    pin)``; the registration loop records it and says what happened.

    Keys (the wedge filter sends them, see ``choose``): Alt+1…4, or 1…4 while the
    panel itself has the focus (after a stop it does)."""

    disposition_chosen = Signal(str, str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dispositionPanel")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setStyleSheet("#dispositionPanel { border: 3px solid #B3001B; border-radius: 6px; }")
        self.visit_id: uuid.UUID | None = None
        self.question = QLabel(self)
        self.question.setWordWrap(True)
        self.denied_button = QPushButton(self)
        self.remeasure_button = QPushButton(self)
        self.referred_button = QPushButton(self)
        self.allow_button = QPushButton(self)
        self.retest = QLineEdit(self)
        self.retest.setObjectName("retestTemperature")
        self.retest.setMaxLength(8)
        self.pin = QLineEdit(self)
        self.pin.setObjectName("supervisorPin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(12)
        self.problem = QLabel(self)
        self._problem: Part = ""
        self.problem.setProperty("role", "problem")
        self.problem.setWordWrap(True)
        self.problem.setVisible(False)
        self.denied_button.clicked.connect(self._on_denied)
        self.referred_button.clicked.connect(self._on_referred)
        self.remeasure_button.clicked.connect(self._on_remeasured)
        self.retest.returnPressed.connect(self._on_remeasured)
        self.allow_button.clicked.connect(self._on_allowed)
        self.pin.returnPressed.connect(self._on_allowed)
        buttons = QHBoxLayout()
        # The problem takes the question's place (it says what to do): a line of its
        # own under the answers cost the form 9 px at font scale 1.5 with the banner's
        # "next visitor scanned" line, and its fields were squeezed to 29 px of 36.
        buttons.addWidget(self.question, 1)
        buttons.addWidget(self.problem, 1)
        buttons.addWidget(self.denied_button)
        buttons.addWidget(self.referred_button)
        second = QHBoxLayout()
        second.addWidget(self.retest)
        second.addWidget(self.remeasure_button)
        second.addSpacing(12)
        second.addWidget(self.pin)
        second.addWidget(self.allow_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 2, 8, 2)
        layout.setSpacing(2)  # at font scale 1.5 with the household row every pixel counts
        layout.addLayout(buttons)
        layout.addLayout(second)
        self.retranslate()
        self.hide()

    def ask(self, visit_id: uuid.UUID) -> None:
        self.visit_id = visit_id
        self.retest.clear()
        self.pin.clear()
        self.set_problem("")
        self.show()

    def done(self) -> None:
        self.visit_id = None
        self.hide()

    def set_retest(self, text: str) -> None:
        """A thermometer measured again: the second temperature (3 records it)."""
        self.retest.setText(text)

    def choose(self, number: int) -> None:
        """The nth answer (1 denied, 2 referred, 3 re-measured, 4 allowed), as if clicked."""
        {1: self._on_denied, 2: self._on_referred, 3: self._on_remeasured, 4: self._on_allowed}[
            number
        ]()

    def refused(self, problem: Part, *, retest: bool = False) -> None:
        """The answer was not recorded (a wrong PIN, a bad temperature): say why; for a
        re-test, the cursor in its field with what was typed selected, to type over."""
        self.pin.clear()
        self.set_problem(problem)
        if retest:
            self.retest.setFocus()
            self.retest.selectAll()

    def focus_choice(self) -> None:
        """The cursor on the panel itself, so 1…4 choose."""
        self.setFocus()

    def holds_focus(self) -> bool:
        focus = QApplication.focusWidget()
        return focus is self or (focus is not None and self.isAncestorOf(focus))

    def set_problem(self, text: Part) -> None:
        """What is wrong, in the question's place; a phrase is worded again on a
        language switch."""
        self._problem = text
        self.problem.setText(worded(text))
        self.problem.setVisible(bool(self.problem.text()))
        self.question.setVisible(not self.problem.text())

    def retranslate(self) -> None:
        self.question.setText(self.tr("Stopped. What was done? (choose one)"))
        self.denied_button.setText(self.tr("Denied entry (Alt+1)"))
        self.referred_button.setText(self.tr("Referred to medical staff (Alt+2)"))
        # Short placeholders: at font scale 1.5 the longer ones were cut off.
        self.retest.setPlaceholderText(self.tr("Retest ℃"))
        self.retest.setToolTip(self.tr("2nd temperature"))
        self.remeasure_button.setText(self.tr("Re-measured (Alt+3)"))
        self.pin.setPlaceholderText(self.tr("PIN"))
        self.pin.setToolTip(self.tr("Supervisor PIN"))
        self.allow_button.setText(self.tr("Allowed by supervisor (Alt+4)"))
        self.set_problem(self._problem)
        for button in (
            self.denied_button,
            self.referred_button,
            self.remeasure_button,
            self.allow_button,
        ):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @Slot()
    def _on_denied(self) -> None:
        self.disposition_chosen.emit(Disposition.DENIED.value, "", "")

    @Slot()
    def _on_referred(self) -> None:
        self.disposition_chosen.emit(Disposition.REFERRED.value, "", "")

    @Slot()
    def _on_remeasured(self) -> None:
        """The registration loop decides (services.desk_loop.dispose): a re-measure
        without a body temperature is refused with what to type."""
        self.disposition_chosen.emit(Disposition.REMEASURED.value, self.retest.text().strip(), "")

    @Slot()
    def _on_allowed(self) -> None:
        if not self.pin.text().strip():
            self.pin.setFocus()
            self.set_problem(lambda: self.tr("A supervisor types their PIN first."))
            return
        self.disposition_chosen.emit(Disposition.ALLOWED.value, "", self.pin.text().strip())
