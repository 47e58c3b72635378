"""The registration loop: scan → form → temperature → Enter → banner, sound, table.

A QObject that wires the widgets to the backend, so the main window only lays
them out. Commits run on the GUI thread through the services (one writer; a commit
takes milliseconds).
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal, Slot

from checkpoint_desk.codes.reading import CodeStatus
from checkpoint_desk.domain.verdict import Decision, Disposition, Reason, Verdict
from checkpoint_desk.errors import CheckpointError, ValidationError
from checkpoint_desk.services.desk_session import DeskSession, temperature_celsius
from checkpoint_desk.services.shift_session import OperatorInfo, ShiftInfo, ShiftSession
from checkpoint_desk.ui.disposition_panel import DispositionPanel
from checkpoint_desk.ui.recent_visits import RecentVisits, disposition_text
from checkpoint_desk.ui.sounds import Sounds
from checkpoint_desk.ui.verdict_banner import VerdictBanner
from checkpoint_desk.ui.visit_form import VisitForm


@dataclass
class _Recent:
    at: float
    visit_id: uuid.UUID
    name: str


class RegistrationLoop(QObject):
    """Signals: ``visit_committed(visit_id)``, ``disposition_recorded(visit_id)``,
    ``duplicate_scanned(text)``, ``scan_read(text)``, ``form_cleared`` (Esc: the
    camera may report the codes in front of it again)."""

    visit_committed = Signal(object)
    disposition_recorded = Signal(object)
    duplicate_scanned = Signal(str)
    scan_read = Signal(str)
    form_cleared = Signal()

    def __init__(
        self,
        backend: DeskSession,
        shifts: ShiftSession,
        form: VisitForm,
        banner: VerdictBanner,
        disposition: DispositionPanel,
        recent: RecentVisits,
        sounds: Sounds,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.backend = backend
        self.shifts = shifts
        self.form = form
        self.banner = banner
        self.disposition = disposition
        self.recent = recent
        self.sounds = sounds
        self.operator: OperatorInfo | None = None
        self.shift: ShiftInfo | None = None
        self._recent_codes: dict[str, _Recent] = {}
        # The demo feed shows codes on its own; one visitor at a time keeps it readable.
        self.one_code_per_visitor = backend.demo
        self.manual_lane = False
        self._held_scan: tuple[str, str, str | None] | None = None
        form.commit_requested.connect(self._on_commit_requested)
        form.clear_requested.connect(self._on_clear_requested)
        form.manual_requested.connect(self._on_manual_requested)
        form.colour_key_pressed.connect(self._on_colour_confirmed)
        form.lookup_wanted.connect(self._on_lookup_wanted)
        banner.colour_confirmed.connect(self._on_colour_confirmed)
        disposition.disposition_chosen.connect(self._on_disposition_chosen)

    def set_shift(self, operator: OperatorInfo | None, shift: ShiftInfo | None) -> None:
        self.operator = operator
        self.shift = shift

    # -- scans -------------------------------------------------------------------------
    @Slot(str, str)
    def _on_code_scanned(self, text: str, backend: str) -> None:
        """A code from the camera (``backend`` names the decoder) or ``wedge``."""
        self.scan(text, "camera", backend)

    @Slot(str)
    def _on_wedge_burst(self, text: str) -> None:
        self.scan(text, "wedge")

    def scan(self, text: str, source: str, backend: str | None = None) -> None:
        if self.shift is None:
            return  # nobody on duty (sign-in, locked, closing): a scan registers nothing
        text = text.strip()
        if not text:
            return
        if self.disposition.visit_id is not None:
            # A stopped visitor is still waiting for a decision: keep the STOP on
            # screen and hold the next code (the camera will not report it again).
            self._held_scan = (text, source, backend)
            self.disposition.set_problem(
                self.tr("The next code is waiting: first choose what was done for the stop.")
            )
            return
        if any(r.text == text for r in self.form.readings):
            return  # the camera sees the code in front of it again and again
        if self.one_code_per_visitor and source == "camera" and self.form.readings:
            return
        window = float(self.backend.settings["duplicate_window_s"])
        seen = self._recent_codes.get(text)
        if seen is not None and time.monotonic() - seen.at < window:
            self.banner.show_duplicate(
                self.tr("{name} was registered a moment ago.").format(name=seen.name or "—")
            )
            self.duplicate_scanned.emit(text)
            return
        reading = self.backend.read_code(text)
        self.form.add_reading(reading, source, backend)
        self.scan_read.emit(text)
        self._show_waiting()
        self.form.focus_temperature()

    def _needs_colour(self) -> bool:
        return self.form.confirmed_colour is None and any(
            r.status is CodeStatus.UNVERIFIED for r in self.form.readings
        )

    def _show_waiting(self) -> None:
        needs_colour = self._needs_colour()
        self.form.waiting_for_colour = needs_colour
        self.banner.show_colour_buttons(needs_colour)
        reasons: list[Reason | str] = []
        if needs_colour:
            reasons.append(self.tr("Look at the phone: press G green, Y yellow or R red"))
        if not self.form.values().temperature:
            reasons.append(Reason.of("temperature_missing"))
        blocking = [
            Reason.of(code)
            for r in self.form.readings
            if r.status in (CodeStatus.INVALID, CodeStatus.EXPIRED)
            for code in r.reasons
        ]
        self.banner.show_waiting([*blocking, *self.form.code_summaries(), *reasons])

    @Slot(str)
    def _on_colour_confirmed(self, colour: str) -> None:
        if not self._needs_colour():
            return
        self.form.set_confirmed_colour(colour)
        self._show_waiting()
        self.form.focus_temperature()

    @Slot(str, str)
    def _on_lookup_wanted(self, field: str, text: str) -> None:
        found = self.backend.returning_person(**{field: text})
        if found is not None:
            person_id, values = found
            self.form.person_id = person_id
            self.form.fill(values)

    # -- commit ------------------------------------------------------------------------
    @Slot()
    def _on_commit_requested(self) -> None:
        self.commit()

    def commit(self) -> uuid.UUID | None:
        """Register what the form holds; returns the new visit's id, or None."""
        values = self.form.values()
        if self._needs_colour():
            self._show_waiting()
            self.form.focus_temperature()
            return None
        problems = self.backend.problems(values)
        if self.manual_lane and not values.id_number and not values.readings:
            problems["id_number"] = self.tr("Manual entry needs the ID number.")
        if problems:
            self.form.set_problems(problems)
            self.banner.show_waiting(list(problems.values()))
            return None
        try:
            done = self.backend.register(values, shift_id=self.shift.id if self.shift else None)
        except ValidationError as exc:
            field = "name" if exc.code == "person_missing" else None
            if field is not None:
                self.form.set_problems({field: exc.translated()})
            self.banner.show_waiting([exc.translated()])
            return None
        except CheckpointError as exc:
            self.banner.show_waiting([exc.translated()])
            return None
        now = time.monotonic()
        for reading in values.readings:
            self._recent_codes[reading.text] = _Recent(now, done.visit_id, values.name)
        self._forget_old_codes(now)
        codes = self.form.code_summaries()
        named = bool(values.name) and any(values.name in part for part in codes)
        who = "" if named else values.name
        # A fever reason already says the temperature; otherwise show it once.
        shown = "" if "fever" in done.verdict.reason_codes else values.temperature
        measured = f"{who} {self._temperature_shown(shown) if shown else ''}".strip()
        detail = " · ".join(part for part in (*codes, measured) if part)
        self.banner.show_verdict(done.verdict, detail)
        self.banner.show_colour_buttons(False)
        self.sounds.play("pass" if done.verdict.passed else "stop")
        row = self.backend.visit_row(done.visit_id)
        if row is not None:
            self.recent.model.add_or_update(row)
        if done.verdict.passed:
            self.disposition.done()
        else:
            self.disposition.ask(done.visit_id)
        self.form.clear()
        self.manual_lane = False
        self.visit_committed.emit(done.visit_id)
        return done.visit_id

    def _temperature_shown(self, text: str) -> str:
        try:
            return f"{temperature_celsius(text):.1f} ℃"
        except CheckpointError:
            return text

    def _forget_old_codes(self, now: float) -> None:
        window = float(self.backend.settings["duplicate_window_s"])
        for text in [t for t, r in self._recent_codes.items() if now - r.at > window]:
            del self._recent_codes[text]

    # -- clearing and the manual lane ----------------------------------------------------
    @Slot()
    def _on_clear_requested(self) -> None:
        self.clear()

    def clear(self) -> None:
        self.manual_lane = False
        self.form_cleared.emit()
        self.form.clear()
        self.banner.show_colour_buttons(False)
        if self.disposition.visit_id is None:
            self.banner.show_idle()

    @Slot()
    def _on_manual_requested(self) -> None:
        self.form.clear()
        self.manual_lane = True
        self.form.source = "manual"
        self.banner.show_colour_buttons(False)
        self.banner.show_waiting(
            [self.tr("Manual entry: type the ID number and name; a phone is not needed")]
        )
        self.form.edits["id_number"].setFocus()

    # -- stops ---------------------------------------------------------------------------
    @Slot(str, str, str)
    def _on_disposition_chosen(self, disposition: str, retest: str, pin: str) -> None:
        visit_id = self.disposition.visit_id
        if visit_id is None or self.operator is None:
            return
        approval = None
        try:
            if pin:
                approval = self.shifts.approve_supervisor(pin)
            if retest:
                problem = self.backend.check_field("temperature", retest)
                if problem:
                    self.disposition.set_problem(problem)
                    return
            self.backend.set_disposition(
                visit_id,
                Disposition(disposition),
                operator_id=self.operator.id,
                retest_temperature=retest or None,
                approval=approval,
            )
        except CheckpointError as exc:
            self.disposition.pin.clear()
            self.disposition.set_problem(exc.translated())
            return
        row = self.backend.visit_row(visit_id)
        if row is not None:
            self.recent.model.add_or_update(row)
        self.disposition.done()
        recorded = self.tr("Recorded: {what}").format(what=disposition_text(self, disposition))
        if row is not None and row.verdict == "pass":
            # A normal second temperature lets the visitor through after all.
            self.banner.show_verdict(Verdict(Decision.PASS), recorded)
            self.sounds.play("pass")
        else:
            self.banner.show_idle(recorded)
        self.form.edits["name"].setFocus()
        self.disposition_recorded.emit(visit_id)
        held, self._held_scan = self._held_scan, None
        if held is not None:
            self.scan(*held)
