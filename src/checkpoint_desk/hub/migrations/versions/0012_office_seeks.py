"""each station's newest anchor by a seek; the stops awaiting by a partial index

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 12:50:00

A desk posts an anchor every sync round (a minute), so ``hub_anchor`` grows by
hundreds of thousands of rows a day at 200 stations; the office's Today page and
``checkpoint-hub`` read each station's newest one (its clock skew) through
``ix_hub_anchor_station_id_id`` instead of grouping every anchor kept
(``hub/anchors.py``, ``bench/office.py``).

``ix_hub_visit_awaiting_at`` replaces 0009's ``ix_hub_visit_awaiting (verdict,
disposition, at)``: PostgreSQL took the two columns as independent (3 % stops × 97 %
undisposed: 29,000 estimated, 3,000 held at a million visits) and walked ``ix_hub_visit_at``
backwards instead, 0.7 s for the Stops page's 200; the partial index holds just the
stops awaiting, newest last, on both backends.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

AWAITING = "verdict = 'stop' AND disposition IS NULL"

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_hub_anchor_station_id_id", "hub_anchor", ["station_id", "id"])
    op.create_index(
        "ix_hub_visit_awaiting_at",
        "hub_visit",
        ["at"],
        postgresql_where=sa.text(AWAITING),
        sqlite_where=sa.text(AWAITING),
    )
    op.drop_index("ix_hub_visit_awaiting", table_name="hub_visit")


def downgrade() -> None:
    op.create_index("ix_hub_visit_awaiting", "hub_visit", ["verdict", "disposition", "at"])
    op.drop_index("ix_hub_visit_awaiting_at", table_name="hub_visit")
    op.drop_index("ix_hub_anchor_station_id_id", table_name="hub_anchor")
