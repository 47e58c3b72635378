"""The desk's window is on screen before its station is open (issue 15).

``open_desk`` (the real start) shows the sign-in page drawn from a peek at the
database; the station opens on a worker thread; what the volunteer typed meanwhile
signs them in once it is open.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from checkpoint_desk.paths import DataDir
from checkpoint_desk.services.operators import create_operator
from checkpoint_desk.store.models import Station
from checkpoint_desk.ui import app
from checkpoint_desk.ui.app import Desk, open_desk
from tests.conftest import FakeClock
from tests.ui.conftest import FakeCamera

OPENS_WITHIN_MS = 120_000  # Alembic and scrypt on a loaded machine; not a timing test


@pytest.fixture
def starting(
    qtbot: QtBot,
    station_env: tuple[Engine, Station],
    data_dir: DataDir,
    clock: FakeClock,
    camera: FakeCamera,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Desk]:
    """The real start on a station with two volunteers and no shift open, just shown
    (the test's camera instead of the machine's: a physical edge)."""
    monkeypatch.setattr(app, "camera_factory_for", lambda *_: camera.factory)
    engine, station = station_env
    create_operator(engine, station.id, "Wang Fang", "volunteer", "2468", clock=clock)
    create_operator(engine, station.id, "Li Na", "volunteer", "1357", clock=clock)
    engine.dispose()
    args = argparse.Namespace(demo=False, data_dir=str(data_dir.root), lang="en", camera=None)
    desk = open_desk(args)
    qtbot.addWidget(desk.window)
    yield desk
    desk.close()


def test_the_first_page_lists_the_volunteers_before_the_station_opens(starting: Desk) -> None:
    window = starting.window
    assert not starting.is_open
    assert window.isVisible()
    assert window.pages.currentWidget() is window.opening
    opening = window.opening
    assert [opening.operator.itemText(i) for i in range(opening.operator.count())] == [
        "Li Na",
        "Wang Fang",
    ]
    assert opening.pin.hasFocus() or not window.isActiveWindow()
    assert "Opening the station" in opening.state.text()


def test_a_pin_typed_while_the_station_opens_signs_the_volunteer_in(
    starting: Desk, qtbot: QtBot
) -> None:
    window = starting.window
    window.opening.operator.setCurrentIndex(1)  # the second name: not the default
    qtbot.keyClicks(window.opening.pin, "2468")
    qtbot.keyClick(window.opening.pin, Qt.Key.Key_Return)
    assert not starting.is_open, "typed before the station was open"
    qtbot.waitUntil(lambda: starting.is_open, timeout=OPENS_WITHIN_MS)
    assert window.pages.currentWidget() is window.desk
    assert window.loop.operator is not None
    assert window.loop.operator.name == "Wang Fang"


def test_a_wrong_pin_typed_meanwhile_is_said_on_the_sign_in_page(
    starting: Desk, qtbot: QtBot
) -> None:
    window = starting.window
    qtbot.keyClicks(window.opening.pin, "1111")
    qtbot.keyClick(window.opening.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: starting.is_open, timeout=OPENS_WITHIN_MS)
    assert window.pages.currentWidget() is window.sign_in
    assert window.sign_in.problem.text()
    assert window.sign_in.pin.text() == ""


def test_a_pin_typed_without_enter_waits_on_the_sign_in_page(starting: Desk, qtbot: QtBot) -> None:
    window = starting.window
    window.opening.operator.setCurrentIndex(1)
    qtbot.keyClicks(window.opening.pin, "24")
    qtbot.waitUntil(lambda: starting.is_open, timeout=OPENS_WITHIN_MS)
    assert window.pages.currentWidget() is window.sign_in
    assert window.sign_in.operator.currentText() == "Wang Fang"
    assert window.sign_in.pin.text() == "24", "nothing typed is lost"
