"""The decoder cascade: decoders and pre-processing steps (``preprocess.py``), measured order.

Order (from ``bench/decode.py`` on ``../shared/data/qr-photos`` and the demo feed,
see docs/benchmarks.md): zxing-cpp on the frame reads 132 of 145 photos in ≈0.3 ms.
On live frames, zxing-cpp then tries a crop around where a code was read in the last
second (×2 when small); then ×2 of the patch densest with edges ("busy",
``scanner/busy.py``: a small dense code on a phone screen at a slant, with moiré,
glare and JPEG, that zxing-cpp does not even find on the whole frame; on the
phone-screen set of ``bench/screens.py`` the busy steps lift the cascade from 80 %
to 94 % of frames, zxing-cpp alone reading 66 %);
then a ×2 window around any symbol zxing-cpp found but could not read ("zoom":
before the busy step it turned ~2/3 of the demo feed's missed health-code frames
into reads; now it catches the few the busy patch missed); then ×3 of the busy
patch (the blurriest codes: +5 of 200 on that set). pyzbar on a smoothed image
(Gaussian blur; large frames halved) adds 3–4 photos zxing-cpp misses, one of which
(qrcode-2/12) no decoder reads on the raw photo; ×2 for tiny codes (small images
only) closes the plan: 136 of 145. Measured and left out because they added no
read: pyzbar on the raw image, CLAHE, adaptive threshold, inversion (zxing-cpp
already tries inverted), and OpenCV's detector (88 reads, 10× slower); they stay
available by name. Steps run until one finds a code; the first step always runs,
a later one only when the time spent so far plus what that step took lately (a
running mean) fits the frame budget, so a slow step is skipped and cheaper ones
after it still run.

Decoders disagreeing on text: every decoder's text comes from the same raw bytes
through ``charset.text_from_bytes``, and the cascade stops at the first step that
reads anything, so two texts for one symbol are never merged or voted on.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from checkpoint_desk.scanner.decoded import Corners, Decoded, Decoder, GrayFrame
from checkpoint_desk.scanner.decoders import LocatingDecoder
from checkpoint_desk.scanner.preprocess import STEPS, Hints

DEFAULT_PLAN: tuple[tuple[str, str], ...] = (
    ("zxing-cpp", "raw"),
    ("zxing-cpp", "crop"),
    ("zxing-cpp", "busy"),
    ("zxing-cpp", "zoom"),
    ("zxing-cpp", "busy-x3"),
    ("pyzbar", "blur"),
    ("zxing-cpp", "upscale"),
)
"""(decoder, pre-processing step) pairs in the order they are tried."""

DEFAULT_BUDGET_MS = 40.0
"""Time a frame's steps should fit in (30 fps with one core to spare)."""

COST_WEIGHT = 0.2
"""Weight of the latest time in each step's running mean."""


@dataclass(frozen=True)
class CascadeResult:
    """What one frame gave: codes (corners in frame coordinates), time, the step."""

    codes: tuple[Decoded, ...]
    ms: float
    step: str | None
    steps_tried: int


class Cascade:
    """Decode a grey frame with the plan's steps until one reads a code."""

    def __init__(
        self,
        decoders: Sequence[Decoder],
        *,
        plan: Sequence[tuple[str, str]] = DEFAULT_PLAN,
        budget_ms: float = DEFAULT_BUDGET_MS,
        clock: Callable[[], float] = time.perf_counter,
    ) -> None:
        """``clock`` (seconds) measures the budget: wall time on the desk;
        ``time.thread_time`` gives a shared machine's benchmark one core's budget."""
        by_name = {d.name: d for d in decoders}
        unknown = [p for _, p in plan if p not in STEPS]
        if unknown:
            raise ValueError(f"unknown pass(es): {', '.join(unknown)}")
        # Steps whose decoder is not available are left out: the scanner runs on what is.
        self._steps = tuple(
            (f"{decoder}/{pass_name}", by_name[decoder], pass_name)
            for decoder, pass_name in plan
            if decoder in by_name
        )
        if not self._steps:
            raise ValueError("no decoder available for any step of the cascade")
        self.budget_ms = budget_ms
        self._clock = clock
        # What each step took lately (a running mean); a step is started only when it
        # is expected to end within the budget. Measured, so a slow machine or a slow
        # decoder (pyzbar on a 720p frame) adapts by itself.
        self._cost_ms: dict[str, float] = {}

    @property
    def steps(self) -> tuple[str, ...]:
        return tuple(name for name, _, _ in self._steps)

    def decode(self, gray: GrayFrame, *, near: Corners | None = None) -> CascadeResult:
        """Codes in ``gray``; ``near`` is where a code was seen last (for the crop pass)."""
        start = self._clock()
        tried = 0
        hints = Hints(near=near)
        for name, decoder, pass_name in self._steps:
            step_start = self._clock()
            elapsed_ms = (step_start - start) * 1000.0
            if tried and elapsed_ms + self._cost_ms.get(name, 0.0) > self.budget_ms:
                continue
            prepared = STEPS[pass_name](gray, hints)
            if prepared is None:
                continue
            tried += 1
            if isinstance(decoder, LocatingDecoder):
                found, located = decoder.decode_and_locate(prepared.image)
                if located and not hints.located:
                    hints = Hints(near, tuple(prepared.to_frame(c) for c in located))
            else:
                found = decoder.decode(prepared.image)
            took_ms = (self._clock() - step_start) * 1000.0
            self._cost_ms[name] = COST_WEIGHT * took_ms + (1 - COST_WEIGHT) * self._cost_ms.get(
                name, took_ms
            )
            if found:
                codes = tuple(
                    Decoded(d.text, prepared.to_frame(d.corners), d.decoder) for d in found
                )
                ms = (self._clock() - start) * 1000.0
                return CascadeResult(_unique(codes), ms, name, tried)
        return CascadeResult((), (self._clock() - start) * 1000.0, None, tried)


def _unique(codes: tuple[Decoded, ...]) -> tuple[Decoded, ...]:
    seen: set[str] = set()
    out: list[Decoded] = []
    for code in codes:
        if code.text not in seen:
            seen.add(code.text)
            out.append(code)
    return tuple(out)
