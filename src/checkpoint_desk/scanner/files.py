"""Finite frame sources: a video file and a folder of images."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from checkpoint_desk.i18n import N_
from checkpoint_desk.scanner.frames import Frame, SourceState
from checkpoint_desk.scanner.images import IMAGE_SUFFIXES, ScanInputError, load_image


class VideoFileSource:
    """Every frame of a video file, in order; ``state`` is ``ended`` after the last.

    ``open()`` raises ScanInputError for a file OpenCV cannot open or that has no
    frame. Frame indices start at 0, as a video editor counts.
    """

    live = False

    def __init__(self, path: Path, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.path = Path(path)
        self._clock = clock
        self._cap: Any = None
        self._index = -1
        self._state = SourceState.NONE
        self._detail = ""

    @property
    def state(self) -> SourceState:
        return self._state

    @property
    def detail(self) -> str:
        return self._detail

    def describe(self) -> str:
        return f"video {self.path}"

    def open(self) -> None:
        if not self.path.is_file():
            raise ScanInputError(N_("{path}: no such file"), path=str(self.path))
        cap = cv2.VideoCapture(str(self.path), cv2.CAP_FFMPEG)
        if not cap.isOpened():
            cap.release()
            cap = cv2.VideoCapture(str(self.path))  # OpenCV's own MJPEG/AVI reader
        if not cap.isOpened():
            cap.release()
            raise ScanInputError(N_("{path}: not a video OpenCV can read"), path=str(self.path))
        self._cap = cap
        self._state = SourceState.LIVE

    @property
    def fps(self) -> float:
        return float(self._cap.get(cv2.CAP_PROP_FPS)) if self._cap is not None else 0.0

    def read(self) -> Frame | None:
        if self._cap is None:
            return None
        ok, image = self._cap.read()
        if not ok or image is None or image.size == 0:
            self._state = SourceState.ENDED
            self._detail = N_("End of the video")
            self.close(ended=True)
            return None
        self._index += 1
        return Frame(np.asarray(image, dtype=np.uint8), self._index, self._clock())

    @property
    def frames_read(self) -> int:
        return self._index + 1

    def close(self, *, ended: bool = False) -> None:
        cap, self._cap = self._cap, None
        if cap is not None:
            cap.release()
        if not ended:
            self._state = SourceState.NONE


def image_files(folder: Path) -> list[Path]:
    """The image files directly in ``folder``, by name."""
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES)


class ImageFolderSource:
    """The images in a folder, one frame each; unreadable files are skipped and counted."""

    live = False

    def __init__(self, folder: Path, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.folder = Path(folder)
        self._clock = clock
        self._files: Iterator[tuple[int, Path]] = iter(())
        self._state = SourceState.NONE
        self._detail = ""
        self.skipped: list[tuple[Path, str]] = []
        self.paths: list[Path] = []

    @property
    def state(self) -> SourceState:
        return self._state

    @property
    def detail(self) -> str:
        return self._detail

    def describe(self) -> str:
        return f"folder {self.folder}"

    def open(self) -> None:
        if not self.folder.is_dir():
            raise ScanInputError(N_("{path}: no such folder"), path=str(self.folder))
        self.paths = image_files(self.folder)
        self._files = iter(enumerate(self.paths))
        self._state = SourceState.LIVE

    def read(self) -> Frame | None:
        for index, path in self._files:
            try:
                image = load_image(path)
            except ScanInputError as exc:
                self.skipped.append((path, str(exc)))
                continue
            return Frame(image, index, self._clock())
        self._state = SourceState.ENDED
        self._detail = N_("No more images")
        return None

    def close(self) -> None:
        self._files = iter(())
        if self._state is not SourceState.ENDED:
            self._state = SourceState.NONE
