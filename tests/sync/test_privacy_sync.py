"""What the hub gets from a sealed station: whole numbers, tombstones, the audit trail."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from checkpoint_desk.domain.screening import ScreeningRules
from checkpoint_desk.hub.database import open_hub_database
from checkpoint_desk.hub.tables import audit, visit
from checkpoint_desk.services.operators import create_operator
from checkpoint_desk.services.roles import approve
from checkpoint_desk.services.sync import sync_now
from checkpoint_desk.services.visit_edits import delete_visit
from checkpoint_desk.services.visits import VisitDraft, register_visit
from tests.services.conftest import make_id
from tests.support.desks import enrol, make_desk
from tests.support.hubproc import HubProcess

ID = make_id(41)


def test_a_deleted_visit_reaches_the_hub_as_a_tombstone_with_its_audit(
    sqlite_hub: HubProcess, tmp_path: Path
) -> None:
    desk = make_desk(tmp_path / "desk", "西门卡点")
    enrol(desk, sqlite_hub, "西门")
    rules = ScreeningRules()
    kept, gone = (
        register_visit(
            desk.engine,
            VisitDraft(name=name, id_number=ID, phone="13812345678", temperature="36.5"),
            station_id=desk.station.id,
            shift_id=None,
            rules=rules,
        )
        for name in ("张伟", "张伟")
    )
    boss = create_operator(desk.engine, desk.station.id, "刘主任", "supervisor", "2468")
    delete_visit(desk.engine, gone.visit_id, approval=approve(desk.engine, boss.id, "2468"))
    report = sync_now(desk.engine, desk.data_dir, desk.settings)
    assert report.ok, report.errors
    hub = open_hub_database(sqlite_hub.db_url)
    try:
        with hub.connect() as conn:
            rows = {
                r.id: r
                for r in conn.execute(sa.select(visit.c.id, visit.c.id_number, visit.c.deleted_at))
            }
            actions = [r.action for r in conn.execute(sa.select(audit.c.action))]
    finally:
        hub.dispose()
        desk.close()
    assert rows[kept.visit_id].id_number == ID and rows[kept.visit_id].deleted_at is None
    assert rows[gone.visit_id].deleted_at is not None
    assert "visit_delete" in actions and "supervisor_approval" in actions
