"""The camera worker: the scanner pipeline's threads, results crossing as Qt signals.

The pipeline (``checkpoint_desk.scanner``) reads frames and decodes on its own
thread and calls back; this QObject turns the callbacks into queued signals, so the
GUI thread never waits for the camera. Frames are dropped, never queued: a new
frame is only sent when the preview has taken the previous one.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QImage

from checkpoint_desk.scanner.decoded import Decoded

Corners = list[tuple[float, float]]


class CameraState:
    LIVE = "live"
    LOST = "lost-reconnecting"
    DEMO = "demo"
    NONE = "none"


class ScanPipeline(Protocol):
    def start(self) -> None: ...
    def stop(self) -> None: ...


@dataclass(frozen=True)
class ScanEvent:
    """A decoded code as the desk receives it."""

    text: str
    backend: str
    corners: tuple[tuple[float, float], ...] = ()


OnCode = Callable[[ScanEvent], None]
OnFrame = Callable[[Any, Sequence[tuple[float, float]]], None]
OnState = Callable[[str, str], None]
PipelineFactory = Callable[[OnCode, OnFrame, OnState], ScanPipeline]


class FrameSource(Protocol):
    """Where frames come from: ``read()`` blocks until a frame (or None at the end)."""

    state: str

    def read(self) -> tuple[Any, list[Decoded]] | None: ...

    def close(self) -> None: ...


class DemoFeed:
    """Cycles through texts as if a camera saw one code every ``interval`` seconds."""

    state = CameraState.DEMO

    def __init__(self, texts: Sequence[str], interval: float = 4.0) -> None:
        self._texts = list(texts)
        self._interval = interval
        self._index = 0
        self._closed = threading.Event()

    def read(self) -> tuple[Any, list[Decoded]] | None:
        if self._closed.wait(self._interval) or not self._texts:
            return None
        import numpy as np

        text = self._texts[self._index % len(self._texts)]
        self._index += 1
        frame = np.full((360, 480, 3), 40, dtype=np.uint8)
        corners = ((140.0, 80.0), (340.0, 80.0), (340.0, 280.0), (140.0, 280.0))
        return frame, [Decoded(text=text, corners=corners, backend="demo")]

    def close(self) -> None:
        self._closed.set()


class SourcePipeline:
    """Reads a FrameSource on a daemon thread and calls back (interim pipeline
    until ``scanner`` lands; the same shape as the scanner's pipeline)."""

    def __init__(
        self, source: FrameSource, on_code: OnCode, on_frame: OnFrame, on_state: OnState
    ) -> None:
        self._source = source
        self._on_code = on_code
        self._on_frame = on_frame
        self._on_state = on_state
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="camera", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        self._on_state(self._source.state, "")
        while not self._stop.is_set():
            item = self._source.read()
            if self._stop.is_set():
                break
            if item is None:
                if self._source.state != CameraState.DEMO:
                    self._on_state(CameraState.LOST, "")
                    self._stop.wait(1.0)
                continue
            frame, found = item
            corners = found[0].corners if found else ()
            self._on_frame(frame, corners)
            for decoded in found:
                self._on_code(ScanEvent(decoded.text, decoded.backend, decoded.corners))

    def stop(self) -> None:
        self._stop.set()
        self._source.close()
        if self._thread is not None:
            self._thread.join(timeout=0.8)  # a stalled source is abandoned (daemon)


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

    code_scanned = Signal(str, str)  # text, backend
    frame_ready = Signal(QImage, list)  # image, corners
    camera_state_changed = Signal(str, str)  # state, detail

    def __init__(self, factory: PipelineFactory, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._factory = factory
        self._pipeline: ScanPipeline | None = None
        self._frame_in_flight = threading.Event()
        self.state = CameraState.NONE

    def start(self) -> None:
        if self._pipeline is not None:
            return
        self._pipeline = self._factory(self._code, self._frame, self._state)
        self._pipeline.start()

    def stop(self) -> float:
        """Stop the pipeline; returns the seconds it took."""
        began = time.monotonic()
        if self._pipeline is not None:
            self._pipeline.stop()
            self._pipeline = None
        return time.monotonic() - began

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
        self.code_scanned.emit(event.text, event.backend)

    def _frame(self, frame: Any, corners: Sequence[tuple[float, float]]) -> None:
        if self._frame_in_flight.is_set():
            return  # drop: the preview has not drawn the last one yet
        self._frame_in_flight.set()
        self.frame_ready.emit(frame_to_image(frame), [tuple(c) for c in corners])

    def _state(self, state: str, detail: str) -> None:
        self.state = state
        self.camera_state_changed.emit(state, detail)


def demo_factory(texts: Sequence[str], interval: float = 4.0) -> PipelineFactory:
    """A pipeline over the demo feed."""

    def make(on_code: OnCode, on_frame: OnFrame, on_state: OnState) -> ScanPipeline:
        return SourcePipeline(DemoFeed(texts, interval), on_code, on_frame, on_state)

    return make


def source_factory(source_maker: Callable[[], FrameSource]) -> PipelineFactory:
    def make(on_code: OnCode, on_frame: OnFrame, on_state: OnState) -> ScanPipeline:
        return SourcePipeline(source_maker(), on_code, on_frame, on_state)

    return make
