"""A desk whose outbox holds values the hub cannot store keeps syncing (issue 13).

Failure 6: a NUL in a name (typed in through ``import-visits`` before the desk
checked for it) made every round 503 on PostgreSQL; the clean rows of the batch, and
all after it, were never stored. Failure 8: a revision past int32 did the same, and
the desk retried forever. Now the hub refuses just those items with a reason, the
desk reports them and keeps them waiting, and everything else is acknowledged.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from checkpoint_desk.hub.database import open_hub_database
from checkpoint_desk.hub.tables import visit as hub_visit
from checkpoint_desk.services.sync import make_sync_worker, sync_now
from checkpoint_desk.store.models import Person, Station, Visit
from tests.support.desks import Desk, add_visits, enrol, make_desk
from tests.support.hubproc import HubProcess

visit_t: sa.Table = Visit.__table__  # type: ignore[attr-defined]
person_t: sa.Table = Person.__table__  # type: ignore[attr-defined]
station_t: sa.Table = Station.__table__  # type: ignore[attr-defined]


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    made = make_desk(tmp_path / "desk", "西门卡点")
    yield made
    made.close()


def held(hub: HubProcess, station_id: uuid.UUID) -> dict[uuid.UUID, int]:
    engine = open_hub_database(hub.db_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                sa.select(hub_visit.c.id, hub_visit.c.revision).where(
                    hub_visit.c.station_id == station_id
                )
            ).all()
    finally:
        engine.dispose()
    return {r.id: r.revision for r in rows}


def test_bad_values_in_the_outbox_are_reported_and_the_rest_syncs(
    hub: HubProcess, desk: Desk
) -> None:
    enrol(desk, hub, "西门")
    ids = add_visits(desk, 30)
    with desk.engine.begin() as conn:
        nul_person = conn.execute(
            sa.select(visit_t.c.person_id).where(visit_t.c.id == ids[0])
        ).scalar_one()
        conn.execute(
            sa.update(person_t).where(person_t.c.id == nul_person).values(name="张\u0000伟")
        )
        conn.execute(sa.update(visit_t).where(visit_t.c.id == ids[1]).values(revision=2**63 - 1))
        conn.execute(sa.update(visit_t).where(visit_t.c.id == ids[2]).values(revision=2**31 + 5))
        # A station named with a stray control character still syncs (sent as a space).
        conn.execute(sa.update(station_t).values(name="西门\u0007卡点"))
    refused = {ids[0], ids[1]}

    report = sync_now(desk.engine, desk.data_dir, desk.settings, batch_size=10)
    assert report.errors == ()
    assert report.acknowledged == 28
    assert {r.uuid for r in report.rejections} == refused
    reasons = {r.uuid: r.reason for r in report.rejections}
    assert "name" in reasons[ids[0]] and "revision" in reasons[ids[1]]
    assert report.waiting == 2
    stored = held(hub, desk.station.id)
    assert set(stored) == set(ids) - refused
    assert stored[ids[2]] == 2**31 + 5

    # The next rounds report the same two and do not back off: nothing is failing.
    worker = make_sync_worker(desk.engine, desk.data_dir, desk.settings)
    again = worker.run_once()
    assert again is not None and again.ok
    assert {r.uuid for r in again.rejections} == refused
    assert worker.state.failures == 0 and worker.state.last_error is None
    assert worker.state.waiting == 2
