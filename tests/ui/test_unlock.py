"""The desk unlocks the station before its window opens; shift close warns of retention."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from checkpoint_desk.paths import DataDir
from checkpoint_desk.services.shift_session import ShiftReport, ShiftSession
from checkpoint_desk.settings import Settings
from checkpoint_desk.store.models import Station
from checkpoint_desk.store.vault import ENV_PASSPHRASE, PassphraseError
from checkpoint_desk.ui.shift_panel import ShiftClosePanel
from checkpoint_desk.ui.unlock import unlock_station
from tests.conftest import TEST_PASSPHRASE, FakeClock


def test_the_station_unlocks_with_its_passphrase_only(
    station_env: tuple[Engine, Station], data_dir: DataDir, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault = unlock_station(data_dir, demo=False)
    sealed = vault.encrypt("13812345678", column="person.phone")
    monkeypatch.setenv(ENV_PASSPHRASE, TEST_PASSPHRASE + " ")
    with pytest.raises(PassphraseError, match="Wrong passphrase"):
        unlock_station(data_dir, demo=False)
    monkeypatch.setenv(ENV_PASSPHRASE, TEST_PASSPHRASE)
    again = unlock_station(data_dir, demo=False)
    assert again.decrypt(sealed, column="person.phone") == "13812345678"


def test_shift_close_warns_of_old_unsynced_visits(
    qtbot: QtBot, station_env: tuple[Engine, Station], data_dir: DataDir, clock: FakeClock
) -> None:
    engine, station = station_env
    panel = ShiftClosePanel(
        ShiftSession(engine, data_dir, station, settings=Settings(None), clock=clock)
    )
    qtbot.addWidget(panel)
    report = ShiftReport(1, 0, 0, 4, None, None, purged=7, held_back=4)
    text = panel.report_text(report)
    assert "7 synced visits past the retention period were removed" in text
    assert "4 visits past the retention period are not synced" in text
    quiet = panel.report_text(ShiftReport(1, 0, 0, 0, None, None))
    assert "retention" not in quiet
