"""the household of a visit (the household rule, 一户一天N人)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 01:40:00

``hub_visit.household``: as the desk recorded it (a pass's address or the form's
household field), nullable.
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
    with op.batch_alter_table("hub_visit", schema=None) as batch_op:
        batch_op.add_column(sa.Column("household", sa.String(200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("hub_visit", schema=None) as batch_op:
        batch_op.drop_column("household")
