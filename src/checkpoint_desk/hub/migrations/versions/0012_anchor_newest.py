"""each station's newest anchor by a seek

Revision ID: 0012
Revises: 0010
Create Date: 2026-12-02 12:50:00

A desk posts an anchor every sync round (a minute), so ``hub_anchor`` grows by
hundreds of thousands of rows a day at 200 stations; the office's Today page and
``checkpoint-hub`` read each station's newest one (its clock skew) through
``ix_hub_anchor_station_id_id`` instead of grouping every anchor kept
(``hub/anchors.py``, ``bench/office.py``).
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0012"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_hub_anchor_station_id_id", "hub_anchor", ["station_id", "id"])


def downgrade() -> None:
    op.drop_index("ix_hub_anchor_station_id_id", table_name="hub_anchor")
