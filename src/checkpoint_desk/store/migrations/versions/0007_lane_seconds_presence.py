"""lane seconds on each visit; who is inside (presence) kept by triggers; trace index

Revision ID: 0007
Revises: 0005
Create Date: 2026-12-02 01:30:00

- ``visit.lane_seconds``: seconds from the visitor's first scan or key to the commit
  (NULL for imports and visits from before).
- ``presence``: each person's newest registration at a station that counts (one row
  per station and person): not deleted, and not a stop that turned them away
  (disposition ``denied`` or ``referred``). SQLite triggers on ``visit`` keep it
  true for every way a visit is written, edited, deleted or purged, so "who is
  inside now" reads the few rows whose direction is ``in``, not a million visits
  (``services/inside.py``; ``bench/insight_desk.py`` measures it).
  A later migration that rebuilds ``visit`` (batch "move and copy") drops its
  triggers: it must call ``create_presence_triggers`` again.
- ``ix_visit_station_at``: the visits at a station around a time (``services/trace.py``).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# A registration that counts for presence: not deleted, and not a stop that turned
# the visitor away (denied or referred: they did not go through the gate).
COUNTS = (
    "deleted_at IS NULL AND NOT (verdict = 'stop' AND disposition IS NOT NULL"
    " AND disposition IN ('denied', 'referred'))"
)

# The newest visit that counts of (station, person): one seek on ix_visit_person_at.
# It replaces the presence row, or removes it when none is left.
_REFRESH = """
    DELETE FROM presence WHERE station_id = {v}.station_id AND person_id = {v}.person_id;
    INSERT INTO presence (station_id, person_id, visit_id, at, direction)
        SELECT station_id, person_id, id, at, direction FROM visit
        WHERE person_id = {v}.person_id AND station_id = {v}.station_id
          AND {counts}
        ORDER BY at DESC, id DESC LIMIT 1;
"""

TRIGGERS = {
    "presence_after_insert": (
        "AFTER INSERT ON visit WHEN NEW.person_id IS NOT NULL",
        _REFRESH.format(v="NEW", counts=COUNTS),
    ),
    "presence_after_update": (
        "AFTER UPDATE OF person_id, station_id, at, direction, verdict, disposition,"
        " deleted_at ON visit",
        _REFRESH.format(v="OLD", counts=COUNTS) + _REFRESH.format(v="NEW", counts=COUNTS),
    ),
    "presence_after_delete": (
        "AFTER DELETE ON visit WHEN OLD.person_id IS NOT NULL",
        _REFRESH.format(v="OLD", counts=COUNTS),
    ),
}


def create_presence_triggers() -> None:
    for name, (when, body) in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {when} BEGIN {body} END")


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
        sa.PrimaryKeyConstraint("station_id", "person_id"),
    )
    op.create_index("ix_presence_direction_at", "presence", ["direction", "at"], unique=False)
    op.execute(
        "INSERT INTO presence (station_id, person_id, visit_id, at, direction) "
        "SELECT station_id, person_id, id, at, direction FROM ("
        " SELECT station_id, person_id, id, at, direction, ROW_NUMBER() OVER ("
        "  PARTITION BY station_id, person_id ORDER BY at DESC, id DESC) AS newest"
        f" FROM visit WHERE person_id IS NOT NULL AND {COUNTS}"
        ") WHERE newest = 1"
    )
    create_presence_triggers()


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_index("ix_presence_direction_at", table_name="presence")
    op.drop_table("presence")
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.drop_index("ix_visit_station_at")
        batch_op.drop_column("lane_seconds")
