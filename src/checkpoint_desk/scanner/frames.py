"""What a frame source hands out, and the states a source can be in."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

import cv2
import numpy as np

from checkpoint_desk.scanner.decoded import BgrFrame, GrayFrame


class SourceState(StrEnum):
    """Where a source stands; the preview shows it (实时 / 断开 / 演示)."""

    LIVE = "live"
    RECONNECTING = "lost-reconnecting"
    DEMO = "demo"
    NONE = "none"
    ENDED = "ended"  # a file or folder has no more frames


@dataclass(frozen=True, eq=False)
class Frame:
    """One captured image (BGR or grey), its position in the stream and capture time.

    ``timestamp`` is ``time.monotonic()`` seconds (or the source's clock), not wall time.
    """

    image: BgrFrame | GrayFrame
    index: int
    timestamp: float

    @property
    def size(self) -> tuple[int, int]:
        """(width, height)."""
        return int(self.image.shape[1]), int(self.image.shape[0])

    def gray(self) -> GrayFrame:
        if self.image.ndim == 2:
            return self.image
        return np.asarray(cv2.cvtColor(self.image, cv2.COLOR_BGR2GRAY), dtype=np.uint8)


class FrameSource(Protocol):
    """A camera, a video file, a folder of images or the demo feed.

    ``read()`` returns the next frame, or None when there is none now (a camera being
    reconnected, a file that ended: see ``state``). Sources never raise from
    ``read()`` for a camera fault: they change ``state`` and ``detail`` instead.
    ``live`` sources run in real time (frames are dropped when decoding lags);
    others (files) wait for the decoder so that every frame is looked at.
    """

    live: bool

    @property
    def state(self) -> SourceState: ...

    @property
    def detail(self) -> str: ...

    def open(self) -> None: ...

    def read(self) -> Frame | None: ...

    def close(self) -> None: ...

    def describe(self) -> str: ...
