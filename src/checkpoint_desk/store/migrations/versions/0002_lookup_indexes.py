"""look-up indexes: a person's and a vehicle's visits by time

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 17:40:00

Finding a returning person's last visit, or who came in a vehicle lately, must stay
under 20 ms with a million visits (DESIGN §8); these two indexes serve those queries
straight from the index, newest first.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.create_index("ix_visit_person_at", ["person_id", "at"], unique=False)
        batch_op.create_index("ix_visit_vehicle_at", ["vehicle_id", "at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.drop_index("ix_visit_vehicle_at")
        batch_op.drop_index("ix_visit_person_at")
