"""The hub's database: SQLite (default, WAL) or PostgreSQL, migrated by Alembic."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

import platformdirs
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.pool import ConnectionPoolEntry

from checkpoint_desk.errors import DatabaseError
from checkpoint_desk.i18n import N_

ENV_HOME = "CHECKPOINT_HUB_HOME"
MIGRATIONS = Path(__file__).with_name("migrations")
VERSION_TABLE = "hub_alembic_version"
BUSY_TIMEOUT_MS = 30_000
MIGRATION_LOCK = 7_215_011  # PostgreSQL advisory lock: one process migrates at a time


def hub_home() -> Path:
    """``$CHECKPOINT_HUB_HOME``, else the user data directory for checkpoint-hub."""
    env = os.environ.get(ENV_HOME)
    if env:
        return Path(env).expanduser().absolute()
    return Path(platformdirs.user_data_dir("checkpoint-hub", appauthor=False))


def default_url() -> str:
    """A SQLite file in the hub's data directory."""
    home = hub_home()
    home.mkdir(parents=True, exist_ok=True, mode=0o700)
    return f"sqlite:///{home / 'hub.db'}"


def _sqlite_connect(dbapi_conn: Any, _record: ConnectionPoolEntry) -> None:
    # Python's sqlite3 opens transactions lazily; take them over so that write
    # transactions start with BEGIN IMMEDIATE (no lock-upgrade deadlocks between threads).
    dbapi_conn.isolation_level = None
    cursor = dbapi_conn.cursor()
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    immediate = conn.get_execution_options().get("hub_write", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


_sqlite_writers: WeakKeyDictionary[Engine, threading.Lock] = WeakKeyDictionary()
_writers_guard = threading.Lock()


def _writer_lock(engine: Engine) -> threading.Lock | None:
    if engine.dialect.name != "sqlite":
        return None
    with _writers_guard:
        lock = _sqlite_writers.get(engine)
        if lock is None:
            lock = _sqlite_writers[engine] = threading.Lock()
        return lock


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """A write transaction (on SQLite: BEGIN IMMEDIATE, so writers queue, never deadlock).

    SQLite has one writer at a time; the threads of one process queue on a lock here
    (handed over at once) rather than in SQLite's busy handler, which sleeps in
    growing steps. Other processes still wait on the busy timeout.
    """
    lock = _writer_lock(engine)
    with lock if lock is not None else nullcontext(), engine.connect() as conn:
        conn.execution_options(hub_write=True)
        with conn.begin():
            yield conn


def make_hub_engine(url: str) -> Engine:
    """An engine for ``url`` (``sqlite:///FILE`` or ``postgresql+psycopg://…``)."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise DatabaseError(N_("Not a database URL: {url}"), url=url) from exc
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            parsed,
            connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
            pool_size=8,
            max_overflow=32,
            hide_parameters=True,  # a failed statement's parameters are ID numbers
        )
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    if parsed.get_backend_name() == "postgresql":
        return create_engine(
            parsed, pool_size=8, max_overflow=32, pool_pre_ping=True, hide_parameters=True
        )
    raise DatabaseError(
        N_("The hub needs a sqlite:// or postgresql+psycopg:// URL, not {url}"), url=url
    )


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"version_table": VERSION_TABLE})
        return context.get_current_revision()


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest version (several processes may race: one wins)."""
    config = alembic_config()
    try:
        with writing(engine) as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
    except SQLAlchemyError as exc:
        raise DatabaseError(
            N_("Cannot open the hub database: {reason}"), reason=str(getattr(exc, "orig", exc))
        ) from exc


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def open_hub_database(url: str | None = None) -> Engine:
    """Open (creating and migrating as needed) the hub database at ``url``."""
    engine = make_hub_engine(url or default_url())
    try:
        migrate(engine)
    except BaseException:
        engine.dispose()
        raise
    return engine
