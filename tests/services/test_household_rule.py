"""The household rule (一户一天N人): at most N exits a household a day; the N+1th stops."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine
from sqlmodel import Session

from checkpoint_desk.codes.reading import CodeReading, CodeStatus, ScreeningClaims, Subject
from checkpoint_desk.domain.screening import ScreeningRules
from checkpoint_desk.domain.verdict import Disposition
from checkpoint_desk.services.roles import approve
from checkpoint_desk.services.visits import VisitDraft, preview, register_visit, set_disposition
from checkpoint_desk.store.models import Operator, Shift, Station, Visit
from tests.conftest import FakeClock

QUOTA_2 = ScreeningRules(household_exit_quota=2)


def resident_pass(address: str, pid: str) -> CodeReading:
    return CodeReading(
        scheme="CKP1",
        status=CodeStatus.GREEN,
        text=f"CKP1:{pid}",
        issuer="demo-station",
        verified=True,
        subject=Subject(name="张伟", id_masked="370811********0011"),
        screening=ScreeningClaims(pass_id=pid, pass_kind="resident", address=address),
        kid="00112233",
    )


def out(
    engine: Engine, station: Station, shift: Shift, clock: FakeClock, **fields: object
) -> Visit:
    draft = VisitDraft(**{"direction": "out", "temperature": "36.5", **fields})  # type: ignore[arg-type]
    done = register_visit(
        engine, draft, station_id=station.id, shift_id=shift.id, rules=QUOTA_2, clock=clock
    )
    with Session(engine) as session:
        visit = session.get(Visit, done.visit_id)
        assert visit is not None
        return visit


def test_the_third_exit_of_a_household_with_passes_stops(
    engine: Engine, station: Station, shift: Shift, clock: FakeClock
) -> None:
    first = out(engine, station, shift, clock, readings=[resident_pass("3号楼2单元501", "P1")])
    second = out(engine, station, shift, clock, readings=[resident_pass("3号楼 2单元 501", "P2")])
    third = out(engine, station, shift, clock, readings=[resident_pass("３号楼2单元501", "P3")])
    assert (first.verdict, second.verdict) == ("pass", "pass")
    assert third.verdict == "stop" and third.reasons == ["household_quota"]
    assert third.household == "3号楼2单元501", "spacing and full-width digits are one household"


def test_a_typed_household_counts_like_a_pass_and_entries_do_not(
    engine: Engine, station: Station, shift: Shift, clock: FakeClock
) -> None:
    for name in ("李娜", "王芳"):
        assert out(engine, station, shift, clock, name=name, household="5-1-302").verdict == "pass"
    came_back = register_visit(
        engine,
        VisitDraft(direction="in", name="李娜", temperature="36.5", household="5-1-302"),
        station_id=station.id,
        shift_id=shift.id,
        rules=QUOTA_2,
        clock=clock,
    )
    assert came_back.verdict.passed, "an entry is no exit"
    draft = VisitDraft(direction="out", name="张伟", temperature="36.5", household="5-1-302")
    assert preview(engine, draft, QUOTA_2, clock=clock).reason_codes == ["household_quota"]
    third = out(engine, station, shift, clock, name="张伟", household="5-1-302")
    assert third.reasons == ["household_quota"]
    other = out(engine, station, shift, clock, name="赵六", household="5-1-303")
    assert other.verdict == "pass", "another household has its own count"
    nobody = out(engine, station, shift, clock, name="钱七")
    assert nobody.verdict == "pass", "no pass and no household typed: nothing to count"


def test_a_stopped_exit_counts_only_when_a_supervisor_let_it_through(
    engine: Engine,
    station: Station,
    shift: Shift,
    supervisor: Operator,
    clock: FakeClock,
) -> None:
    fever = out(engine, station, shift, clock, name="李娜", household="7-1", temperature="38.2")
    assert fever.verdict == "stop"
    assert out(engine, station, shift, clock, name="王芳", household="7-1").verdict == "pass"
    assert out(engine, station, shift, clock, name="张伟", household="7-1").verdict == "pass"
    third = out(engine, station, shift, clock, name="赵六", household="7-1")
    assert third.reasons == ["household_quota"]
    set_disposition(
        engine,
        third.id,
        Disposition.ALLOWED,
        operator_id=supervisor.id,
        approval=approve(engine, supervisor.id, "987654", clock=clock),
        clock=clock,
    )
    fourth = out(engine, station, shift, clock, name="钱七", household="7-1")
    assert fourth.reasons == ["household_quota"]


def test_the_count_starts_again_the_next_local_day(
    engine: Engine, station: Station, shift: Shift, clock: FakeClock
) -> None:
    for name in ("李娜", "王芳"):
        out(engine, station, shift, clock, name=name, household="9-9")
    assert out(engine, station, shift, clock, name="张伟", household="9-9").verdict == "stop"
    tomorrow = datetime.combine(
        (clock().astimezone() + timedelta(days=1)).date(), datetime.min.time()
    ).astimezone() + timedelta(hours=8)
    clock.now = tomorrow.astimezone(UTC)
    assert out(engine, station, shift, clock, name="张伟", household="9-9").verdict == "pass"


def test_with_the_rule_off_every_exit_passes(
    engine: Engine, station: Station, shift: Shift, clock: FakeClock
) -> None:
    for n in range(5):
        done = register_visit(
            engine,
            VisitDraft(direction="out", name=f"人{n}", temperature="36.5", household="1-1"),
            station_id=station.id,
            shift_id=shift.id,
            rules=ScreeningRules(),
            clock=clock,
        )
        assert done.verdict.passed
