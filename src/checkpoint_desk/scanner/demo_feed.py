"""The demo feed: QR codes on a phone-like card moving and tilting in front of a noisy
background, 1280×720 — what ``--demo`` shows and what tests and benchmarks scan.

It takes plain texts (the codes' contents) so the scanner does not depend on
``codes``; the CLI and UI pass ``checkpoint_desk.codes.demo.demo_codes(now)``.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt
import qrcode

from checkpoint_desk.i18n import N_
from checkpoint_desk.scanner.decoded import BgrFrame, GrayFrame
from checkpoint_desk.scanner.frames import Frame, SourceState

CARD_W, CARD_H = 300, 560


@dataclass(frozen=True)
class Appearance:
    """A code coming into view: its text, the first frame showing it and that frame's time."""

    text: str
    frame_index: int
    timestamp: float


def qr_image(text: str, *, box: int = 6, border: int = 4) -> GrayFrame:
    """``text`` as a black-on-white QR code image (ECC level M), ``box`` px a module."""
    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=1, border=border
    )
    code.add_data(text.encode("utf-8"))
    code.make(fit=True)
    modules = np.array(code.get_matrix(), dtype=np.uint8)
    image = np.where(modules > 0, 0, 255).astype(np.uint8)
    return np.asarray(np.kron(image, np.ones((box, box), dtype=np.uint8)), dtype=np.uint8)


def _card(text: str, rng: np.random.Generator) -> tuple[BgrFrame, GrayFrame]:
    """A phone: dark bezel, light screen with a green header bar, the QR code, glare, moiré."""
    card = np.full((CARD_H, CARD_W, 3), 30, dtype=np.uint8)
    mask = np.full((CARD_H, CARD_W), 255, dtype=np.uint8)
    screen = np.full((CARD_H - 60, CARD_W - 24, 3), 245, dtype=np.uint8)
    screen[:70] = (80, 170, 40)  # the green header bar of a health-code app
    qr = qr_image(text, box=1)
    side = CARD_W - 64
    qr = np.asarray(cv2.resize(qr, (side, side), interpolation=cv2.INTER_NEAREST), np.uint8)
    top = 110
    left = (screen.shape[1] - side) // 2
    screen[top : top + side, left : left + side] = qr[:, :, None]
    # A screen under a lamp: a soft glare spot and a faint moiré of fine stripes.
    h, w = screen.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    gx, gy = rng.uniform(0.2, 0.8) * w, rng.uniform(0.2, 0.6) * h
    glare = 70.0 * np.exp(-(((xx - gx) ** 2) + ((yy - gy) ** 2)) / (2 * (0.25 * w) ** 2))
    moire = 10.0 * np.sin((xx * 0.9 + yy * 0.35) * 1.7)
    lit = screen.astype(np.float32) * 0.85 + (glare + moire)[:, :, None] + 20.0
    card[30 : 30 + h, 12 : 12 + w] = np.clip(lit, 0, 255).astype(np.uint8)
    return card, mask


def _background(width: int, height: int, rng: np.random.Generator) -> BgrFrame:
    """A dim room: vertical gradient, a few soft shapes, sensor noise baked in."""
    ramp = np.linspace(70, 140, height, dtype=np.float32)[:, None, None]
    base = np.broadcast_to(ramp, (height, width, 3)).copy()
    base[:, :, 0] *= 0.9
    for _ in range(8):
        centre = (int(rng.integers(0, width)), int(rng.integers(0, height)))
        colour = tuple(float(c) for c in rng.integers(40, 200, 3))
        cv2.circle(base, centre, int(rng.integers(40, 220)), colour, -1)
    base = np.asarray(cv2.GaussianBlur(base, (0, 0), 25), dtype=np.float32)
    base += rng.normal(0, 6, base.shape).astype(np.float32)
    return np.clip(base, 0, 255).astype(np.uint8)


class DemoFeedSource:
    """Renders ``texts`` one after another, ``show_s`` seconds each, ``gap_s`` apart.

    With ``realtime`` the feed paces itself at ``fps`` like a camera (and skips frames
    when the reader is late, as a camera does); without it every frame is made at once
    and the timeline follows the frame index (tests). ``appearances`` records when
    each code came into view (for latency measurement).
    """

    def __init__(
        self,
        texts: Sequence[str],
        *,
        width: int = 1280,
        height: int = 720,
        fps: float = 30.0,
        show_s: float = 3.0,
        gap_s: float = 1.0,
        realtime: bool = True,
        seed: int = 7,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if not texts:
            raise ValueError("the demo feed needs at least one text")
        self.texts = tuple(texts)
        self.size = (width, height)
        self.fps = fps
        self.show_s, self.gap_s = show_s, gap_s
        self.live = realtime
        self._rng = np.random.default_rng(seed)
        self._clock = clock
        self._cards: dict[str, tuple[BgrFrame, GrayFrame]] = {}
        self._background: BgrFrame | None = None
        self._noise: npt.NDArray[np.int16] | None = None
        self._start = 0.0
        self._index = -1
        self._shown_segment = -1
        self._state = SourceState.NONE
        self.appearances: list[Appearance] = []

    @property
    def state(self) -> SourceState:
        return self._state

    @property
    def detail(self) -> str:
        return N_("Demo feed") if self._state is SourceState.DEMO else ""

    def describe(self) -> str:
        return f"demo feed ({len(self.texts)} codes)"

    def open(self) -> None:
        width, height = self.size
        self._background = _background(width, height, self._rng)
        noise = self._rng.normal(0, 5, (height + 64, width + 64)).astype(np.int16)
        self._noise = noise
        self._start = self._clock()
        self._index = -1
        self._state = SourceState.DEMO

    def close(self) -> None:
        self._state = SourceState.NONE

    def _card_for(self, text: str) -> tuple[BgrFrame, GrayFrame]:
        if text not in self._cards:
            self._cards[text] = _card(text, self._rng)
        return self._cards[text]

    def read(self) -> Frame | None:
        if self._state is not SourceState.DEMO:
            return None
        if self.live:
            due = int((self._clock() - self._start) * self.fps)
            if due <= self._index:
                time.sleep(max(0.0, self._start + (self._index + 1) / self.fps - self._clock()))
                due = self._index + 1
            self._index = due
        else:
            self._index += 1
        image = self.render(self._index / self.fps)
        frame = Frame(image, self._index, self._clock())
        segment, text = self._showing(self._index / self.fps)
        if text is not None and segment != self._shown_segment:
            self._shown_segment = segment
            self.appearances.append(Appearance(text, frame.index, frame.timestamp))
        return frame

    def _showing(self, t: float) -> tuple[int, str | None]:
        period = self.show_s + self.gap_s
        segment = int(t // period)
        if t - segment * period >= self.show_s:
            return segment, None
        return segment, self.texts[segment % len(self.texts)]

    def corners_at(self, t: float) -> npt.NDArray[np.float32] | None:
        """Where the card's four corners are at time ``t`` (None between codes)."""
        segment, text = self._showing(t)
        if text is None:
            return None
        width, height = self.size
        local = t - segment * (self.show_s + self.gap_s)
        phase = segment * 1.3
        cx = width * (0.5 + 0.22 * math.sin(0.9 * local + phase))
        cy = height * (0.5 + 0.06 * math.sin(1.7 * local + phase))
        scale = 0.95 + 0.12 * math.sin(0.6 * local + phase)
        angle = math.radians(12.0 * math.sin(0.8 * local + phase))
        tilt = 0.12 * math.sin(1.1 * local + phase)  # one side nearer the camera
        hw, hh = CARD_W / 2 * scale, CARD_H / 2 * scale
        points = []
        for sx, sy in ((-1, -1), (1, -1), (1, 1), (-1, 1)):
            depth = 1.0 + tilt * sx
            x, y = sx * hw * depth, sy * hh * depth
            points.append(
                (
                    cx + x * math.cos(angle) - y * math.sin(angle),
                    cy + x * math.sin(angle) + y * math.cos(angle),
                )
            )
        return np.array(points, dtype=np.float32)

    def render(self, t: float) -> BgrFrame:
        """The frame at time ``t`` seconds into the feed."""
        assert self._background is not None and self._noise is not None, "open() first"
        frame = self._background.copy()
        _, text = self._showing(t)
        corners = self.corners_at(t)
        if text is not None and corners is not None:
            self._paste(frame, *self._card_for(text), corners)
        width, height = self.size
        dx, dy = (int(v) for v in self._rng.integers(0, 64, 2))
        noise = self._noise[dy : dy + height, dx : dx + width]
        noisy = frame.astype(np.int16) + noise[:, :, None]
        return np.asarray(np.clip(noisy, 0, 255), dtype=np.uint8)

    @staticmethod
    def _paste(
        frame: BgrFrame, card: BgrFrame, mask: GrayFrame, corners: npt.NDArray[np.float32]
    ) -> None:
        height, width = frame.shape[:2]
        x0, y0 = np.floor(corners.min(axis=0)).astype(int)
        x1, y1 = np.ceil(corners.max(axis=0)).astype(int)
        x0, y0 = max(0, int(x0)), max(0, int(y0))
        x1, y1 = min(width, int(x1)), min(height, int(y1))
        if x1 <= x0 or y1 <= y0:
            return
        source = np.array(
            [(0, 0), (CARD_W - 1, 0), (CARD_W - 1, CARD_H - 1), (0, CARD_H - 1)], dtype=np.float32
        )
        local = corners - np.array([x0, y0], dtype=np.float32)
        matrix = cv2.getPerspectiveTransform(source, local)
        size = (x1 - x0, y1 - y0)
        warped = cv2.warpPerspective(card, matrix, size, flags=cv2.INTER_LINEAR)
        alpha = cv2.warpPerspective(mask, matrix, size, flags=cv2.INTER_LINEAR)
        region = frame[y0:y1, x0:x1]
        a = (alpha.astype(np.float32) / 255.0)[:, :, None]
        region[:] = (warped * a + region * (1.0 - a)).astype(np.uint8)
