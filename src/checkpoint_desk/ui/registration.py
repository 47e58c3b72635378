"""The registration loop on screen: widgets send intents to ``services.desk_loop``.

``RegistrationLoop`` turns the widgets' signals into the state machine's intents,
does the work an intent asks for (read a code, register a visit, record a
disposition, through the session) and then renders the machine's state: the banner,
the colour buttons, the disposition panel, where the cursor waits. The rules (what
is queued, when a verdict gives way, that a STOP stays) live in the machine, not here.
Commits run on the GUI thread through the services (one writer; a commit takes
milliseconds).
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from checkpoint_desk.codes.reading import CodeReading, CodeStatus
from checkpoint_desk.domain.plate import parse_plate
from checkpoint_desk.domain.verdict import Decision, Disposition, Reason, Verdict
from checkpoint_desk.errors import CheckpointError, ValidationError
from checkpoint_desk.services.desk_loop import (
    DeskLoop,
    DisposeStep,
    EnterStep,
    MeasureStep,
    Phase,
    Scan,
    ScanStep,
    Shown,
    ShownVerdict,
    VehicleEntry,
)
from checkpoint_desk.services.desk_session import DeskSession, Registered, temperature_celsius
from checkpoint_desk.services.drafts import VisitDraft
from checkpoint_desk.services.shift_session import OperatorInfo, ShiftInfo, ShiftSession
from checkpoint_desk.services.today import VisitRow
from checkpoint_desk.ui.disposition_panel import DispositionPanel
from checkpoint_desk.ui.hub_dialog import enrolment_scanned_text
from checkpoint_desk.ui.recent_visits import RecentVisits, disposition_text
from checkpoint_desk.ui.sounds import Sounds
from checkpoint_desk.ui.verdict_banner import Detail, Part, VerdictBanner
from checkpoint_desk.ui.visit_form import TEXT_FIELDS, VisitForm

SIGNED_SCHEMES = ("HC1", "CKH1", "CKT1", "CKP1")
log = logging.getLogger(__name__)


def scan_of(reading: CodeReading, source: str, decoder: str | None) -> Scan:
    """What the state machine needs to know of a code as read."""
    scheme = reading.scheme if reading.scheme in SIGNED_SCHEMES else ""
    return Scan(
        reading.text,
        source,
        scheme,
        needs_colour=reading.status is CodeStatus.UNVERIFIED,
        decoder=decoder,
        reading=reading,
    )


class RegistrationLoop(QObject):
    """Signals: ``visit_committed(visit_id)``, ``disposition_recorded(visit_id)``,
    ``duplicate_scanned(text)``, ``scan_read(text)`` (a code became the visitor's),
    ``scan_queued(text)`` (kept for the next visitor), ``form_cleared`` (Esc: the
    camera may report the codes in front of it again)."""

    visit_committed = Signal(object)
    disposition_recorded = Signal(object)
    duplicate_scanned = Signal(str)
    scan_read = Signal(str)
    scan_queued = Signal(str)
    form_cleared = Signal()

    def __init__(
        self,
        session: DeskSession,
        shifts: ShiftSession,
        form: VisitForm,
        banner: VerdictBanner,
        disposition: DispositionPanel,
        recent: RecentVisits,
        sounds: Sounds,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.shifts = shifts
        self.form = form
        self.banner = banner
        self.disposition = disposition
        self.recent = recent
        self.sounds = sounds
        self.now: Callable[[], float] = time.monotonic  # the state machine's clock
        self.operator: OperatorInfo | None = None
        self.shift: ShiftInfo | None = None
        self.model = DeskLoop(duplicate_window_s=session.settings.values.duplicate_window_s)
        # The demo feed shows codes on its own; one visitor at a time keeps it readable.
        self.one_code_per_visitor = session.demo
        self._shown_verdict: tuple[Verdict, Detail] | None = None
        self._outcome = ""
        self._refusal: list[str] = []  # why the last Enter registered nothing
        form.commit_requested.connect(self._on_commit_requested)
        form.clear_requested.connect(self._on_clear_requested)
        form.manual_requested.connect(self._on_manual_requested)
        form.vehicle_requested.connect(self._on_vehicle_requested)
        form.colour_key_pressed.connect(self._on_colour_chosen)
        form.lookup_wanted.connect(self._on_lookup_wanted)
        form.field_edited.connect(self._on_field_edited)
        banner.colour_confirmed.connect(self._on_colour_chosen)
        disposition.disposition_chosen.connect(self._on_disposition_chosen)
        self._ticker = QTimer(self)
        self._ticker.setInterval(250)
        self._ticker.timeout.connect(self._on_tick)
        self._ticker.start()

    def set_shift(self, operator: OperatorInfo | None, shift: ShiftInfo | None) -> None:
        self.operator = operator
        self.shift = shift

    def resume(self, newest: VisitRow | None) -> None:
        """The desk is on duty again (started, unlocked): the form was emptied; a stop
        still without its disposition (the desk was closed or crashed meanwhile) is
        shown again and waits for it."""
        self.model.reset_form(self.now())
        if self.model.vehicle is None:
            unfinished = self.session.unfinished_vehicle()
            if unfinished is not None:
                self.model = DeskLoop.restarted(self.model, self.model.pending_stop, unfinished)
        if (
            self.model.pending_stop is None
            and newest is not None
            and newest.verdict == "stop"
            and newest.disposition is None
        ):
            self.model = DeskLoop.restarted(self.model, newest.visit_id, self.model.vehicle)
            threshold = self.session.settings.values.fever_threshold_c
            reasons = tuple(
                Reason.of(
                    "fever",
                    temperature=f"{newest.temperature_c or 0:.1f}",
                    threshold=f"{threshold:.1f}",
                )
                if code == "fever"
                else Reason.of(code)
                for code in newest.reasons
            )
            self._shown_verdict = (Verdict(Decision.STOP, reasons), newest.name)
            self.disposition.ask(newest.visit_id)
        self._show_vehicle()
        self.render()

    @property
    def stop_pending(self) -> bool:
        return self.model.pending_stop is not None

    # -- scans -------------------------------------------------------------------------
    @Slot(str, str)
    def camera_scanned(self, text: str, decoder: str) -> None:
        """A code from the camera (``decoder`` names the decoder that read it)."""
        self.scan(text, "camera", decoder)

    @Slot(str)
    def wedge_scanned(self, text: str) -> None:
        """A code from a handheld scanner (a burst the wedge filter caught)."""
        self.scan(text, "wedge")

    @Slot(str)
    def thermometer_read(self, text: str) -> None:
        """A thermometer's reading (keyboard burst or serial line): into the temperature
        field — or the stop's re-measure — wherever the cursor is."""
        if self.shift is None:
            return  # nobody on duty: the form is closed
        if self.model.measured(text, self.now()) is MeasureStep.RETEST:
            self.disposition.set_retest(text)
        else:
            self.form.set_temperature(text)
        self.render()

    def scan(self, text: str, source: str, decoder: str | None = None) -> ScanStep | None:
        if self.shift is None:
            return None  # nobody on duty (sign-in, locked, closing): a scan registers nothing
        text = text.strip()
        if not text:
            return None
        if self.one_code_per_visitor and source == "camera" and self.form.readings:
            return ScanStep.IGNORED
        reading = self.session.read_code(text)
        step = self.model.scan(scan_of(reading, source, decoder), self.now())
        if step in (ScanStep.TAKEN, ScanStep.JOINED):
            self.form.add_reading(reading, source, decoder)
            self.scan_read.emit(text)
            self.form.focus_temperature()
        elif step is ScanStep.QUEUED:
            self.scan_queued.emit(text)  # the cursor stays where the volunteer types
        elif step is ScanStep.DUPLICATE:
            self.duplicate_scanned.emit(text)
        elif step is ScanStep.ENROLMENT and self.model.shown is not Shown.ENROLMENT:
            self._refusal = [enrolment_scanned_text()]  # beside the visitor in progress
        self.render()
        return step

    def _take_queued(self, scan: Scan) -> None:
        if scan.reading is None:
            return
        self.form.clear()
        self.form.add_reading(scan.reading, scan.source, scan.decoder)
        self.scan_read.emit(scan.text)
        self.form.focus_temperature()

    # -- keys and fields -----------------------------------------------------------------
    @Slot(str, str)
    def _on_field_edited(self, name: str, text: str) -> None:
        self.model.edit(name, text, self.now())
        self.render()

    @Slot(str)
    def _on_colour_chosen(self, colour: str) -> None:
        self.confirm_colour(colour)

    def confirm_colour(self, colour: str) -> None:
        """The volunteer's G / Y / R: counts only while an unverified code waits."""
        if self.model.colour(colour, self.now()):
            self.form.set_confirmed_colour(colour)
            self.form.focus_temperature()
        self.render()

    @Slot(str, str)
    def _on_lookup_wanted(self, field: str, text: str) -> None:
        found = self.session.returning_person(**{field: text})
        if found is not None:
            person_id, values = found
            self.form.person_id = person_id
            self.form.fill(values)
            if field == "id_number" and not self.form.text("temperature"):
                # A whole ID number (its check character holds) found the person:
                # what is left is the temperature. A plate may still be growing.
                self.form.focus_temperature()

    @Slot()
    def _on_tick(self) -> None:
        before = (self.model.shown, self.model.shown_at)
        self.model.tick(self.now())
        if (self.model.shown, self.model.shown_at) != before:
            self.render()

    # -- Enter --------------------------------------------------------------------------
    @Slot()
    def _on_commit_requested(self) -> None:
        self.commit()

    def commit(self) -> uuid.UUID | None:
        """Enter: register the visitor in the form (or take the queued scan); returns
        the new visit's id, or None."""
        now = self.now()
        visitor = self.model.visitor
        plate_only = visitor.typed == {"plate"} and not visitor.scans  # a vehicle's plate
        for name in TEXT_FIELDS:  # fields filled without typing (a look-up, a test)
            if plate_only or (name == "plate" and self.model.vehicle is not None):
                continue
            if self.form.text(name) and name not in self.model.visitor.typed:
                self.model.edit(name, self.form.text(name), now)
        step = self.model.enter(now)
        visit_id: uuid.UUID | None = None
        if step is EnterStep.START_VEHICLE:
            self.start_vehicle()
        elif step is EnterStep.CLOSE_VEHICLE:
            self._vehicle_closed()
        elif step is EnterStep.COMMIT:
            lane = self.model.lane_seconds(now)
            visit_id = self._register(replace(self.form.values(), lane_seconds=lane))
        elif step is EnterStep.TAKE_QUEUED:
            taken = self.model.visitor.scans[0]
            self._take_queued(taken)
        elif step is EnterStep.NEED_COLOUR:
            self.form.focus_temperature()
        elif step is EnterStep.KEEP_STOP:
            self.disposition.focus_choice()
        self.render()
        return visit_id

    def _register(self, values: VisitDraft) -> uuid.UUID | None:
        """Validate, register, announce; None when something blocks the commit."""
        vehicle = self.model.vehicle
        if vehicle is not None:  # one occupant of the vehicle: its plate, its link
            values.plate, values.vehicle_entry, values.passengers = (
                vehicle.plate,
                vehicle.entry_id,
                0,
            )
        problems = self.session.problems(values)
        if self.model.visitor.manual and not values.id_number and not values.readings:
            problems["id_number"] = self.tr("Manual entry needs the ID number.")
        if problems:
            self.form.set_problems(problems)
            self._refusal = list(problems.values())
            return None
        try:
            done = self.session.register(values, shift_id=self.shift.id if self.shift else None)
        except ValidationError as exc:
            if exc.code == "person_missing":
                self.form.set_problems({"name": exc.translated()})
            self._refusal = [exc.translated()]
            return None
        except CheckpointError as exc:
            self._refusal = [exc.translated()]
            return None
        self._announce(done, values)
        return done.visit_id

    def _announce(self, done: Registered, values: VisitDraft) -> None:
        """The visit is durable: verdict on the banner, sound, table row, stop panel."""
        no_code = not values.readings
        self._shown_verdict = (done.verdict, self._verdict_detail(done, values))
        self.model.committed(
            ShownVerdict(done.verdict.passed, done.visit_id, no_code=no_code),
            self.now(),
            values.name,
        )
        self.sounds.play("pass" if done.verdict.passed else "stop")
        self._refresh_rows(done.visit_id)
        self.form.clear()
        self._show_vehicle()
        if not done.verdict.passed:
            self.disposition.ask(done.visit_id)
        self.visit_committed.emit(done.visit_id)

    def _verdict_detail(self, done: Registered, values: VisitDraft) -> list[Part]:
        """The line under the verdict; its reasons stay reasons (translated when shown)."""
        codes = self.form.code_summaries()
        named = bool(values.name) and any(values.name in phrase() for phrase in codes)
        who = "" if named else values.name
        # A fever reason already says the temperature; otherwise show it once.
        shown = "" if "fever" in done.verdict.reason_codes else values.temperature
        measured = f"{who} {self._temperature_shown(shown) if shown else ''}".strip()
        unchecked = not values.readings and "no_code" not in done.verdict.reason_codes
        parts: list[Part] = [Reason.of("no_code")] if unchecked else []
        return [*parts, *codes, *([measured] if measured else [])]

    def _temperature_shown(self, text: str) -> str:
        try:
            return f"{temperature_celsius(text):.1f} ℃"
        except CheckpointError:
            return text

    def _refresh_rows(self, visit_id: uuid.UUID) -> None:
        """The visit's row, and its vehicle's (their passengers are its occupants)."""
        vehicle = self.model.vehicle
        ids = [o.visit_id for o in vehicle.occupants] if vehicle is not None else []
        for shown in dict.fromkeys([*ids, visit_id]):
            row = self.session.visit_row(shown)
            if row is not None:
                self.recent.model.add_or_update(row)

    # -- vehicles ------------------------------------------------------------------------
    @Slot()
    def _on_vehicle_requested(self) -> None:
        self.start_vehicle()

    def start_vehicle(self) -> None:
        """F4, or Enter with only the plate typed: the plate starts a vehicle whose
        occupants are then registered one by one."""
        plate = self.form.text("plate")
        if self.model.vehicle is not None or self.stop_pending:
            return
        if not plate:
            self.form.focus("plate")  # F4 on an empty plate: type it, then Enter
            return
        problem = self.session.check_field("plate", plate)
        if problem:
            self.form.set_problems({"plate": problem})
            return
        if not self.model.start_vehicle(parse_plate(plate), self.now()):
            self._refusal = [self.tr("Register or clear (Esc) this visitor first, then F4.")]
            self.render()
            return
        vehicle = self.model.vehicle
        if vehicle is None:
            return
        try:
            self.session.vehicle_started(vehicle)
        except (OSError, CheckpointError):  # only a restart would miss it
            log.warning("could not remember the open vehicle", exc_info=True)
        self.form.clear()
        self._show_vehicle()
        self.form.focus("name")
        self.render()

    def _vehicle_closed(self) -> None:
        closed = self.model.closed_vehicle
        try:
            self.session.vehicle_closed()
        except OSError:
            log.warning("could not forget the closed vehicle", exc_info=True)
        self._show_vehicle()
        self.form.focus("name")
        if self.model.shown is Shown.VEHICLE and closed is not None:
            self.sounds.play("pass" if closed.passed else "stop")

    def shift_closed(self) -> None:
        """The shift closed: a vehicle still open was closed with it (the service forgot
        ``open-vehicle.json``), so the next operator's form shows none."""
        self.model.shift_closed(self.now())
        self._show_vehicle()

    def open_vehicle_text(self) -> str:
        """What the shift-close page says of a vehicle still open ("" when none)."""
        vehicle = self.model.vehicle
        if vehicle is None:
            return ""
        return self.tr(
            "Vehicle {plate} is still open ({count} registered): closing the shift closes it; "
            "its registered occupants are kept."
        ).format(plate=vehicle.plate, count=len(vehicle.occupants))

    def _show_vehicle(self) -> None:
        """The form's vehicle line: plate, occupants so far, who stops it."""
        vehicle = self.model.vehicle
        if vehicle is None:
            self.form.set_vehicle(None)
            return
        line = self.tr("Vehicle {plate} · {count} registered").format(
            plate=vehicle.plate, count=len(vehicle.occupants)
        )
        if vehicle.stopped_by:
            line += " · " + self._stopped_by(vehicle)
        line += " · " + self.tr("Enter on an empty form closes the vehicle")
        self.form.set_vehicle(vehicle.plate, line)

    def _stopped_by(self, vehicle: VehicleEntry) -> str:
        names = "、".join(o.name or "—" for o in vehicle.stopped_by)
        return self.tr("stopped by {names}").format(names=names)

    def _vehicle_detail(self, vehicle: VehicleEntry) -> str:
        count = len(vehicle.occupants)
        if vehicle.passed:
            if count == 1:
                return self.tr("Vehicle {plate}: its one occupant passes").format(
                    plate=vehicle.plate
                )
            return self.tr("Vehicle {plate}: all {count} occupants pass").format(
                plate=vehicle.plate, count=count
            )
        if count == 1:
            return self.tr("Vehicle {plate}: its one occupant · {stopped}").format(
                plate=vehicle.plate, stopped=self._stopped_by(vehicle)
            )
        return self.tr("Vehicle {plate}: {count} occupants · {stopped}").format(
            plate=vehicle.plate, count=count, stopped=self._stopped_by(vehicle)
        )

    # -- clearing and the manual lane ----------------------------------------------------
    @Slot()
    def _on_clear_requested(self) -> None:
        self.clear()

    def clear(self) -> None:
        """Esc: empty the form for the next visitor (a pending stop stays); on an empty
        occupant, the open vehicle is closed with the occupants registered."""
        had_vehicle = self.model.vehicle is not None
        self.model.clear(self.now())
        self.form_cleared.emit()
        self.form.clear()
        if had_vehicle and self.model.vehicle is None:
            self._vehicle_closed()
        self.render()

    @Slot()
    def _on_manual_requested(self) -> None:
        self.start_manual()

    def start_manual(self) -> None:
        """Ctrl+N: the special-care lane (no phone: ID number and name by hand)."""
        if self.model.manual(self.now()):
            self.form.clear()
            self.form.focus("id_number")
        self.render()

    # -- stops ---------------------------------------------------------------------------
    def choose_by_key(self, number: int) -> None:
        """Alt+1…4 (or 1…4 while a stop waits): the nth disposition; else nothing."""
        if self.stop_pending:
            self.disposition.choose(number)

    @Slot(str)
    def digits_typed(self, digits: str) -> None:
        """Digits no field took while a stop waits ("385" typed fast at its panel): say
        why nothing was recorded, in the stop panel (whose cursor it was)."""
        problem = self.model.stray_digits(digits, self.now())
        if problem is not None:
            self.disposition.set_problem(problem.translated)

    @Slot(str, str, str)
    def _on_disposition_chosen(self, disposition: str, retest: str, pin: str) -> None:
        visit_id = self.model.pending_stop
        if visit_id is None or self.operator is None:
            return
        answer = self.model.dispose(disposition, retest, self.now())
        if answer.step is DisposeStep.NOTHING:
            return
        if answer.problem is not None:
            problem = answer.problem
            self.disposition.refused(problem.translated, retest=True)
            return
        retest = answer.retest
        try:
            approval = self.shifts.approve_supervisor(pin) if pin else None
            self.session.set_disposition(
                visit_id,
                Disposition(disposition),
                operator_id=self.operator.id,
                retest_temperature=retest or None,
                approval=approval,
            )
        except CheckpointError as exc:
            self.disposition.refused(exc.translated())
            return
        row = self.session.visit_row(visit_id)
        if row is not None:
            self.recent.model.add_or_update(row)
        passed = row is not None and row.verdict == "pass"
        self._outcome = self._outcome_text(disposition, retest, passed)
        self.model.disposition_recorded(passed, self._outcome, self.now())
        self._show_vehicle()
        self.disposition.done()
        if passed:
            self.sounds.play("pass")
        self.render()  # the form is open again: only now can it take the cursor
        self.form.focus("name")
        self.disposition_recorded.emit(visit_id)

    def _outcome_text(self, disposition: str, retest: str, passed: bool) -> str:
        if disposition == Disposition.REMEASURED.value and retest:
            shown = self._temperature_shown(retest)
            if passed:
                return self.tr("Re-measured {temperature} → pass").format(temperature=shown)
            return self.tr("Re-measured {temperature} → still stopped").format(temperature=shown)
        return self.tr("Recorded: {what}").format(what=disposition_text(self, disposition))

    # -- rendering ------------------------------------------------------------------------
    def render(self) -> None:
        """Show the machine's state: banner, colour buttons, stop panel, next scan."""
        model = self.model
        phase = model.phase
        needs_colour = phase is Phase.AWAITING_COLOUR
        self.form.expect_colour(needs_colour)
        self.banner.show_colour_buttons(needs_colour)
        self.form.setEnabled(model.pending_stop is None)
        if model.shown in (Shown.PASS, Shown.STOP) and self._shown_verdict is not None:
            self.banner.show_verdict(*self._shown_verdict)
        elif model.shown is Shown.OUTCOME:
            if model.verdict is not None and model.verdict.passed:
                self.banner.show_verdict(Verdict(Decision.PASS), self._outcome)
            else:
                self.banner.show_idle(self._outcome)
        elif model.shown is Shown.VEHICLE and model.closed_vehicle is not None:
            closed = model.closed_vehicle
            self.banner.show_verdict(
                Verdict(Decision.PASS if closed.passed else Decision.STOP),
                self._vehicle_detail(closed),
            )
        elif model.shown is Shown.DUPLICATE:
            self.banner.show_duplicate(
                self.tr("{name} was registered a moment ago.").format(
                    name=model.duplicate_of or "—"
                )
            )
        elif model.shown is Shown.WAITING:
            self._show_waiting(needs_colour)
        elif model.shown is Shown.ENROLMENT:
            self.banner.show_idle(enrolment_scanned_text())
        elif model.vehicle is not None:
            self.banner.show_idle(
                [
                    *self._refusal,
                    self.tr(
                        "Vehicle {plate}: scan or type the next occupant · Enter on an"
                        " empty form closes the vehicle"
                    ).format(plate=model.vehicle.plate),
                ]
            )
        else:
            self.banner.show_idle()
        self._refusal = []
        self.banner.set_notice(self._queued_line if model.queued else "")
        # A code held behind a stop: the banner's notice says so, once (the stop panel
        # repeated it, and at font scale 1.5 the form lost 36 px to the two lines).
        if model.pending_stop is not None and not self.disposition.holds_focus():
            self.disposition.focus_choice()

    def _queued_line(self) -> str:
        """The banner's line for a code kept for the next visitor: Enter takes it only
        once a pending stop has its disposition."""
        if self.model.pending_stop is not None:
            return self.tr("Next visitor scanned · first choose what was done for the stop")
        return self.tr("Next visitor scanned · Enter takes it")

    def _show_waiting(self, needs_colour: bool) -> None:
        reasons: list[Part] = list(self._refusal)
        if self.model.visitor.manual:
            reasons.append(
                self.tr("Manual entry: type the ID number and name; a phone is not needed")
            )
        if needs_colour:
            reasons.append(self.tr("Look at the phone: press G green, Y yellow or R red"))
        if not self.form.text("temperature") and not self._refusal:
            reasons.append(Reason.of("temperature_missing"))
        blocking = [
            Reason.of(code)
            for r in self.form.readings
            if r.status in (CodeStatus.INVALID, CodeStatus.EXPIRED)
            for code in r.reasons
        ]
        self.banner.show_waiting([*blocking, *self.form.code_summaries(), *reasons])
