"""every row belongs to the station (token) that wrote it

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 22:40:00

Issue 13: rows were keyed by uuid alone, so one station could overwrite or pre-plant
another's. ``owner_id`` is the ``hub_station`` (the token) that first wrote a row; the
upsert changes a row only for its owner. A desk id is no longer unique across tokens:
a token claiming another desk's id gains nothing, since it owns none of its rows.
Existing rows are given the station bound to their desk id.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OWNED = ("hub_operator", "hub_shift", "hub_visit", "hub_audit", "hub_bundle_receipt")


def upgrade() -> None:
    for table in OWNED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("owner_id", sa.Uuid(), nullable=True))
        op.execute(
            f"UPDATE {table} SET owner_id = (SELECT s.id FROM hub_station s "
            f"WHERE s.desk_station_id = {table}.station_id)"
        )
    with op.batch_alter_table("hub_audit", schema=None) as batch_op:
        # The served revocations gather the stations' pass_revoked entries.
        batch_op.create_index("ix_hub_audit_action", ["action"], unique=False)
    with op.batch_alter_table("hub_station", schema=None) as batch_op:
        batch_op.drop_constraint("uq_hub_station_desk_station_id", type_="unique")
        batch_op.create_index("ix_hub_station_desk_station_id", ["desk_station_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("hub_audit", schema=None) as batch_op:
        batch_op.drop_index("ix_hub_audit_action")
    with op.batch_alter_table("hub_station", schema=None) as batch_op:
        batch_op.drop_index("ix_hub_station_desk_station_id")
        batch_op.create_unique_constraint("uq_hub_station_desk_station_id", ["desk_station_id"])
    for table in OWNED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("owner_id")
