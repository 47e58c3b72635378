"""who is inside from two partial indexes over the inside rows only

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 12:40:00

``ix_hub_last_visit_inside`` (the whole list, longest inside first) and
``ix_hub_last_visit_inside_owner`` (a station's list and the count per station) hold
only the ``hub_last_visit`` rows whose direction is ``in``, with every column the list
shows: the list is read in order from the index alone (``hub/insight.py``). They
replace ``ix_hub_last_visit_direction_at`` (0007) and ``ix_hub_last_visit_owner_inside``
(0009), whose plans on SQLite sorted in a temporary B-tree and looked up each row.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_INSIDE = sa.text("direction = 'in'")
_SHOWS = ["person_key", "name", "id_number", "phone"]


def upgrade() -> None:
    op.drop_index("ix_hub_last_visit_direction_at", table_name="hub_last_visit")
    op.drop_index("ix_hub_last_visit_owner_inside", table_name="hub_last_visit")
    op.create_index(
        "ix_hub_last_visit_inside",
        "hub_last_visit",
        ["at", *_SHOWS, "owner_id"],
        sqlite_where=_INSIDE,
        postgresql_where=_INSIDE,
    )
    op.create_index(
        "ix_hub_last_visit_inside_owner",
        "hub_last_visit",
        ["owner_id", "at", *_SHOWS],
        sqlite_where=_INSIDE,
        postgresql_where=_INSIDE,
    )


def downgrade() -> None:
    op.drop_index("ix_hub_last_visit_inside_owner", table_name="hub_last_visit")
    op.drop_index("ix_hub_last_visit_inside", table_name="hub_last_visit")
    op.create_index(
        "ix_hub_last_visit_owner_inside", "hub_last_visit", ["owner_id", "direction", "at"]
    )
    op.create_index("ix_hub_last_visit_direction_at", "hub_last_visit", ["direction", "at"])
