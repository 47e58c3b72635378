"""Opening the station database: durable pragmas, migrations, clear failures.

The database is always created by migrating an empty file with Alembic, so a new
install and an upgraded one have the same schema.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import ConnectionPoolEntry

from checkpoint_desk.errors import DatabaseError
from checkpoint_desk.i18n import N_
from checkpoint_desk.private_files import create_private, make_private
from checkpoint_desk.store.vault import StationLockedError, Vault, bind

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

# Alembic is imported only when a database has to be created or upgraded: opening an
# up-to-date database (every start of the desk) compares its stored version with this
# constant instead, which keeps Alembic off the cold-start path (≈160 ms).
# tests/store/test_engine.py keeps it equal to the newest migration.
# The chain: 0005 → 0009 → 0007 → 0008 → 0006 → 0010 → 0011 (numbers were assigned before the work).
SCHEMA_HEAD = "0011"

MIGRATIONS = Path(__file__).with_name("migrations")
SEALING_REVISION = "0003"  # the migration that seals ID numbers and phones
KEYING_REVISION = "0005"  # the migration that re-keys the audit chain (HMAC)
PLAIN_REVISIONS = frozenset({"0001", "0002"})  # schemas that stored ID numbers in plain
# Schemas that may hold an unkeyed hash of an ID number (a deny list, 0004 keys it).
UNKEYED_REVISIONS = PLAIN_REVISIONS | {"0003"}
BUSY_TIMEOUT_MS = 5000


def _set_pragmas(dbapi_conn: Any, _record: ConnectionPoolEntry) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    # Deleted rows are overwritten with zeros, so a purged or re-sealed secret does
    # not linger in a free page of the file (issue 8).
    cursor.execute("PRAGMA secure_delete=ON")
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
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def script_directory() -> ScriptDirectory:
    """The migrations, as Alembic sees them."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    """The newest schema version this program knows (from the migration scripts)."""
    head = script_directory().get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The schema version stored in the database (None for an empty file)."""
    with engine.connect() as conn:
        exists = conn.execute(
            text("SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'")
        ).first()
        if exists is None:
            return None
        version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        return str(version) if version is not None else None


def stores_plain_secrets(path: Path) -> bool:
    """Whether the database file at ``path`` is from before sealing (schema 0001–0002)."""
    return stored_revision(path) in PLAIN_REVISIONS


def stored_revision(path: Path) -> str | None:
    """The schema version of the database file at ``path``, read-only (None if none)."""
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:
        return None
    return str(row[0]) if row is not None else None


def check_database_file(path: Path) -> None:
    """Raise DatabaseError unless ``path`` starts like an SQLite file.

    An empty (zero-length) file is refused too: it is a database that lost its
    content (a full disk, a bad copy), never one to fill with a new empty schema,
    which would hide the loss behind a station with no records.
    """
    try:
        with path.open("rb") as handle:
            header = handle.read(16)
    except OSError as exc:
        raise DatabaseError(
            N_("Cannot read the database {path}: {reason}"),
            path=str(path),
            reason=exc.strerror or str(exc),
        ) from exc
    if not header:
        raise DatabaseError(
            N_(
                "The database {path} is empty (0 bytes): its records are lost. "
                "Run: checkpoint-desk db restore"
            ),
            path=str(path),
        )
    if header != b"SQLite format 3\x00":
        raise DatabaseError(
            N_(
                "{path} is not a Checkpoint Desk database (damaged or another file). "
                "Run: checkpoint-desk db restore"
            ),
            path=str(path),
        )


def open_database(path: Path, *, create: bool = False, vault: Vault | None = None) -> Engine:
    """Open (and migrate) the database; with ``create``, make it when missing.

    ``vault`` (the unlocked station keys) is bound to the engine for the services
    that seal and find ID numbers and phones (``store.vault.vault_of``); upgrading a
    database from before migration 0003 needs it (StationLockedError otherwise), and
    afterwards the file is vacuumed and its WAL truncated so no plain value survives.

    Raises DatabaseError for a damaged file, a schema newer than this program, or a
    missing database when ``create`` is false. Nothing is overwritten.
    """
    if not path.exists() and not create:
        raise DatabaseError(N_("The database {path} does not exist."), path=str(path))
    if path.exists():
        check_database_file(path)
    engine = make_engine(path)
    try:
        owner_only(path)
        current = current_revision(engine)
        if current == SCHEMA_HEAD:
            if vault is not None:
                bind(engine, vault)
            return engine
        script = script_directory()
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
            sealing = current is not None and _before(script, current, SEALING_REVISION)
            if sealing and vault is None:
                raise StationLockedError(
                    N_(
                        "Upgrading {path} seals its ID numbers and phones: "
                        "enter the station passphrase."
                    ),
                    path=str(path),
                )
            keying = current is not None and _before(script, current, KEYING_REVISION)
            if keying and vault is None:
                raise StationLockedError(
                    N_("Upgrading {path} keys its audit trail: enter the station passphrase."),
                    path=str(path),
                )
            upgrade(engine, vault=vault)
            if sealing:
                compact(engine)
    except (DatabaseError, StationLockedError):
        engine.dispose()
        raise
    except (sqlite3.DatabaseError, SQLAlchemyError, OSError) as exc:
        engine.dispose()
        raise DatabaseError(
            N_("Cannot open the database {path}: {reason}. Run: checkpoint-desk db check"),
            path=str(path),
            reason=str(getattr(exc, "orig", exc)),
        ) from exc
    if vault is not None:
        bind(engine, vault)
    return engine


def owner_only(path: Path) -> None:
    """The database file, its WAL and shared memory: 0600 (SQLite gives the WAL and
    the journal the database file's mode, so creating the file 0600 covers them)."""
    create_private(path)
    for suffix in ("-wal", "-shm", "-journal"):
        make_private(path.with_name(path.name + suffix))


def compact(engine: Engine) -> None:
    """VACUUM and truncate the WAL: freed pages (old plain values) leave the files."""
    with engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        assert raw is not None
        raw.commit()
        raw.execute("VACUUM")
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _before(script: ScriptDirectory, current: str, target: str) -> bool:
    """Whether ``current`` is an ancestor of ``target`` (so upgrading runs ``target``)."""
    return any(rev.revision == current for rev in script.iterate_revisions(target, "base")) and (
        current != target
    )


def _known(script: ScriptDirectory, revision: str) -> bool:
    from alembic.util import CommandError

    try:
        return script.get_revision(revision) is not None
    except CommandError:
        return False


def upgrade(engine: Engine, revision: str = "head", *, vault: Vault | None = None) -> None:
    """Migrate the database to ``revision`` (``vault`` seals secrets in 0003)."""
    from alembic import command

    config = alembic_config()
    with engine.connect() as conn:
        # Batch migrations copy a table and drop the old one; with foreign keys on,
        # dropping ``person`` would fail while visits point at it. Switched off only
        # outside a transaction, checked afterwards, switched back on.
        conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
        conn.commit()  # end the autobegun transaction: the pragma is now in force
        try:
            with conn.begin():
                config.attributes["connection"] = conn
                config.attributes["vault"] = vault
                command.upgrade(config, revision)
                broken = conn.exec_driver_sql("PRAGMA foreign_key_check").first()
                if broken is not None:
                    raise DatabaseError(
                        N_("A migration left a broken reference in table {table}."),
                        table=str(broken[0]),
                    )
        finally:
            conn.exec_driver_sql("PRAGMA foreign_keys=ON")
            conn.commit()
