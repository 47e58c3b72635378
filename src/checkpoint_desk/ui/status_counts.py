"""The status bar's counts, off the GUI thread, never outliving the station.

A count used to run on the global pool as a closure over the window: when it took
longer than the 3 seconds the window waited for at close, it went on against a closed
database and emitted from a deleted window (a segfault in ``MainWindow._count``).
Here the count runs on the counter's own one-thread pool, reads only through the
session, and hands its result over as ``counted`` (queued to the GUI thread);
``drain`` refuses new counts and waits for the one in flight, with no timeout (a
count is a few read-only queries), before the station closes.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThreadPool, Signal

if TYPE_CHECKING:
    from checkpoint_desk.services.desk_session import DeskSession
    from checkpoint_desk.ui.status_bar import StatusFacts


class StatusCounter(QObject):
    """Emits ``counted(StatusFacts)`` once per ``count`` that was started."""

    counted = Signal(object)

    def __init__(self, session: DeskSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._lock = threading.Lock()
        self._drained = False

    def count(self, known: StatusFacts) -> bool:
        """Start a count; False once drained (the station is closing)."""
        with self._lock:
            if self._drained:
                return False
            self._pool.start(lambda: self._count(known))
            return True

    def drain(self) -> None:
        """No more counts; returns when the one in flight has finished."""
        with self._lock:
            self._drained = True
        self._pool.waitForDone()

    def wait(self) -> None:
        """Returns when the count in flight has finished (screenshots settle on it)."""
        self._pool.waitForDone()

    def _count(self, known: StatusFacts) -> None:
        # On the pool's thread: only read, then hand the result over as a queued signal.
        session = self._session
        try:
            facts = replace(
                known,
                counts=session.day_counts(),
                unsynced=session.unsynced_count(),
                trust_age=session.trust_list_age(),
                inside=session.inside_count(),
                pace=session.pace_per_minute(),
            )
        except Exception:  # a count that failed is tried again at the next refresh
            facts = known
        self.counted.emit(facts)
