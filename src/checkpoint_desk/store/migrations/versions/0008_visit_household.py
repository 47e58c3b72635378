"""the household of a visit (the household rule, 一户一天N人)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 01:40:00

``visit.household``: the resident pass's address, or what the volunteer typed for a
visitor without a pass (nullable; normalised by ``domain.bounds.household_key``).
``ix_visit_household_at`` serves the count of a household's exits today.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.add_column(sa.Column("household", sa.String(200), nullable=True))
        batch_op.create_index("ix_visit_household_at", ["household", "at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.drop_index("ix_visit_household_at")
        batch_op.drop_column("household")
