"""Hub migration 0004 gives existing rows to the station bound to their desk id."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import command

from checkpoint_desk.hub.database import alembic_config, make_hub_engine, open_hub_database
from checkpoint_desk.hub.ingest import ingest, sort_items
from checkpoint_desk.hub.tables import visit
from tests.support.samples import station_json, visit_json


def test_rows_from_before_0004_stay_their_stations_own(hub_db_url: str) -> None:
    engine = make_hub_engine(hub_db_url)
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0003")
    desk_id, hub_id, visit_id = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    now = datetime(2026, 11, 28, 8, 0, tzinfo=UTC).replace(tzinfo=None)

    def as_stored(value: uuid.UUID) -> object:
        return value.hex if engine.dialect.name == "sqlite" else value

    with engine.begin() as conn:  # what a 0003 hub held: a bound station and its visit
        tables = sa.MetaData()
        old_station = sa.Table("hub_station", tables, autoload_with=conn)
        old_visit = sa.Table("hub_visit", tables, autoload_with=conn)
        conn.execute(
            old_station.insert().values(
                id=as_stored(hub_id), name="西门", token_hash="0" * 64,
                desk_station_id=as_stored(desk_id), created_at=now,
            )
        )  # fmt: skip
        conn.execute(
            old_visit.insert().values(
                id=as_stored(visit_id), revision=1, updated_at=now, received_at=now,
                station_id=as_stored(desk_id), at=now, direction="in", source="manual",
                name="张伟", temperature_converted=False, health_code="green",
                health_code_confirmed=False, purpose="", destination="", passengers=0,
                verdict="pass", reasons=[], note="before 0004", scans=[],
            )
        )  # fmt: skip
    engine.dispose()
    old = visit_json(desk_id, uuid=str(visit_id), note="before 0004")
    engine = open_hub_database(hub_db_url)  # migrates to head: 0004 fills owner_id
    try:
        with engine.connect() as conn:
            owner = conn.execute(sa.select(visit.c.owner_id).where(visit.c.id == visit_id))
            assert owner.scalar() == hub_id
        edit = {**old, "revision": 2, "note": "edited after 0004"}
        raw = {"station": station_json(desk_id), "visits": [edit]}
        result = ingest(engine, hub_id, desk_id, sort_items(raw))
        assert [str(a.uuid) for a in result.accepted] == [str(visit_id)]
        with engine.connect() as conn:
            note = conn.execute(sa.select(visit.c.note).where(visit.c.id == visit_id)).scalar()
        assert note == "edited after 0004"  # its own station can still edit it
    finally:
        engine.dispose()
