"""The camera worker never blocks the GUI thread and stops promptly."""

from __future__ import annotations

import threading
from typing import Any

import numpy as np
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from checkpoint_desk.paths import DataDir
from checkpoint_desk.scanner.decoded import Decoded
from checkpoint_desk.ui.app import build_desk
from checkpoint_desk.ui.camera_worker import CameraState, CameraWorker, source_factory
from tests.conftest import FakeClock


class StallingSource:
    """A camera that delivers one frame with a code, then hangs for seconds."""

    state = CameraState.LIVE

    def __init__(self, stall_s: float = 5.0) -> None:
        self.stall_s = stall_s
        self.reads = 0
        self._released = threading.Event()

    def read(self) -> tuple[Any, list[Decoded]] | None:
        self.reads += 1
        if self.reads == 1:
            frame = np.zeros((120, 160, 3), dtype=np.uint8)
            corners = ((10.0, 10.0), (60.0, 10.0), (60.0, 60.0), (10.0, 60.0))
            return frame, [Decoded("CODE-FROM-CAMERA", corners, "fake")]
        self._released.wait(self.stall_s)  # the driver hangs
        return None

    def close(self) -> None:
        return None  # a hung driver does not answer close either


def test_a_stalled_camera_leaves_the_window_responsive_and_stops_within_a_second(
    qtbot: QtBot, data_dir: DataDir, clock: FakeClock
) -> None:
    source = StallingSource()
    desk = build_desk(
        data_dir, demo=True, camera=source_factory(lambda: source), clock=clock, lang="en"
    )
    qtbot.addWidget(desk.window)
    desk.window.show()
    with qtbot.waitSignal(desk.window.loop.scan_read, timeout=3000):
        pass  # the first frame's code reaches the form through a queued signal
    assert [r.text for r in desk.window.form.readings] == ["CODE-FROM-CAMERA"]
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    qtbot.waitUntil(lambda: len(ticks) >= 10 and source.reads >= 2, timeout=3000)
    timer.stop()
    took = desk.camera.stop()
    assert took < 1.0
    desk.close()


def test_frames_are_dropped_not_queued_while_the_preview_is_busy(qtbot: QtBot) -> None:
    frames: list[object] = []
    worker = CameraWorker(lambda on_code, on_frame, on_state: _Null())
    worker.frame_ready.connect(lambda image, corners: frames.append(image))
    worker.start()
    blank = np.zeros((10, 10, 3), dtype=np.uint8)
    for _ in range(5):
        worker._frame(blank, ())
    assert len(frames) == 1, "only one frame in flight until the preview has drawn it"
    worker.frame_taken()
    worker._frame(blank, ())
    assert len(frames) == 2
    worker.stop()


class _Null:
    def start(self) -> None:
        return None

    def stop(self) -> None:
        return None
