"""Desk fixtures: a demo station in a temp directory and a camera the test drives."""

from __future__ import annotations

import shutil
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import pytest
from pytestqt.qtbot import QtBot
from sqlmodel import Session, select

from checkpoint_desk.codes.demo import demo_codes
from checkpoint_desk.paths import DataDir
from checkpoint_desk.store.models import Visit
from checkpoint_desk.ui.app import Desk, build_desk
from checkpoint_desk.ui.camera_worker import OnCode, OnFrame, OnState, ScanEvent, ScanPipeline
from tests.conftest import FakeClock
from tests.support.fixtures import sqlite_hub  # noqa: F401 (a hub process for the desk's own tests)


class FakeCamera:
    """Stands in for the scanner pipeline (the physical camera is the only fake)."""

    def __init__(self) -> None:
        self.on_code: OnCode | None = None
        self.on_frame: OnFrame | None = None
        self.on_state: OnState | None = None
        self.running = False

    def factory(self, on_code: OnCode, on_frame: OnFrame, on_state: OnState) -> ScanPipeline:
        self.on_code, self.on_frame, self.on_state = on_code, on_frame, on_state
        return self

    def start(self) -> None:
        self.running = True
        assert self.on_state is not None
        self.on_state("live", "")

    def stop(self) -> None:
        self.running = False

    def show(self, text: str) -> None:
        """A code comes into view and is decoded."""
        assert self.on_code is not None and self.on_frame is not None
        corners: Sequence[tuple[float, float]] = ((10.0, 10.0), (90.0, 10.0), (90.0, 90.0))
        self.on_frame(np.zeros((120, 160, 3), dtype=np.uint8), corners)
        self.on_code(ScanEvent(text, "zxing-cpp", tuple(corners)))


@pytest.fixture
def camera() -> FakeCamera:
    return FakeCamera()


@pytest.fixture
def desk(
    qtbot: QtBot, data_dir: DataDir, clock: FakeClock, camera: FakeCamera, demo_station: Path
) -> Iterator[Desk]:
    """A demo station with a volunteer on shift, the window shown, English."""
    assert clock() == FakeClock().now, "the demo station was made at the clock's start"
    shutil.copytree(demo_station, data_dir.root)
    built = build_desk(data_dir, demo=True, camera=camera.factory, clock=clock, lang="en")
    qtbot.addWidget(built.window)
    built.window.show()
    qtbot.waitExposed(built.window)
    qtbot.waitUntil(lambda: camera.running, timeout=2000)
    yield built
    built.close()


def visits(desk: Desk) -> list[Visit]:
    with Session(desk.session.engine) as session:
        return list(session.exec(select(Visit)).all())


@pytest.fixture
def demo_code(clock: FakeClock) -> dict[str, str]:
    """The demo issuer's sample codes by name, signed for the fake clock's now."""
    return {code.name: code.text for code in demo_codes(clock())}


class KeyClock:
    """Key-press times for the wedge filter: each reading is ``step`` seconds later, so
    "a scanner typing" and "a person typing" do not depend on the machine's load."""

    def __init__(self, step: float) -> None:
        self.step = step
        self.now = 1000.0

    def __call__(self) -> float:
        self.now += self.step
        return self.now
