"""A source that replays given images: the fake camera for UI and service tests."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

import numpy as np

from checkpoint_desk.scanner.decoded import BgrFrame, GrayFrame
from checkpoint_desk.scanner.frames import Frame, SourceState


class FrameListSource:
    """Replays ``images`` in order (``loop`` to start again), then ends.

    ``interval_s`` paces the frames like a camera; 0 hands them out at once. With
    ``live`` the pipeline treats it as a camera (frames may be dropped); without,
    every image is decoded.
    """

    def __init__(
        self,
        images: Sequence[BgrFrame | GrayFrame],
        *,
        loop: bool = False,
        interval_s: float = 0.0,
        live: bool = False,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.images = [np.asarray(image, dtype=np.uint8) for image in images]
        self.loop = loop
        self.interval_s = interval_s
        self.live = live
        self._clock = clock
        self._next = 0
        self._due = 0.0
        self._state = SourceState.NONE

    @property
    def state(self) -> SourceState:
        return self._state

    @property
    def detail(self) -> str:
        return ""

    def describe(self) -> str:
        return f"{len(self.images)} replayed frames"

    def open(self) -> None:
        self._next = 0
        self._due = self._clock()
        self._state = SourceState.LIVE if self.images else SourceState.ENDED

    def read(self) -> Frame | None:
        if self._state is not SourceState.LIVE:
            return None
        if self._next >= len(self.images) and not self.loop:
            self._state = SourceState.ENDED
            return None
        if self.interval_s > 0:
            wait = self._due - self._clock()
            if wait > 0:
                time.sleep(wait)
            self._due += self.interval_s
        index = self._next
        self._next += 1
        return Frame(self.images[index % len(self.images)], index, self._clock())

    def close(self) -> None:
        if self._state is SourceState.LIVE:
            self._state = SourceState.NONE
