"""The office sets the household rule (一户一天N人) at the hub; a desk takes it on sync and
stops the N+1th exit of a household (issue 16 item 6), through a real hub process."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from checkpoint_desk.domain.screening import ScreeningRules
from checkpoint_desk.errors import ValidationError
from checkpoint_desk.hub.database import open_hub_database
from checkpoint_desk.hub.reference import publish
from checkpoint_desk.hub.tables import visit
from checkpoint_desk.services.drafts import VisitDraft
from checkpoint_desk.services.operators import create_operator
from checkpoint_desk.services.shifts import open_shift
from checkpoint_desk.services.sync import sync_now
from checkpoint_desk.services.visits import register_visit
from tests.support.desks import enrol, make_desk
from tests.support.hubproc import HubProcess


def test_a_published_household_quota_reaches_the_desk_and_stops_the_third_exit(
    hub: HubProcess, tmp_path: Path
) -> None:
    desk = make_desk(tmp_path / "desk", "东门卡点")
    enrol(desk, hub, "东门")  # its first sync: the office has set no rule yet
    assert desk.settings.values.household_exit_quota == 0
    engine = open_hub_database(hub.db_url)
    try:
        with pytest.raises(ValidationError, match="household_exit_quota"):
            publish(engine, "settings", {"values": {"household_exit_quota": -1}})
        with pytest.raises(ValidationError, match="household_exit_quota"):
            publish(engine, "settings", {"values": {"household_exit_quota": True}})
        publish(engine, "settings", {"values": {"household_exit_quota": 2}})
    finally:
        engine.dispose()
    report = sync_now(desk.engine, desk.data_dir, desk.settings)
    assert report.ok, report.errors
    assert desk.settings.values.household_exit_quota == 2, "the office's rule reached the desk"

    volunteer = create_operator(desk.engine, desk.station.id, "王芳", "volunteer", "1357")
    shift = open_shift(desk.engine, desk.station.id, volunteer.id)
    rules = ScreeningRules.from_settings(desk.settings)
    verdicts = []
    for name in ("张伟", "李娜", "赵六"):
        done = register_visit(
            desk.engine,
            VisitDraft(direction="out", name=name, temperature="36.5", household="3-2-501"),
            station_id=desk.station.id,
            shift_id=shift.id,
            rules=rules,
        )
        verdicts.append(done.verdict.reason_codes)
    assert verdicts == [[], [], ["household_quota"]]

    assert sync_now(desk.engine, desk.data_dir, desk.settings).ok
    engine = open_hub_database(hub.db_url)
    try:
        with engine.connect() as conn:
            held = conn.execute(
                sa.select(visit.c.household, visit.c.verdict)
                .where(visit.c.station_id == desk.station.id)
                .order_by(visit.c.at)
            ).all()
    finally:
        engine.dispose()
    assert [tuple(row) for row in held] == [
        ("3-2-501", "pass"),
        ("3-2-501", "pass"),
        ("3-2-501", "stop"),
    ]
    desk.close()
