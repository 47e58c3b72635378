"""Who is inside and who was where, kept by the database: ``presence``, ``trace_visit``.

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

``trace_visit`` (migration 0011) holds each live visit of a person in time order
at its station (``WITHOUT ROWID``, keyed by station, time and visit), with the
person's name and masked numbers copied in: who was here with whom
(``services/trace.py``) reads one key range per window and no person row. Its
triggers are made with the others by ``create_triggers``; a migration before 0011
(the table does not exist yet) passes ``trace=False``.
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

# trace_visit: the visit's row goes when the visit goes or is deleted (tombstone),
# comes back as it is now; a person's corrected name or numbers reach their rows
# through ix_visit_person_at (no index of trace_visit by person is needed).
_TRACE_ROW = """
    INSERT INTO trace_visit (station_id, at, visit_id, person_id, name, id_masked, phone_masked)
        SELECT {v}.station_id, {v}.at, {v}.id, person.id, person.name, person.id_masked,
               person.phone_masked
        FROM person WHERE person.id = {v}.person_id AND {v}.deleted_at IS NULL;
"""
_TRACE_GONE = (
    "DELETE FROM trace_visit WHERE station_id = OLD.station_id AND at = OLD.at"
    " AND visit_id = OLD.id;"
)

TRACE_TRIGGERS = {
    "trace_after_insert": (
        "AFTER INSERT ON visit WHEN NEW.person_id IS NOT NULL AND NEW.deleted_at IS NULL",
        _TRACE_ROW.format(v="NEW"),
    ),
    "trace_after_update": (
        "AFTER UPDATE OF person_id, station_id, at, deleted_at ON visit",
        _TRACE_GONE + _TRACE_ROW.format(v="NEW"),
    ),
    "trace_after_delete": ("AFTER DELETE ON visit", _TRACE_GONE),
    "trace_after_person_update": (
        "AFTER UPDATE OF name, id_masked, phone_masked ON person",
        "UPDATE trace_visit SET name = NEW.name, id_masked = NEW.id_masked,"
        " phone_masked = NEW.phone_masked WHERE (station_id, at, visit_id) IN"
        " (SELECT station_id, at, id FROM visit WHERE person_id = NEW.id);",
    ),
}

CREATE_TRACE_VISIT = (
    "CREATE TABLE trace_visit (station_id CHAR(32) NOT NULL, at DATETIME NOT NULL,"
    " visit_id CHAR(32) NOT NULL, person_id CHAR(32) NOT NULL, name VARCHAR NOT NULL,"
    " id_masked VARCHAR, phone_masked VARCHAR,"
    " PRIMARY KEY (station_id, at, visit_id)) WITHOUT ROWID"
)

REBUILD_TRACE = (
    "INSERT INTO trace_visit (station_id, at, visit_id, person_id, name, id_masked,"
    " phone_masked) SELECT visit.station_id, visit.at, visit.id, person.id, person.name,"
    " person.id_masked, person.phone_masked FROM visit JOIN person"
    " ON person.id = visit.person_id WHERE visit.deleted_at IS NULL"
    " ORDER BY visit.station_id, visit.at, visit.id"
)
"""Fill an empty ``trace_visit`` from the visits in one statement (in key order)."""

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


def create_triggers(execute: Callable[[str], object], *, trace: bool = True) -> None:
    """Create the triggers with ``execute`` (``op.execute``, a connection's): presence's
    and trace_visit's (``trace=False`` before migration 0011 made that table)."""
    triggers = {**TRIGGERS, **(TRACE_TRIGGERS if trace else {})}
    for name, (when, body) in triggers.items():
        execute(f"CREATE TRIGGER {name} {when} BEGIN {body} END")


def drop_triggers(execute: Callable[[str], object]) -> None:
    """Drop every trigger made here (those that exist)."""
    for name in (*TRIGGERS, *TRACE_TRIGGERS):
        execute(f"DROP TRIGGER IF EXISTS {name}")


def rebuild(execute: Callable[[str], object], *, trace: bool = True) -> None:
    """Empty ``presence`` (and ``trace_visit``: ``trace``) and fill it again from the visits."""
    execute("DELETE FROM presence")
    execute(REBUILD)
    if trace:
        execute("DELETE FROM trace_visit")
        execute(REBUILD_TRACE)
