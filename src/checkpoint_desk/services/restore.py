"""``db restore``: put the newest good backup (or a chosen one) back in place.

The database being replaced is never deleted: it is moved aside with its WAL as
``checkpoint.db.replaced-<UTC>`` (it may still hold records a specialist can save).
A backup is checked (``check_database``) before it is used; the copy is written
under a temporary name, synced and renamed, like a backup.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session

from checkpoint_desk.clock import Clock, utc_now
from checkpoint_desk.errors import DatabaseError, DataDirError
from checkpoint_desk.i18n import N_
from checkpoint_desk.paths import DataDir
from checkpoint_desk.services.audit import record
from checkpoint_desk.services.backup import list_backups
from checkpoint_desk.services.database import DatabaseCheck, check_database

_SIDE_FILES = ("", "-wal", "-shm")


@dataclass(frozen=True)
class Restored:
    """What ``restore_database`` did."""

    backup: Path
    moved_aside: Path | None  # the replaced database, kept; None when there was none


def newest_good_backup(backup_dir: Path) -> Path | None:
    """The newest backup that passes ``db check`` (an older known schema is fine)."""
    for path in reversed(list_backups(backup_dir)):
        if check_database(path).ok:
            return path
    return None


def restore_database(
    data_dir: DataDir,
    backup: Path | None = None,
    *,
    replace_good: bool = False,
    clock: Clock = utc_now,
) -> Restored:
    """Replace the station database by ``backup`` (default: the newest good one).

    Refuses (DatabaseError) a backup that fails its check, a data directory with no
    good backup, and, unless ``replace_good``, a database that passes its own check
    (restoring it would drop every record made since the backup).
    """
    chosen = backup if backup is not None else newest_good_backup(data_dir.backups)
    if chosen is None:
        raise DatabaseError(
            N_(
                "No good backup in {path}. Keep the damaged database for a specialist; "
                "to start over, move it away and run: checkpoint-desk init"
            ),
            path=str(data_dir.backups),
        )
    found = check_database(chosen)
    if not found.ok:
        raise DatabaseError(
            N_("The backup {path} fails its check ({problems}); nothing was changed."),
            path=str(chosen),
            problems=", ".join(found.problems),
        )
    current = data_dir.database
    if current.exists() and not replace_good and _healthy(check_database(current)):
        raise DatabaseError(
            N_(
                "The database {path} passes its check: restoring would drop every record "
                "made since the backup. Add --replace-good to restore anyway."
            ),
            path=str(current),
        )
    stamp = clock().strftime("%Y%m%dT%H%M%SZ")
    partial = current.with_name(current.name + ".restore.part")
    try:
        with (
            closing(sqlite3.connect(f"file:{chosen}?mode=ro", uri=True)) as source,
            closing(sqlite3.connect(partial)) as copy,
        ):
            source.backup(copy)
        os.chmod(partial, 0o600)
        with partial.open("rb") as handle:
            os.fsync(handle.fileno())
        aside = _move_aside(current, stamp)
        os.replace(partial, current)
        _sync_folder(current.parent)
    except (OSError, sqlite3.Error) as exc:
        partial.unlink(missing_ok=True)
        raise DataDirError(
            N_("Cannot restore into {path}: {reason}"),
            path=str(current),
            reason=getattr(exc, "strerror", None) or str(exc),
        ) from exc
    return Restored(backup=chosen, moved_aside=aside)


def record_restore(engine: Engine, done: Restored, *, clock: Clock = utc_now) -> None:
    """Audit the restore in the restored database (``db_restore``)."""
    detail = {"backup": done.backup.name, "moved_aside": str(done.moved_aside or "")}
    with Session(engine) as session:
        record(session, "db_restore", detail, clock=clock)
        session.commit()


def _healthy(check: DatabaseCheck) -> bool:
    return check.ok and check.counts.get("station", 0) > 0


def _move_aside(current: Path, stamp: str) -> Path | None:
    """Rename the database and its WAL/SHM to ``*.replaced-STAMP``; None when absent."""
    if not current.exists():
        return None
    aside = current.with_name(f"{current.name}.replaced-{stamp}")
    serial = 1
    while aside.exists():
        aside = current.with_name(f"{current.name}.replaced-{stamp}-{serial}")
        serial += 1
    for suffix in _SIDE_FILES:
        side = current.with_name(current.name + suffix)
        if side.exists():
            os.replace(side, aside.with_name(aside.name + suffix))
    return aside


def _sync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
