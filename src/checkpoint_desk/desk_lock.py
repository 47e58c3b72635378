"""One desk per data directory: a lock file held while a window (or a writing command) runs.

Two desks on one data directory once ran side by side: one closed the shift, the other
kept registering into the closed shift, and those visits were missing from its ledger.
The lock is an OS file lock (``flock`` on POSIX, ``msvcrt.locking`` on Windows) on
``desk.lock`` in the data directory, so it goes away with the process that held it —
a crash or a power cut never leaves a stale lock behind. The file says who holds it
(what, pid, host, since) so a second start can say so in one line.
"""

from __future__ import annotations

import json
import os
import socket
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from types import TracebackType

from checkpoint_desk.clock import to_local
from checkpoint_desk.errors import CheckpointError
from checkpoint_desk.i18n import N_, gettext
from checkpoint_desk.paths import DataDir

# Windows locks byte ranges and forbids reading a locked range: lock one byte far
# beyond the holder's few hundred bytes of JSON, so others can still read who it is.
_WINDOWS_LOCK_OFFSET = 1 << 20
_POLL_S = 0.2
WAIT_HELP = "wait up to this long for a running desk to close (default: refuse at once)"


class DeskBusyError(CheckpointError):
    """The data directory is in use by another desk or command."""

    exit_code = 7


@dataclass(frozen=True)
class LockHolder:
    """Who holds a data directory: ``what`` is "desk" or a command's name."""

    what: str
    pid: int
    host: str
    since: datetime

    def describe(self) -> str:
        """One translated line: which desk holds it, where and since when."""
        since = to_local(self.since).strftime("%Y-%m-%d %H:%M")
        what = gettext(N_("the desk")) if self.what == "desk" else self.what
        return gettext(N_("{what} (pid {pid} on {host}, since {since})")).format(
            what=what, pid=self.pid, host=self.host, since=since
        )


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_UN)


def read_holder(data_dir: DataDir) -> LockHolder | None:
    """Who the lock file names (None when it names nobody or cannot be read)."""
    try:
        raw = json.loads(data_dir.lock_file.read_text(encoding="utf-8") or "null")
        return LockHolder(
            what=str(raw["what"]),
            pid=int(raw["pid"]),
            host=str(raw["host"]),
            since=datetime.fromisoformat(str(raw["since"])),
        )
    except (OSError, ValueError, TypeError, KeyError):
        return None


class DataDirLock:
    """Held by the open desk window and by commands that write (``import-visits``,
    ``retention purge``). Use as a context manager or ``acquire()`` / ``release()``."""

    def __init__(self, data_dir: DataDir, what: str = "desk") -> None:
        self.data_dir = data_dir
        self.what = what
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self, wait_s: float = 0.0) -> DataDirLock:
        """Take the lock, waiting up to ``wait_s`` seconds; DeskBusyError otherwise."""
        if self._fd is not None:
            return self
        path = self.data_dir.lock_file
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        deadline = time.monotonic() + max(0.0, wait_s)
        while not _try_lock(fd):
            if time.monotonic() >= deadline:
                os.close(fd)
                raise self._busy()
            time.sleep(_POLL_S)
        holder = {
            "what": self.what,
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "since": datetime.now(UTC).isoformat(),
        }
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, json.dumps(holder).encode("utf-8"))
        os.fsync(fd)
        self._fd = fd
        return self

    def _busy(self) -> DeskBusyError:
        holder = None
        for _ in range(5):  # the holder writes its name just after it took the lock
            holder = read_holder(self.data_dir)
            if holder is not None:
                break
            time.sleep(0.05)
        who = holder.describe() if holder is not None else gettext(N_("another program"))
        return DeskBusyError(
            N_("The data directory {path} is in use by {who}: close it first."),
            path=str(self.data_dir.root),
            who=who,
        )

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            os.ftruncate(fd, 0)  # names nobody once let go
            _unlock(fd)
        finally:
            os.close(fd)

    def __enter__(self) -> DataDirLock:
        return self.acquire()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()
