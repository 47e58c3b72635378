"""The camera worker: the scanner pipeline's threads, results crossing as Qt signals.

The pipeline (``checkpoint_desk.scanner``, adapted in ``scanner_bridge``) reads
frames and decodes on its own threads and calls back; this QObject turns the
callbacks into queued signals, so the GUI thread never waits for the camera. Frames
are dropped, never queued: a new frame is only sent when the preview has taken the
previous one.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot
from PySide6.QtGui import QImage


class CameraState:
    LIVE = "live"
    LOST = "lost-reconnecting"
    DEMO = "demo"
    NONE = "none"
    ENDED = "ended"  # a video file or image folder has no more frames


def camera_state_text(state: str) -> str:
    """The camera's state in the UI's language (the preview and the status bar)."""
    translate = QCoreApplication.translate
    return {
        CameraState.LIVE: translate("camera", "Live"),
        CameraState.LOST: translate("camera", "Disconnected · reconnecting"),
        CameraState.DEMO: translate("camera", "Demo"),
        CameraState.NONE: translate("camera", "No camera"),
        CameraState.ENDED: translate("camera", "No more frames"),
    }.get(state, translate("camera", "Unknown state"))


class ScanPipeline(Protocol):
    def start(self) -> None: ...
    def stop(self) -> object: ...


@dataclass(frozen=True)
class ScanEvent:
    """A decoded code as the desk receives it."""

    text: str
    decoder: str
    corners: tuple[tuple[float, float], ...] = ()


OnCode = Callable[[ScanEvent], None]
OnFrame = Callable[[Any, Sequence[tuple[float, float]]], None]
OnState = Callable[[str, str], None]
PipelineFactory = Callable[[OnCode, OnFrame, OnState], ScanPipeline]


def frame_to_image(frame: Any) -> QImage:
    """A BGR or gray numpy frame as a QImage that owns its pixels."""
    import numpy as np  # imported with the first frame, not at start-up

    array = np.ascontiguousarray(frame)
    if array.ndim == 2:
        height, width = array.shape
        fmt = QImage.Format.Format_Grayscale8
        stride = width
    else:
        height, width = array.shape[:2]
        fmt = QImage.Format.Format_BGR888
        stride = width * 3
    return QImage(array.data, width, height, stride, fmt).copy()


class CameraWorker(QObject):
    """Runs a scan pipeline; signals ``code_scanned``, ``frame_ready`` and
    ``camera_state_changed``. Call ``stop()`` before the window goes away."""

    code_scanned = Signal(str, str)  # text, decoder
    frame_ready = Signal(QImage, list)  # image, corners
    camera_state_changed = Signal(str, str)  # state, detail

    def __init__(self, factory: PipelineFactory, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._factory = factory
        self._pipeline: ScanPipeline | None = None
        self._frame_in_flight = threading.Event()
        # Cleared by stop(): a capture thread abandoned in a hung driver that wakes up
        # later (even while Python shuts down) must not touch Qt any more.
        self._active = threading.Event()
        self.state = CameraState.NONE

    def start(self) -> None:
        if self._pipeline is not None:
            return
        self._active.set()
        self._pipeline = self._factory(self._code, self._frame, self._state)
        self._pipeline.start()

    def stop(self) -> float:
        """Stop the pipeline; returns the seconds it took."""
        began = time.monotonic()
        self._active.clear()
        if self._pipeline is not None:
            self._pipeline.stop()
            self._pipeline = None
        return time.monotonic() - began

    @property
    def running(self) -> bool:
        return self._pipeline is not None

    def forget_codes(self) -> None:
        """Let the camera report codes it has just seen again (the form was cleared)."""
        forget = getattr(self._pipeline, "forget_codes", None)
        if callable(forget):
            forget()

    def restart(self, factory: PipelineFactory) -> None:
        """Switch to another camera."""
        self.stop()
        self._factory = factory
        self.start()

    @Slot()
    def frame_taken(self) -> None:
        """The preview has drawn the last frame; the next one may come."""
        self._frame_in_flight.clear()

    # Called on the pipeline's thread: only emit (queued to the GUI thread).
    def _code(self, event: ScanEvent) -> None:
        if not self._active.is_set():
            return
        self.code_scanned.emit(event.text, event.decoder)

    def _frame(self, frame: Any, corners: Sequence[tuple[float, float]]) -> None:
        if not self._active.is_set() or self._frame_in_flight.is_set():
            return  # drop: the preview has not drawn the last one yet
        self._frame_in_flight.set()
        self.frame_ready.emit(frame_to_image(frame), [tuple(c) for c in corners])

    def _state(self, state: str, detail: str) -> None:
        if not self._active.is_set():
            return
        self.state = state
        self.camera_state_changed.emit(state, detail)
