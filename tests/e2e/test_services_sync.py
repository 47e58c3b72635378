"""The desk's own use-cases (register, disposition, deny list) round-trip through a hub."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from sqlmodel import Session, select

from checkpoint_desk.domain.screening import ScreeningRules
from checkpoint_desk.domain.verdict import Decision, Disposition
from checkpoint_desk.hub.database import open_hub_database
from checkpoint_desk.hub.reference import publish
from checkpoint_desk.hub.tables import audit, operator, visit
from checkpoint_desk.services.drafts import VisitDraft
from checkpoint_desk.services.operators import create_operator
from checkpoint_desk.services.shifts import open_shift
from checkpoint_desk.services.sync import sync_now
from checkpoint_desk.services.visits import register_visit, set_disposition
from checkpoint_desk.store.models import AuditEntry
from tests.support.desks import enrol, make_desk
from tests.support.hubproc import HubProcess

ID = "11010519491231002X"


def test_visits_their_dispositions_and_the_deny_list_round_trip(
    hub: HubProcess, tmp_path: Path
) -> None:
    desk = make_desk(tmp_path / "desk", "西门卡点")
    enrol(desk, hub, "西门")
    supervisor = create_operator(desk.engine, desk.station.id, "王芳", "supervisor", "2468")
    shift = open_shift(desk.engine, desk.station.id, supervisor.id)
    rules = ScreeningRules()
    fever = register_visit(
        desk.engine,
        VisitDraft(name="张伟", id_number=ID, temperature="38.2", confirmed_colour="green"),
        station_id=desk.station.id,
        shift_id=shift.id,
        rules=rules,
    )
    assert fever.verdict.decision is Decision.STOP
    assert sync_now(desk.engine, desk.data_dir, desk.settings).ok

    set_disposition(
        desk.engine,
        fever.visit_id,
        Disposition.REMEASURED,
        operator_id=supervisor.id,
        retest_temperature="36.8",
    )
    assert desk.waiting() == 1  # the disposition bumped the revision
    report = sync_now(desk.engine, desk.data_dir, desk.settings)
    assert report.ok, report.errors
    assert desk.waiting() == 0

    engine = open_hub_database(hub.db_url)
    with engine.connect() as conn:
        held = conn.execute(sa.select(visit).where(visit.c.id == fever.visit_id)).one()
        audited = conn.execute(
            sa.select(audit.c.action, audit.c.hash).where(audit.c.station_id == desk.station.id)
        ).all()
        names = conn.execute(
            sa.select(operator.c.name, operator.c.role).where(
                operator.c.station_id == desk.station.id
            )
        ).all()
    assert (held.revision, held.verdict, held.disposition) == (2, "pass", "remeasured")
    assert held.retest_temperature_c == 36.8
    assert held.shift_id == shift.id
    # 王芳, and 站长 who enrolled the desk (tests.support.desks.enrol)
    assert sorted(tuple(n) for n in names) == [("王芳", "supervisor"), ("站长", "supervisor")]
    with Session(desk.engine) as session:  # the desk's audit trail reached the hub intact
        trail = session.exec(select(AuditEntry)).all()
    assert {(a.action, a.hash) for a in trail} == {tuple(a) for a in audited}
    assert "operator_add" in {a.action for a in trail}

    # The office puts this ID number on the deny list; the desk stops it after a sync.
    publish(engine, "deny_list", {"id_numbers": [ID]})  # the hub keys them (issue 14)
    engine.dispose()
    assert "deny_list" in sync_now(desk.engine, desk.data_dir, desk.settings).pulled_kinds
    again = register_visit(
        desk.engine,
        VisitDraft(name="张伟", id_number=ID, temperature="36.5", confirmed_colour="green"),
        station_id=desk.station.id,
        shift_id=shift.id,
        rules=rules,
    )
    assert again.verdict.decision is Decision.STOP
    assert "deny_list" in again.verdict.reason_codes
    desk.close()
