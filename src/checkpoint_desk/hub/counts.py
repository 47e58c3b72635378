"""Each station's visits per quarter hour (``hub_visit_count``), kept by ``ingest``.

The office's Today page shows every station's in / out / stopped / fever counts and
the visits of each hour; counting a day's visits (tens of thousands) for every page
took over a second, so ``ingest`` keeps the counts instead, as ``presence.py`` keeps
each person's last visit: after storing a batch it recounts, from the visits
themselves, every (station, quarter hour) the batch touched — the slots of its
visits and the ones an edited visit was in before — so batches in any order,
replays, edits and deletions all end in the same counts. Quarter hours (UTC) because
every time zone's hours start on one.

Several hub processes on one PostgreSQL: the slots are locked in key order first (an
upsert whose no-op update takes the row lock), then the visits are counted.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection
from sqlalchemy.dialects import postgresql, sqlite

from checkpoint_desk.domain.screening import DEFAULT_FEVER_THRESHOLD_C
from checkpoint_desk.hub.tables import visit, visit_count

SLOT = timedelta(minutes=15)
CHUNK = 500
"""Keys per statement (well under SQLite's bound-parameter limit)."""
_COUNTS = ("visits", "came_in", "went_out", "stopped", "fever")

Cell = tuple[uuid.UUID, datetime]
"""A station (hub station id) and the start of a quarter hour, UTC."""


def slot_of(at: datetime) -> datetime:
    """The start of the quarter hour ``at`` falls in (UTC)."""
    at = at.astimezone(UTC)
    return at.replace(minute=at.minute - at.minute % 15, second=0, microsecond=0)


def cells_of(rows: Iterable[tuple[uuid.UUID | None, datetime]]) -> set[Cell]:
    """The (station, quarter hour) of each (owner_id, at); rows without an owner count
    for no station."""
    return {(owner, slot_of(at)) for owner, at in rows if owner is not None}


def old_cells(conn: Connection, ids: Iterable[uuid.UUID]) -> set[Cell]:
    """Where the stored visits ``ids`` are counted now (before an edit moves them)."""
    ordered = sorted(set(ids))
    found: set[Cell] = set()
    for start in range(0, len(ordered), CHUNK):
        chunk = ordered[start : start + CHUNK]
        query = sa.select(visit.c.owner_id, visit.c.at).where(visit.c.id.in_(chunk))
        found |= cells_of((r.owner_id, r.at) for r in conn.execute(query))
    return found


def _tally(counts: list[int], direction: str, verdict: str, temperature: float | None) -> None:
    counts[0] += 1
    counts[1] += direction == "in"
    counts[2] += direction == "out"
    counts[3] += verdict == "stop"
    counts[4] += temperature is not None and temperature >= DEFAULT_FEVER_THRESHOLD_C


def _named(values: list[int]) -> dict[str, int]:
    return {f"n_{name}": v for name, v in zip(_COUNTS, values, strict=True)}


def _insert(conn: Connection) -> Any:
    return (postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert)(visit_count)


def _runs(slots: list[datetime]) -> list[tuple[datetime, datetime]]:
    """Sorted slots as [start, end) ranges, a new one wherever a day passes between."""
    runs: list[tuple[datetime, datetime]] = []
    for slot in slots:
        if runs and slot - runs[-1][1] < timedelta(days=1):
            runs[-1] = (runs[-1][0], slot + SLOT)
        else:
            runs.append((slot, slot + SLOT))
    return runs


def refresh(conn: Connection, cells: set[Cell]) -> None:
    """Recount the visits of each (station, quarter hour) in ``cells`` (in the caller's
    write transaction, after the visits were stored)."""
    ordered = sorted(cells)
    for start in range(0, len(ordered), CHUNK):
        chunk = ordered[start : start + CHUNK]
        insert = _insert(conn)
        # Lock the slots (new ones appear at zero) before counting.
        conn.execute(
            insert.on_conflict_do_update(
                index_elements=[visit_count.c.owner_id, visit_count.c.slot],
                set_={"owner_id": insert.excluded.owner_id},
            ),
            [{"owner_id": o, "slot": s, **dict.fromkeys(_COUNTS, 0)} for o, s in chunk],
        )
        wanted = set(chunk)
        counted: dict[Cell, list[int]] = {cell: [0] * len(_COUNTS) for cell in chunk}
        by_owner: dict[uuid.UUID, list[datetime]] = defaultdict(list)
        for owner, slot in chunk:
            by_owner[owner].append(slot)
        for owner, slots in by_owner.items():
            for begin, end in _runs(slots):
                query = sa.select(
                    visit.c.at, visit.c.direction, visit.c.verdict, visit.c.temperature_c
                ).where(
                    visit.c.owner_id == owner,
                    visit.c.at >= begin,
                    visit.c.at < end,
                    visit.c.deleted_at.is_(None),
                )
                for at, direction, verdict, temperature in conn.execute(query):
                    cell = (owner, slot_of(at))
                    if cell in wanted:
                        _tally(counted[cell], direction, verdict, temperature)
        conn.execute(
            visit_count.update()
            .where(
                visit_count.c.owner_id == sa.bindparam("o", type_=sa.Uuid),
                visit_count.c.slot == sa.bindparam("s", type_=visit_count.c.slot.type),
            )
            .values({name: sa.bindparam(f"n_{name}") for name in _COUNTS}),
            [{"o": o, "s": s, **_named(counted[(o, s)])} for o, s in chunk],
        )
        conn.execute(
            visit_count.delete().where(
                visit_count.c.visits == 0,
                visit_count.c.owner_id.in_(sorted({o for o, _ in chunk})),
                visit_count.c.slot.in_(sorted({s for _, s in chunk})),
            )
        )


_SLOT_SQL = {
    "postgresql": "date_trunc('hour', hub_visit.at)"
    " + floor(extract(minute FROM hub_visit.at) / 15) * interval '15 minutes'",
    # SQLite holds "YYYY-MM-DD HH:MM:SS.ffffff": keep the hour, round the minutes down.
    "sqlite": "substr(hub_visit.at, 1, 14)"
    " || printf('%02d', CAST(substr(hub_visit.at, 15, 2) AS INTEGER) / 15 * 15) || ':00.000000'",
}
"""``slot_of(hub_visit.at)`` in each database's SQL (``at`` is UTC without a zone)."""


def rebuild_all(conn: Connection) -> None:
    """Every station's counts from scratch, in one ``INSERT … SELECT … GROUP BY`` (after
    a bulk load that bypassed ``ingest``; hub migration 0010 does the same)."""
    conn.execute(visit_count.delete())
    slot = sa.literal_column(_SLOT_SQL[conn.dialect.name], visit_count.c.slot.type)

    def tally(condition: Any) -> Any:
        return sa.func.sum(sa.case((condition, 1), else_=0))

    counted = (
        sa.select(
            visit.c.owner_id,
            slot,
            sa.func.count(),
            tally(visit.c.direction == "in"),
            tally(visit.c.direction == "out"),
            tally(visit.c.verdict == "stop"),
            tally(visit.c.temperature_c >= DEFAULT_FEVER_THRESHOLD_C),
        )
        .where(visit.c.owner_id.is_not(None), visit.c.deleted_at.is_(None))
        .group_by(visit.c.owner_id, slot)
    )
    conn.execute(visit_count.insert().from_select(["owner_id", "slot", *_COUNTS], counted))
