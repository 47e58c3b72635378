"""SQL shared by the readers of a vehicle's visits (recent visits, ledgers)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import aliased
from sqlmodel import col

from checkpoint_desk.store.models import Visit


def companions_column() -> Any:
    """Per visit row: the other live occupants of its vehicle entry (the passengers
    count a vehicle's row shows), NULL for a visit outside any vehicle entry — those
    keep their typed ``passengers`` (rows from before vehicle entries)."""
    other = aliased(Visit)
    count = (
        select(func.count() - 1)
        .where(
            col(other.vehicle_entry) == col(Visit.vehicle_entry),
            col(other.deleted_at).is_(None),
        )
        .correlate(Visit)
        .scalar_subquery()
    )
    return case((col(Visit.vehicle_entry).is_not(None), count), else_=None).label("companions")


def passengers_shown(typed: int, companions: int | None) -> int:
    return typed if companions is None else max(companions, 0)
