"""Codes drawn with qrcode and spoiled the ways a phone in front of a webcam spoils them."""

from __future__ import annotations

from collections.abc import Callable

import cv2
import numpy as np
import pytest

from checkpoint_desk.scanner.cascade import Cascade
from checkpoint_desk.scanner.decoded import GrayFrame
from checkpoint_desk.scanner.decoders import available_decoders
from checkpoint_desk.scanner.demo_feed import qr_image

TEXT = "CKH1:6BFOXN%TS3DH3ZSUZK+.V0ETD%65NL-AHE:3V*7SY4"


def _scene(text: str = TEXT, box: int = 5) -> GrayFrame:
    """The code on a mid-grey 1280×720 frame."""
    frame = np.full((720, 1280), 110, dtype=np.uint8)
    code = qr_image(text, box=box)
    h, w = code.shape
    frame[200 : 200 + h, 500 : 500 + w] = code
    return frame


def _rotate(img: GrayFrame) -> GrayFrame:
    m = cv2.getRotationMatrix2D((640, 360), 33, 1.0)
    return np.asarray(cv2.warpAffine(img, m, (1280, 720), borderValue=110), np.uint8)


def _perspective(img: GrayFrame) -> GrayFrame:
    src = np.float32([[0, 0], [1280, 0], [1280, 720], [0, 720]])
    dst = np.float32([[120, 40], [1180, 0], [1280, 720], [0, 650]])
    m = cv2.getPerspectiveTransform(src, dst)
    return np.asarray(cv2.warpPerspective(img, m, (1280, 720), borderValue=110), np.uint8)


def _blur(img: GrayFrame) -> GrayFrame:
    return np.asarray(cv2.GaussianBlur(img, (0, 0), 1.6), np.uint8)


def _motion_blur(img: GrayFrame) -> GrayFrame:
    kernel = np.zeros((7, 7), np.float32)
    kernel[3, :] = 1 / 7
    return np.asarray(cv2.filter2D(img, -1, kernel), np.uint8)


def _low_contrast(img: GrayFrame) -> GrayFrame:
    return np.asarray(img.astype(np.float32) * 0.18 + 120, np.uint8)


def _inverted(img: GrayFrame) -> GrayFrame:
    return np.asarray(255 - img, np.uint8)


def _screen(img: GrayFrame) -> GrayFrame:
    """A phone screen filmed: pixel-grid moiré, a glare spot, sensor noise, a slight tilt."""
    yy, xx = np.mgrid[0:720, 0:1280].astype(np.float32)
    moire = 18 * np.sin(xx * 1.9 + yy * 0.6) * np.sin(yy * 1.7)
    glare = 90 * np.exp(-((xx - 700) ** 2 + (yy - 330) ** 2) / (2 * 110.0**2))
    noise = np.random.default_rng(3).normal(0, 8, img.shape)
    lit = img.astype(np.float32) * 0.8 + 25 + moire + glare + noise
    return _perspective(np.asarray(np.clip(lit, 0, 255), np.uint8))


def _small(img: GrayFrame) -> GrayFrame:
    small = cv2.resize(img, None, fx=0.45, fy=0.45, interpolation=cv2.INTER_AREA)
    return np.asarray(small, np.uint8)


def _tiny(img: GrayFrame) -> GrayFrame:
    """A code so far away its modules are about a pixel wide (read by the ×2 pass)."""
    small = cv2.resize(img, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    return np.asarray(small, np.uint8)


SPOILERS: dict[str, Callable[[GrayFrame], GrayFrame]] = {
    "rotated": _rotate,
    "perspective": _perspective,
    "blurred": _blur,
    "motion-blurred": _motion_blur,
    "low-contrast": _low_contrast,
    "inverted": _inverted,
    "phone-screen": _screen,
    "far-away": _small,
    "tiny": _tiny,
}


@pytest.fixture(scope="module")
def cascade() -> Cascade:
    return Cascade(available_decoders()[0], budget_ms=10_000)


@pytest.mark.parametrize("spoil", SPOILERS.values(), ids=SPOILERS.keys())
def test_spoiled_code_is_read(spoil: Callable[[GrayFrame], GrayFrame], cascade: Cascade) -> None:
    result = cascade.decode(spoil(_scene()))
    assert [c.text for c in result.codes] == [TEXT]


def test_corners_are_in_frame_coordinates_whatever_pass_read_it(cascade: Cascade) -> None:
    frame = _scene()
    result = cascade.decode(frame, near=((500.0, 200.0), (700.0, 400.0)))
    xs = [x for x, _ in result.codes[0].corners]
    ys = [y for _, y in result.codes[0].corners]
    side = qr_image(TEXT, box=5).shape[0]
    assert min(xs) >= 490 and max(xs) <= 510 + side
    assert min(ys) >= 190 and max(ys) <= 210 + side


def test_chinese_utf8_content_is_read_exactly(cascade: Cascade) -> None:
    text = "https://jkm.example.cn/v?name=张伟&color=绿码"
    assert [c.text for c in cascade.decode(_scene(text)).codes] == [text]


def test_two_codes_in_one_frame_are_both_read(cascade: Cascade) -> None:
    frame = _scene("CKP1:FIRST-PASS-0001")
    second = qr_image("CKP1:SECOND-PASS-0002", box=5)
    h, w = second.shape
    frame[100 : 100 + h, 1000 : 1000 + w] = second
    texts = sorted(c.text for c in cascade.decode(frame).codes)
    assert texts == ["CKP1:FIRST-PASS-0001", "CKP1:SECOND-PASS-0002"]


def test_blank_frame_reads_nothing(cascade: Cascade) -> None:
    assert cascade.decode(np.full((720, 1280), 128, np.uint8)).codes == ()
