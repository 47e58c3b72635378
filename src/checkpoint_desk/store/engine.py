"""Opening the station database: durable pragmas, migrations, clear failures.

The database is always created by migrating an empty file with Alembic, so a new
install and an upgraded one have the same schema.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import ConnectionPoolEntry

from checkpoint_desk.errors import DatabaseError
from checkpoint_desk.i18n import N_

MIGRATIONS = Path(__file__).with_name("migrations")
BUSY_TIMEOUT_MS = 5000


def _set_pragmas(dbapi_conn: Any, _record: ConnectionPoolEntry) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def make_engine(path: Path) -> Engine:
    """An engine on ``path`` with WAL, synchronous=FULL, foreign keys and a busy timeout."""
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
    )
    event.listen(engine, "connect", _set_pragmas)
    return engine


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    """The newest schema version this program knows."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The schema version stored in the database (None for an empty file)."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _check_sqlite_file(path: Path) -> None:
    try:
        with path.open("rb") as handle:
            header = handle.read(16)
    except OSError as exc:
        raise DatabaseError(
            N_("Cannot read the database {path}: {reason}"),
            path=str(path),
            reason=exc.strerror or str(exc),
        ) from exc
    if header and header != b"SQLite format 3\x00":
        raise DatabaseError(
            N_(
                "{path} is not a Checkpoint Desk database (damaged or another file). "
                "Restore a backup from backups/ or move it away and run init."
            ),
            path=str(path),
        )


def open_database(path: Path, *, create: bool = False) -> Engine:
    """Open (and migrate) the database; with ``create``, make it when missing.

    Raises DatabaseError for a damaged file, a schema newer than this program, or a
    missing database when ``create`` is false. Nothing is overwritten.
    """
    if not path.exists() and not create:
        raise DatabaseError(N_("The database {path} does not exist."), path=str(path))
    if path.exists():
        _check_sqlite_file(path)
    engine = make_engine(path)
    try:
        current = current_revision(engine)
        script = ScriptDirectory.from_config(alembic_config())
        if current is not None and not _known(script, current):
            raise DatabaseError(
                N_(
                    "The database {path} was made by a newer version of Checkpoint Desk "
                    "(schema {revision}). Install the newer version to open it."
                ),
                path=str(path),
                revision=current,
            )
        if current != script.get_current_head():
            upgrade(engine)
    except DatabaseError:
        engine.dispose()
        raise
    except (sqlite3.DatabaseError, SQLAlchemyError, OSError) as exc:
        engine.dispose()
        raise DatabaseError(
            N_("Cannot open the database {path}: {reason}. Run: checkpoint-desk db check"),
            path=str(path),
            reason=str(getattr(exc, "orig", exc)),
        ) from exc
    return engine


def _known(script: ScriptDirectory, revision: str) -> bool:
    try:
        return script.get_revision(revision) is not None
    except CommandError:
        return False


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate the database to ``revision``."""
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
