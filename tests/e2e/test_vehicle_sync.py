"""A vehicle's occupants keep their link at the hub (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from checkpoint_desk.domain.screening import ScreeningRules
from checkpoint_desk.domain.vehicle_entry import new_entry_id
from checkpoint_desk.hub.community_ledger import build_hub_ledger
from checkpoint_desk.hub.database import open_hub_database
from checkpoint_desk.hub.tables import visit
from checkpoint_desk.services.drafts import VisitDraft
from checkpoint_desk.services.sync import sync_now
from checkpoint_desk.services.visits import register_visit
from tests.support.desks import Desk, enrol, make_desk
from tests.support.hubproc import HubProcess

AT = datetime(2026, 11, 28, 8, 0, tzinfo=UTC)


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    made = make_desk(tmp_path / "desk", "北门卡点")
    yield made
    made.close()


def test_the_occupants_arrive_linked_and_the_hub_ledger_groups_them(
    hub: HubProcess, desk: Desk
) -> None:
    enrol(desk, hub, "北门-车辆")
    entry = new_entry_id()
    occupants = [("张伟", "365"), ("李娜", "385")]
    ids = []
    for n, (name, temperature) in enumerate(occupants):
        at = AT + timedelta(minutes=2 * n)  # the walker comes between them
        draft = VisitDraft(
            name=name, plate="鲁H12345", temperature=temperature, vehicle_entry=entry, at=at
        )
        done = register_visit(
            desk.engine, draft, station_id=desk.station.id, shift_id=None, rules=ScreeningRules()
        )
        ids.append(done.visit_id)
    walker = VisitDraft(name="步行", temperature="366", at=AT + timedelta(minutes=1))
    register_visit(
        desk.engine, walker, station_id=desk.station.id, shift_id=None, rules=ScreeningRules()
    )
    report = sync_now(desk.engine, desk.data_dir, desk.settings)
    assert (report.acknowledged, report.rejected) == (3, 0)
    engine = open_hub_database(hub.db_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                sa.select(visit.c.id, visit.c.vehicle_entry, visit.c.plate, visit.c.verdict).where(
                    visit.c.station_id == desk.station.id
                )
            ).all()
        linked = {r.id: (r.vehicle_entry, r.plate, r.verdict) for r in rows}
        assert [linked[i] for i in ids] == [
            (entry, "鲁H12345", "pass"),
            (entry, "鲁H12345", "stop"),
        ]
        assert sum(1 for r in rows if r.vehicle_entry is None) == 1
        ledger = build_hub_ledger(engine, AT.astimezone().date(), lang="en")
        mine = [r for r in ledger.rows if r.name in ("张伟", "李娜", "步行")]
        assert [r.name for r in mine] == ["张伟", "李娜", "步行"], "the vehicle's rows adjacent"
        grouped = [r for r in mine if r.vehicle]
        assert [r.name for r in grouped] == ["张伟", "李娜"]
        assert all(r.passengers == 1 for r in grouped)
    finally:
        engine.dispose()
