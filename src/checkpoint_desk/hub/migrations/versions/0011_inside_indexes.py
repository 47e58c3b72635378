"""who is inside from two partial indexes over the inside rows only, numbers pre-masked

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 12:40:00

``ix_hub_last_visit_inside`` (the whole list, longest inside first) and
``ix_hub_last_visit_inside_owner`` (a station's list and the count per station) hold
only the ``hub_last_visit`` rows whose direction is ``in``, with every column the list
shows: the list is read in order from the index alone (``hub/insight.py``). The
numbers it shows are kept masked (``id_masked``, ``phone_masked``, made in SQL by
``hub/presence.py`` as each last visit is kept; filled here for those held). They
replace ``ix_hub_last_visit_direction_at`` (0007) and ``ix_hub_last_visit_owner_inside``
(0009), whose plans on SQLite sorted in a temporary B-tree and looked up each row.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from checkpoint_desk.hub import presence

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_INSIDE = sa.text("direction = 'in'")
_SHOWS = ["person_key", "name", "id_masked", "phone_masked"]


def upgrade() -> None:
    with op.batch_alter_table("hub_last_visit") as batch:
        batch.add_column(sa.Column("id_masked", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("phone_masked", sa.String(length=32), nullable=True))
    presence.fill_masked(op.get_bind())
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
    with op.batch_alter_table("hub_last_visit") as batch:
        batch.drop_column("phone_masked")
        batch.drop_column("id_masked")
