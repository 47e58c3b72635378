"""the inside list without a join; each station's visits per quarter hour

Revision ID: 0010
Revises: 0006
Create Date: 2026-12-02 03:20:00

``hub_last_visit`` gets the name and numbers of each person's last visit, so "who is
inside" reads no join to ``hub_visit`` (``hub/presence.py``); ``hub_visit_count``
holds each station's in / out / stopped / fever visits per quarter hour, so the
office's Today page reads no day of visits (``hub/counts.py``). Both are filled from
the visits held.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from checkpoint_desk.hub import counts

revision: str = "0010"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("hub_last_visit") as batch:
        batch.add_column(sa.Column("name", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("id_number", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("phone", sa.String(length=32), nullable=True))
    op.execute(
        "UPDATE hub_last_visit SET (name, id_number, phone) = ("
        " SELECT v.name, v.id_number, v.phone FROM hub_visit v"
        " WHERE v.id = hub_last_visit.visit_id)"
    )
    op.create_table(
        "hub_visit_count",
        sa.Column("owner_id", sa.Uuid(), nullable=False),
        sa.Column("slot", sa.DateTime(), nullable=False),
        sa.Column("visits", sa.Integer(), nullable=False),
        sa.Column("came_in", sa.Integer(), nullable=False),
        sa.Column("went_out", sa.Integer(), nullable=False),
        sa.Column("stopped", sa.Integer(), nullable=False),
        sa.Column("fever", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("owner_id", "slot", name=op.f("pk_hub_visit_count")),
    )
    counts.rebuild_all(op.get_bind())


def downgrade() -> None:
    op.drop_table("hub_visit_count")
    with op.batch_alter_table("hub_last_visit") as batch:
        batch.drop_column("phone")
        batch.drop_column("id_number")
        batch.drop_column("name")
