"""Phone screens as a webcam sees them: a seeded set of hard 1280×720 frames.

Each frame shows one QR code on a phone screen held at a slant: the code 170–250 px
wide, turned ±25° in the image plane and tilted up to 35° out of it, drawn on the
screen's pixel grid (dark gaps between the screen's pixels, sampled by a camera with
a weak anti-alias filter: moiré), under a lamp (a glare spot, possibly burnt out),
with the screen's gamma and contrast, out of focus, with sensor noise and JPEG at
quality 45–85. Frame ``i`` of seed ``s`` depends only on ``(s, i)``, so a test's
small subset is the first frames of the bench's larger set.

The scanner does not import ``codes``: callers pass the texts (the tests and
``bench/screens.py`` take the demo issuer's signed codes).
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt

from checkpoint_desk.scanner.decoded import GrayFrame
from checkpoint_desk.scanner.demo_feed import qr_image

FRAME_W, FRAME_H = 1280, 720
SCREEN_PX_PER_MODULE = 6
"""Screen pixels a module covers (a 73-module code ≈ 440 screen pixels: most of a phone's width)."""
SUPERSAMPLE = 3
"""Drawing samples per screen pixel (the grid's dark gaps are one of them)."""
FOCAL_PX = 1100.0
"""The webcam's focal length in pixels (≈60° across 1280 px)."""


@dataclass(frozen=True)
class ScreenShot:
    """One generated frame, the text its code holds and how it was spoiled."""

    gray: GrayFrame
    text: str
    index: int
    corners: tuple[tuple[float, float], ...]  # the code's corners in the frame
    code_px: float  # the code's width in the frame, seen face-on (without quiet zone)
    roll_deg: float
    tilt_deg: tuple[float, float]  # about the screen's vertical and horizontal axes
    moire: float  # share of the point-sampled (aliased) picture, 0.2–0.8
    blur_sigma: float
    glare: float
    gamma: float
    jpeg_quality: int

    def describe(self) -> str:
        return (
            f"#{self.index} {len(self.text)} chars {self.code_px:.0f} px, "
            f"roll {self.roll_deg:+.0f}°, tilt {self.tilt_deg[0]:+.0f}°/{self.tilt_deg[1]:+.0f}°, "
            f"moiré {self.moire:.2f}, blur {self.blur_sigma:.2f}, glare {self.glare:.0f}, "
            f"gamma {self.gamma:.2f}, JPEG {self.jpeg_quality}"
        )


def screen_shots(texts: Sequence[str], count: int, *, seed: int = 0) -> Iterator[ScreenShot]:
    """``count`` frames, cycling through ``texts``; the same arguments give the same frames."""
    if not texts:
        raise ValueError("screen shots need at least one text")
    codes: dict[str, GrayFrame] = {}
    for index in range(count):
        text = texts[index % len(texts)]
        if text not in codes:
            codes[text] = qr_image(text, box=1, border=0)
        yield screen_shot(codes[text], text, index, np.random.default_rng([seed, index]))


def _screen(
    modules: GrayFrame, rng: np.random.Generator
) -> tuple[npt.NDArray[np.float32], int, float]:
    """The phone's screen drawn finely, as light it gives (0–1): the code on white under
    the app's header bar, the display's black and white levels and gamma, and the pixel
    grid (one dark drawing sample in every screen pixel, across and down).

    Returns the image, how many drawing samples one module spans, and the gamma.
    """
    gamma = float(rng.uniform(0.6, 1.7))
    black, white = float(rng.uniform(0.02, 0.2)), float(rng.uniform(0.7, 1.0))
    header = float(rng.uniform(0.35, 0.6))  # the app's coloured bar, in grey
    gap = float(rng.uniform(0.45, 0.8))
    n = modules.shape[0]
    margin = 6  # white screen around the code, in modules (more than the quiet zone)
    screen = np.ones((n + 2 * margin + 4, n + 2 * margin), dtype=np.float32)
    screen[:4] = header**gamma
    screen[4 + margin : 4 + margin + n, margin : margin + n] = modules > 0
    step = SCREEN_PX_PER_MODULE * SUPERSAMPLE
    height, width = screen.shape[0] * step, screen.shape[1] * step
    fine = cv2.resize(screen, (width, height), interpolation=cv2.INTER_NEAREST)
    grid_y = np.ones((height, 1), np.float32)
    grid_y[::SUPERSAMPLE] = gap**gamma
    grid_x = np.ones((1, width), np.float32)
    grid_x[::SUPERSAMPLE] = gap**gamma
    lit = np.multiply(fine, grid_y * (white - black), out=fine)
    lit = np.multiply(lit, grid_x, out=lit)
    lit += black
    return np.asarray(lit, dtype=np.float32), step, gamma


def _homography(
    code_box: tuple[float, float, float],
    code_px: float,
    roll: float,
    tilt: tuple[float, float],
    centre: tuple[float, float],
) -> npt.NDArray[np.float64]:
    """Screen drawing → frame: the screen turned, tilted and placed so the code is
    ``code_px`` wide and centred at ``centre``."""
    left, top, side = code_box
    cx, cy = left + side / 2, top + side / 2
    yaw, pitch = math.radians(tilt[0]), math.radians(tilt[1])
    r_yaw = np.array(
        [[math.cos(yaw), 0, math.sin(yaw)], [0, 1, 0], [-math.sin(yaw), 0, math.cos(yaw)]]
    )
    r_pitch = np.array(
        [[1, 0, 0], [0, math.cos(pitch), -math.sin(pitch)], [0, math.sin(pitch), math.cos(pitch)]]
    )
    c, s = math.cos(math.radians(roll)), math.sin(math.radians(roll))
    r_roll = np.array([[c, -s, 0], [s, c, 0], [0, 0, 1]])
    rotation = r_roll @ r_pitch @ r_yaw
    # Plane coordinates in drawing samples, centred on the code; distance so the code
    # is about code_px wide when seen face-on.
    distance = FOCAL_PX * side / code_px
    plane = np.array([[1, 0, -cx], [0, 1, -cy], [0, 0, 1]], dtype=np.float64)
    # Point (u, v) of the plane → camera: rotation @ (u, v, 0) + (0, 0, distance).
    to_camera = np.column_stack([rotation[:, 0], rotation[:, 1], [0.0, 0.0, distance]])
    camera = np.array([[FOCAL_PX, 0, centre[0]], [0, FOCAL_PX, centre[1]], [0, 0, 1]])
    return np.asarray(camera @ to_camera @ plane, dtype=np.float64)


def screen_shot(modules: GrayFrame, text: str, index: int, rng: np.random.Generator) -> ScreenShot:
    """One frame of the set from the code's module matrix (one pixel a module)."""
    lit, step, gamma = _screen(modules, rng)
    n = modules.shape[0]
    code_box = (6.0 * step, 10.0 * step, float(n * step))
    code_px = float(rng.uniform(170, 250))
    roll = float(rng.uniform(-25, 25))
    tilt = (float(rng.uniform(-35, 35)), float(rng.uniform(-30, 30)))
    centre = (float(rng.uniform(300, FRAME_W - 300)), float(rng.uniform(220, FRAME_H - 220)))
    matrix = _homography(code_box, code_px, roll, tilt, centre)
    left, top, side = code_box
    square = np.array(
        [[[left, top], [left + side, top], [left + side, top + side], [left, top + side]]]
    )
    corners = tuple((float(x), float(y)) for x, y in cv2.perspectiveTransform(square, matrix)[0])

    # The camera samples the screen twice: through a good anti-alias filter (drawn at
    # twice the resolution, averaged 2×2) and point-sampled (the screen grid aliases into
    # moiré); how much of each is how weak this camera's filter is.
    box = _box_in_frame(matrix, lit.shape)
    if box is None:
        raise ValueError("the phone is outside the frame")
    x0, y0, x1, y1 = box
    to_box = np.array([[1, 0, -x0], [0, 1, -y0], [0, 0, 1]], dtype=np.float64) @ matrix
    double = np.array([[2, 0, 0], [0, 2, 0], [0, 0, 1]], dtype=np.float64) @ to_box
    w, h = x1 - x0, y1 - y0
    filtered = cv2.warpPerspective(
        lit, double, (2 * w, 2 * h), flags=cv2.INTER_LINEAR, borderValue=-1.0
    )
    filtered = cv2.resize(filtered, (w, h), interpolation=cv2.INTER_AREA)
    sampled = cv2.warpPerspective(lit, to_box, (w, h), flags=cv2.INTER_LINEAR, borderValue=-1.0)
    moire = float(rng.uniform(0.2, 0.8))
    phone = moire * sampled + (1.0 - moire) * filtered
    frame = _room(rng) * 255.0
    _clutter(frame, rng)
    region = frame[y0:y1, x0:x1]
    region[:] = np.where((filtered >= 0) & (sampled >= 0), phone * 235.0, region)

    # A lamp's reflection somewhere on the code; strong ones burn out.
    glare = float(rng.uniform(30, 170))
    gx = centre[0] + rng.uniform(-0.4, 0.4) * code_px - x0
    gy = centre[1] + rng.uniform(-0.4, 0.4) * code_px - y0
    radius = float(rng.uniform(0.12, 0.35)) * code_px
    across = np.exp(-((np.arange(w, dtype=np.float32) - gx) ** 2) / (2 * radius**2))
    down = np.exp(-((np.arange(h, dtype=np.float32) - gy) ** 2) / (2 * radius**2))
    region += (glare * down)[:, None] * across[None, :]

    gray, blur_sigma, quality = _camera(frame, rng)
    return ScreenShot(
        gray, text, index, corners, code_px, roll, tilt, moire, blur_sigma, glare, gamma, quality
    )


def empty_shots(count: int, *, seed: int = 0) -> Iterator[GrayFrame]:
    """Frames of the same rooms and notices, through the same camera, with no phone:
    a decoder must read nothing here (and its time on them is its idle cost)."""
    for index in range(count):
        rng = np.random.default_rng([seed, index, 0])
        frame = _room(rng) * 255.0
        _clutter(frame, rng)
        yield _camera(frame, rng)[0]


def _camera(
    frame: npt.NDArray[np.float32], rng: np.random.Generator
) -> tuple[GrayFrame, float, int]:
    """Out of focus, sensor noise, JPEG: the frame as it arrives, the blur and quality."""
    blur_sigma = float(rng.uniform(0.3, 1.1))
    frame = np.asarray(cv2.GaussianBlur(frame, (0, 0), blur_sigma), dtype=np.float32)
    frame += rng.standard_normal(frame.shape, dtype=np.float32) * float(rng.uniform(1.5, 5.0))
    quality = int(rng.integers(45, 86))
    ok, jpeg = cv2.imencode(
        ".jpg", np.clip(frame, 0, 255).astype(np.uint8), [cv2.IMWRITE_JPEG_QUALITY, quality]
    )
    if not ok:
        raise RuntimeError("JPEG encoding failed")
    gray = np.asarray(cv2.imdecode(jpeg, cv2.IMREAD_GRAYSCALE), dtype=np.uint8)
    return gray, blur_sigma, quality


def _box_in_frame(
    matrix: npt.NDArray[np.float64], shape: tuple[int, ...]
) -> tuple[int, int, int, int] | None:
    """The frame region (x0, y0, x1, y1) the screen drawing of ``shape`` lands in."""
    height, width = shape[:2]
    corners = np.array([[[0, 0], [width, 0], [width, height], [0, height]]], np.float64)
    points = cv2.perspectiveTransform(corners, matrix)[0]
    x0, y0 = np.floor(points.min(axis=0)).astype(int)
    x1, y1 = np.ceil(points.max(axis=0)).astype(int)
    x0, y0 = max(0, int(x0)), max(0, int(y0))
    x1, y1 = min(FRAME_W, int(x1)), min(FRAME_H, int(y1))
    return (x0, y0, x1, y1) if x1 > x0 and y1 > y0 else None


def _room(rng: np.random.Generator) -> npt.NDArray[np.float32]:
    """Behind the phone: a soft gradient with a few blurred shapes, luminance 0–1."""
    small = np.full((45, 80), rng.uniform(0.25, 0.55), dtype=np.float32)
    small += np.linspace(-0.1, 0.1, 45, dtype=np.float32)[:, None]
    for _ in range(5):
        cv2.circle(
            small,
            (int(rng.integers(0, 80)), int(rng.integers(0, 45))),
            int(rng.integers(3, 14)),
            float(rng.uniform(0.1, 0.8)),
            -1,
        )
    return np.asarray(
        cv2.resize(cv2.GaussianBlur(small, (0, 0), 2.0), (FRAME_W, FRAME_H)), np.float32
    )


def _clutter(frame: npt.NDArray[np.float32], rng: np.random.Generator) -> None:
    """Up to three printed notices behind the phone: busy texture that is not a code."""
    for _ in range(int(rng.integers(0, 4))):
        w, h = int(rng.integers(120, 320)), int(rng.integers(80, 200))
        x, y = int(rng.integers(0, FRAME_W - w)), int(rng.integers(0, FRAME_H - h))
        paper = frame[y : y + h, x : x + w]
        paper[:] = float(rng.uniform(170, 230))
        line = int(rng.integers(9, 16))
        for top in range(6, h - line, line):
            left = 6
            while left < w - 12:
                word = int(rng.integers(8, 40))
                bottom = top + int(line * 0.6)
                paper[top:bottom, left : min(w - 6, left + word)] = float(rng.uniform(20, 70))
                left += word + int(rng.integers(4, 9))
