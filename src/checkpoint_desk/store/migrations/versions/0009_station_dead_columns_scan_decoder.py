"""station loses its dead columns; a scan names its decoder

Revision ID: 0009
Revises: 0005
Create Date: 2026-12-02 01:40:00

- ``station.hub_url`` and ``station.is_demo`` were written once and never read: the hub
  address is the ``hub_url`` setting, a demo station is known by its demo vault.
- ``scan.backend`` becomes ``scan.decoder`` (zxing-cpp, pyzbar, opencv): the word the
  scanner uses; the values of old rows are kept as they are.

SQLite cannot drop or rename columns in place everywhere, hence batch mode.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("station", schema=None) as batch_op:
        batch_op.drop_column("hub_url")
        batch_op.drop_column("is_demo")
    with op.batch_alter_table("scan", schema=None) as batch_op:
        batch_op.alter_column("backend", new_column_name="decoder")


def downgrade() -> None:
    with op.batch_alter_table("scan", schema=None) as batch_op:
        batch_op.alter_column("decoder", new_column_name="backend")
    with op.batch_alter_table("station", schema=None) as batch_op:
        batch_op.add_column(sa.Column("hub_url", sa.String(), nullable=False, server_default=""))
        batch_op.add_column(
            sa.Column("is_demo", sa.Boolean(), nullable=False, server_default=sa.false())
        )
