"""Loading image files safely: header checked (size, pixel cap) before decoding."""

from __future__ import annotations

import warnings
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, UnidentifiedImageError

from checkpoint_desk.errors import CheckpointError
from checkpoint_desk.i18n import N_
from checkpoint_desk.scanner.decoded import BgrFrame

MAX_PIXELS = 50_000_000
"""Refuse larger images (a 20000×20000 picture would take 1.2 GB as BGR)."""

IMAGE_SUFFIXES = frozenset(
    {".png", ".jpg", ".jpeg", ".bmp", ".gif", ".tif", ".tiff", ".webp", ".pgm", ".ppm"}
)
VIDEO_SUFFIXES = frozenset({".avi", ".mp4", ".mkv", ".mov", ".webm", ".m4v", ".mpg", ".mpeg"})


class ScanInputError(CheckpointError):
    """A file given to the scanner cannot be read."""

    exit_code = 2


def load_image(path: Path, *, max_pixels: int = MAX_PIXELS) -> BgrFrame:
    """``path`` as a BGR image, or a ScanInputError saying why not."""
    try:
        if path.stat().st_size == 0:
            raise ScanInputError(N_("{path}: the file is empty"), path=str(path))
        with warnings.catch_warnings():
            # Pillow warns (DecompressionBombWarning) before we get to refuse: we check.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as header:  # lazy: reads the header only
                width, height = header.size
    except FileNotFoundError as exc:
        raise ScanInputError(N_("{path}: no such file"), path=str(path)) from exc
    except Image.DecompressionBombError as exc:  # far beyond our own cap
        raise ScanInputError(
            N_("{path}: image too large (more than {limit} pixels)"),
            path=str(path),
            limit=max_pixels,
        ) from exc
    except UnidentifiedImageError as exc:
        raise ScanInputError(N_("{path}: not an image"), path=str(path)) from exc
    except OSError as exc:
        raise ScanInputError(
            N_("{path}: cannot be read: {reason}"), path=str(path), reason=str(exc)
        ) from exc
    if width * height > max_pixels:
        raise ScanInputError(
            N_("{path}: image too large ({width}×{height}, at most {limit} pixels)"),
            path=str(path),
            width=width,
            height=height,
            limit=max_pixels,
        )
    data = np.fromfile(str(path), dtype=np.uint8)
    image = cv2.imdecode(data, cv2.IMREAD_COLOR)
    if image is None:
        raise ScanInputError(N_("{path}: the image is damaged"), path=str(path))
    return np.asarray(image, dtype=np.uint8)
