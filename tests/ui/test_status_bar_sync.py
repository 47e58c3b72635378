"""The status bar says when the hub refused records (issue 13: reported, not retried blind)."""

from __future__ import annotations

from datetime import UTC, datetime

from pytestqt.qtbot import QtBot

from checkpoint_desk.sync.round import SyncReport
from checkpoint_desk.sync.worker import SyncState
from checkpoint_desk.ui.status_bar import DeskStatusBar


def test_records_refused_by_the_hub_are_counted_in_the_status_bar(qtbot: QtBot) -> None:
    bar = DeskStatusBar()
    qtbot.addWidget(bar)
    last = datetime(2026, 11, 28, 8, 0, tzinfo=UTC)
    bar.show_sync(SyncState(last_sync_at=last, last_report=SyncReport(pushed=30, rejected=2)))
    assert "2 refused by the hub" in bar.unsynced.text()
    bar.show_sync(SyncState(last_sync_at=last, last_report=SyncReport(pushed=30)))
    assert "refused" not in bar.unsynced.text()
