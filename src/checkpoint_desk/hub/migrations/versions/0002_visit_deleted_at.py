"""visits deleted at the station: a tombstone column

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 19:00:00

A supervisor may delete a committed visit at the desk (issue 8); the deletion syncs
as a new revision with ``deleted_at`` set, and the hub's ledgers leave it out.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("hub_visit", schema=None) as batch_op:
        batch_op.add_column(sa.Column("deleted_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("hub_visit", schema=None) as batch_op:
        batch_op.drop_column("deleted_at")
