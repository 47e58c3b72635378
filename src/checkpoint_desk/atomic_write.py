"""The one way a file is replaced: whole or not at all.

The bytes go to a fresh temporary name in the target's folder, created with the mode
asked for (``OWNER_ONLY``, 0600, for anything personal, so it is never readable by
others even for a moment); they are flushed to the disk (fsync), renamed over the
target, and the folder is synced so the rename survives a power cut. On any error
the temporary file is removed and the old file is left as it was; the OSError goes
to the caller, which knows what to tell the user.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
from pathlib import Path

OWNER_ONLY = 0o600
"""The mode of every file holding personal data or a secret."""


def write_atomic(path: Path, data: bytes, *, mode: int) -> Path:
    """Replace ``path`` with ``data`` (see the module); returns ``path``."""
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fchmod(fd, mode)  # the umask does not narrow what was asked for
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    sync_folder(path.parent)
    return path


def write_json_atomic(path: Path, payload: object, *, mode: int) -> Path:
    """``write_atomic`` of ``payload`` as indented UTF-8 JSON."""
    text = json.dumps(payload, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return write_atomic(path, text.encode("utf-8"), mode=mode)


def sync_folder(folder: Path) -> None:
    """fsync a folder so a rename in it is on the disk (a no-op where unsupported)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
