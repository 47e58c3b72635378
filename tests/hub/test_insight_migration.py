"""Hub migration 0007 keys the visits a hub already holds: inside and trace answer at
once after the upgrade, with the community's ID key the desks already have."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from alembic import command

from checkpoint_desk.hub.database import alembic_config, make_hub_engine, open_hub_database
from checkpoint_desk.hub.insight import inside_now, trace
from checkpoint_desk.hub.person_keys import community_key, key_for_id_number
from checkpoint_desk.hub.reference import id_key
from tests.support.gates import LI, ZHANG

T0 = datetime(2026, 11, 28, 8, 0, tzinfo=UTC).replace(tzinfo=None)


def _stored(engine: sa.Engine, value: uuid.UUID) -> object:
    return value.hex if engine.dialect.name == "sqlite" else value


def test_an_upgraded_hub_answers_for_what_it_held(hub_db_url: str) -> None:
    engine = make_hub_engine(hub_db_url)
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0005")
    hub_id, desk_id = uuid.uuid4(), uuid.uuid4()
    with engine.begin() as conn:  # what a 0005 hub held: a station, its visits, no ID key
        tables = sa.MetaData()
        old_station = sa.Table("hub_station", tables, autoload_with=conn)
        old_visit = sa.Table("hub_visit", tables, autoload_with=conn)
        conn.execute(
            old_station.insert().values(
                id=_stored(engine, hub_id), name="西门", token_hash="0" * 64,
                desk_station_id=_stored(engine, desk_id), created_at=T0,
            )
        )  # fmt: skip
        for minutes, direction, name, number, phone, deleted in [
            (0, "in", "张伟", ZHANG, None, None),
            (10, "in", "李娜", LI, "13912345678", None),
            (20, "out", "李娜", LI, None, T0),  # deleted: 李娜 is still inside
            (30, "in", "无证", None, None, None),  # nobody to follow
        ]:
            at = T0 + timedelta(minutes=minutes)
            conn.execute(
                old_visit.insert().values(
                    id=_stored(engine, uuid.uuid4()), revision=1, updated_at=at,
                    received_at=at, station_id=_stored(engine, desk_id),
                    owner_id=_stored(engine, hub_id), at=at, direction=direction,
                    source="manual", name=name, id_number=number, phone=phone,
                    temperature_converted=False, health_code="green",
                    health_code_confirmed=False, purpose="", destination="", passengers=0,
                    verdict="pass", reasons=[], note="", scans=[], deleted_at=deleted,
                )
            )  # fmt: skip
    engine.dispose()

    engine = open_hub_database(hub_db_url)  # migrates to head: 0007 keys the visits
    try:
        assert [(p.name, p.station) for p in inside_now(engine)] == [
            ("张伟", "西门"),
            ("李娜", "西门"),
        ]
        key = community_key(engine)
        assert key == id_key(engine)  # made by the migration, served to desks from now on
        contacts = trace(
            engine,
            key_for_id_number(key, ZHANG),
            start=datetime(2026, 11, 28, tzinfo=UTC),
            end=datetime(2026, 11, 29, tzinfo=UTC),
        )
        assert [c.name for c in contacts] == ["李娜", "无证"]
    finally:
        engine.dispose()
