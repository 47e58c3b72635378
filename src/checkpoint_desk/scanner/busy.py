"""Where a code may be when no decoder found one: patches dense with edges.

A QR code is the busiest patch in a webcam frame: its modules give an edge every
2–3 px across the whole symbol, in both directions, while a room, a face or a
blurred background gives few. On a half-size copy of the frame: the morphological
gradient (max − min over 3×3) averaged over a window about four modules wide, as a
share of the local contrast (so a dim, washed-out screen counts as much as a sharp
printed notice); shares above ``BUSY_SHARE`` make patches, opened to drop specks.
Patches are ranked by that share × squareness × solidity × how evenly edges run
both ways (a code is a solid square with edges across and down; print runs in
lines). A few ms on a 1280×720 frame (docs/benchmarks.md).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from checkpoint_desk.scanner.decoded import GrayFrame

WINDOW = 9
"""Averaging window on the half-size frame (px)."""
BUSY_SHARE = 0.3
"""Edge density as a share of local contrast above which a pixel is busy."""
MIN_CONTRAST = 30
"""Local contrast (grey levels) below which a patch is noise, not a code."""
MIN_SIDE = 40
"""Smallest patch side worth a try, in frame pixels (smaller codes are read whole)."""
MAX_SIDE = 1000
"""Largest patch side in frame pixels (a code filling the frame is read whole)."""
_KERNEL = np.ones((3, 3), np.uint8)
_CONTRAST = np.ones((8, 8), np.uint8)
_OPEN = np.ones((5, 5), np.uint8)


@dataclass(frozen=True)
class BusyPatch:
    """A candidate region in frame pixels (x, y, width, height) and its score."""

    x: int
    y: int
    width: int
    height: int
    score: float


def busy_patches(gray: GrayFrame, *, limit: int = 3) -> list[BusyPatch]:
    """Up to ``limit`` patches of ``gray`` dense with edges, most code-like first."""
    half = np.asarray(
        cv2.resize(gray, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA), np.uint8
    )
    edges = cv2.morphologyEx(half, cv2.MORPH_GRADIENT, _KERNEL)
    density = cv2.boxFilter(edges, -1, (WINDOW, WINDOW))
    # Local contrast varies slowly: measured on a quarter-size copy, scaled back up.
    quarter = cv2.resize(half, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    contrast = cv2.boxFilter(cv2.morphologyEx(quarter, cv2.MORPH_GRADIENT, _CONTRAST), -1, (5, 5))
    contrast = cv2.resize(contrast, (half.shape[1], half.shape[0]), interpolation=cv2.INTER_LINEAR)
    share = cv2.divide(density, np.maximum(contrast, MIN_CONTRAST), scale=255.0)
    _, mask = cv2.threshold(share, int(BUSY_SHARE * 255), 255, cv2.THRESH_BINARY)
    mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, _OPEN)
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    patches: list[BusyPatch] = []
    for contour in contours:
        x, y, w, h = cv2.boundingRect(contour)
        if not MIN_SIDE <= 2 * max(w, h) <= MAX_SIDE or 2 * min(w, h) < MIN_SIDE:
            continue
        (_, _), (rw, rh), _ = cv2.minAreaRect(contour)
        squareness = min(rw, rh) / max(rw, rh, 1.0)
        area = float(cv2.contourArea(contour))
        fill = area / max(rw * rh, 1.0)  # a code's patch is solid, a scatter is not
        strength = float(cv2.mean(share[y : y + h, x : x + w], mask[y : y + h, x : x + w])[0])
        score = strength * squareness * fill * (1.0 - _coherence(half[y : y + h, x : x + w]))
        patches.append(BusyPatch(2 * x, 2 * y, 2 * w, 2 * h, score))
    patches.sort(key=lambda p: -p.score)
    return patches[:limit]


def _coherence(patch: GrayFrame) -> float:
    """0 when edges run every way (a code: two perpendicular sets, equally), towards 1
    when they run one way (lines of print, stripes)."""
    gx = cv2.Sobel(patch, cv2.CV_32F, 1, 0, ksize=3)
    gy = cv2.Sobel(patch, cv2.CV_32F, 0, 1, ksize=3)
    xx, yy, xy = float((gx * gx).sum()), float((gy * gy).sum()), float((gx * gy).sum())
    trace = xx + yy
    if trace <= 0.0:
        return 1.0
    return float(np.sqrt((xx - yy) ** 2 + 4.0 * xy * xy) / trace)
