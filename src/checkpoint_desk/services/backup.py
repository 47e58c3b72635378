"""Rolling backups with SQLite's online backup API (safe while the desk writes)."""

from __future__ import annotations

import errno
import os
import sqlite3
from contextlib import closing
from pathlib import Path

from sqlalchemy import Engine

from checkpoint_desk.atomic_write import sync_folder
from checkpoint_desk.clock import Clock, utc_now
from checkpoint_desk.errors import DatabaseError, DataDirError
from checkpoint_desk.i18n import N_
from checkpoint_desk.private_files import create_private, make_private
from checkpoint_desk.store.engine import UNKEYED_REVISIONS, open_database, stored_revision
from checkpoint_desk.store.vault import Vault

PREFIX = "checkpoint-"
SUFFIX = ".db"


def backup_database(
    engine_or_path: Engine | Path,
    backup_dir: Path,
    *,
    keep: int = 20,
    clock: Clock = utc_now,
) -> Path:
    """Copy the live database to ``backup_dir``; keep only the newest ``keep`` copies.

    The copy is written under a temporary name, checked (``PRAGMA integrity_check``),
    synced to disk, then renamed, so a crash never leaves a half backup with a
    backup's name. A copy that fails its check means the database is damaged: it is
    thrown away and DatabaseError raised before any older backup is pruned, so the
    last good backup is never rotated out by a bad one.
    """
    source_path = _database_path(engine_or_path)
    try:
        backup_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise DataDirError(
            N_("Cannot write backups to {path}: {reason}"),
            path=str(backup_dir),
            reason=exc.strerror or str(exc),
        ) from exc
    stamp = clock().strftime("%Y%m%dT%H%M%S%fZ")
    target = backup_dir / f"{PREFIX}{stamp}{SUFFIX}"
    serial = 1
    while target.exists():  # two backups within one clock tick
        target = backup_dir / f"{PREFIX}{stamp}-{serial}{SUFFIX}"
        serial += 1
    partial = target.with_name(target.name + ".part")
    try:
        create_private(partial)  # a backup holds what the database holds: 0600
        with (
            closing(sqlite3.connect(f"file:{source_path}?mode=ro", uri=True)) as source,
            closing(sqlite3.connect(partial)) as copy,
        ):
            source.backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")
            found = [str(row[0]) for row in copy.execute("PRAGMA integrity_check")]
        if found != ["ok"]:
            partial.unlink(missing_ok=True)
            raise DatabaseError(
                N_(
                    "The database fails its integrity check ({reason}): no backup was made "
                    "and the older backups are kept. Run: checkpoint-desk db restore"
                ),
                reason=" ".join(found[-1].split())[:200],
            )
        with partial.open("rb") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, target)
        sync_folder(backup_dir)  # the rename survives a power cut
    except sqlite3.DatabaseError as exc:
        partial.unlink(missing_ok=True)
        if isinstance(exc, sqlite3.OperationalError) and "malformed" not in str(exc):
            raise DataDirError(
                N_("The backup to {path} failed: {reason}"), path=str(target), reason=str(exc)
            ) from exc
        raise DatabaseError(
            N_(
                "The database is damaged ({reason}): no backup was made and the older "
                "backups are kept. Run: checkpoint-desk db restore"
            ),
            reason=str(exc),
        ) from exc
    except (OSError, sqlite3.Error) as exc:
        partial.unlink(missing_ok=True)
        if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise DataDirError(
                N_("The disk is full: no backup was made in {path}. Free some space."),
                path=str(backup_dir),
            ) from exc
        raise DataDirError(
            N_("The backup to {path} failed: {reason}"), path=str(target), reason=str(exc)
        ) from exc
    prune_backups(backup_dir, keep)
    return target


def list_backups(backup_dir: Path) -> list[Path]:
    """The backups in ``backup_dir``, oldest first."""
    if not backup_dir.is_dir():
        return []
    found = [p for p in backup_dir.glob(f"{PREFIX}*{SUFFIX}") if p.is_file()]
    return sorted(found, key=lambda p: (p.stat().st_mtime_ns, p.name))


def prune_backups(backup_dir: Path, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` backups; returns the deleted ones."""
    backups = list_backups(backup_dir)
    doomed = backups[: max(len(backups) - max(keep, 1), 0)]
    for path in doomed:
        path.unlink(missing_ok=True)
    return doomed


def seal_old_backups(backup_dir: Path, vault: Vault) -> list[Path]:
    """Upgrade backups made before 0003/0004 so they hold no plain secret or unkeyed hash.

    Each such copy is migrated in place with ``vault`` (sealing its ID numbers and
    phones), vacuumed, and left in rollback-journal mode like every backup. Returns
    the backups sealed; a backup that cannot be opened is left alone (``db check``).
    """
    sealed = []
    for path in list_backups(backup_dir):
        make_private(path)  # made 0644 before issue 14
        if stored_revision(path) not in UNKEYED_REVISIONS:
            continue
        try:
            engine = open_database(path, vault=vault)
        except DatabaseError:
            continue
        try:
            with engine.connect() as conn:
                raw = conn.connection.dbapi_connection
                assert raw is not None
                raw.execute("PRAGMA journal_mode=DELETE")
        finally:
            engine.dispose()
        sealed.append(path)
    return sealed


def _database_path(engine_or_path: Engine | Path) -> Path:
    if isinstance(engine_or_path, Path):
        return engine_or_path
    database = engine_or_path.url.database
    if not database:
        raise DataDirError(N_("Only a database file can be backed up."))
    return Path(database)
