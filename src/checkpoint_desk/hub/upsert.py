"""The revision-guarded upsert, as one driver-level ``executemany``.

``INSERT … ON CONFLICT (id) DO UPDATE SET … WHERE excluded.revision > t.revision AND
t.owner_id = excluded.owner_id`` is the same SQL on SQLite and PostgreSQL: a row
changes only for the station that owns it (``ingest.py`` then refuses what another
owns). Values are converted to what the column types store (as SQLAlchemy would)
once per value here rather than through SQLAlchemy's per-row bind processing, which
was most of the ingest time.

After it runs, the table holds every row of the sender's at the sent revision or a
later one: a row of its own the WHERE skipped already had a revision at least as
high (on PostgreSQL the conflicting row is locked and re-checked, so concurrent hubs
agree).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, date, datetime
from functools import cache
from typing import Any
from uuid import UUID

import sqlalchemy as sa
from sqlalchemy import Connection

from checkpoint_desk.store.types import UTCDateTime

Convert = Callable[[Any], Any]


def _sqlite_datetime(value: datetime | None) -> str | None:
    # SQLAlchemy's SQLite DATETIME storage format.
    if value is None:
        return None
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _naive_utc(value: datetime | None) -> datetime | None:
    return None if value is None else value.astimezone(UTC).replace(tzinfo=None)


def _uuid_hex(value: UUID | None) -> str | None:
    return None if value is None else value.hex


def _iso_date(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _converter(dialect: str, column: sa.Column[Any]) -> Convert | None:
    kind = column.type
    sqlite = dialect == "sqlite"
    if isinstance(kind, UTCDateTime):
        return _sqlite_datetime if sqlite else _naive_utc
    if isinstance(kind, sa.Uuid):
        return _uuid_hex if sqlite else None
    if isinstance(kind, sa.JSON):
        return _json
    if isinstance(kind, sa.Date):
        return _iso_date if sqlite else None
    return None


@cache
def _plan(
    dialect: str, paramstyle: str, table: sa.Table
) -> tuple[str, list[tuple[str, Convert | None]]]:
    names = [c.name for c in table.columns]
    mark = "?" if paramstyle == "qmark" else "%s"
    changes = ", ".join(f"{n} = excluded.{n}" for n in names if n != "id")
    sql = (
        f"INSERT INTO {table.name} ({', '.join(names)}) "
        f"VALUES ({', '.join(mark for _ in names)}) "
        f"ON CONFLICT (id) DO UPDATE SET {changes} "
        f"WHERE excluded.revision > {table.name}.revision"
        f" AND {table.name}.owner_id = excluded.owner_id"
    )
    return sql, [(c.name, _converter(dialect, c)) for c in table.columns]


def upsert_rows(conn: Connection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
    """Insert ``rows`` (column → Python value), keeping the higher revision of each id."""
    if not rows:
        return
    sql, columns = _plan(conn.dialect.name, conn.dialect.paramstyle, table)
    params = [
        tuple(convert(row[name]) if convert else row[name] for name, convert in columns)
        for row in rows
    ]
    conn.exec_driver_sql(sql, params)
