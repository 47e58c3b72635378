"""covering indexes for who was here with whom: a trace reads no table rows

Revision ID: 0010
Revises: 0006
Create Date: 2026-12-02 03:30:00

``ix_visit_station_at`` also holds ``person_id`` and ``deleted_at`` and the new
``ix_person_shown`` holds a person's id, name and masked numbers, so the visits near
a person's (``services/trace.py``) are read from two indexes alone (issue 16).
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0010"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_index("ix_visit_station_at", table_name="visit")
    op.create_index("ix_visit_station_at", "visit", ["station_id", "at", "person_id", "deleted_at"])
    op.create_index("ix_person_shown", "person", ["id", "name", "id_masked", "phone_masked"])


def downgrade() -> None:
    op.drop_index("ix_person_shown", table_name="person")
    op.drop_index("ix_visit_station_at", table_name="visit")
    op.create_index("ix_visit_station_at", "visit", ["station_id", "at"])
