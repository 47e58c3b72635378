"""stations' audit anchors (signed chain heads), their clock skew; the hub's own audit

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 23:20:00

``hub_anchor`` keeps every audit anchor a station sends at sync (``hub/anchors.py``):
the head of its audit chain signed with its key, the hub's clock when it came, the
desk's skew, and whether it went back from one the hub already held.
``hub_office_audit`` is the hub's own keyed trail of its office users' acts
(``hub/office_audit.py``).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "hub_anchor",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("station_id", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("reason", sa.String(length=32), nullable=False),
        sa.Column("signature", sa.String(length=200), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("skew_s", sa.Float(), nullable=False),
        sa.Column("regressed", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hub_anchor")),
    )
    op.create_index(op.f("ix_hub_anchor_station_id"), "hub_anchor", ["station_id"], unique=False)
    op.create_table(
        "hub_office_audit",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_hub_office_audit")),
        sa.UniqueConstraint("id", name=op.f("uq_hub_office_audit_id")),
    )


def downgrade() -> None:
    op.drop_table("hub_office_audit")
    op.drop_index(op.f("ix_hub_anchor_station_id"), table_name="hub_anchor")
    op.drop_table("hub_anchor")
