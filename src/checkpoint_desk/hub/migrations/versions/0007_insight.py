"""who is inside, who was here with whom, how fast the lane moves (issue 16)

Revision ID: 0007
Revises: 0005
Create Date: 2026-12-02 01:40:00

``hub_visit.lane_seconds`` (seconds from the visitor's first scan or key to the
commit, from the desk) and ``hub_visit.person_key`` (who the visitor is across
stations: the ID number's ``idk`` under the community's ID key, else a keyed hash of
the phone; ``hub/person_keys.py``), with the indexes the queries seek on:
``(person_key, at)`` for a person's visits, ``(owner_id, at)`` for who else was at that
station then. ``hub_last_visit`` keeps each person's last registration (``inside``
reads it, ``ingest`` keeps it: ``hub/presence.py``). ``hub_station.community`` is the
community the desk names in its pushes. Existing visits are keyed and the last visits
filled here, so an upgraded hub answers at once.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from checkpoint_desk.codes.id_key import ID_KEY_BYTES, IdKey
from checkpoint_desk.hub.person_keys import person_key
from checkpoint_desk.sync.wire import etag_for

revision: str = "0007"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 5000


def _community_key(conn: sa.Connection) -> IdKey:
    reference = sa.table(
        "hub_reference",
        sa.column("kind", sa.String),
        sa.column("etag", sa.String),
        sa.column("version", sa.Integer),
        sa.column("updated_at", sa.DateTime),
        sa.column("payload", sa.JSON),
    )
    found = conn.execute(
        sa.select(reference.c.payload).where(reference.c.kind == "id_key")
    ).scalar_one_or_none()
    if found is None:
        made = {"key": IdKey(secrets.token_bytes(ID_KEY_BYTES)).to_text()}
        conn.execute(
            reference.insert().values(
                kind="id_key",
                etag=etag_for(made),
                version=1,
                updated_at=datetime.now(UTC).replace(tzinfo=None),
                payload=made,
            )
        )
        return IdKey.from_text(made["key"])
    return IdKey.from_text(str(found["key"]))


def _key_existing_visits(conn: sa.Connection) -> None:
    visits = sa.table(
        "hub_visit",
        sa.column("id", sa.Uuid),
        sa.column("id_number", sa.String),
        sa.column("phone", sa.String),
        sa.column("person_key", sa.String),
    )
    if conn.execute(sa.select(sa.func.count()).select_from(visits)).scalar_one() == 0:
        return
    key = _community_key(conn)
    last: object = None
    while True:
        query = sa.select(visits.c.id, visits.c.id_number, visits.c.phone).order_by(visits.c.id)
        if last is not None:
            query = query.where(visits.c.id > last)
        rows = conn.execute(query.limit(BATCH)).all()
        if not rows:
            break
        last = rows[-1].id
        keyed = [
            {"vid": r.id, "pk": person_key(key, r.id_number, r.phone)}
            for r in rows
            if r.id_number or r.phone
        ]
        if keyed:
            conn.execute(
                visits.update()
                .where(visits.c.id == sa.bindparam("vid"))
                .values(person_key=sa.bindparam("pk")),
                keyed,
            )
    op.execute(
        "INSERT INTO hub_last_visit (person_key, visit_id, at, direction, owner_id) "
        "SELECT person_key, id, at, direction, owner_id FROM ("
        " SELECT person_key, id, at, direction, owner_id, row_number() OVER ("
        "  PARTITION BY person_key ORDER BY at DESC, id DESC) AS rank"
        " FROM hub_visit WHERE person_key IS NOT NULL AND deleted_at IS NULL) ranked "
        "WHERE rank = 1"
    )


def upgrade() -> None:
    with op.batch_alter_table("hub_visit", schema=None) as batch_op:
        batch_op.add_column(sa.Column("lane_seconds", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("person_key", sa.String(length=64), nullable=True))
    with op.batch_alter_table("hub_station", schema=None) as batch_op:
        batch_op.add_column(sa.Column("community", sa.String(length=200), nullable=True))
    op.create_table(
        "hub_last_visit",
        sa.Column("person_key", sa.String(length=64), nullable=False),
        sa.Column("visit_id", sa.Uuid(), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=True),
        sa.Column("direction", sa.String(length=8), nullable=True),
        sa.Column("owner_id", sa.Uuid(), nullable=True),
        sa.PrimaryKeyConstraint("person_key", name=op.f("pk_hub_last_visit")),
    )
    _key_existing_visits(op.get_bind())
    op.create_index("ix_hub_visit_person_key_at", "hub_visit", ["person_key", "at"])
    op.create_index("ix_hub_visit_owner_id_at", "hub_visit", ["owner_id", "at"])
    op.create_index("ix_hub_last_visit_direction_at", "hub_last_visit", ["direction", "at"])


def downgrade() -> None:
    op.drop_index("ix_hub_last_visit_direction_at", table_name="hub_last_visit")
    op.drop_index("ix_hub_visit_owner_id_at", table_name="hub_visit")
    op.drop_index("ix_hub_visit_person_key_at", table_name="hub_visit")
    op.drop_table("hub_last_visit")
    with op.batch_alter_table("hub_station", schema=None) as batch_op:
        batch_op.drop_column("community")
    with op.batch_alter_table("hub_visit", schema=None) as batch_op:
        batch_op.drop_column("person_key")
        batch_op.drop_column("lane_seconds")
