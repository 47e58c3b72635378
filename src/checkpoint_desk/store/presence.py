"""Who is inside, kept by the database: the ``presence`` table and its triggers.

``presence`` holds each person's newest registration at a station that counts: not
deleted, and not a stop that turned them away (disposition ``denied`` or
``referred``: they did not go through the gate). SQLite triggers on ``visit`` keep
it true for every way a visit is written, edited, deleted or purged (migration
0007 made them). A migration that rebuilds ``visit`` (a batch "move and copy")
drops its triggers and must call ``create_triggers`` again; a bulk load may drop
them, load, then ``rebuild`` and create them again (``bench/insight_desk.py``).
"""

from __future__ import annotations

from collections.abc import Callable

COUNTS = (
    "deleted_at IS NULL AND NOT (verdict = 'stop' AND disposition IS NOT NULL"
    " AND disposition IN ('denied', 'referred'))"
)
"""A visit that counts for presence (SQL over ``visit``'s columns)."""

# The newest visit that counts of (station, person): one seek on ix_visit_person_at
# (the unary + keeps SQLite off ix_visit_station_at, which would walk the station's
# visits newest first until it met the person's). It replaces the presence row, or
# removes it when none is left.
_REFRESH = """
    DELETE FROM presence WHERE station_id = {v}.station_id AND person_id = {v}.person_id;
    INSERT INTO presence (station_id, person_id, visit_id, at, direction)
        SELECT station_id, person_id, id, at, direction FROM visit
        WHERE person_id = {v}.person_id AND +station_id = {v}.station_id AND {counts}
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

REBUILD = (
    "INSERT INTO presence (station_id, person_id, visit_id, at, direction) "
    "SELECT station_id, person_id, id, at, direction FROM ("
    " SELECT station_id, person_id, id, at, direction, ROW_NUMBER() OVER ("
    "  PARTITION BY station_id, person_id ORDER BY at DESC, id DESC) AS newest"
    f" FROM visit WHERE person_id IS NOT NULL AND {COUNTS}"
    ") WHERE newest = 1"
)
"""Fill an empty ``presence`` from the visits in one statement."""


def create_triggers(execute: Callable[[str], object]) -> None:
    """Create the triggers with ``execute`` (``op.execute``, a connection's)."""
    for name, (when, body) in TRIGGERS.items():
        execute(f"CREATE TRIGGER {name} {when} BEGIN {body} END")


def drop_triggers(execute: Callable[[str], object]) -> None:
    for name in TRIGGERS:
        execute(f"DROP TRIGGER IF EXISTS {name}")


def rebuild(execute: Callable[[str], object]) -> None:
    """Empty ``presence`` and fill it again from the visits."""
    execute("DELETE FROM presence")
    execute(REBUILD)
