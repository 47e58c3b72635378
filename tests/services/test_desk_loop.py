"""The registration loop's rules hold for every sequence of scans, keys and timeouts."""

from __future__ import annotations

import uuid
from decimal import Decimal

from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from checkpoint_desk.domain.temperature import HIGHEST_C, LOWEST_C, parse_temperature
from checkpoint_desk.errors import ValidationError
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

# A provincial code's URL has a "g" in it (".gov"): it must never confirm green.
TEXTS = [
    "https://hc.example.gov.cn/code?uid=ABC-123456",
    "https://hc.example.gov.cn/code?uid=NEXT-654321",
    "HC1:NCFOXN%TS3DH3ZSUZK+.V0ETD%65NL-AH",
    "CKH1:6BFOXN%TS3DH3ZSUZK",
    "CKT1:6BFOXN%TS3DH3ZSUZK",
    "CKP1:6BFOXN%TS3DH3ZSUZK",
    "CKP1:AAAA1111BBBB",
]
# What a volunteer may have in the re-test field: "85" is what is left of "385" after
# its "3" chose "re-measured"; 100 is a °F reading (37.8 ℃).
RETESTS = ["", "36.6", "366", "385", "85", "3", "43.1", "33.9", "100", "98.6F", "abc", "3850"]
SCHEMES = {"HC1": "HC1", "CKH1": "CKH1", "CKT1": "CKT1", "CKP1": "CKP1"}


def scan_of(text: str, source: str = "camera") -> Scan:
    scheme = text.split(":", 1)[0] if text.split(":", 1)[0] in SCHEMES else ""
    return Scan(text, source, scheme, needs_colour=not scheme)


class DeskLoopMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.loop = DeskLoop()
        self.now = 1000.0
        self.expected_stop: uuid.UUID | None = None
        self.expected_queue: list[str] = []
        self.colour_given = False  # the volunteer pressed G/Y/R for this visitor
        # Vehicles: each committed occupant's verdict as it now stands, the open
        # vehicle's occupants, and every vehicle closed so far.
        self.verdicts: dict[uuid.UUID, bool] = {}
        self.open_occupants: list[uuid.UUID] = []
        self.closed: list[VehicleEntry] = []
        self.recorded: list[tuple[str, str]] = []  # (disposition, re-test) in the database

    # -- intents ----------------------------------------------------------------------
    @rule(text=st.sampled_from(TEXTS), source=st.sampled_from(["camera", "wedge"]))
    def scan(self, text: str, source: str) -> None:
        loop = self.loop
        before_texts = loop.visitor.texts
        busy = bool(loop.visitor.typed) or loop.visitor.manual or loop.pending_stop is not None
        shown, shown_at = loop.shown, loop.shown_at
        fresh = shown in (Shown.PASS, Shown.OUTCOME) and self.now - shown_at < loop.min_verdict_s
        full = len(loop.queued) >= 4
        step = loop.scan(scan_of(text, source), self.now)
        if busy or fresh:
            assert loop.visitor.texts == before_texts, "a scan never joins a typed visitor"
        if fresh:
            assert (loop.shown, loop.shown_at) == (shown, shown_at), "the verdict stays"
        if step is ScanStep.QUEUED:
            assert loop.visitor.texts == before_texts
            if not full:
                self.expected_queue.append(text)
        if step is ScanStep.TAKEN:
            assert loop.visitor.texts == (text,)
            self.colour_given = False
        if step is ScanStep.JOINED:
            assert loop.visitor.texts == (*before_texts, text)

    @rule(
        name=st.sampled_from(["name", "temperature", "id_number", "plate"]),
        text=st.sampled_from(["", "365", "李娜", "g"]),
    )
    def edit(self, name: str, text: str) -> None:
        was_empty = self.loop.visitor.empty
        self.loop.edit(name, text, self.now)
        if was_empty and not self.loop.visitor.empty:
            self.colour_given = False

    @rule(reading=st.sampled_from(["36.5", "37.9", "98.1F"]))
    def measured(self, reading: str) -> None:
        """A thermometer's reading: the visitor's temperature, or a waiting stop's retest."""
        loop = self.loop
        was_empty, stop = loop.visitor.empty, loop.pending_stop
        step = loop.measured(reading, self.now)
        if stop is not None:
            assert step is MeasureStep.RETEST and loop.visitor.empty
        else:
            assert step is MeasureStep.TEMPERATURE and "temperature" in loop.visitor.typed
            if was_empty:
                self.colour_given = False

    @rule(colour=st.sampled_from(["green", "yellow", "red"]))
    def colour(self, colour: str) -> None:
        needed = self.loop.visitor.needs_colour and self.loop.pending_stop is None
        counted = self.loop.colour(colour, self.now)
        assert counted == needed
        if counted:
            self.colour_given = True

    @rule(outcome=st.sampled_from(["pass", "stop", "refused"]))
    def enter(self, outcome: str) -> None:
        loop = self.loop
        had_stop = loop.pending_stop is not None
        step = loop.enter(self.now)
        if had_stop:
            assert step is EnterStep.KEEP_STOP
        if step is EnterStep.TAKE_QUEUED:
            first = self.expected_queue.pop(0)
            assert loop.visitor.texts == (first,), "Enter takes the queued scan, whole"
            self.colour_given = False
        if step is EnterStep.COMMIT and outcome != "refused":
            visit_id = uuid.uuid4()
            in_vehicle = loop.vehicle is not None
            loop.committed(ShownVerdict(outcome == "pass", visit_id), self.now, "李娜")
            if outcome == "stop":
                self.expected_stop = visit_id
            if in_vehicle:
                self.verdicts[visit_id] = outcome == "pass"
                self.open_occupants.append(visit_id)
            self.colour_given = False
        if step is EnterStep.START_VEHICLE:
            self.start_vehicle()
        if step is EnterStep.CLOSE_VEHICLE:
            self._closed_now()

    @rule()
    def start_vehicle(self) -> None:
        """F4 (or the plate alone and Enter)."""
        loop = self.loop
        had = loop.vehicle
        started = loop.start_vehicle("鲁H12345", self.now)
        if started:
            assert had is None and loop.vehicle is not None and not loop.vehicle.occupants
            assert loop.visitor.empty
            self.open_occupants = []
        else:
            assert loop.vehicle is had

    def _closed_now(self) -> None:
        closed = self.loop.closed_vehicle
        assert self.loop.vehicle is None
        if self.open_occupants:
            assert closed is not None and self.loop.shown is Shown.VEHICLE
            assert [o.visit_id for o in closed.occupants] == self.open_occupants
            self.closed.append(closed)
        self.open_occupants = []

    @rule(
        disposition=st.sampled_from(["denied", "referred", "remeasured", "allowed"]),
        retest=st.sampled_from(RETESTS),
    )
    def disposition(self, disposition: str, retest: str) -> None:
        """A disposition chosen (button, Alt+n, a lone digit, Enter in the re-test field);
        the desk records what the loop's answer says, and nothing else."""
        step = self.loop.dispose(disposition, retest, self.now)
        if step.step is not DisposeStep.RECORD:
            assert step.step is DisposeStep.NOTHING or step.problem is not None
            return
        self.recorded.append((disposition, step.retest))
        passed = disposition == "remeasured" and float(step.retest) < 37.3
        self.loop.disposition_recorded(passed, "re-measured 36.6 → pass", self.now)
        last = self.loop.closed_vehicle  # closed at the shift's end, its stop disposed now
        if last is not None and self.closed and self.closed[-1].entry_id == last.entry_id:
            self.closed[-1] = last
        if self.expected_stop in self.verdicts:
            self.verdicts[self.expected_stop] = passed
        if self.expected_stop is not None:
            self.expected_stop = None
            assert self.loop.shown is Shown.OUTCOME

    @rule(digits=st.sampled_from(["385", "85", "3", "12", "366"]))
    def digits_while_nothing_takes_them(self, digits: str) -> None:
        """Digits typed where no field takes them (a stop waits: its panel has focus)."""
        problem = self.loop.stray_digits(digits, self.now)
        assert (problem is not None) == (self.expected_stop is not None)

    @rule()
    def clear(self) -> None:
        had_vehicle = self.loop.vehicle is not None
        self.loop.clear(self.now)
        if had_vehicle and self.loop.vehicle is None:
            self._closed_now()
        self.colour_given = False

    @rule()
    def manual(self) -> None:
        if self.loop.manual(self.now):
            self.colour_given = False

    @rule(seconds=st.sampled_from([0.2, 1.0, 2.0, 9.0, 11.0]))
    def tick(self, seconds: float) -> None:
        self.now += seconds
        self.loop.tick(self.now)

    @rule()
    def close_shift(self) -> None:
        # the shift ends with a vehicle open: it is closed with the occupants registered,
        # even while one of their stops still waits (that stop stays, for its disposition)
        loop, pending = self.loop, self.loop.pending_stop
        closed = loop.shift_closed(self.now)
        assert loop.vehicle is None and loop.pending_stop == pending
        if self.open_occupants:
            assert closed is not None and loop.closed_vehicle is closed
            assert [o.visit_id for o in closed.occupants] == self.open_occupants
            self.closed.append(closed)
        self.open_occupants = []

    @rule()
    def restart(self) -> None:
        # the desk remembers its unfinished vehicle (services/vehicle_entries.py)
        self.loop = DeskLoop.restarted(self.loop, self.loop.pending_stop, self.loop.vehicle)
        self.expected_queue.clear()
        self.colour_given = False

    # -- what must hold after every step ------------------------------------------------
    @invariant()
    def a_stop_stays_until_its_disposition(self) -> None:
        assert self.loop.pending_stop == self.expected_stop
        if self.expected_stop is not None:
            assert self.loop.shown is Shown.STOP
            assert self.loop.phase is Phase.STOP_PENDING

    @invariant()
    def no_disposition_is_recorded_with_an_out_of_range_retest(self) -> None:
        for disposition, retest in self.recorded:
            if disposition != "remeasured":
                assert retest == ""
                continue
            assert LOWEST_C <= Decimal(retest) <= HIGHEST_C, retest
            assert f"{parse_temperature(retest).celsius:.1f}" == retest

    @invariant()
    def only_the_volunteer_confirms_a_colour(self) -> None:
        if self.loop.visitor.colour is not None:
            assert self.colour_given

    @invariant()
    def no_verdict_beside_a_new_visitors_data(self) -> None:
        loop = self.loop
        if loop.pending_stop is None:
            assert (loop.shown is Shown.WAITING) == (not loop.visitor.empty)
        else:
            assert loop.visitor.empty, "the form is closed while a stop waits"

    @invariant()
    def the_manual_lane_takes_no_scan(self) -> None:
        if self.loop.visitor.manual:
            assert not self.loop.visitor.scans

    @invariant()
    def a_queued_scan_is_kept_until_taken(self) -> None:
        assert [q.text for q in self.loop.queued] == self.expected_queue

    @invariant()
    def a_verdict_gives_way_after_the_hold_time(self) -> None:
        loop = self.loop
        if loop.shown in (Shown.PASS, Shown.OUTCOME, Shown.DUPLICATE, Shown.VEHICLE):
            assert self.now - loop.shown_at < loop.verdict_hold_s

    @invariant()
    def a_vehicle_stops_iff_one_of_its_occupants_does(self) -> None:
        for vehicle in [*self.closed, *([self.loop.vehicle] if self.loop.vehicle else [])]:
            expected = [self.verdicts[o.visit_id] for o in vehicle.occupants]
            assert [o.passed for o in vehicle.occupants] == expected
            assert vehicle.passed == all(expected)
            assert {o.visit_id for o in vehicle.stopped_by} == {
                o.visit_id for o in vehicle.occupants if not self.verdicts[o.visit_id]
            }
        if self.loop.shown is Shown.VEHICLE:
            assert self.loop.closed_vehicle is not None and self.loop.verdict is not None
            assert self.loop.verdict.passed == self.loop.closed_vehicle.passed

    @invariant()
    def no_occupant_is_in_two_vehicles_and_none_is_lost(self) -> None:
        vehicles = [*self.closed, *([self.loop.vehicle] if self.loop.vehicle else [])]
        ids = [o.visit_id for v in vehicles for o in v.occupants]
        assert len(ids) == len(set(ids))
        assert len({v.entry_id for v in vehicles}) == len(vehicles)
        open_ids = [o.visit_id for o in self.loop.vehicle.occupants] if self.loop.vehicle else []
        assert open_ids == self.open_occupants


TestDeskLoop = DeskLoopMachine.TestCase


# -- the reported cases, one by one -------------------------------------------------------
def test_a_second_scan_while_the_colour_waits_is_queued_not_a_colour() -> None:
    loop = DeskLoop()
    assert loop.scan(scan_of(TEXTS[0]), 10.0) is ScanStep.TAKEN
    assert loop.phase is Phase.AWAITING_COLOUR
    assert loop.scan(scan_of(TEXTS[1], "wedge"), 11.0) is ScanStep.QUEUED
    assert loop.visitor.colour is None and loop.phase is Phase.AWAITING_COLOUR


def test_a_health_code_and_a_travel_code_are_one_visitor() -> None:
    loop = DeskLoop()
    loop.scan(scan_of("CKH1:6BFOXN%TS3DH3ZSUZK"), 10.0)
    assert loop.scan(scan_of("CKT1:6BFOXN%TS3DH3ZSUZK"), 10.5) is ScanStep.JOINED
    assert loop.scan(scan_of("CKH1:AAAA1111BBBB"), 11.0) is ScanStep.QUEUED, "a 2nd health code"


def test_a_stop_survives_enter_escape_a_scan_and_a_restart() -> None:
    loop = DeskLoop()
    loop.scan(scan_of("CKH1:6BFOXN%TS3DH3ZSUZK"), 10.0)
    loop.edit("temperature", "378", 11.0)
    assert loop.enter(12.0) is EnterStep.COMMIT
    stop = uuid.uuid4()
    loop.committed(ShownVerdict(False, stop), 12.0)
    assert loop.enter(13.0) is EnterStep.KEEP_STOP
    loop.clear(14.0)
    loop.scan(scan_of(TEXTS[0]), 15.0)
    loop = DeskLoop.restarted(loop, loop.pending_stop)
    assert loop.phase is Phase.STOP_PENDING and loop.shown is Shown.STOP
    loop.disposition_recorded(True, "re-measured 36.6 → pass", 20.0)
    assert loop.shown is Shown.OUTCOME and loop.phase is Phase.VERDICT


def test_a_verdict_stays_its_minimum_time_then_gives_way_to_a_scan() -> None:
    loop = DeskLoop()
    loop.manual(1.0)
    loop.edit("id_number", "370811198503121234", 2.0)
    loop.committed(ShownVerdict(True), 3.0)
    assert loop.scan(scan_of(TEXTS[2]), 3.5) is ScanStep.QUEUED
    assert loop.shown is Shown.PASS
    assert loop.scan(scan_of(TEXTS[3]), 5.0) is ScanStep.TAKEN
    assert loop.shown is Shown.WAITING


def test_a_vehicle_is_stopped_by_its_occupant_with_fever_and_closed_by_enter() -> None:
    loop = DeskLoop()
    loop.edit("plate", "鲁H12345", 1.0)
    assert loop.enter(2.0) is EnterStep.START_VEHICLE
    assert loop.start_vehicle("鲁H12345", 2.0)
    assert loop.phase is Phase.NEXT_OCCUPANT
    assert loop.enter(2.5) is EnterStep.CLOSE_VEHICLE, "nobody in it: it is dropped"
    assert loop.vehicle is None and loop.shown is Shown.READY
    loop = DeskLoop()
    loop.start_vehicle("鲁H12345", 2.0)
    loop.scan(scan_of("CKH1:6BFOXN%TS3DH3ZSUZK"), 3.0)
    loop.edit("temperature", "365", 4.0)
    assert loop.enter(5.0) is EnterStep.COMMIT
    first = uuid.uuid4()
    loop.committed(ShownVerdict(True, first), 5.0, "张伟")
    loop.scan(scan_of("CKH1:AAAA1111BBBB"), 7.0)
    loop.edit("temperature", "385", 8.0)
    assert loop.enter(9.0) is EnterStep.COMMIT
    fever = uuid.uuid4()
    loop.committed(ShownVerdict(False, fever), 9.0, "李娜")
    assert loop.enter(9.5) is EnterStep.KEEP_STOP, "the occupant's stop waits first"
    loop.disposition_recorded(False, "Recorded: denied", 10.0)
    assert loop.enter(10.5) is EnterStep.NOTHING, "the outcome stays its minimum time"
    assert loop.enter(12.0) is EnterStep.CLOSE_VEHICLE
    assert loop.shown is Shown.VEHICLE and loop.vehicle is None
    closed = loop.closed_vehicle
    assert closed is not None and not closed.passed
    assert [o.name for o in closed.stopped_by] == ["李娜"]


def test_escape_keeps_the_vehicle_until_the_occupant_form_is_empty() -> None:
    loop = DeskLoop()
    loop.start_vehicle("鲁H12345", 1.0)
    loop.edit("name", "张伟", 2.0)
    loop.edit("temperature", "365", 2.0)
    loop.committed(ShownVerdict(True, uuid.uuid4()), 3.0, "张伟")
    loop.edit("name", "王", 6.0)
    loop.clear(7.0)
    assert loop.vehicle is not None, "Esc empties the occupant, the vehicle stays"
    loop.clear(8.0)
    assert loop.vehicle is None and loop.shown is Shown.VEHICLE
    assert loop.closed_vehicle is not None and len(loop.closed_vehicle.occupants) == 1


def test_an_unfinished_vehicle_is_open_again_after_a_restart() -> None:
    loop = DeskLoop()
    loop.start_vehicle("鲁H12345", 1.0)
    loop.edit("name", "张伟", 2.0)
    loop.committed(ShownVerdict(True, uuid.uuid4()), 3.0, "张伟")
    loop = DeskLoop.restarted(loop, None, loop.vehicle)
    assert loop.phase is Phase.NEXT_OCCUPANT
    assert loop.vehicle is not None and loop.vehicle.plate == "鲁H12345"
    assert len(loop.vehicle.occupants) == 1


def _stopped(loop: DeskLoop) -> uuid.UUID:
    loop.scan(scan_of(TEXTS[2]), 10.0)
    loop.edit("temperature", "378", 11.0)
    visit_id = uuid.uuid4()
    loop.committed(ShownVerdict(False, visit_id), 12.0, "Li Na")
    return visit_id


def test_85_left_of_385_is_refused_saying_the_body_temperature_range() -> None:
    loop = DeskLoop()
    visit_id = _stopped(loop)
    step = loop.dispose("remeasured", "85", 13.0)
    assert step.step is DisposeStep.REFUSED and step.problem is not None
    assert step.problem.translated("en") == "85 is not a body temperature: 34.0–43.0\u00a0℃."
    assert step.problem.translated("zh_CN") == "85 不是体温：体温应在 34.0–43.0\u00a0℃ 之间。"
    assert loop.pending_stop == visit_id and loop.shown is Shown.STOP
    done = loop.dispose("remeasured", "385", 14.0)
    assert done.step is DisposeStep.RECORD and done.retest == "38.5"


def test_a_re_measure_without_its_temperature_says_what_to_type() -> None:
    loop = DeskLoop()
    _stopped(loop)
    step = loop.dispose("remeasured", "  ", 13.0)
    assert step.step is DisposeStep.REFUSED and isinstance(step.problem, ValidationError)
    assert "34.0–43.0" in step.problem.translated("en")
    assert loop.dispose("denied", "85", 13.0).retest == ""  # a denial takes no re-test


def test_digits_no_field_takes_while_a_stop_waits_are_explained() -> None:
    loop = DeskLoop()
    assert loop.stray_digits("385", 1.0) is None  # no stop: nothing to say
    _stopped(loop)
    problem = loop.stray_digits("385", 13.0)
    assert problem is not None and problem.translated("en").startswith("385 not recorded")
    assert loop.pending_stop is not None


def test_closing_the_shift_closes_the_open_vehicle_and_keeps_its_waiting_stop() -> None:
    loop = DeskLoop()
    assert loop.start_vehicle("鲁H12345", 1.0)
    first, second = uuid.uuid4(), uuid.uuid4()
    loop.committed(ShownVerdict(True, first), 2.0, "陈静")
    loop.committed(ShownVerdict(False, second), 3.0, "李娜")
    assert loop.close_vehicle(4.0) is None, "a vehicle does not close while a stop waits"
    closed = loop.shift_closed(5.0)
    assert closed is not None and [o.visit_id for o in closed.occupants] == [first, second]
    assert loop.vehicle is None and loop.pending_stop == second
    loop.disposition_recorded(True, "allowed", 6.0)
    assert loop.closed_vehicle is not None and loop.closed_vehicle.passed, "its verdict follows"
    assert DeskLoop().shift_closed(7.0) is None, "no vehicle open: nothing closed"
