"""A webcam through OpenCV, reconnected with exponential backoff when it is lost."""

from __future__ import annotations

import contextlib
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from checkpoint_desk.i18n import N_
from checkpoint_desk.scanner.frames import Frame, SourceState

CaptureFactory = Callable[[int | str], Any]
"""Makes a ``cv2.VideoCapture``-like object (tests pass a fake camera here)."""

FAILED_READS_BEFORE_LOST = 15
"""Consecutive empty reads (≈0.5 s at 30 fps) after which the camera counts as lost."""


def parse_device(text: str) -> int | str:
    """``"0"`` → 0 (an index); anything else is a device path or URL."""
    stripped = text.strip()
    return int(stripped) if stripped.isdigit() else stripped


def _open_capture(device: int | str) -> Any:
    if sys.platform.startswith("linux"):
        return cv2.VideoCapture(device, cv2.CAP_V4L2)
    return cv2.VideoCapture(device)


class CameraSource:
    """A webcam; asks for 1280×720 MJPG at 30 fps, takes what it gets.

    A camera that cannot be opened (unplugged, busy in another program) or that stops
    giving frames is put in state ``lost-reconnecting`` and reopened with backoff
    (``backoff_s`` doubling up to ``max_backoff_s``); ``read()`` then returns None at
    once rather than blocking the caller.
    """

    live = True

    def __init__(
        self,
        device: int | str = 0,
        *,
        width: int = 1280,
        height: int = 720,
        fps: int = 30,
        backoff_s: float = 0.5,
        max_backoff_s: float = 8.0,
        capture_factory: CaptureFactory = _open_capture,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.device = device
        self._want = (width, height, fps)
        self._backoff = (backoff_s, max_backoff_s)
        self._factory = capture_factory
        self._clock = clock
        self._cap: Any = None
        self._state = SourceState.NONE
        self._detail = ""
        self._delay = backoff_s
        self._next_attempt = 0.0
        self._failed_reads = 0
        self._index = 0
        self.reconnects = 0

    @property
    def state(self) -> SourceState:
        return self._state

    @property
    def detail(self) -> str:
        return self._detail

    def describe(self) -> str:
        return f"camera {self.device}"

    def open(self) -> None:
        self._try_open()

    def _try_open(self) -> bool:
        try:
            cap = self._factory(self.device)
            opened = bool(cap is not None and cap.isOpened())
        except (cv2.error, OSError) as exc:
            cap, opened = None, False
            self._detail = str(exc)
        if not opened:
            if cap is not None:
                cap.release()
            self._lose(N_("Camera cannot be opened (unplugged or in use by another program)"))
            return False
        width, height, fps = self._want
        cap.set(cv2.CAP_PROP_FOURCC, cv2.VideoWriter.fourcc(*"MJPG"))
        cap.set(cv2.CAP_PROP_FRAME_WIDTH, width)
        cap.set(cv2.CAP_PROP_FRAME_HEIGHT, height)
        cap.set(cv2.CAP_PROP_FPS, fps)
        cap.set(cv2.CAP_PROP_BUFFERSIZE, 1)  # the newest frame, not a stale queue
        self._cap = cap
        self._state = SourceState.LIVE
        self._detail = ""
        self._delay = self._backoff[0]
        self._failed_reads = 0
        return True

    def _lose(self, detail: str) -> None:
        if self._state is SourceState.LIVE:
            self.reconnects += 1
        self._state = SourceState.RECONNECTING
        self._detail = detail
        self._next_attempt = self._clock() + self._delay
        self._delay = min(self._delay * 2.0, self._backoff[1])

    def read(self) -> Frame | None:
        if self._cap is None and (self._clock() < self._next_attempt or not self._try_open()):
            return None
        try:
            ok, image = self._cap.read()
        except cv2.error:
            ok, image = False, None
        if not ok or image is None or image.size == 0:
            self._failed_reads += 1
            if self._failed_reads >= FAILED_READS_BEFORE_LOST:
                self._release()
                self._lose(N_("Camera stopped sending pictures"))
            return None
        self._failed_reads = 0
        self._index += 1
        return Frame(np.asarray(image, dtype=np.uint8), self._index, self._clock())

    def _release(self) -> None:
        cap, self._cap = self._cap, None
        if cap is not None:
            with contextlib.suppress(cv2.error):
                cap.release()

    def close(self) -> None:
        self._release()
        self._state = SourceState.NONE


@dataclass(frozen=True)
class CameraInfo:
    """One camera found on this machine."""

    device: int | str
    name: str
    works: bool


def _linux_name(path: Path) -> str:
    try:
        return (Path("/sys/class/video4linux") / path.name / "name").read_text().strip()
    except OSError:
        return path.name


def _probe(device: int | str, timeout_s: float) -> bool:
    """Whether ``device`` opens, in a throw-away thread so a hung driver cannot hang us."""
    result: list[bool] = []

    def attempt() -> None:
        try:
            cap = _open_capture(device)
            result.append(bool(cap.isOpened()))
            cap.release()
        except (cv2.error, OSError):
            result.append(False)

    worker = threading.Thread(target=attempt, name=f"probe-{device}", daemon=True)
    worker.start()
    worker.join(timeout_s)
    return bool(result and result[0])


def list_cameras(*, timeout_s: float = 2.0, dev: Path = Path("/dev")) -> list[CameraInfo]:
    """Cameras here: ``/dev/video*`` on Linux, indices 0–4 elsewhere, each probed."""
    if sys.platform.startswith("linux"):
        paths = sorted(dev.glob("video*"), key=lambda p: (len(p.name), p.name))
        return [CameraInfo(str(p), _linux_name(p), _probe(str(p), timeout_s)) for p in paths]
    found = []
    for index in range(5):
        if _probe(index, timeout_s):
            found.append(CameraInfo(index, f"camera {index}", True))
    return found
