"""The office's own hub tables (hub migration 0009): users, sessions, failed logins."""

from __future__ import annotations

import sqlalchemy as sa

from checkpoint_desk.hub.tables import metadata, shift
from checkpoint_desk.store.types import UTCDateTime

office_user = sa.Table(
    "hub_office_user",
    metadata,
    sa.Column("id", sa.Uuid, primary_key=True),
    sa.Column("name", sa.String(64), nullable=False, unique=True),
    sa.Column("role", sa.String(16), nullable=False),  # viewer | manager
    sa.Column("password_hash", sa.String(200), nullable=False),  # scrypt$n$r$p$salt$hash
    sa.Column("created_at", UTCDateTime, nullable=False),
)

office_session = sa.Table(
    "hub_office_session",
    metadata,
    # SHA-256 of the cookie's value: a copy of the table signs nobody in.
    sa.Column("token_hash", sa.String(64), primary_key=True),
    sa.Column("user_id", sa.Uuid, nullable=False, index=True),
    sa.Column("csrf", sa.String(64), nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("expires_at", UTCDateTime, nullable=False),
)

login_failure = sa.Table(
    "hub_office_login_failure",
    metadata,
    # "user:NAME" or "address:IP": a guesser is stopped on either.
    sa.Column("key", sa.String(300), primary_key=True),
    sa.Column("failures", sa.Integer, nullable=False),
    sa.Column("last_at", UTCDateTime, nullable=False),
    sa.Column("locked_until", UTCDateTime, nullable=True),
)

# What the office's pages look up (hub migration 0009; bench/office.py): each station's
# newest shift (who is inside by station: ``hub/tables.py``, hub migration 0011).
sa.Index("ix_hub_shift_owner_opened", shift.c.owner_id, shift.c.opened_at)
