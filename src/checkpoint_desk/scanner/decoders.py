"""The decoders: zxing-cpp, pyzbar (libzbar) and OpenCV, one interface.

Each returns :class:`Decoded` with the text taken from the code's raw bytes by
:func:`checkpoint_desk.scanner.charset.text_from_bytes` (zxing-cpp's own text is used
only when the code declares its character set with an ECI), so decoders never
disagree about how to read the same bytes.
"""

from __future__ import annotations

import ctypes
import importlib
import threading
from collections.abc import Callable, Sequence
from typing import Any, Protocol, runtime_checkable

import cv2
import numpy as np

from checkpoint_desk.scanner.charset import text_from_bytes
from checkpoint_desk.scanner.decoded import (
    Corners,
    Decoded,
    Decoder,
    DecoderUnavailable,
    GrayFrame,
)


@runtime_checkable
class LocatingDecoder(Decoder, Protocol):
    """A decoder that also says where it found symbols it could not read."""

    def decode_and_locate(self, gray: GrayFrame) -> tuple[list[Decoded], list[Corners]]: ...


def _contiguous(gray: GrayFrame) -> GrayFrame:
    if gray.ndim != 2 or gray.dtype != np.uint8:
        raise ValueError("a decoder takes a single-channel uint8 image")
    return np.ascontiguousarray(gray)


class ZxingDecoder:
    """zxing-cpp: the fastest and most tolerant decoder measured (see docs/benchmarks.md)."""

    name = "zxing-cpp"

    def __init__(self, *, try_harder: bool = True) -> None:
        import zxingcpp

        self._zx = zxingcpp
        self._try_harder = try_harder

    def decode(self, gray: GrayFrame) -> list[Decoded]:
        return self.decode_and_locate(gray)[0]

    def decode_and_locate(self, gray: GrayFrame) -> tuple[list[Decoded], list[Corners]]:
        """Codes read, and where symbols were found that could not be read."""
        zx = self._zx
        found = zx.read_barcodes(
            _contiguous(gray),
            formats=zx.BarcodeFormat.QRCode,
            try_rotate=self._try_harder,
            try_downscale=True,
            try_invert=self._try_harder,
            text_mode=zx.TextMode.Plain,
            return_errors=True,
        )
        out: list[Decoded] = []
        located: list[Corners] = []
        for code in found:
            pos = code.position
            corners = tuple(
                (float(p.x), float(p.y))
                for p in (pos.top_left, pos.top_right, pos.bottom_right, pos.bottom_left)
            )
            if not code.valid:
                located.append(corners)
                continue
            # "]Q2": the symbol carries an ECI, so zxing-cpp knows the character set.
            has_eci = code.symbology_identifier.endswith("2")
            text = code.text if has_eci else text_from_bytes(bytes(code.bytes))
            out.append(Decoded(text=text, corners=corners, decoder=self.name))
        return out, located


class PyzbarDecoder:
    """libzbar through pyzbar, asked for raw bytes (``qrcode.binary``) so text is right."""

    name = "pyzbar"

    def __init__(self) -> None:
        try:
            wrapper = importlib.import_module("pyzbar.wrapper")
        except ImportError as exc:  # pyzbar raises ImportError when libzbar is missing
            raise DecoderUnavailable(
                self.name, f"libzbar is not installed (Debian/Ubuntu package libzbar0): {exc}"
            ) from exc
        self._w: Any = wrapper
        self._binary = self._config(b"qrcode.binary")

    def _config(self, spec: bytes) -> tuple[int, int, int] | None:
        sym, cfg, val = ctypes.c_int(), ctypes.c_int(), ctypes.c_int()
        rc = self._w.zbar_parse_config(
            spec, ctypes.byref(sym), ctypes.byref(cfg), ctypes.byref(val)
        )
        return None if rc else (sym.value, cfg.value, val.value)

    def decode(self, gray: GrayFrame) -> list[Decoded]:
        w = self._w
        gray = _contiguous(gray)
        height, width = gray.shape
        pixels = gray.tobytes()
        scanner = w.zbar_image_scanner_create()
        image = w.zbar_image_create()
        try:
            w.zbar_image_scanner_set_config(scanner, 0, 0, 0)  # every symbology off …
            w.zbar_image_scanner_set_config(scanner, int(w.ZBarSymbol.QRCODE), 0, 1)  # … but QR
            if self._binary is not None:
                w.zbar_image_scanner_set_config(scanner, *self._binary)
            w.zbar_image_set_format(image, 808466521)  # fourcc "Y800": 8-bit grey
            w.zbar_image_set_size(image, width, height)
            w.zbar_image_set_data(
                image, ctypes.cast(ctypes.c_char_p(pixels), ctypes.c_void_p), len(pixels), None
            )
            if w.zbar_scan_image(scanner, image) < 0:
                return []
            return list(self._symbols(image))
        finally:
            w.zbar_image_destroy(image)
            w.zbar_image_scanner_destroy(scanner)

    def _symbols(self, image: Any) -> list[Decoded]:
        w = self._w
        out: list[Decoded] = []
        symbol = w.zbar_image_first_symbol(image)
        while symbol:
            raw = ctypes.string_at(
                w.zbar_symbol_get_data(symbol), w.zbar_symbol_get_data_length(symbol)
            )
            points = [
                (
                    float(w.zbar_symbol_get_loc_x(symbol, i)),
                    float(w.zbar_symbol_get_loc_y(symbol, i)),
                )
                for i in range(w.zbar_symbol_get_loc_size(symbol))
            ]
            out.append(Decoded(text=text_from_bytes(raw), corners=_quad(points), decoder=self.name))
            symbol = w.zbar_symbol_next(symbol)
        return out


class OpenCvDecoder:
    """OpenCV's QRCodeDetector: slowest and weakest here, kept as a last resort."""

    name = "opencv"

    def __init__(self) -> None:
        self._detector = cv2.QRCodeDetector()
        # One detector object is not safe to share between threads.
        self._lock = threading.Lock()

    def decode(self, gray: GrayFrame) -> list[Decoded]:
        gray = _contiguous(gray)
        with self._lock:
            try:
                raw, points, _ = self._detector.detectAndDecodeBytes(gray)
            except cv2.error:
                return []  # e.g. "mode 13 not implemented" for some Kanji/ECI content
        if raw is None or len(raw) == 0 or points is None:
            return []
        corners = tuple((float(x), float(y)) for x, y in np.asarray(points).reshape(-1, 2))
        return [Decoded(text=_opencv_text(bytes(raw)), corners=corners, decoder=self.name)]


def _opencv_text(raw: bytes) -> str:
    """OpenCV often hands back byte-mode content read as Latin-1 and re-encoded as UTF-8.

    Undo that (when every character fits in Latin-1) to get the symbol's own bytes.
    """
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return text_from_bytes(raw)  # some versions hand back the symbol's bytes as they are
    if all(ord(ch) < 0x100 for ch in text):
        return text_from_bytes(text.encode("latin-1"))
    return text


def _quad(points: Sequence[tuple[float, float]]) -> Corners:
    """Four corners (the minimum-area rectangle) around zbar's outline points."""
    if len(points) <= 4:
        return tuple(points)
    box = cv2.boxPoints(cv2.minAreaRect(np.asarray(points, dtype=np.float32)))
    return tuple((float(x), float(y)) for x, y in box)


DECODERS: dict[str, Callable[[], Decoder]] = {
    ZxingDecoder.name: ZxingDecoder,
    PyzbarDecoder.name: PyzbarDecoder,
    OpenCvDecoder.name: OpenCvDecoder,
}


def available_decoders(
    names: Sequence[str] = tuple(DECODERS),
) -> tuple[list[Decoder], list[DecoderUnavailable]]:
    """The named decoders that work here, and why the others do not.

    The scanner runs on whatever is available; the UI shows the reasons (for example
    a missing libzbar, installed by the Debian/Ubuntu package ``libzbar0``).
    """
    ready: list[Decoder] = []
    missing: list[DecoderUnavailable] = []
    for name in names:
        try:
            ready.append(DECODERS[name]())
        except DecoderUnavailable as exc:
            missing.append(exc)
        except (ImportError, OSError) as exc:
            missing.append(DecoderUnavailable(name, str(exc)))
    return ready, missing
