"""What a decoder returns, and the interface every decoder has."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np
import numpy.typing as npt

GrayFrame = npt.NDArray[np.uint8]
"""A single-channel 8-bit image, shape (height, width)."""

BgrFrame = npt.NDArray[np.uint8]
"""An OpenCV colour image, shape (height, width, 3)."""

Corners = tuple[tuple[float, float], ...]
"""Where a code lies in the frame: its corner points (x, y), in frame pixels."""


@dataclass(frozen=True)
class Decoded:
    """One code found in one frame."""

    text: str
    corners: Corners
    decoder: str
    """The decoder that read it (``zxing-cpp``, ``pyzbar``, ``opencv``)."""


class Decoder(Protocol):
    """A decoder implementation (pyzbar, zxing-cpp, OpenCV …)."""

    name: str

    def decode(self, gray: GrayFrame) -> list[Decoded]:
        """Every code found in ``gray``; an empty list when none."""
        ...


class DecoderUnavailable(RuntimeError):
    """A decoder's native library is missing (e.g. libzbar for pyzbar)."""

    def __init__(self, decoder: str, reason: str) -> None:
        self.decoder = decoder
        self.reason = reason
        super().__init__(f"{decoder} is unavailable: {reason}")
