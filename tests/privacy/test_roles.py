"""Supervisor-only acts: refused without a supervisor's PIN, audited with one."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from checkpoint_desk.domain.screening import ScreeningRules
from checkpoint_desk.domain.verdict import Disposition
from checkpoint_desk.paths import DataDir
from checkpoint_desk.services.audit import verify_chain
from checkpoint_desk.services.operators import PinError
from checkpoint_desk.services.roles import (
    RoleError,
    SupervisorApproval,
    approve,
    change_settings,
    unmask_person,
)
from checkpoint_desk.services.today import day_counts, visits_between
from checkpoint_desk.services.visit_edits import VisitEditError, delete_visit, edit_visit
from checkpoint_desk.services.visits import (
    RegisteredVisit,
    VisitDraft,
    register_visit,
    set_disposition,
)
from checkpoint_desk.settings import Settings
from checkpoint_desk.store.models import AuditEntry, Operator, Shift, Station, Visit
from tests.conftest import FakeClock
from tests.services.conftest import make_id

ID = make_id(21)
TZ = ZoneInfo("Asia/Shanghai")


def visit(
    engine: Engine, station: Station, shift: Shift, clock: FakeClock, temp: str = "36.5"
) -> RegisteredVisit:
    return register_visit(
        engine,
        VisitDraft(name="赵六", id_number=ID, phone="13812340000", temperature=temp),
        station_id=station.id,
        shift_id=shift.id,
        rules=ScreeningRules(),
        clock=clock,
    )


def actions(engine: Engine) -> list[AuditEntry]:
    with Session(engine) as session:
        assert verify_chain(session).ok
        return list(session.exec(select(AuditEntry)))


def test_a_volunteer_gets_no_approval_and_a_wrong_pin_none_either(
    engine: Engine, volunteer: Operator, supervisor: Operator, clock: FakeClock
) -> None:
    with pytest.raises(RoleError, match="Only a supervisor"):
        approve(engine, volunteer.id, "1234", clock=clock)
    with pytest.raises(PinError, match="Wrong PIN"):
        approve(engine, supervisor.id, "000000", clock=clock)
    forged = SupervisorApproval(supervisor.id, supervisor.station_id, "李主任", clock())
    with pytest.raises(RoleError):  # made by hand, not by approve(): refused
        unmask_person(engine, supervisor.id, approval=forged, clock=clock)
    fresh = approve(engine, supervisor.id, "987654", clock=clock)
    clock.advance(minutes=6)
    with pytest.raises(RoleError, match="expired"):
        unmask_person(engine, supervisor.id, approval=fresh, clock=clock)
    assert [e.action for e in actions(engine)][-2:] == ["pin_failed", "supervisor_approval"]


def test_unmask_needs_a_supervisor_and_is_audited(
    engine: Engine, station: Station, shift: Shift, supervisor: Operator, clock: FakeClock
) -> None:
    done = visit(engine, station, shift, clock)
    assert done.person_id is not None
    [row] = visits_between(engine, clock() - timedelta(hours=1), clock() + timedelta(hours=1))
    assert row.id_masked == ID[:6] + "********" + ID[-4:]  # the list shows it masked
    with pytest.raises(RoleError):
        unmask_person(engine, done.person_id, approval=None, clock=clock)
    shown = unmask_person(
        engine,
        done.person_id,
        approval=approve(engine, supervisor.id, "987654", clock=clock),
        reason="核对身份",
        clock=clock,
    )
    assert (shown.id_number, shown.phone) == (ID, "13812340000")
    entry = actions(engine)[-1]
    assert entry.action == "unmask" and entry.operator_id == supervisor.id
    assert ID not in str(entry.detail)  # the audit says who and whom, not the number


def test_settings_change_needs_a_supervisor_and_is_audited(
    engine: Engine, data_dir: DataDir, supervisor: Operator, clock: FakeClock
) -> None:
    settings = Settings.load(data_dir.settings_file)
    with pytest.raises(RoleError):
        change_settings(engine, settings, {"idle_lock_min": 3}, approval=None, clock=clock)
    assert Settings.load(data_dir.settings_file).values.idle_lock_min != 3
    approval = approve(engine, supervisor.id, "987654", clock=clock)
    changed = change_settings(
        engine, settings, {"idle_lock_min": 3}, approval=approval, clock=clock
    )
    assert changed == {"idle_lock_min": 3}
    assert Settings.load(data_dir.settings_file).values.idle_lock_min == 3
    entry = actions(engine)[-1]
    assert entry.action == "settings_change" and entry.detail == {"changed": {"idle_lock_min": 3}}


def test_override_of_a_stop_needs_a_supervisor(
    engine: Engine, station: Station, shift: Shift, volunteer: Operator,
    supervisor: Operator, clock: FakeClock,
) -> None:  # fmt: skip
    stopped = visit(engine, station, shift, clock, temp="38.2")
    with pytest.raises(RoleError):
        set_disposition(
            engine, stopped.visit_id, Disposition.ALLOWED, operator_id=volunteer.id, clock=clock
        )
    set_disposition(
        engine, stopped.visit_id, Disposition.ALLOWED, operator_id=volunteer.id,
        approval=approve(engine, supervisor.id, "987654", clock=clock), clock=clock,
    )  # fmt: skip
    entry = actions(engine)[-1]
    assert entry.action == "override" and entry.operator_id == supervisor.id


def test_edit_and_delete_a_committed_visit(
    engine: Engine, station: Station, shift: Shift, supervisor: Operator, clock: FakeClock
) -> None:
    done = visit(engine, station, shift, clock)
    day = clock().astimezone(TZ).date()
    with pytest.raises(RoleError):
        edit_visit(engine, done.visit_id, {"purpose": "送货"}, approval=None, clock=clock)
    approval = approve(engine, supervisor.id, "987654", clock=clock)
    edited = edit_visit(
        engine, done.visit_id, {"purpose": "送货", "direction": "out", "temperature": "365"},
        approval=approval, reason="录错", clock=clock,
    )  # fmt: skip
    assert (edited.purpose, edited.direction, edited.revision) == ("送货", "out", 2)
    entry = actions(engine)[-1]
    assert entry.action == "visit_edit" and entry.detail["before"]["direction"] == "in"
    assert day_counts(engine, day, TZ).left == 1

    with pytest.raises(RoleError):
        delete_visit(engine, done.visit_id, approval=None, clock=clock)
    gone = delete_visit(engine, done.visit_id, approval=approval, reason="重复", clock=clock)
    assert gone.deleted_at == clock() and gone.revision == 3  # a tombstone that syncs
    assert actions(engine)[-1].action == "visit_delete"
    assert visits_between(engine, clock() - timedelta(hours=2), clock()) == []
    assert day_counts(engine, day, TZ).left == 0
    with Session(engine) as session:  # still there for the hub, marked deleted
        assert session.get(Visit, done.visit_id) is not None
    with pytest.raises(VisitEditError):
        edit_visit(engine, done.visit_id, {"note": "x"}, approval=approval, clock=clock)


def test_deleted_visits_leave_the_ledger(
    engine: Engine, station: Station, shift: Shift, supervisor: Operator, clock: FakeClock,
    tmp_path: Path,
) -> None:  # fmt: skip
    from checkpoint_desk.export.ledger_rows import build_ledger

    first = visit(engine, station, shift, clock)
    clock.advance(minutes=5)
    visit(engine, station, shift, clock)
    day: date = clock().astimezone().date()
    assert len(build_ledger(engine, day=day, lang="en").rows) == 2
    approval = approve(engine, supervisor.id, "987654", clock=clock)
    delete_visit(engine, first.visit_id, approval=approval, clock=clock)
    assert len(build_ledger(engine, day=day, lang="en").rows) == 1
