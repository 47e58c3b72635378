"""Who is inside, kept by the database: the ``presence`` table and its triggers.

``presence`` holds each person's newest registration at a station that counts: not
deleted, and not a stop that turned them away (disposition ``denied`` or
``referred``: they did not go through the gate), with the person's name and masked
numbers copied in, so the list of who is inside is one index range (no join).
SQLite triggers on ``visit`` keep it true for every way a visit is written, edited,
deleted or purged, and one on ``person`` keeps the copied name current (migration
0007 made them). A migration that rebuilds ``visit`` or ``person`` (a batch "move
and copy") drops their triggers and must call ``create_triggers`` again; a bulk
load may drop them, load, then ``rebuild`` and create them again
(``bench/insight_desk.py``).
"""

from __future__ import annotations

from collections.abc import Callable

COUNTS = (
    "visit.deleted_at IS NULL AND NOT (visit.verdict = 'stop'"
    " AND visit.disposition IS NOT NULL AND visit.disposition IN ('denied', 'referred'))"
)
"""A visit that counts for presence (SQL over ``visit``'s columns)."""

# The newest visit that counts of (station, person): one seek on ix_visit_person_at
# (the unary + keeps SQLite off ix_visit_station_at, which would walk the station's
# visits newest first until it met the person's). It replaces the presence row, or
# removes it when none is left.
_REFRESH = """
    DELETE FROM presence WHERE station_id = {v}.station_id AND person_id = {v}.person_id;
    INSERT INTO presence (station_id, person_id, visit_id, at, direction,
                          name, id_masked, phone_masked)
        SELECT visit.station_id, visit.person_id, visit.id, visit.at, visit.direction,
               person.name, person.id_masked, person.phone_masked
        FROM visit JOIN person ON person.id = visit.person_id
        WHERE visit.person_id = {v}.person_id AND +visit.station_id = {v}.station_id
          AND {counts}
        ORDER BY visit.at DESC, visit.id DESC LIMIT 1;
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
    # the list shows the person's name and masked numbers as they are now
    "presence_after_person_update": (
        "AFTER UPDATE OF name, id_masked, phone_masked ON person",
        "UPDATE presence SET name = NEW.name, id_masked = NEW.id_masked,"
        " phone_masked = NEW.phone_masked WHERE person_id = NEW.id;",
    ),
}

REBUILD = (
    "INSERT INTO presence (station_id, person_id, visit_id, at, direction,"
    " name, id_masked, phone_masked) "
    "SELECT newest.station_id, newest.person_id, newest.id, newest.at, newest.direction,"
    " person.name, person.id_masked, person.phone_masked FROM ("
    " SELECT station_id, person_id, id, at, direction, ROW_NUMBER() OVER ("
    "  PARTITION BY station_id, person_id ORDER BY at DESC, id DESC) AS rank"
    f" FROM visit WHERE person_id IS NOT NULL AND {COUNTS}"
    ") AS newest JOIN person ON person.id = newest.person_id WHERE newest.rank = 1"
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
