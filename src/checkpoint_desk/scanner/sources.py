"""The frame sources behind one interface, and the one function that picks one.

``FrameSource`` (protocol), ``Frame`` and ``SourceState`` live in ``frames``; each
source in its own module: ``camera.CameraSource``, ``files.VideoFileSource``,
``files.ImageFolderSource``, ``demo_feed.DemoFeedSource`` and, for tests,
``replay.FrameListSource``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from checkpoint_desk.scanner.camera import CameraInfo, CameraSource, list_cameras, parse_device
from checkpoint_desk.scanner.demo_feed import DemoFeedSource
from checkpoint_desk.scanner.files import ImageFolderSource, VideoFileSource
from checkpoint_desk.scanner.frames import Frame, FrameSource, SourceState
from checkpoint_desk.scanner.replay import FrameListSource

__all__ = [
    "CameraInfo",
    "CameraSource",
    "DemoFeedSource",
    "Frame",
    "FrameListSource",
    "FrameSource",
    "ImageFolderSource",
    "SourceState",
    "VideoFileSource",
    "list_cameras",
    "source_for",
]


def source_for(spec: str | int | None, *, demo_texts: Sequence[str] | None = None) -> FrameSource:
    """The source ``--camera`` / the ``camera`` setting names.

    ``demo_texts`` given: the demo feed showing them. Otherwise ``""``/None → the
    first camera; a number → that camera index; a folder → its images; an existing
    file that is not a device → a video file; anything else → a camera device path
    (``/dev/video2``) or URL.
    """
    if demo_texts is not None:
        return DemoFeedSource(demo_texts)
    if spec is None or spec == "":
        return CameraSource(0)
    if isinstance(spec, int):
        return CameraSource(spec)
    device = parse_device(spec)
    if isinstance(device, int):
        return CameraSource(device)
    path = Path(device)
    if path.is_dir():
        return ImageFolderSource(path)
    if path.is_file() and not str(path).startswith("/dev/"):
        return VideoFileSource(path)
    return CameraSource(device)
