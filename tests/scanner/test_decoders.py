"""The decoder factory: a missing libzbar is named, and scanning goes on without it."""

from __future__ import annotations

import sys

import numpy as np
import pytest

from checkpoint_desk.scanner.cascade import Cascade
from checkpoint_desk.scanner.decoded import DecoderUnavailable
from checkpoint_desk.scanner.decoders import PyzbarDecoder, available_decoders
from checkpoint_desk.scanner.demo_feed import qr_image


def test_missing_libzbar_is_named_and_the_others_still_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # What importing pyzbar does on a machine without libzbar: ImportError.
    monkeypatch.setitem(sys.modules, "pyzbar.wrapper", None)
    with pytest.raises(DecoderUnavailable) as raised:
        PyzbarDecoder()
    assert raised.value.decoder == "pyzbar" and "libzbar0" in raised.value.reason

    ready, missing = available_decoders()
    assert [m.decoder for m in missing] == ["pyzbar"]
    assert "pyzbar" not in [d.name for d in ready] and ready
    cascade = Cascade(ready)
    assert all(not step.startswith("pyzbar") for step in cascade.steps)
    frame = np.pad(qr_image("CKH1:WITHOUT-ZBAR", box=4), 40, constant_values=255)
    assert [c.text for c in cascade.decode(frame).codes] == ["CKH1:WITHOUT-ZBAR"]


@pytest.mark.parametrize("name", ["zxing-cpp", "pyzbar", "opencv"])
def test_every_decoder_reads_a_plain_code_with_its_corners(name: str) -> None:
    ready, _ = available_decoders([name])
    code = qr_image("CKP1:CORNERS", box=6)
    frame = np.pad(code, 50, constant_values=255)
    found = ready[0].decode(frame)
    assert [d.text for d in found] == ["CKP1:CORNERS"] and found[0].decoder == name
    xs = [x for x, _ in found[0].corners]
    assert min(xs) >= 40 and max(xs) <= 60 + code.shape[1]


def test_a_colour_image_is_refused_not_misread() -> None:
    ready, _ = available_decoders(["zxing-cpp"])
    with pytest.raises(ValueError):
        ready[0].decode(np.zeros((10, 10, 3), np.uint8))
