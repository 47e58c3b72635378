"""The hub's schema: made by its migrations, matching its tables, on both backends."""

from __future__ import annotations

import threading
import uuid
from pathlib import Path

import httpx
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from checkpoint_desk.hub import anchors, office_audit
from checkpoint_desk.hub.database import (
    VERSION_TABLE,
    current_revision,
    head_revision,
    open_hub_database,
)
from checkpoint_desk.hub.tables import metadata, visit
from tests.support.desks import register_station
from tests.support.hubproc import HubProcess
from tests.support.samples import station_json, visit_json


def test_migrations_make_exactly_the_declared_tables(hub_db_url: str) -> None:
    # Two modules declare their tables on the same metadata: run alone, this test
    # would otherwise miss them.
    assert anchors.anchor.metadata is office_audit.office_audit.metadata is metadata
    engine = open_hub_database(hub_db_url)
    open_hub_database(hub_db_url).dispose()  # opening again migrates nothing
    try:
        assert current_revision(engine) == head_revision()
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"version_table": VERSION_TABLE})
            diff = [
                d for d in compare_metadata(context, metadata) if "alembic_version" not in str(d)
            ]
        assert diff == []
    finally:
        engine.dispose()


def test_two_hub_processes_on_one_database_store_each_record_once(
    hub_db_url: str, tmp_path: Path
) -> None:
    first = HubProcess(hub_db_url, tmp_path / "a").start()
    second = HubProcess(hub_db_url, tmp_path / "b").start()
    try:
        token = register_station(hub_db_url, "西门")
        desk_id = uuid.uuid4()
        ids = [str(uuid.uuid4()) for _ in range(300)]
        failures: list[str] = []

        def push(hub: HubProcess, revision: int) -> None:
            visits = [
                visit_json(desk_id, uuid=i, revision=revision, note=f"r{revision}") for i in ids
            ]
            answer = httpx.post(
                f"{hub.url}/api/v1/push",
                json={"station": station_json(desk_id), "visits": visits},
                headers={"Authorization": f"Bearer {token}"},
                timeout=120,
            )
            if answer.status_code != 200 or answer.json()["rejected"]:
                failures.append(answer.text[:300])

        pushes = [(first, 1), (second, 3), (first, 2), (second, 2), (first, 3), (second, 1)]
        threads = [threading.Thread(target=push, args=p) for p in pushes]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert not failures
        engine = open_hub_database(hub_db_url)
        with engine.connect() as conn:
            rows = conn.execute(sa.select(visit.c.revision, visit.c.note)).all()
        engine.dispose()
        assert len(rows) == 300
        assert {tuple(r) for r in rows} == {(3, "r3")}
    finally:
        first.stop()
        second.stop()
