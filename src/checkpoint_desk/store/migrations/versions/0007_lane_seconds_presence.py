"""lane seconds on each visit; who is inside (presence) kept by triggers; trace index

Revision ID: 0007
Revises: 0009
Create Date: 2026-12-02 01:30:00

- ``visit.lane_seconds``: seconds from the visitor's first scan or key to the commit
  (NULL for imports and visits from before).
- ``presence``: each person's newest registration at a station that counts (one row
  per station and person): not deleted, and not a stop that turned them away
  (disposition ``denied`` or ``referred``). SQLite triggers on ``visit`` keep it
  true for every way a visit is written, edited, deleted or purged, so "who is
  inside now" reads the few rows whose direction is ``in``, not a million visits
  (``services/inside.py``; ``bench/insight_desk.py`` measures it).
  The SQL is in ``store/presence.py``: a later migration that rebuilds ``visit``
  (batch "move and copy") drops its triggers and must call ``create_triggers``.
- ``ix_visit_station_at``: the visits at a station around a time (``services/trace.py``).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from checkpoint_desk.store.presence import create_triggers, drop_triggers, rebuild

revision: str = "0007"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.add_column(sa.Column("lane_seconds", sa.Float(), nullable=True))
        batch_op.create_index("ix_visit_station_at", ["station_id", "at"], unique=False)
    op.create_table(
        "presence",
        sa.Column("station_id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("visit_id", sa.Uuid(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("direction", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("id_masked", sa.String(), nullable=True),
        sa.Column("phone_masked", sa.String(), nullable=True),
        sa.PrimaryKeyConstraint("station_id", "person_id"),
    )
    op.create_index(
        "ix_presence_inside", "presence", ["direction", "station_id", "at"], unique=False
    )
    rebuild(op.execute, trace=False)  # trace_visit comes in 0011
    create_triggers(op.execute, trace=False)


def downgrade() -> None:
    drop_triggers(op.execute)
    op.drop_index("ix_presence_inside", table_name="presence")
    op.drop_table("presence")
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.drop_index("ix_visit_station_at")
        batch_op.drop_column("lane_seconds")
