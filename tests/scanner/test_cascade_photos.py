"""The cascade on ZXing's photographed QR codes: reads pinned, never a wrong text."""

from __future__ import annotations

from pathlib import Path

import cv2
import pytest

from checkpoint_desk.scanner.cascade import Cascade
from checkpoint_desk.scanner.decoders import available_decoders

PINNED_READS = 136
"""Measured (docs/benchmarks.md); the union of the three decoders on raw photos is 135."""

# qrcode-2/16 is a QR code printed inside another ("double QR"): the inner code's
# text is a correct read of a second symbol, not a wrong text for the outer one.
SECOND_SYMBOLS = {"qrcode-2/16": "[内側QRコード]"}


def _expected(png: Path) -> str:
    # The .txt files came through git with LF line ends; the symbols hold CRLF.
    return png.with_suffix(".txt").read_text(encoding="utf-8")


def _same(text: str, expected: str) -> bool:
    return text.replace("\r\n", "\n") == expected.replace("\r\n", "\n")


@pytest.fixture(scope="module")
def cascade() -> Cascade:
    ready, _ = available_decoders()
    # Generous budget: this test pins what the plan reads, not how fast the machine is.
    return Cascade(ready, budget_ms=10_000)


def test_cascade_reads_the_photos_and_never_a_wrong_text(
    shared_data: Path, cascade: Cascade
) -> None:
    photos = sorted((shared_data / "qr-photos").glob("*/*.png"))
    assert len(photos) == 145
    read = 0
    wrong: list[str] = []
    for png in photos:
        expected = _expected(png)
        key = f"{png.parent.name}/{png.stem}"
        result = cascade.decode(cv2.imread(str(png), cv2.IMREAD_GRAYSCALE))
        texts = [code.text for code in result.codes]
        if any(_same(t, expected) for t in texts):
            read += 1
        for text in texts:
            second = SECOND_SYMBOLS.get(key)
            if not _same(text, expected) and not (second and text.startswith(second)):
                wrong.append(f"{key}: {text[:40]!r}")
    assert wrong == []
    assert read >= PINNED_READS


def test_shift_jis_photo_reads_as_japanese(shared_data: Path, cascade: Cascade) -> None:
    png = shared_data / "qr-photos" / "qrcode-2" / "31.png"
    result = cascade.decode(cv2.imread(str(png), cv2.IMREAD_GRAYSCALE))
    assert [c.text for c in result.codes] == ["今度のバージョンでは文章の暗号化ができます。"]
