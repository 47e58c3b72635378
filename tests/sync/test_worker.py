"""The background sync loop: backoff with jitter while the hub is away, clean stop."""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable
from itertools import groupby
from pathlib import Path

from checkpoint_desk.services.sync import make_sync_worker
from checkpoint_desk.sync.client import HubUnreachable
from checkpoint_desk.sync.round import SyncReport
from checkpoint_desk.sync.worker import SyncState, SyncWorker, backoff_delay
from tests.support.desks import add_visits, enrol, make_desk
from tests.support.hubproc import HubProcess


def wait_for(condition: Callable[[], bool], timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return condition()


def test_backoff_doubles_up_to_the_cap_with_jitter() -> None:
    rng = random.Random(7)
    for failures in range(1, 15):
        ceiling = min(60.0, 2.0 * 2 ** (failures - 1))
        delays = [backoff_delay(failures, base_s=2.0, max_s=60.0, rng=rng) for _ in range(200)]
        assert all(0 <= d <= ceiling for d in delays)
        assert len(set(delays)) > 100  # jittered, not in lockstep
    many = [backoff_delay(3, base_s=2.0, max_s=60.0, rng=rng) for _ in range(2000)]
    assert max(many) > 6.0  # the ceiling for the third failure is 8 s


def test_the_worker_backs_off_then_recovers_and_stops() -> None:
    calls: list[int] = []

    def run_round() -> SyncReport:
        calls.append(1)
        if len(calls) <= 3:
            raise HubUnreachable("Cannot reach the hub at {url}: {reason}", url="x", reason="down")
        return SyncReport(pushed=2, acknowledged=2, waiting=0)

    states: list[SyncState] = []
    recovered = threading.Event()

    def on_change(state: SyncState) -> None:
        states.append(state)
        if state.last_sync_at is not None:
            recovered.set()

    worker = SyncWorker(run_round, interval_s=3600, base_s=0.01, max_s=0.05, on_change=on_change)
    worker.start()
    assert recovered.wait(60)
    assert worker.stop(timeout=30)
    failures = [k for k, _ in groupby(s.failures for s in states if s.last_attempt_at)]
    assert failures == [0, 1, 2, 3, 0]
    final = worker.state
    assert not final.running
    assert final.last_error is None
    assert final.waiting == 0
    assert len(calls) == 4  # the long interval after success: no fifth round before stop


def test_a_failed_round_says_why_in_plain_words() -> None:
    def run_round() -> SyncReport:
        raise RuntimeError("disk on fire")

    worker = SyncWorker(run_round)
    assert worker.run_once() is None
    error = worker.state.last_error
    assert error is not None
    assert "disk on fire" in str(error)
    assert worker.state.failures == 1


def test_the_worker_syncs_once_the_hub_comes_back(sqlite_hub: HubProcess, tmp_path: Path) -> None:
    desk = make_desk(tmp_path / "desk", "西门卡点")
    enrol(desk, sqlite_hub, "西门")
    add_visits(desk, 20)
    sqlite_hub.kill()
    worker = make_sync_worker(desk.engine, desk.data_dir, interval_s=3600, base_s=0.05, max_s=0.2)
    worker.start()
    try:
        assert wait_for(lambda: worker.state.failures >= 2)
        assert isinstance(worker.state.last_error, HubUnreachable)
        assert desk.waiting() == 20
        sqlite_hub.start()
        assert wait_for(lambda: worker.state.last_sync_at is not None)
        assert worker.state.waiting == 0
        assert worker.state.last_error is None
    finally:
        assert worker.stop()
    assert desk.waiting() == 0
    desk.close()
