"""The status bar's counts run off the GUI thread: none may outlive the station."""

from __future__ import annotations

import threading

from pytestqt.qtbot import QtBot

from checkpoint_desk.services.today import DayCounts
from checkpoint_desk.ui.app import Desk


def test_a_count_in_flight_finishes_before_the_station_closes(desk: Desk, qtbot: QtBot) -> None:
    """A count slower than the old 3-second wait at close went on against a closed
    database and a deleted window (a segfault in ``MainWindow._count``)."""
    window = desk.window
    qtbot.waitUntil(lambda: window.status.facts.inside is not None, timeout=5000)
    session = desk.session
    order: list[str] = []
    started, gate = threading.Event(), threading.Event()
    real_counts, real_close = session.day_counts, session.close

    def slow_counts() -> DayCounts:  # a database slow under load
        started.set()
        gate.wait(10)
        counts = real_counts()
        order.append("counted")
        return counts

    def close() -> None:
        order.append("closed")
        real_close()

    object.__setattr__(session, "day_counts", slow_counts)
    object.__setattr__(session, "close", close)
    window.refresh_status()
    qtbot.waitUntil(started.is_set, timeout=5000)
    release = threading.Timer(3.5, gate.set)  # longer than the window used to wait
    release.start()
    try:
        desk.close()
        assert order == ["counted", "closed"]
        assert window.status.facts.inside is not None
    finally:
        gate.set()
        release.join()
