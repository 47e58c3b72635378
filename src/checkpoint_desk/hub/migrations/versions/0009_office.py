"""the office's users, sessions and failed logins; an index for stops awaiting a disposition

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 01:40:00

``hub_office_user``, ``hub_office_session`` and ``hub_office_login_failure`` back the
office's web pages (``hub/office/``, issue 17). ``ix_hub_visit_awaiting`` finds the
stops that still wait for a disposition (newest first) without reading every visit;
``ix_hub_shift_owner_opened`` each station's newest shift; ``ix_hub_last_visit_owner_inside``
how many are inside by station, and a station's list (``bench/office.py``).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "hub_office_user",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hub_office_user")),
        sa.UniqueConstraint("name", name=op.f("uq_hub_office_user_name")),
    )
    op.create_table(
        "hub_office_session",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("csrf", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_hub_office_session")),
    )
    op.create_index(
        op.f("ix_hub_office_session_user_id"), "hub_office_session", ["user_id"], unique=False
    )
    op.create_table(
        "hub_office_login_failure",
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_at", sa.DateTime(), nullable=False),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_hub_office_login_failure")),
    )
    op.create_index("ix_hub_visit_awaiting", "hub_visit", ["verdict", "disposition", "at"])
    op.create_index("ix_hub_shift_owner_opened", "hub_shift", ["owner_id", "opened_at"])
    op.create_index(
        "ix_hub_last_visit_owner_inside", "hub_last_visit", ["owner_id", "direction", "at"]
    )


def downgrade() -> None:
    op.drop_index("ix_hub_last_visit_owner_inside", table_name="hub_last_visit")
    op.drop_index("ix_hub_shift_owner_opened", table_name="hub_shift")
    op.drop_index("ix_hub_visit_awaiting", table_name="hub_visit")
    op.drop_table("hub_office_login_failure")
    op.drop_index(op.f("ix_hub_office_session_user_id"), table_name="hub_office_session")
    op.drop_table("hub_office_session")
    op.drop_table("hub_office_user")
