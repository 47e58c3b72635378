"""The camera worker never blocks the GUI thread and stops promptly."""

from __future__ import annotations

import threading
import time

import numpy as np
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from checkpoint_desk.paths import DataDir
from checkpoint_desk.scanner.demo_feed import qr_image
from checkpoint_desk.scanner.frames import Frame, SourceState
from checkpoint_desk.ui.app import build_desk
from checkpoint_desk.ui.camera_worker import CameraWorker
from checkpoint_desk.ui.scanner_bridge import pipeline_factory
from tests.conftest import FakeClock

CODE = "https://jkm.example.gov.cn/h5/qr?code=STALL-0001"


class StallingCamera:
    """A webcam (the only fake): a few frames showing a code, then the driver hangs."""

    live = True

    def __init__(self, stall_s: float = 3.0) -> None:
        self.stall_s = stall_s
        self.reads = 0
        self.closed = False
        self._hung = threading.Event()

    @property
    def state(self) -> SourceState:
        return SourceState.LIVE

    @property
    def detail(self) -> str:
        return ""

    def open(self) -> None:
        return None

    def read(self) -> Frame | None:
        self.reads += 1
        if self.reads <= 5:  # the debouncer wants a code seen more than once
            time.sleep(0.03)
            gray = np.full((480, 640), 255, dtype=np.uint8)
            code = qr_image(CODE)
            height, width = code.shape
            gray[100 : 100 + height, 100 : 100 + width] = code
            return Frame(gray, self.reads, time.monotonic())
        self._hung.wait(self.stall_s)  # the driver hangs
        return None

    def close(self) -> None:
        self.closed = True

    def unhang(self) -> None:
        self._hung.set()

    def describe(self) -> str:
        return "stalling test camera"


def test_a_stalled_camera_leaves_the_window_responsive_and_stops_within_a_second(
    qtbot: QtBot, data_dir: DataDir, clock: FakeClock
) -> None:
    source = StallingCamera()
    desk = build_desk(data_dir, demo=True, camera=pipeline_factory(lambda: source), clock=clock)
    qtbot.addWidget(desk.window)
    desk.window.show()
    with qtbot.waitSignal(desk.window.loop.scan_read, timeout=5000):
        pass  # the frame's code is decoded on the pipeline's threads and reaches the form
    assert [r.text for r in desk.window.form.readings] == [CODE]
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    qtbot.waitUntil(lambda: len(ticks) >= 10 and source.reads >= 6, timeout=3000)
    timer.stop()
    began = time.monotonic()
    # closing the window stops the camera worker (the scanned visitor is not asked
    # about: the application is ending)
    desk.window.shut_down()
    assert time.monotonic() - began < 1.0
    assert not desk.camera.running
    desk.close()
    source.unhang()  # the driver comes back: the abandoned thread ends quietly
    qtbot.waitUntil(lambda: source.closed, timeout=3000)


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
