"""Desks syncing with a real hub process, on SQLite and on PostgreSQL."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from checkpoint_desk.hub.database import open_hub_database
from checkpoint_desk.hub.tables import operator, shift, visit
from checkpoint_desk.services.sync import sync_now
from checkpoint_desk.store.models import Visit
from checkpoint_desk.sync.client import HubUnreachable
from checkpoint_desk.sync.round import SyncReport
from tests.support.desks import Desk, add_shift, add_visits, edit_visit, enrol, make_desk
from tests.support.hubproc import HubProcess


@pytest.fixture
def desks(tmp_path: Path) -> Iterator[list[Desk]]:
    made: list[Desk] = []
    yield made
    for desk in made:
        desk.close()


def connect(desk: Desk, hub: HubProcess, name: str) -> None:
    enrol(desk, hub, name)


def hub_visits(hub: HubProcess, station_id: uuid.UUID) -> dict[uuid.UUID, tuple[int, str]]:
    engine = open_hub_database(hub.db_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                sa.select(visit.c.id, visit.c.revision, visit.c.note).where(
                    visit.c.station_id == station_id
                )
            ).all()
            return {r.id: (r.revision, r.note) for r in rows}
    finally:
        engine.dispose()


@pytest.mark.slow
def test_ten_thousand_visits_survive_a_hub_killed_mid_sync(
    fresh_hub: HubProcess, desks: list[Desk], tmp_path: Path
) -> None:
    desk = make_desk(tmp_path / "desk", "西门卡点")
    desks.append(desk)
    connect(desk, fresh_hub, "西门卡点")
    shift_id = add_shift(desk)
    ids = add_visits(desk, 10_000, shift_id=shift_id)
    reports: list[SyncReport] = []
    syncing = threading.Thread(
        target=lambda: reports.append(
            sync_now(desk.engine, desk.data_dir, desk.settings, batch_size=250)
        )
    )
    syncing.start()
    deadline = time.monotonic() + 120
    while desk.waiting() == 10_000 and syncing.is_alive() and time.monotonic() < deadline:
        time.sleep(0.005)
    fresh_hub.kill()
    waiting_at_kill = desk.waiting()
    syncing.join(120)
    assert 0 < waiting_at_kill < 10_000, "the hub was not killed mid-sync"
    assert any(isinstance(e, HubUnreachable) for e in reports[0].errors)
    assert desk.waiting() > 0

    fresh_hub.start()
    report = sync_now(desk.engine, desk.data_dir, desk.settings)
    assert report.ok, report.errors
    assert desk.waiting() == 0
    held = hub_visits(fresh_hub, desk.station.id)
    assert len(held) == 10_000
    assert set(held) == set(ids)
    engine = open_hub_database(fresh_hub.db_url)
    try:  # a failed assertion must not leak the connection into the next test
        with engine.connect() as conn:
            held_rows = conn.execute(sa.select(sa.func.count()).select_from(visit)).scalar_one()
            shifts = conn.execute(sa.select(shift.c.id)).scalars().all()
            names = conn.execute(sa.select(operator.c.name)).scalars().all()
    finally:
        engine.dispose()
    assert held_rows == 10_000
    assert shifts == [shift_id]
    assert sorted(names) == sorted(["王芳", "站长"]), "the operator and the enrolling supervisor"


def test_two_desks_syncing_at_the_same_time(
    hub: HubProcess, desks: list[Desk], tmp_path: Path
) -> None:
    west = make_desk(tmp_path / "west", "西门卡点")
    east = make_desk(tmp_path / "east", "东门卡点")
    desks.extend([west, east])
    expected = {}
    for desk, name in ((west, "西门"), (east, "东门")):
        connect(desk, hub, name)
        expected[desk.station.id] = set(add_visits(desk, 1500))
    reports: dict[str, SyncReport] = {}

    def run(desk: Desk) -> None:
        reports[desk.station.name] = sync_now(
            desk.engine, desk.data_dir, desk.settings, batch_size=300
        )

    threads = [threading.Thread(target=run, args=(d,)) for d in (west, east)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert all(r.ok for r in reports.values()), reports
    for desk in (west, east):
        assert desk.waiting() == 0
        assert set(hub_visits(hub, desk.station.id)) == expected[desk.station.id]


def test_an_edit_after_sync_syncs_again(hub: HubProcess, desks: list[Desk], tmp_path: Path) -> None:
    desk = make_desk(tmp_path / "desk", "西门卡点")
    desks.append(desk)
    connect(desk, hub, "西门")
    ids = add_visits(desk, 5)
    assert sync_now(desk.engine, desk.data_dir, desk.settings).acknowledged == 5
    assert desk.waiting() == 0
    revision = edit_visit(desk, ids[0], "复测 37.0")
    assert revision == 2
    assert desk.waiting() == 1
    report = sync_now(desk.engine, desk.data_dir, desk.settings)
    assert (report.pushed, report.acknowledged) == (1, 1)
    assert desk.waiting() == 0
    assert hub_visits(hub, desk.station.id)[ids[0]] == (2, "复测 37.0")


def test_a_visit_the_hub_refuses_stays_waiting_and_is_reported(
    hub: HubProcess, desks: list[Desk], tmp_path: Path
) -> None:
    desk = make_desk(tmp_path / "desk", "西门卡点")
    desks.append(desk)
    connect(desk, hub, "西门")
    ids = add_visits(desk, 4)
    table = Visit.__table__  # type: ignore[attr-defined]
    with desk.engine.begin() as conn:  # a value the hub's schema refuses
        conn.execute(sa.update(table).where(table.c.id == ids[1]).values(temperature_c=99.0))
    report = sync_now(desk.engine, desk.data_dir, desk.settings)
    assert (report.acknowledged, report.rejected) == (3, 1)
    assert report.rejections[0].uuid == ids[1]
    assert "temperature_c" in report.rejections[0].reason
    assert desk.waiting() == 1
    assert set(hub_visits(hub, desk.station.id)) == set(ids) - {ids[1]}
