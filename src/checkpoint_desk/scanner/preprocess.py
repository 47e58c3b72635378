"""Image pre-processing steps the cascade tries after a plain decode fails.

A step turns a grey frame into another image and says how to map points in that
image back to the frame (``scale`` then ``offset``), so corners stay in frame
coordinates whatever step found the code. (Not "passes": a pass is a verdict and a
resident's pass here.)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np

from checkpoint_desk.scanner.busy import busy_patches
from checkpoint_desk.scanner.decoded import Corners, GrayFrame

UPSCALE_MAX_SIDE = 1024
"""Only images up to this size are scaled up whole (a 720p frame ×2 costs too much)."""


@dataclass(frozen=True)
class Prepared:
    """An image made by a step; frame point = image point / scale + offset."""

    image: GrayFrame
    scale: float = 1.0
    offset: tuple[float, float] = (0.0, 0.0)

    def to_frame(self, corners: Corners) -> Corners:
        ox, oy = self.offset
        return tuple((x / self.scale + ox, y / self.scale + oy) for x, y in corners)


def _gray(image: Any) -> GrayFrame:
    """OpenCV's result typed as the grey frame it is."""
    return np.asarray(image, dtype=np.uint8)


@dataclass(frozen=True)
class Hints:
    """What the cascade knows about where a code may be in this frame."""

    near: Corners | None = None  # where a code was read in a recent frame
    located: tuple[Corners, ...] = ()  # symbols found in this frame but not decoded


NO_HINTS = Hints()

Step = Callable[[GrayFrame, Hints], Prepared | None]
"""A step: (frame, hints) → image to decode, or None when it does not apply."""


def raw(gray: GrayFrame, hints: Hints) -> Prepared:
    return Prepared(gray)


def blur(gray: GrayFrame, hints: Hints) -> Prepared:
    """Smoothing against moiré, sensor noise and JPEG blocks.

    Small images get a light Gaussian blur; large frames are halved (area averaging
    smooths as well), which keeps a slow decoder's try at a 720p frame affordable.
    """
    if max(gray.shape) > UPSCALE_MAX_SIDE:
        return downscale(gray, hints)
    return Prepared(_gray(cv2.GaussianBlur(gray, (5, 5), 0)))


def clahe(gray: GrayFrame, hints: Hints) -> Prepared:
    """Local contrast (CLAHE): low-contrast screens, glare across part of the code."""
    return Prepared(_gray(cv2.createCLAHE(clipLimit=2.0, tileGridSize=(8, 8)).apply(gray)))


def threshold(gray: GrayFrame, hints: Hints) -> Prepared:
    """Adaptive threshold: uneven light across the code."""
    image = cv2.adaptiveThreshold(
        gray, 255, cv2.ADAPTIVE_THRESH_GAUSSIAN_C, cv2.THRESH_BINARY, 31, 5
    )
    return Prepared(_gray(image))


def upscale(gray: GrayFrame, hints: Hints) -> Prepared | None:
    """×2 (bicubic) for small images, where modules are only a pixel or two wide."""
    if max(gray.shape) > UPSCALE_MAX_SIDE:
        return None
    return Prepared(
        _gray(cv2.resize(gray, None, fx=2.0, fy=2.0, interpolation=cv2.INTER_CUBIC)), 2.0
    )


def downscale(gray: GrayFrame, hints: Hints) -> Prepared:
    """×0.5 (area): a code filling a large frame, or strong noise."""
    small = cv2.resize(gray, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    return Prepared(_gray(small), 0.5)


def invert(gray: GrayFrame, hints: Hints) -> Prepared:
    """Light modules on a dark ground (dark-mode phone screens)."""
    return Prepared(_gray(cv2.bitwise_not(gray)))


def crop_near(gray: GrayFrame, hints: Hints) -> Prepared | None:
    """The region around where a code was last seen, margin added, small crops ×2."""
    if not hints.near:
        return None
    points = np.asarray(hints.near, dtype=np.float32)
    x0, y0 = points.min(axis=0)
    x1, y1 = points.max(axis=0)
    margin = 0.5 * max(x1 - x0, y1 - y0, 16.0)
    height, width = gray.shape
    left, top = max(0, int(x0 - margin)), max(0, int(y0 - margin))
    right, bottom = min(width, int(x1 + margin)), min(height, int(y1 + margin))
    if right - left < 16 or bottom - top < 16:
        return None
    crop = gray[top:bottom, left:right]
    factor = 2.0 if max(crop.shape) <= UPSCALE_MAX_SIDE // 2 else 1.0
    if factor != 1.0:
        crop = _gray(cv2.resize(crop, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC))
    return Prepared(np.ascontiguousarray(crop), factor, (float(left), float(top)))


BUSY_MARGIN = 0.2
"""Margin around a busy patch, as a share of its longer side (the quiet zone and more)."""
BUSY_MAX_SIDE = 1000
"""A busy patch is scaled ×2, or less so the image stays within this side."""


def busy_patch(gray: GrayFrame, hints: Hints, *, factor: float = 2.0) -> Prepared | None:
    """×2 (or ``factor``) of the patch of the frame densest with edges (``scanner/busy.py``).

    A small, dense code on a phone screen (2–3 px modules, moiré, JPEG) is often not
    even found on the whole frame; cut out and doubled, zxing-cpp reads most of them.
    """
    patches = busy_patches(gray, limit=1)
    if not patches:
        return None
    patch = patches[0]
    margin = int(BUSY_MARGIN * max(patch.width, patch.height))
    height, width = gray.shape
    left, top = max(0, patch.x - margin), max(0, patch.y - margin)
    right = min(width, patch.x + patch.width + margin)
    bottom = min(height, patch.y + patch.height + margin)
    crop = gray[top:bottom, left:right]
    factor = min(factor, BUSY_MAX_SIDE / max(crop.shape))
    zoomed = _gray(cv2.resize(crop, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC))
    return Prepared(np.ascontiguousarray(zoomed), factor, (float(left), float(top)))


def busy_patch_x3(gray: GrayFrame, hints: Hints) -> Prepared | None:
    """×3 of the same patch: the blurriest codes, where ×2 leaves modules too soft.

    It finds the patch again (≈1.5 ms) rather than carrying it between steps.
    """
    return busy_patch(gray, hints, factor=3.0)


ZOOM_WINDOW = 0.78
"""Side of the zoom window as a share of the frame's shorter side."""


def zoom_located(gray: GrayFrame, hints: Hints) -> Prepared | None:
    """×2 of a window around a symbol zxing-cpp found but could not decode.

    Dense codes (a signed health code is QR version 17–19, ~90 modules) on a phone at
    arm's length have modules of 2–3 px: found, then misread. What zxing-cpp reports
    for them is only a fragment (often one finder pattern), so the window is
    generous: most of the frame's height, centred on the fragment.
    """
    if not hints.located:
        return None
    fragment = max(hints.located, key=_area)
    points = np.asarray(fragment, dtype=np.float32)
    cx, cy = points.mean(axis=0)
    height, width = gray.shape
    half = int(ZOOM_WINDOW * min(height, width) / 2)
    left = int(min(max(0, cx - half), max(0, width - 2 * half)))
    top = int(min(max(0, cy - half), max(0, height - 2 * half)))
    crop = gray[top : top + 2 * half, left : left + 2 * half]
    zoomed = _gray(cv2.resize(crop, None, fx=2.0, fy=2.0, interpolation=cv2.INTER_CUBIC))
    return Prepared(np.ascontiguousarray(zoomed), 2.0, (float(left), float(top)))


def _area(corners: Corners) -> float:
    points = np.asarray(corners, dtype=np.float32).reshape(-1, 1, 2)
    return float(abs(cv2.contourArea(points))) if len(corners) >= 3 else 0.0


STEPS: dict[str, Step] = {
    "raw": raw,
    "blur": blur,
    "clahe": clahe,
    "threshold": threshold,
    "upscale": upscale,
    "downscale": downscale,
    "invert": invert,
    "crop": crop_near,
    "zoom": zoom_located,
    "busy": busy_patch,
    "busy-x3": busy_patch_x3,
}
