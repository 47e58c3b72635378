"""The desk unlocks the station as it opens (``StationOpener``: the environment's
passphrase, or asked, three tries); shift close warns of retention."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from checkpoint_desk.paths import DataDir
from checkpoint_desk.services.shift_session import ShiftReport, ShiftSession
from checkpoint_desk.settings import Settings
from checkpoint_desk.store.models import Station
from checkpoint_desk.store.vault import ENV_PASSPHRASE, PassphraseError, vault_of
from checkpoint_desk.ui.opening import OpenedStation, StationOpener
from checkpoint_desk.ui.shift_panel import ShiftClosePanel
from tests.conftest import TEST_PASSPHRASE, FakeClock


def open_with(
    data_dir: DataDir, clock: FakeClock, typed: list[str]
) -> tuple[OpenedStation | Exception, list[str]]:
    """Open the station the way the desk does (unthreaded); the password dialog, the
    volunteer's edge, answers ``typed`` in turn. Returns the outcome and the problems
    each question showed."""
    asked: list[str] = []
    outcome: list[OpenedStation | Exception] = []

    def ask(problem: str, first_time: bool) -> str | None:
        asked.append(problem)
        return typed.pop(0) if typed else None

    opener = StationOpener(data_dir, ask, clock=clock, demo=False, threaded=False)
    opener.opened.connect(outcome.append)
    opener.failed.connect(outcome.append)
    opener.start()
    return outcome[0], asked


def test_the_station_unlocks_with_its_passphrase_only(
    qtbot: QtBot,
    station_env: tuple[Engine, Station],
    data_dir: DataDir,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    opened, asked = open_with(data_dir, clock, [])
    assert isinstance(opened, OpenedStation) and asked == [], "the environment's passphrase"
    sealed = vault_of(opened.session.engine).encrypt("13812345678", column="person.phone")
    opened.session.close()
    monkeypatch.setenv(ENV_PASSPHRASE, TEST_PASSPHRASE + " ")
    refused, asked = open_with(data_dir, clock, [])
    assert isinstance(refused, PassphraseError) and "Wrong passphrase" in refused.translated()
    assert asked == [], "a wrong passphrase from the environment is not asked for again"
    monkeypatch.setenv(ENV_PASSPHRASE, TEST_PASSPHRASE)
    again, _ = open_with(data_dir, clock, [])
    assert isinstance(again, OpenedStation)
    shown = vault_of(again.session.engine).decrypt(sealed, column="person.phone")
    again.session.close()
    assert shown == "13812345678"


def test_a_wrong_passphrase_typed_is_said_and_asked_again(
    qtbot: QtBot,
    station_env: tuple[Engine, Station],
    data_dir: DataDir,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(ENV_PASSPHRASE)
    opened, asked = open_with(data_dir, clock, ["not it", TEST_PASSPHRASE])
    assert isinstance(opened, OpenedStation)
    opened.session.close()
    assert asked[0] == "" and "Wrong passphrase" in asked[1]
    locked, asked = open_with(data_dir, clock, ["a", "b", "c", TEST_PASSPHRASE])
    assert isinstance(locked, PassphraseError), "three tries"
    assert len(asked) == 3


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
    one = panel.report_text(ShiftReport(1, 0, 0, 1, None, None, purged=1, held_back=1))
    assert "One record is not synced yet; it stays on this laptop." in one
    assert "One synced visit past the retention period was removed." in one
    assert "One visit past the retention period is not synced: sync soon, it is kept" in one
    assert "1 records" not in one and "1 synced visits" not in one
