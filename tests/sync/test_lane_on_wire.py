"""Each visit's lane seconds travel to the hub (issue 16: the hub's pace per station)."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from checkpoint_desk.domain.screening import ScreeningRules
from checkpoint_desk.hub.database import open_hub_database
from checkpoint_desk.hub.tables import visit as hub_visit
from checkpoint_desk.services.sync import sync_now
from checkpoint_desk.services.visits import VisitDraft, register_visit
from checkpoint_desk.sync import outbox
from checkpoint_desk.sync.wire import VisitIn
from tests.support.desks import enrol, make_desk
from tests.support.hubproc import HubProcess


def test_lane_seconds_are_synced(sqlite_hub: HubProcess, tmp_path: Path) -> None:
    desk = make_desk(tmp_path / "desk", "西门卡点")
    enrol(desk, sqlite_hub, "西门")
    timed = register_visit(
        desk.engine,
        VisitDraft(name="张三", temperature="36.5", lane_seconds=12.5),
        station_id=desk.station.id,
        shift_id=None,
        rules=ScreeningRules(),
    )
    untimed = register_visit(
        desk.engine,
        VisitDraft(name="李四", temperature="36.6"),
        station_id=desk.station.id,
        shift_id=None,
        rules=ScreeningRules(),
    )
    sent = {v.uuid: v for v in outbox.read_batch(desk.engine, "visits", None, None)}  # type: ignore[attr-defined]
    wire = VisitIn.model_validate_json(sent[timed.visit_id].model_dump_json())
    assert wire.lane_seconds == 12.5
    report = sync_now(desk.engine, desk.data_dir, desk.settings)
    assert report.ok, report.errors
    hub = open_hub_database(sqlite_hub.db_url)
    with hub.connect() as conn:
        stored = dict(conn.execute(sa.select(hub_visit.c.id, hub_visit.c.lane_seconds)).all())
    hub.dispose()
    assert stored == {timed.visit_id: 12.5, untimed.visit_id: None}
    desk.close()
