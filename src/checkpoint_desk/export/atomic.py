"""Writing an export so that a folder never holds half a file.

The bytes go to a temporary name in the target folder, are flushed to the disk
(fsync), then renamed over the final name; the folder is synced too. Any failure
removes the temporary file and becomes an ExportError that says what to do.
"""

from __future__ import annotations

import errno
from pathlib import Path

from checkpoint_desk.atomic_write import OWNER_ONLY, write_atomic
from checkpoint_desk.export.errors import ExportFolderError
from checkpoint_desk.i18n import N_


def check_folder(folder: Path) -> None:
    """Raise unless ``folder`` exists and is a folder."""
    if not folder.exists():
        raise ExportFolderError(
            N_(
                "The export folder {path} does not exist. Plug in the USB stick or choose "
                "another folder."
            ),
            path=str(folder),
        )
    if not folder.is_dir():
        raise ExportFolderError(N_("{path} is not a folder."), path=str(folder))


def folder_error(folder: Path, exc: OSError) -> ExportFolderError:
    """The user's message for an OSError met while writing into ``folder``."""
    reason = exc.strerror or str(exc)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return ExportFolderError(
            N_(
                "The export folder {path} is full; nothing was written. Free some space or "
                "choose another folder."
            ),
            path=str(folder),
        )
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return ExportFolderError(
            N_("The export folder {path} is not writable ({reason}); nothing was written."),
            path=str(folder),
            reason=reason,
        )
    if exc.errno == errno.ENOENT:
        return ExportFolderError(
            N_(
                "The export folder {path} does not exist. Plug in the USB stick or choose "
                "another folder."
            ),
            path=str(folder),
        )
    return ExportFolderError(
        N_("Cannot write to the export folder {path}: {reason}; nothing was written."),
        path=str(folder),
        reason=reason,
    )


def write_file_atomic(target: Path, data: bytes) -> None:
    """Put ``data`` at ``target`` whole or not at all, readable by its owner only."""
    folder = target.parent
    check_folder(folder)
    try:
        # Owner-only: a ledger holds names and numbers, on a USB stick too (issue 14).
        write_atomic(target, data, mode=OWNER_ONLY)
    except OSError as exc:
        raise folder_error(folder, exc) from exc
