"""a visit's vehicle entry is a text id (the occupants of one vehicle share it)

Revision ID: 0006
Revises: 0008 (the last merged before it)
Create Date: 2026-12-02 01:45:00

``visit.vehicle_entry`` (text, at most 64 characters, indexed) replaces the UUID column
``vehicle_entry_id`` that nothing ever filled: a desk's vehicle gets a UUID's text, an
imported file's label becomes an id per file. Any old value is carried over as text.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("visit", sa.Column("vehicle_entry", sa.String(length=64), nullable=True))
    conn = op.get_bind()
    old = conn.execute(
        sa.text("SELECT id, vehicle_entry_id FROM visit WHERE vehicle_entry_id IS NOT NULL")
    ).all()
    for visit_id, entry in old:
        conn.execute(
            sa.text("UPDATE visit SET vehicle_entry = :entry WHERE id = :id"),
            {"entry": str(uuid.UUID(str(entry))), "id": visit_id},
        )
    op.drop_index("ix_visit_vehicle_entry_id", table_name="visit")
    # SQLite ≥ 3.35 drops an unindexed column in place (no table copy for a big day).
    op.execute("ALTER TABLE visit DROP COLUMN vehicle_entry_id")
    op.create_index("ix_visit_vehicle_entry", "visit", ["vehicle_entry"])


def downgrade() -> None:
    op.drop_index("ix_visit_vehicle_entry", table_name="visit")
    op.add_column("visit", sa.Column("vehicle_entry_id", sa.Uuid(), nullable=True))
    op.create_index("ix_visit_vehicle_entry_id", "visit", ["vehicle_entry_id"])
    op.execute("ALTER TABLE visit DROP COLUMN vehicle_entry")
