"""Each person's last registration across all stations (``hub_last_visit``).

"Who is inside now" is everyone whose last registration is ``in``. Finding each
person's last visit among a million is a scan of the whole table (about a second on
SQLite), so ``ingest`` keeps the answer instead: after storing a batch it recomputes
the last visit of every person the batch touched (the people of its visits, and the
ones an edited visit belonged to before), from the visits themselves, so batches
arriving in any order, replays, edits and deletions all end in the same row. The row
carries what the inside list shows, the numbers already masked (``masked_sql``: the
rules of ``domain/masking.py`` in SQL, hub migration 0011).

Several hub processes on one PostgreSQL: the rows are locked in key order first (an
upsert whose no-op update takes the row lock), then the visits are read. Under READ
COMMITTED that read sees every transaction that held the lock before, so the last one
to commit writes an answer that includes everyone's visits.
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy import Connection
from sqlalchemy.dialects import postgresql, sqlite

from checkpoint_desk.hub.tables import last_visit, visit

CHUNK = 500
"""Keys per statement (well under SQLite's bound-parameter limit)."""


def old_person_keys(conn: Connection, ids: Iterable[uuid.UUID]) -> set[str]:
    """The people the stored visits ``ids`` belong to now (before an edit moves them)."""
    ordered = sorted(set(ids))
    found: set[str] = set()
    for start in range(0, len(ordered), CHUNK):
        chunk = ordered[start : start + CHUNK]
        query = sa.select(visit.c.person_key).where(
            visit.c.id.in_(chunk), visit.c.person_key.is_not(None)
        )
        found.update(conn.execute(query).scalars())
    return found


def _lock(conn: Connection, keys: list[str]) -> None:
    insert = (postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert)(last_visit)
    stmt = insert.on_conflict_do_update(
        index_elements=[last_visit.c.person_key],
        set_={"person_key": insert.excluded.person_key},
    )
    conn.execute(stmt, [{"person_key": k} for k in keys])


# What ``str.strip()`` removes (every character whose ``isspace()`` is true), for the
# masks computed in SQL below; tests/hub/test_masked_sql.py checks the list.
WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)


def masked_sql(dialect: str, column: str, *, head: int, tail: int, short: int, few: int) -> str:
    """SQL that masks ``column`` exactly as ``domain/masking.py`` does (on SQLite and
    PostgreSQL): stripped; up to ``short`` characters keep the first ``few``, longer
    ones the first ``head`` and last ``tail``; starred between; NULL is ''."""
    if dialect == "sqlite":
        spaces = "char(" + ", ".join(str(ord(c)) for c in WHITESPACE) + ")"

        def stars(count: str) -> str:
            return f"CASE WHEN {count} > 0 THEN printf('%.*c', {count}, '*') ELSE '' END"
    else:
        spaces = " || ".join(f"chr({ord(c)})" for c in WHITESPACE)

        def stars(count: str) -> str:
            return f"repeat('*', {count})"

    text = f"trim({column}, {spaces})" if dialect == "sqlite" else f"btrim({column}, {spaces})"
    size = f"length({text})"
    return (
        f"CASE WHEN {column} IS NULL THEN ''"
        f" WHEN {size} <= {short} THEN substr({text}, 1, {few}) || {stars(f'{size} - {few}')}"
        f" ELSE substr({text}, 1, {head}) || {stars(f'{size} - {head + tail}')}"
        f" || substr({text}, {size} - {tail - 1}) END"
    )


def id_masked_sql(dialect: str, column: str) -> str:
    """``mask_id_number`` in SQL."""
    return masked_sql(dialect, column, head=6, tail=4, short=10, few=2)


def phone_masked_sql(dialect: str, column: str) -> str:
    """``mask_phone`` in SQL."""
    return masked_sql(dialect, column, head=3, tail=4, short=7, few=1)


@functools.cache
def _refresh_sql(dialect: str) -> sa.TextClause:
    """One statement per chunk, on both databases (row-value SET: SQLite 3.15+,
    PostgreSQL): each person's newest visit that is not deleted, or NULLs when none
    is left; the masked numbers the inside list shows are made here, once."""
    return sa.text(
        "UPDATE hub_last_visit SET (visit_id, at, direction, owner_id, name, id_number, phone,"
        " id_masked, phone_masked) = ("
        " SELECT v.id, v.at, v.direction, v.owner_id, v.name, v.id_number, v.phone,"
        f" {id_masked_sql(dialect, 'v.id_number')}, {phone_masked_sql(dialect, 'v.phone')}"
        " FROM hub_visit v"
        " WHERE v.person_key = hub_last_visit.person_key AND v.deleted_at IS NULL"
        " ORDER BY v.at DESC, v.id DESC LIMIT 1)"
        " WHERE hub_last_visit.person_key IN :keys"
    ).bindparams(sa.bindparam("keys", expanding=True))


def fill_masked(conn: Connection) -> None:
    """The masked numbers of every held last visit from its numbers (hub migration
    0011, and ``rebuild_all``)."""
    dialect = conn.dialect.name
    conn.exec_driver_sql(
        f"UPDATE hub_last_visit SET id_masked = {id_masked_sql(dialect, 'id_number')},"
        f" phone_masked = {phone_masked_sql(dialect, 'phone')}"
    )


def refresh(conn: Connection, keys: set[str]) -> None:
    """Recompute the last registration of each person in ``keys`` (in the caller's
    write transaction, after the visits were stored)."""
    ordered = sorted(keys)
    for start in range(0, len(ordered), CHUNK):
        chunk = ordered[start : start + CHUNK]
        _lock(conn, chunk)
        conn.execute(_refresh_sql(conn.dialect.name), {"keys": chunk})
        # Everyone whose visits were all deleted has no last registration.
        conn.execute(
            last_visit.delete().where(
                last_visit.c.person_key.in_(chunk), last_visit.c.visit_id.is_(None)
            )
        )


def rebuild_all(conn: Connection) -> None:
    """Every person's last visit from scratch (after a bulk load that bypassed
    ``ingest``; hub migration 0007 does the same for the visits it keys)."""
    conn.execute(last_visit.delete())
    ranked = (
        sa.select(
            visit.c.person_key,
            visit.c.id,
            visit.c.at,
            visit.c.direction,
            visit.c.owner_id,
            visit.c.name,
            visit.c.id_number,
            visit.c.phone,
            sa.func.row_number()
            .over(partition_by=visit.c.person_key, order_by=(visit.c.at.desc(), visit.c.id.desc()))
            .label("rank"),
        )
        .where(visit.c.person_key.is_not(None), visit.c.deleted_at.is_(None))
        .subquery()
    )
    latest = sa.select(
        ranked.c.person_key,
        ranked.c.id,
        ranked.c.at,
        ranked.c.direction,
        ranked.c.owner_id,
        ranked.c.name,
        ranked.c.id_number,
        ranked.c.phone,
    ).where(ranked.c.rank == 1)
    conn.execute(
        last_visit.insert().from_select(
            ["person_key", "visit_id", "at", "direction", "owner_id", "name", "id_number", "phone"],
            latest,
        )
    )
    fill_masked(conn)
