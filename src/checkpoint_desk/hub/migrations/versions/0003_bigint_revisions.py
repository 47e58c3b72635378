"""revisions and audit seqs as 64-bit integers

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 22:45:00

On PostgreSQL ``INTEGER`` is 32 bits: a revision past 2^31 − 1 failed the whole
batch with 503, which a desk retries forever (issue 13, failure 8). The wire caps
revisions and seqs at ``MAX_REVISION`` (2^53 − 1), which ``BIGINT`` holds. SQLite's
integers are 64-bit already; its tables are rebuilt only so that both schemas say
the same.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = (
    ("hub_operator", "revision"),
    ("hub_shift", "revision"),
    ("hub_visit", "revision"),
    ("hub_audit", "seq"),
)


def upgrade() -> None:
    for table, column in COLUMNS:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column(
                column, existing_type=sa.Integer(), type_=sa.BigInteger(), existing_nullable=False
            )


def downgrade() -> None:
    for table, column in COLUMNS:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column(
                column, existing_type=sa.BigInteger(), type_=sa.Integer(), existing_nullable=False
            )
