"""The background sync loop (plain threading, no Qt: the UI wraps it).

It runs a round every ``interval_s`` while things work; while the hub is away it
waits ``base_s * 2**failures`` (capped at ``max_s``) with "full jitter" (a random
share of that), so a hundred desks coming back online do not all knock at once.
``state`` is a frozen snapshot for the status bar; ``on_change`` is called (from the
worker thread) after each round.
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from checkpoint_desk.clock import Clock, utc_now
from checkpoint_desk.errors import CheckpointError
from checkpoint_desk.i18n import N_
from checkpoint_desk.sync.round import SyncReport

log = logging.getLogger(__name__)


class UnexpectedSyncFailure(CheckpointError):
    """A round failed in a way nobody foresaw; it is logged and retried."""

    exit_code = 6


@dataclass(frozen=True)
class SyncState:
    """What the status bar shows."""

    running: bool = False
    syncing: bool = False
    last_sync_at: datetime | None = None  # last round that finished without error
    last_attempt_at: datetime | None = None
    waiting: int | None = None  # visits not yet acknowledged by the hub
    last_error: CheckpointError | None = None  # .translated() gives plain words
    failures: int = 0  # rounds failed in a row
    next_attempt_in_s: float | None = None
    last_report: SyncReport | None = None


def backoff_delay(failures: int, *, base_s: float, max_s: float, rng: random.Random) -> float:
    """Full jitter: uniform in [0, min(max_s, base_s * 2**(failures-1))]."""
    ceiling = min(max_s, base_s * (2 ** max(failures - 1, 0)))
    return rng.uniform(0, ceiling)


class SyncWorker:
    """Runs ``run_round`` in a daemon thread until ``stop()``."""

    def __init__(
        self,
        run_round: Callable[[], SyncReport],
        *,
        interval_s: float = 60.0,
        base_s: float = 5.0,
        max_s: float = 600.0,
        on_change: Callable[[SyncState], None] | None = None,
        clock: Clock = utc_now,
        rng: random.Random | None = None,
    ) -> None:
        self._run_round = run_round
        self._interval_s = interval_s
        self._base_s = base_s
        self._max_s = max_s
        self._on_change = on_change
        self._clock = clock
        self._rng = rng or random.Random()
        self._lock = threading.Lock()
        self._state = SyncState()
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def state(self) -> SyncState:
        with self._lock:
            return self._state

    def _update(self, **changes: object) -> SyncState:
        with self._lock:
            self._state = replace(self._state, **changes)  # type: ignore[arg-type]
            state = self._state
        if self._on_change is not None:
            try:
                self._on_change(state)
            except Exception:  # a listener's bug must not stop syncing
                log.exception("sync state listener failed")
        return state

    def start(self) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, name="checkpoint-sync", daemon=True)
        self._update(running=True)
        self._thread.start()

    def sync_soon(self) -> None:
        """Start a round now (e.g. the volunteer pressed "sync")."""
        self._wake.set()

    def stop(self, timeout: float | None = 30.0) -> bool:
        """Ask the loop to end and wait for it; True when it ended in time."""
        self._stop.set()
        self._wake.set()
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
            if thread.is_alive():
                return False
            self._thread = None
        self._update(running=False, syncing=False, next_attempt_in_s=None)
        return True

    def run_once(self) -> SyncReport | None:
        """One round in the calling thread, with the state updated as the loop does."""
        self._update(syncing=True, last_attempt_at=self._clock())
        try:
            report = self._run_round()
        except CheckpointError as exc:
            self._update(syncing=False, last_error=exc, failures=self.state.failures + 1)
            return None
        except Exception as exc:  # never let the thread die silently
            log.exception("sync round failed")
            error = UnexpectedSyncFailure(N_("Sync failed unexpectedly: {reason}"), reason=exc)
            self._update(syncing=False, last_error=error, failures=self.state.failures + 1)
            return None
        if report.ok:
            self._update(
                syncing=False,
                last_sync_at=self._clock(),
                last_error=None,
                failures=0,
                waiting=report.waiting,
                last_report=report,
            )
        else:
            self._update(
                syncing=False,
                last_error=report.errors[0],
                failures=self.state.failures + 1,
                waiting=report.waiting,
                last_report=report,
            )
        return report

    def _loop(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()
            self.run_once()
            if self._stop.is_set():
                break
            failures = self.state.failures
            delay = (
                backoff_delay(failures, base_s=self._base_s, max_s=self._max_s, rng=self._rng)
                if failures
                else self._interval_s
            )
            self._update(next_attempt_in_s=delay)
            self._wake.wait(delay)
