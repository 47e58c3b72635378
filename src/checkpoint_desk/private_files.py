"""Files that hold personal data are readable by their owner only (0600), wherever
they are written: the data directory, a backup folder or an ``--out`` folder.

``OWNER_ONLY`` is the mode every such file is created with (``os.open`` with it, so
there is no moment when the file is readable by others); ``make_private`` narrows a
file made before (an old database, its WAL) when it is opened.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from checkpoint_desk.atomic_write import OWNER_ONLY, write_atomic

__all__ = ["OWNER_ONLY", "create_private", "make_private", "write_private"]


def make_private(path: Path) -> None:
    """Narrow ``path`` to 0600 if it exists (file systems without modes ignore it)."""
    with contextlib.suppress(FileNotFoundError, NotImplementedError, PermissionError):
        if path.stat().st_mode & 0o077:
            path.chmod(OWNER_ONLY)


def create_private(path: Path) -> None:
    """Create ``path`` empty and 0600 unless it exists (then narrow it)."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, OWNER_ONLY))
    except FileExistsError:
        make_private(path)


def write_private(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` whole, mode 0600 (``atomic_write.write_atomic``).

    OSError is left to the caller, which knows what to tell the user.
    """
    return write_atomic(path, data, mode=OWNER_ONLY)
