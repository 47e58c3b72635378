"""who was here with whom from one key range: trace_visit; who is inside from one index

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 12:50:00

- ``trace_visit``: each live visit of a person, keyed by station, time and visit
  (``WITHOUT ROWID``, so in time order), with the person's name and masked numbers
  copied in; triggers on ``visit`` and ``person`` keep it true (``store/presence.py``).
  A trace reads one key range per window and no person row (issue 16: at a million
  visits the join into the person index was most of a trace's time).
- ``ix_presence_inside`` also holds the name and masked numbers: the inside list is
  read from the index alone.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

from checkpoint_desk.store.presence import (
    CREATE_TRACE_VISIT,
    TRACE_TRIGGERS,
    create_triggers,
    drop_triggers,
    rebuild,
)

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INSIDE_COLUMNS = ["direction", "station_id", "at", "name", "id_masked", "phone_masked"]


def upgrade() -> None:
    op.execute(CREATE_TRACE_VISIT)
    drop_triggers(op.execute)
    rebuild(op.execute)
    create_triggers(op.execute)
    op.drop_index("ix_presence_inside", table_name="presence")
    op.create_index("ix_presence_inside", "presence", INSIDE_COLUMNS)


def downgrade() -> None:
    op.drop_index("ix_presence_inside", table_name="presence")
    op.create_index("ix_presence_inside", "presence", ["direction", "station_id", "at"])
    for name in TRACE_TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE trace_visit")
