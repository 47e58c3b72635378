"""One desk's registration loop as a plain state machine (no Qt; napari's rule).

The widgets send intents — :meth:`DeskLoop.scan`, :meth:`~DeskLoop.edit`,
:meth:`~DeskLoop.colour`, :meth:`~DeskLoop.enter`, :meth:`~DeskLoop.clear`,
:meth:`~DeskLoop.manual`, :meth:`~DeskLoop.measured`, :meth:`~DeskLoop.tick` — and the
results of the work they did for it (:meth:`~DeskLoop.committed`,
:meth:`~DeskLoop.disposition_recorded`); then they render :attr:`DeskLoop.phase`,
:attr:`~DeskLoop.shown` and
:attr:`~DeskLoop.queued`. Its rules:

- a scan never joins another visitor's data: while a visitor is typed, in the manual
  lane, a stop waits or a verdict is fresh, it is queued ("next visitor scanned ·
  Enter takes it") and taken with Enter;
- a STOP stays until its disposition is recorded (no Enter, Esc or scan replaces it);
- only :meth:`colour` — the volunteer's deliberate G/Y/R — confirms a colour;
- a verdict stays at least ``min_verdict_s`` and until the next visitor's first
  input, and at most ``verdict_hold_s``; then the desk is ready: a PASS is never
  shown beside a new visitor's data;
- a vehicle (:meth:`~DeskLoop.start_vehicle`) is one plate and its occupants, each
  registered as a visitor of its own; Enter on an empty occupant (or Esc on one)
  closes it, and the banner shows the vehicle's verdict: STOP iff some occupant's
  final verdict is a stop, naming who stops it. An occupant belongs to one vehicle;
- a stop's disposition is recorded only as :meth:`~DeskLoop.dispose` allows: a
  re-measure needs a body temperature (``85``, what is left of "385" after its "3"
  chose "re-measured", is refused, saying the range); digits no field takes while a
  stop waits are explained (:meth:`~DeskLoop.stray_digits`), never recorded.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from enum import StrEnum

from checkpoint_desk.codes.reading import CodeReading
from checkpoint_desk.domain.enrolment_code import is_enrolment_code
from checkpoint_desk.domain.temperature import (
    HIGHEST_C,
    LOWEST_C,
    format_temperature,
    parse_temperature,
)
from checkpoint_desk.domain.vehicle_entry import new_entry_id
from checkpoint_desk.domain.verdict import Disposition
from checkpoint_desk.errors import ValidationError
from checkpoint_desk.i18n import N_

MIN_VERDICT_S = 1.5
VERDICT_HOLD_S = 8.0
MAX_QUEUED = 4
LANE_SECONDS_MAX = 86400.0  # a form left open longer says nothing about the lane
# Codes one person shows together: a health code, a travel code, a pass, a certificate.
SIGNED_SCHEMES = frozenset({"HC1", "CKH1", "CKT1", "CKP1"})


class Phase(StrEnum):
    READY = "ready"
    CODE_READ = "code_read"  # a visitor's data is in; Enter commits
    AWAITING_COLOUR = "awaiting_colour"
    AWAITING_TEMPERATURE = "awaiting_temperature"
    VERDICT = "verdict"
    STOP_PENDING = "stop_pending"
    NEXT_QUEUED = "next_queued"
    MANUAL = "manual"
    NEXT_OCCUPANT = "next_occupant"  # a vehicle is open: scan the next one, Enter closes


class Shown(StrEnum):
    """What the banner shows."""

    READY = "ready"
    WAITING = "waiting"  # a visitor in progress (CHECK)
    PASS = "pass"
    STOP = "stop"
    OUTCOME = "outcome"  # a disposition's result ("re-measured 36.6 → pass")
    DUPLICATE = "duplicate"
    VEHICLE = "vehicle"  # a closed vehicle's verdict (see DeskLoop.closed_vehicle)
    ENROLMENT = "enrolment"  # a hub's enrolment code was scanned: nobody registered


VERDICTS = (Shown.PASS, Shown.OUTCOME, Shown.DUPLICATE, Shown.VEHICLE)


class ScanStep(StrEnum):
    TAKEN = "taken"  # the code is the current visitor's: fill it, cursor to temperature
    JOINED = "joined"  # another code of the same visitor (health + travel code)
    QUEUED = "queued"  # for the next visitor; the cursor stays where it is
    DUPLICATE = "duplicate"  # registered a moment ago
    IGNORED = "ignored"  # the camera sees a code it already gave
    ENROLMENT = "enrolment"  # a hub's enrolment code: it connects the desk, not a visitor


class MeasureStep(StrEnum):
    """Where a thermometer's reading goes (it never goes where the cursor is)."""

    TEMPERATURE = "temperature"  # the visitor's temperature field
    RETEST = "retest"  # a stop waits: it is the re-measure of its disposition


class EnterStep(StrEnum):
    COMMIT = "commit"  # register the visitor, then report committed()/commit_refused()
    TAKE_QUEUED = "take_queued"  # the queued scan became the visitor (see taken)
    NEED_COLOUR = "need_colour"  # an unverified code waits for G/Y/R
    KEEP_STOP = "keep_stop"  # a stop waits for its disposition
    START_VEHICLE = "start_vehicle"  # only a plate was typed: it starts a vehicle
    CLOSE_VEHICLE = "close_vehicle"  # Enter on an empty occupant: the vehicle is done
    NOTHING = "nothing"


class DisposeStep(StrEnum):
    RECORD = "record"  # record it (``Dispose.retest`` as it is stored), then disposition_recorded()
    REFUSED = "refused"  # nothing is recorded: ``Dispose.problem`` says why
    NOTHING = "nothing"  # no stop waits


@dataclass(frozen=True)
class Dispose:
    """The loop's answer to a chosen disposition."""

    step: DisposeStep
    retest: str = ""  # a re-measure's temperature as stored ("38.5"), else ""
    problem: ValidationError | None = None


def _retest_missing() -> ValidationError:
    return ValidationError(
        "retest_missing",
        N_("Re-test: type {low}–{high}\u00a0℃, then Enter."),
        low=str(LOWEST_C),
        high=str(HIGHEST_C),
    )


def _not_a_body_temperature(value: str) -> ValidationError:
    return ValidationError(
        "retest_range",
        N_("{value} is not a body temperature: {low}–{high}\u00a0℃."),
        value=value,
        low=str(LOWEST_C),
        high=str(HIGHEST_C),
    )


@dataclass(frozen=True)
class Scan:
    """A code as read: ``scheme`` is ``""`` for text no signed scheme knows."""

    text: str
    source: str = "camera"
    scheme: str = ""
    needs_colour: bool = False
    decoder: str | None = None
    reading: CodeReading | None = None


@dataclass(frozen=True)
class Visitor:
    """The visitor being registered: the codes taken, what was typed by hand."""

    scans: tuple[Scan, ...] = ()
    typed: frozenset[str] = frozenset()
    colour: str | None = None
    manual: bool = False
    started_at: float | None = None  # the first scan or key (the lane's clock starts)

    @property
    def empty(self) -> bool:
        return not (self.scans or self.typed or self.manual)

    @property
    def needs_colour(self) -> bool:
        return self.colour is None and any(s.needs_colour for s in self.scans)

    @property
    def texts(self) -> tuple[str, ...]:
        return tuple(s.text for s in self.scans)


@dataclass(frozen=True)
class ShownVerdict:
    """The verdict the banner shows (``passed``; ``no_code``: no code was checked)."""

    passed: bool
    visit_id: uuid.UUID | None = None
    no_code: bool = False
    detail: str = ""


@dataclass(frozen=True)
class Occupant:
    """One registered occupant of a vehicle; ``passed`` is their verdict as it now stands."""

    visit_id: uuid.UUID
    name: str
    passed: bool


@dataclass(frozen=True)
class VehicleEntry:
    """One plate and the occupants registered for it (``entry_id``: the visits' link)."""

    entry_id: str
    plate: str
    occupants: tuple[Occupant, ...] = ()

    @property
    def passed(self) -> bool:
        """The vehicle passes only if every occupant passes."""
        return all(o.passed for o in self.occupants)

    @property
    def stopped_by(self) -> tuple[Occupant, ...]:
        return tuple(o for o in self.occupants if not o.passed)

    def with_verdict(self, visit_id: uuid.UUID, passed: bool) -> VehicleEntry:
        occupants = tuple(
            replace(o, passed=passed) if o.visit_id == visit_id else o for o in self.occupants
        )
        return replace(self, occupants=occupants)


@dataclass
class _Recent:
    at: float
    name: str


@dataclass
class DeskLoop:
    """The state of one desk. Times are seconds on a monotonic clock, given by the caller."""

    min_verdict_s: float = MIN_VERDICT_S
    verdict_hold_s: float = VERDICT_HOLD_S
    duplicate_window_s: float = 10.0
    visitor: Visitor = field(default_factory=Visitor)
    queued: tuple[Scan, ...] = ()
    pending_stop: uuid.UUID | None = None
    shown: Shown = Shown.READY
    verdict: ShownVerdict | None = None
    shown_at: float = 0.0
    duplicate_of: str = ""
    vehicle: VehicleEntry | None = None  # the vehicle being registered
    closed_vehicle: VehicleEntry | None = None  # the last one closed (Shown.VEHICLE)
    _recent: dict[str, _Recent] = field(default_factory=dict)

    @classmethod
    def restarted(
        cls,
        old: DeskLoop,
        pending_stop: uuid.UUID | None = None,
        vehicle: VehicleEntry | None = None,
    ) -> DeskLoop:
        """A desk after a restart: the form is gone, a recorded stop still waits, an
        unfinished vehicle (its occupants as registered) is open again."""
        loop = cls(old.min_verdict_s, old.verdict_hold_s, old.duplicate_window_s)
        loop.vehicle = vehicle
        if pending_stop is not None:
            loop.pending_stop = pending_stop
            loop.shown = Shown.STOP
            loop.verdict = ShownVerdict(False, pending_stop)
        return loop

    # -- what to render ---------------------------------------------------------------
    @property
    def phase(self) -> Phase:
        v = self.visitor
        if self.pending_stop is not None:
            return Phase.STOP_PENDING
        if v.manual:
            return Phase.MANUAL
        if not v.empty:
            if v.needs_colour:
                return Phase.AWAITING_COLOUR
            if "temperature" not in v.typed:
                return Phase.AWAITING_TEMPERATURE
            return Phase.CODE_READ
        if self.shown in VERDICTS:
            return Phase.VERDICT
        if self.queued:
            return Phase.NEXT_QUEUED
        if self.vehicle is not None:
            return Phase.NEXT_OCCUPANT
        return Phase.READY

    def _fresh(self, now: float) -> bool:
        """A verdict (or outcome) shown less than the minimum time ago."""
        return self.shown in VERDICTS and now - self.shown_at < self.min_verdict_s

    def lane_seconds(self, now: float) -> float | None:
        """Seconds since the visitor's first scan or key (None with no visitor)."""
        start = self.visitor.started_at
        if start is None or self.visitor.empty:
            return None
        elapsed = max(0.0, now - start)
        return elapsed if elapsed <= LANE_SECONDS_MAX else None

    # -- intents ------------------------------------------------------------------------
    def scan(self, scan: Scan, now: float) -> ScanStep:
        """A code was read by the camera or a handheld scanner."""
        self._forget_old(now)
        if is_enrolment_code(scan.text):
            if self.visitor.empty and self.pending_stop is None:
                self._show(Shown.ENROLMENT, now)  # a stop or a visitor stays as it is
            return ScanStep.ENROLMENT
        if scan.text in self.visitor.texts or any(q.text == scan.text for q in self.queued):
            return ScanStep.IGNORED
        seen = self._recent.get(scan.text)
        if seen is not None:
            if self.visitor.empty and self.pending_stop is None and not self._fresh(now):
                self._show(Shown.DUPLICATE, now)
                self.duplicate_of = seen.name
            return ScanStep.DUPLICATE
        v = self.visitor
        if self.pending_stop is None and not self._fresh(now):
            if v.empty:
                self._begin(Visitor(scans=(scan,)), now)
                return ScanStep.TAKEN
            if self._joins(scan):
                self.visitor = replace(v, scans=(*v.scans, scan))
                return ScanStep.JOINED
        if len(self.queued) < MAX_QUEUED:
            self.queued = (*self.queued, scan)
        return ScanStep.QUEUED

    def _joins(self, scan: Scan) -> bool:
        """Another code of the visitor at the desk: nothing typed yet, and a signed
        kind of code the visitor has not shown (one person, one health code)."""
        v = self.visitor
        schemes = {s.scheme for s in v.scans}
        return (
            not v.typed
            and not v.manual
            and scan.scheme in SIGNED_SCHEMES
            and scan.scheme not in schemes
        )

    def edit(self, name: str, text: str, now: float) -> None:
        """The volunteer typed into a field (``text`` as it now stands). While a stop
        waits the form is closed: the next visitor comes after its disposition."""
        if self.pending_stop is not None:
            return
        typed = set(self.visitor.typed)
        if text.strip():
            typed.add(name)
        else:
            typed.discard(name)
        self._begin(replace(self.visitor, typed=frozenset(typed)), now)

    def measured(self, text: str, now: float) -> MeasureStep:
        """A thermometer (keyboard or serial) sent a reading ``text``: the visitor's
        temperature, as if typed into its field; while a stop waits, its re-measure."""
        if self.pending_stop is not None:
            return MeasureStep.RETEST
        self.edit("temperature", text, now)
        return MeasureStep.TEMPERATURE

    def colour(self, colour: str, now: float) -> bool:
        """The volunteer's G/Y/R after looking at the phone; True when it counted."""
        if self.pending_stop is not None or not self.visitor.needs_colour:
            return False
        self.visitor = replace(self.visitor, colour=colour)
        return True

    def enter(self, now: float) -> EnterStep:
        """Enter in the form: commit the visitor, or take the queued scan."""
        if self.pending_stop is not None:
            return EnterStep.KEEP_STOP
        v = self.visitor
        if v.typed == {"plate"} and not v.scans and not v.manual and self.vehicle is None:
            return EnterStep.START_VEHICLE
        if not v.empty and not (v.manual and not v.typed):
            return EnterStep.NEED_COLOUR if v.needs_colour else EnterStep.COMMIT
        if self.queued:
            self.take_queued(now)
            return EnterStep.TAKE_QUEUED
        if self.vehicle is not None and v.empty and not self._fresh(now):
            self.close_vehicle(now)
            return EnterStep.CLOSE_VEHICLE
        return EnterStep.NOTHING

    def start_vehicle(self, plate: str, now: float, entry_id: str = "") -> bool:
        """A plate was given (F4, or the plate alone + Enter): its occupants follow.
        Refused while a stop waits, a vehicle is open or a visitor is half typed
        (other than the plate itself)."""
        v = self.visitor
        if (
            self.pending_stop is not None
            or self.vehicle is not None
            or not plate.strip()
            or v.scans
            or v.manual
            or v.typed - {"plate"}
        ):
            return False
        self.vehicle = VehicleEntry(entry_id or new_entry_id(), plate.strip())
        self.visitor = Visitor()
        self.closed_vehicle = None
        self._show(Shown.READY, now)
        return True

    def close_vehicle(self, now: float) -> VehicleEntry | None:
        """The vehicle is done: its verdict shows (none for a vehicle nobody was
        registered in). Refused while one of its occupants' stops waits."""
        vehicle = self.vehicle
        if vehicle is None or self.pending_stop is not None:
            return None
        self.vehicle = None
        if vehicle.occupants:
            self.closed_vehicle = vehicle
            self.verdict = ShownVerdict(vehicle.passed)
            self._show(Shown.VEHICLE, now)
        else:
            self._show(Shown.READY, now)
        return vehicle

    def shift_closed(self, now: float) -> VehicleEntry | None:
        """The shift ends: an open vehicle is closed with the occupants registered (they
        are committed visits), even while one of their stops waits: that stop stays
        pending for its disposition, which still counts for the vehicle. None when no
        vehicle (or one nobody was registered in) was open. The screen is the desk's:
        the next operator starts with no vehicle."""
        vehicle = self.vehicle
        if vehicle is None:
            return None
        self.vehicle = None
        self.closed_vehicle = vehicle if vehicle.occupants else None
        return self.closed_vehicle

    def take_queued(self, now: float) -> Scan | None:
        """The next visitor's scan becomes the visitor (the form was empty)."""
        if not self.queued or self.pending_stop is not None:
            return None
        first, self.queued = self.queued[0], self.queued[1:]
        self._begin(Visitor(scans=(first,)), now, force=True)
        return first

    def clear(self, now: float) -> None:
        """Esc: this visitor's form is emptied; a pending stop and the queue stay. Esc on
        an empty occupant leaves the vehicle: closed with the occupants registered."""
        if self.visitor.empty and self.vehicle is not None and self.pending_stop is None:
            self.close_vehicle(now)
            return
        self.reset_form(now)

    def reset_form(self, now: float) -> None:
        """The desk emptied the form (started, unlocked): a stop, the queue and an open
        vehicle stay."""
        self.visitor = Visitor()
        if self.pending_stop is None:
            self._show(Shown.READY, now)

    def manual(self, now: float) -> bool:
        """Ctrl+N: the special-care lane (ID number and name by hand) for a new visitor."""
        if self.pending_stop is not None:
            return False
        self.visitor = Visitor(manual=True, started_at=now)
        self._show(Shown.WAITING, now)
        return True

    def tick(self, now: float) -> None:
        """Time passes: a verdict older than ``verdict_hold_s`` gives way to ready."""
        if self.shown in VERDICTS and now - self.shown_at >= self.verdict_hold_s:
            self._show(Shown.READY, now)

    def dispose(self, disposition: str, retest: str, now: float) -> Dispose:
        """A disposition was chosen for the waiting stop (a button, Alt+n, a lone digit,
        Enter in the re-test field). A re-measure is recorded only with a body
        temperature; the stop stays, whatever the answer, until disposition_recorded()."""
        if self.pending_stop is None:
            return Dispose(DisposeStep.NOTHING)
        if disposition != Disposition.REMEASURED:
            return Dispose(DisposeStep.RECORD)
        value = retest.strip()
        if not value:
            return Dispose(DisposeStep.REFUSED, problem=_retest_missing())
        try:
            measured = parse_temperature(value)
        except ValidationError as exc:
            problem = _not_a_body_temperature(value) if exc.code == "temperature_range" else exc
            return Dispose(DisposeStep.REFUSED, problem=problem)
        return Dispose(DisposeStep.RECORD, retest=format_temperature(measured))

    def stray_digits(self, digits: str, now: float) -> ValidationError | None:
        """Digits typed where no field takes them ("385" while a stop's panel has the
        cursor): what to tell the volunteer; nothing is recorded. None with no stop."""
        if self.pending_stop is None:
            return None
        return ValidationError(
            "digits_during_stop",
            # One line at font scale 1.5 in the stop panel (two squeezed the form).
            N_("{value} not recorded: choose 1–4 first."),
            value=digits,
        )

    # -- results of the work done for an intent ----------------------------------------
    def committed(self, verdict: ShownVerdict, now: float, name: str = "") -> None:
        """The visitor was registered (durably) with ``verdict``."""
        for text in self.visitor.texts:
            self._recent[text] = _Recent(now, name)
        visit_id = verdict.visit_id or uuid.uuid4()
        self.visitor = Visitor()
        self.verdict = verdict
        if self.vehicle is not None:
            occupant = Occupant(visit_id, name, verdict.passed)
            self.vehicle = replace(self.vehicle, occupants=(*self.vehicle.occupants, occupant))
        if verdict.passed:
            self._show(Shown.PASS, now)
        else:
            self.pending_stop = visit_id
            self._show(Shown.STOP, now)

    def disposition_recorded(self, passed: bool, detail: str, now: float) -> None:
        """The stop's disposition is in the database: show its outcome."""
        if self.pending_stop is None:
            return
        self.verdict = ShownVerdict(passed, self.pending_stop, detail=detail)
        if self.vehicle is not None:
            self.vehicle = self.vehicle.with_verdict(self.pending_stop, passed)
        elif self.closed_vehicle is not None:  # closed at the shift's end, this stop waiting
            self.closed_vehicle = self.closed_vehicle.with_verdict(self.pending_stop, passed)
        self.pending_stop = None
        self._show(Shown.OUTCOME, now)

    # -- helpers --------------------------------------------------------------------------
    def _begin(self, visitor: Visitor, now: float, *, force: bool = False) -> None:
        """The visitor changed: a verdict gives way to its data (never beside it)."""
        if visitor.empty or visitor.started_at is None:  # the lane's clock (re)starts
            visitor = replace(visitor, started_at=None if visitor.empty else now)
        self.visitor = visitor
        if self.pending_stop is not None:
            return
        if visitor.empty:
            if self.shown is Shown.WAITING:
                self._show(Shown.READY, now)
            return
        if force or self.shown is not Shown.WAITING:
            self._show(Shown.WAITING, now)

    def _show(self, shown: Shown, now: float) -> None:
        self.shown = shown
        self.shown_at = now
        if shown is not Shown.DUPLICATE:
            self.duplicate_of = ""

    def _forget_old(self, now: float) -> None:
        for text in [t for t, r in self._recent.items() if now - r.at >= self.duplicate_window_s]:
            del self._recent[text]
