"""a visit's vehicle entry is a text id (the occupants of one vehicle share it)

Revision ID: 0006
Revises: 0009 (the last merged before it)
Create Date: 2026-12-02 01:45:00

``hub_visit.vehicle_entry`` (text, at most 64 characters) replaces the UUID column
``vehicle_entry_id`` that no desk ever filled; any old value is carried over as text.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("hub_visit", sa.Column("vehicle_entry", sa.String(length=64), nullable=True))
    conn = op.get_bind()
    old = conn.execute(
        sa.text("SELECT id, vehicle_entry_id FROM hub_visit WHERE vehicle_entry_id IS NOT NULL")
    ).all()
    for visit_id, entry in old:
        conn.execute(
            sa.text("UPDATE hub_visit SET vehicle_entry = :entry WHERE id = :id"),
            {"entry": str(uuid.UUID(str(entry))), "id": visit_id},
        )
    # Both SQLite (≥ 3.35) and PostgreSQL drop an unindexed column in place.
    op.execute("ALTER TABLE hub_visit DROP COLUMN vehicle_entry_id")


def downgrade() -> None:
    op.add_column("hub_visit", sa.Column("vehicle_entry_id", sa.Uuid(), nullable=True))
    op.execute("ALTER TABLE hub_visit DROP COLUMN vehicle_entry")
