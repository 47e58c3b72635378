"""Storage faults as one line: a damaged database, a read-only or full data directory.

A command that meets one of these below the services (a read of a damaged page, a
log file that cannot be opened, a disk that filled up) gets the error turned into
a ``CheckpointError`` saying what is wrong and what to do, instead of a traceback.
"""

from __future__ import annotations

import errno
import sqlite3

from checkpoint_desk.errors import CheckpointError, DatabaseError, DataDirError
from checkpoint_desk.i18n import N_

_READ_ONLY = (errno.EROFS, errno.EACCES, errno.EPERM)
_FULL = (errno.ENOSPC, errno.EDQUOT)


def storage_fault(exc: BaseException) -> CheckpointError | None:
    """The one-line error for ``exc`` when it is a storage fault, else None."""
    from sqlalchemy.exc import DBAPIError

    cause: BaseException = exc.orig if isinstance(exc, DBAPIError) and exc.orig else exc
    if isinstance(cause, OSError):
        reason = cause.strerror or str(cause)
        where = cause.filename or ""
        if cause.errno in _FULL:
            return DataDirError(
                N_("The disk is full ({path}): free some space, then try again."), path=where
            )
        if cause.errno in _READ_ONLY:
            return DataDirError(
                N_("Cannot write to {path}: {reason}. Make the data directory writable."),
                path=where,
                reason=reason,
            )
        return None
    if isinstance(cause, sqlite3.Error):
        text = str(cause)
        lowered = text.lower()
        if "full" in lowered:
            return DataDirError(
                N_("The disk is full ({reason}): free some space, then try again."), reason=text
            )
        if "readonly" in lowered or "read-only" in lowered or "unable to open" in lowered:
            return DataDirError(
                N_("The database cannot be written ({reason}): make the data directory writable."),
                reason=text,
            )
        return DatabaseError(
            N_(
                "The database is damaged ({reason}). Run: checkpoint-desk db check, "
                "then checkpoint-desk db restore"
            ),
            reason=text,
        )
    return None
