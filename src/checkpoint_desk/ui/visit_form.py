"""The visit form: direction, who, vehicle, temperature, purpose — checked as typed."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from functools import partial
from itertools import pairwise

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from checkpoint_desk.codes.reading import CodeReading
from checkpoint_desk.services.drafts import VisitDraft
from checkpoint_desk.ui.fitting_label import FittingLabel
from checkpoint_desk.ui.verdict_banner import Phrase

FieldCheck = Callable[[str, str], str | None]
"""``check(field, text)`` → the translated problem, or None."""

TEXT_FIELDS = (
    "name",
    "id_number",
    "phone",
    "plate",
    "temperature",
    "purpose",
    "destination",
    "note",
    "household",
)
COLOUR_KEYS = {Qt.Key.Key_G: "green", Qt.Key.Key_Y: "yellow", Qt.Key.Key_R: "red"}


class VisitForm(QWidget):
    """One visitor's details. The volunteer commits with Enter, clears with Esc.

    Signals say what happened: ``commit_requested`` (Enter or the button),
    ``clear_requested`` (Esc or the button), ``manual_requested`` (Ctrl+N),
    ``vehicle_requested`` (F4 or the button: the plate starts a vehicle),
    ``colour_key_pressed(colour)`` (G / Y / R typed in the temperature field while
    an unverified code waits), ``lookup_wanted(field, text)`` (an ID, phone or plate
    typed in full, to fill a returning person), ``values_changed``.
    """

    commit_requested = Signal()
    clear_requested = Signal()
    manual_requested = Signal()
    vehicle_requested = Signal()
    colour_key_pressed = Signal(str)
    lookup_wanted = Signal(str, str)
    values_changed = Signal()
    field_edited = Signal(str, str)  # (field, text): typed by the volunteer

    def __init__(self, check: FieldCheck, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._check = check
        self._readings: list[CodeReading] = []
        self.confirmed_colour: str | None = None
        self.waiting_for_colour = False
        self.source = "manual"
        self.decoder_name: str | None = None
        self.person_id: uuid.UUID | None = None
        self.address = ""
        self.default_direction = "in"  # the lane's (setting ``lane_direction``)
        self.vehicle_plate: str | None = None  # a vehicle is open: its occupants are typed
        self.edits: dict[str, QLineEdit] = {}
        self.labels: dict[str, QLabel] = {}
        self.problem_labels: dict[str, FittingLabel] = {}
        for name in TEXT_FIELDS:
            edit = QLineEdit(self)
            edit.setObjectName(f"field_{name}")
            edit.returnPressed.connect(self.commit_requested)
            edit.textEdited.connect(lambda text, n=name: self._on_edited(n, text))
            self.edits[name] = edit
            self.labels[name] = QLabel(self)
            self.labels[name].setBuddy(edit)
            # One line under the field, elided (the banner says it in full): at font
            # scale 1.5 a plate's three-line problem was cut and squeezed the fields.
            problem = FittingLabel(self, elastic=True)
            problem.setProperty("role", "problem")
            problem.setVisible(False)
            self.problem_labels[name] = problem
        self.edits["temperature"].installEventFilter(self)
        self.edits["temperature"].setMaxLength(8)
        self.edits["id_number"].setMaxLength(20)
        self.edits["phone"].setMaxLength(20)
        self.edits["plate"].setMaxLength(10)
        self.passengers = QSpinBox(self)
        self.passengers.setObjectName("field_passengers")
        self.passengers.setRange(0, 60)
        self.passengers.lineEdit().returnPressed.connect(self.commit_requested)
        self.passengers_label = QLabel(self)
        self.passengers_label.setBuddy(self.passengers)
        self.in_button = QPushButton(self)
        self.out_button = QPushButton(self)
        self.direction_group = QButtonGroup(self)
        for button in (self.in_button, self.out_button):
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.direction_group.addButton(button)
        self.in_button.setChecked(True)
        self.direction_label = QLabel(self)
        self.vehicle_label = QLabel(self)
        self.vehicle_label.setObjectName("vehicleLine")
        self.vehicle_label.setWordWrap(True)
        self.vehicle_label.setVisible(False)
        self.codes_label = QLabel(self)
        self.codes_label.setProperty("role", "muted")
        self.codes_label.setWordWrap(True)
        self.commit_button = QPushButton(self)
        self.commit_button.setProperty("role", "primary")
        self.clear_button = QPushButton(self)
        self.manual_button = QPushButton(self)
        self.vehicle_button = QPushButton(self)
        buttons = (self.commit_button, self.clear_button, self.manual_button, self.vehicle_button)
        for button in buttons:
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.commit_button.clicked.connect(self.commit_requested)
        self.clear_button.clicked.connect(self.clear_requested)
        self.manual_button.clicked.connect(self.manual_requested)
        self.vehicle_button.clicked.connect(self.vehicle_requested)
        self._build_layout()
        # Tab follows the screen: left to right, then the next row.
        order: list[QWidget] = [self.edits[n] for n in ("name", "id_number", "phone")]
        order += [self.edits["temperature"], self.edits["plate"], self.passengers]
        order += [self.edits[n] for n in ("purpose", "destination", "note", "household")]
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)
        self.retranslate()

    def _build_layout(self) -> None:
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(2)
        direction = QHBoxLayout()
        direction.addWidget(self.in_button)
        direction.addWidget(self.out_button)
        # Three fields a row: at 1366×768 and font scale 1.5 five rows of two did not
        # leave recent visits more than a row and a half.
        rows = (
            ("name", 1, 0),
            ("id_number", 1, 2),
            ("phone", 1, 4),
            ("temperature", 3, 0),
            ("plate", 3, 2),
            ("purpose", 5, 0),
            ("destination", 5, 2),
            ("note", 5, 4),
            ("household", 7, 0),  # only while the household rule is on (show_household)
        )
        for name, row, column in rows:
            grid.addWidget(self.labels[name], row, column)
            grid.addWidget(self.edits[name], row, column + 1)
            grid.addWidget(self.problem_labels[name], row + 1, column + 1)
        grid.addWidget(self.passengers_label, 3, 4)
        grid.addWidget(self.passengers, 3, 5)
        for column in (1, 3, 5):
            grid.setColumnStretch(column, 1)
        buttons = QHBoxLayout()  # the direction beside the buttons: one row less
        buttons.addWidget(self.direction_label)
        buttons.addLayout(direction)
        buttons.addSpacing(12)
        buttons.addWidget(self.commit_button, 2)
        buttons.addWidget(self.clear_button, 1)
        buttons.addWidget(self.manual_button, 1)
        buttons.addWidget(self.vehicle_button, 1)
        layout = QVBoxLayout(self)
        # No top margin: the stop panel's or banner's spacing is above it (at font scale
        # 1.5 with the household row and a code held behind a stop, 2 px were missing).
        layout.setContentsMargins(4, 0, 4, 2)
        layout.setSpacing(2)
        layout.addLayout(grid)
        layout.addWidget(self.vehicle_label)
        layout.addWidget(self.codes_label)
        layout.addLayout(buttons)
        layout.addStretch(1)  # the buttons stay under the fields

    # -- language --------------------------------------------------------------------
    def retranslate(self) -> None:
        texts = {
            "name": self.tr("Name"),
            "id_number": self.tr("ID number"),
            "phone": self.tr("Phone"),
            "plate": self.tr("Plate"),
            "temperature": self.tr("Temperature ℃"),
            "purpose": self.tr("Purpose"),
            "destination": self.tr("Going to"),
            "note": self.tr("Note"),
            "household": self.tr("Household"),
        }
        for name, text in texts.items():
            self.labels[name].setText(text)
        self.edits["temperature"].setPlaceholderText(self.tr("365 = 36.5"))
        self.edits["plate"].setPlaceholderText(self.tr("vehicle only"))
        self.edits["household"].setPlaceholderText(self.tr("bldg-unit-flat"))
        self.edits["household"].setToolTip(
            self.tr("For a visitor without a resident pass: the household's address")
        )
        self.passengers_label.setText(self.tr("Passengers"))
        self.direction_label.setText(self.tr("Direction"))
        self.in_button.setText(self.tr("In (F2)"))
        self.out_button.setText(self.tr("Out (F3)"))
        self.commit_button.setText(self.tr("Register (Enter)"))
        self.clear_button.setText(self.tr("Clear (Esc)"))
        self.manual_button.setText(self.tr("Manual entry (Ctrl+N)"))
        self.vehicle_button.setText(self.tr("Vehicle (F4)"))
        self._show_codes()
        for name, edit in self.edits.items():
            self._on_edited(name, edit.text(), announce=False)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- values ------------------------------------------------------------------------
    def values(self) -> VisitDraft:
        text = {name: edit.text().strip() for name, edit in self.edits.items()}
        return VisitDraft(
            direction="out" if self.out_button.isChecked() else "in",
            name=text["name"],
            id_number=text["id_number"],
            phone=text["phone"],
            plate=text["plate"],
            passengers=self.passengers.value(),
            temperature=text["temperature"],
            purpose=text["purpose"],
            destination=text["destination"],
            note=text["note"],
            household=text["household"],
            address=self.address,
            readings=list(self._readings),
            confirmed_colour=self.confirmed_colour,
            source=self.source,
            person_id=self.person_id,
            decoder=self.decoder_name,
        )

    @property
    def readings(self) -> list[CodeReading]:
        return list(self._readings)

    def set_direction(self, direction: str) -> None:
        (self.out_button if direction == "out" else self.in_button).setChecked(True)

    def fill(self, values: Mapping[str, str], *, overwrite: bool = False) -> None:
        """Put ``values`` into empty fields (or all fields with ``overwrite``)."""
        for name, value in values.items():
            if name == "address":
                self.address = self.address or value
                continue
            edit = self.edits.get(name)
            if edit is None or not value or (edit.text() and not overwrite):
                continue
            edit.setText(value)
            self._on_edited(name, value, announce=False)
        self.values_changed.emit()

    def add_reading(self, reading: CodeReading, source: str, decoder: str | None = None) -> None:
        """A code was scanned for this visitor: keep it and fill what it tells."""
        self._readings = [r for r in self._readings if r.text != reading.text] + [reading]
        self.source = source
        self.decoder_name = decoder
        subject = reading.subject
        found: dict[str, str] = {}
        if subject.name:
            found["name"] = subject.name
        if reading.screening.address:
            found["address"] = reading.screening.address
        self.fill(found)
        self._show_codes()

    def set_confirmed_colour(self, colour: str | None) -> None:
        self.confirmed_colour = colour
        self._show_codes()
        self.values_changed.emit()

    def _show_problem(self, name: str, text: str) -> None:
        label = self.problem_labels[name]
        label.set_wordings(text)
        label.setVisible(bool(text))

    def set_problems(self, problems: Mapping[str, str]) -> None:
        for name in self.problem_labels:
            self._show_problem(name, problems.get(name, ""))
        for name in problems:
            if name in self.edits:
                self.edits[name].setFocus()
                break

    def set_vehicle(self, plate: str | None, line: str = "") -> None:
        """A vehicle is open (its plate stays in the form, read-only, for each
        occupant; the passengers are its occupants), or none (``plate`` None)."""
        plate_edit = self.edits["plate"]
        if plate is not None:
            plate_edit.setText(plate)
            self._on_edited("plate", plate, announce=False)
        elif self.vehicle_plate is not None:
            plate_edit.clear()  # the vehicle is closed: the next visitor has no plate yet
        self.vehicle_plate = plate
        plate_edit.setReadOnly(plate is not None)
        self.passengers.setEnabled(plate is None)
        self.vehicle_label.setText(line)
        self.vehicle_label.setVisible(bool(line))

    def clear(self) -> None:
        """Empty everything for the next visitor (an open vehicle's plate stays); the
        direction goes back to the lane's."""
        for name, edit in self.edits.items():
            if not (name == "plate" and self.vehicle_plate is not None):
                edit.clear()
        for name in self.problem_labels:
            self._show_problem(name, "")
        self.passengers.setValue(0)
        if self.vehicle_plate is None:  # a vehicle's occupants all go the same way
            self.set_direction(self.default_direction)
        self._readings = []
        self.confirmed_colour = None
        self.waiting_for_colour = False
        self.source = "manual"
        self.decoder_name = None
        self.person_id = None
        self.address = ""
        self._show_codes()
        self.edits["name"].setFocus()

    def text(self, name: str) -> str:
        """What field ``name`` holds, stripped."""
        return self.edits[name].text().strip()

    def focus(self, name: str) -> None:
        """Put the cursor into field ``name``."""
        self.edits[name].setFocus()

    def expect_colour(self, waiting: bool) -> None:
        """While an unverified code waits, G / Y / R in the temperature field confirm it."""
        self.waiting_for_colour = waiting

    def show_household(self, shown: bool) -> None:
        """The household field, for the household rule (一户一天N人): shown while it is on,
        in a row of its own under the purpose (beside the plate, at font scale 1.5 the
        row's placeholders did not fit)."""
        for widget in (self.labels["household"], self.edits["household"]):
            widget.setVisible(shown)
        if not shown:
            self.problem_labels["household"].setVisible(False)

    def set_temperature(self, text: str) -> None:
        """A thermometer's reading: the temperature field holds it; the cursor stays."""
        self.edits["temperature"].setText(text)
        self._on_edited("temperature", text, announce=False)
        self.values_changed.emit()

    def focus_temperature(self) -> None:
        self.edits["temperature"].setFocus()
        self.edits["temperature"].selectAll()

    def _show_codes(self) -> None:
        parts = [phrase() for phrase in self.code_summaries()]
        self.codes_label.setText(self.tr("Scanned: ") + " · ".join(parts) if parts else "")
        self.codes_label.setVisible(bool(parts))  # no empty line when nothing was scanned

    def code_summaries(self) -> list[Phrase]:
        """One short phrase per scanned code (健康码 绿码 张伟), and the confirmed colour;
        worded when shown, so a verdict's line follows a language switch."""
        parts: list[Phrase] = [partial(self._code_summary, r) for r in self._readings]
        if self.confirmed_colour:
            parts.append(partial(self._confirmed_summary, self.confirmed_colour))
        return parts

    def _code_summary(self, reading: CodeReading) -> str:
        status = {
            "green": self.tr("green"),
            "yellow": self.tr("yellow"),
            "red": self.tr("red"),
            "unverified": self.tr("not verifiable"),
            "invalid": self.tr("invalid"),
            "expired": self.tr("expired"),
        }.get(reading.status.value, reading.status.value)
        who = reading.subject.name or reading.subject.id_masked or ""
        return f"{self._scheme_name(reading.scheme)} {status} {who}".strip()

    def _confirmed_summary(self, confirmed: str) -> str:
        colour = {"green": self.tr("green"), "yellow": self.tr("yellow"), "red": self.tr("red")}
        return self.tr("confirmed: {colour}").format(colour=colour[confirmed])

    def _scheme_name(self, scheme: str) -> str:
        return {
            "HC1": self.tr("EU certificate"),
            "CKH1": self.tr("health code"),
            "CKT1": self.tr("travel code"),
            "CKP1": self.tr("pass"),
        }.get(scheme, self.tr("code"))

    # -- typing ------------------------------------------------------------------------
    def _on_edited(self, name: str, text: str, *, announce: bool = True) -> None:
        problem = self._check(name, text) if text.strip() else None
        self._show_problem(name, problem or "")
        if announce:
            self.field_edited.emit(name, text)
            self.values_changed.emit()
            if not problem and name in ("id_number", "phone", "plate") and text.strip():
                self.lookup_wanted.emit(name, text.strip())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # G / Y / R in the temperature field confirm an unverified code's colour; the
        # field takes digits only, so no typing is lost. Names are never hijacked.
        if (
            watched is self.edits["temperature"]
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and self.waiting_for_colour
            and event.modifiers() in (Qt.KeyboardModifier.NoModifier,)
        ):
            colour = COLOUR_KEYS.get(Qt.Key(event.key()))
            if colour is not None:
                self.colour_key_pressed.emit(colour)
                return True
        return super().eventFilter(watched, event)
