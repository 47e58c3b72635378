"""A vehicle entry: the id its occupants' visits share; they are listed together."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import TypeVar

Row = TypeVar("Row")


def new_entry_id() -> str:
    """A vehicle entry's id: unique across stations (it travels to the hub)."""
    return str(uuid.uuid4())


def keep_together(rows: Sequence[Row], entry_of: Callable[[Row], str | None]) -> list[Row]:
    """``rows`` in their order, except that the rows of one vehicle entry follow the
    first of them (adjacent, in their own order); rows without an entry stay put."""
    groups: dict[str, list[Row]] = {}
    for row in rows:
        entry = entry_of(row)
        if entry:
            groups.setdefault(entry, []).append(row)
    ordered: list[Row] = []
    for row in rows:
        entry = entry_of(row)
        if not entry:
            ordered.append(row)
        elif entry in groups:
            ordered.extend(groups.pop(entry))
    return ordered
