"""The frame budget: a step expected to overrun it is not started, cheaper ones still are."""

from __future__ import annotations

import numpy as np
import pytest

from checkpoint_desk.scanner.cascade import Cascade
from checkpoint_desk.scanner.decoded import Decoded, Decoder, GrayFrame
from checkpoint_desk.scanner.decoders import available_decoders


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class Timed:
    """A real decoder whose every decode takes ``ms`` on the fake clock."""

    def __init__(self, decoder: Decoder, clock: FakeClock, ms: float) -> None:
        self.name, self._decoder, self._clock, self._ms = decoder.name, decoder, clock, ms

    def decode(self, gray: GrayFrame) -> list[Decoded]:
        self._clock.now += self._ms / 1000.0
        return self._decoder.decode(gray)


def test_a_step_too_slow_for_the_budget_is_skipped_once_its_cost_is_known() -> None:
    ready = {d.name: d for d in available_decoders(("zxing-cpp", "pyzbar"))[0]}
    clock = FakeClock()
    cascade = Cascade(
        [Timed(ready["zxing-cpp"], clock, 10.0), Timed(ready["pyzbar"], clock, 25.0)],
        plan=(("zxing-cpp", "raw"), ("pyzbar", "blur"), ("zxing-cpp", "upscale")),
        budget_ms=30.0,
        clock=clock,
    )
    blank = np.full((240, 320), 128, np.uint8)
    first = cascade.decode(blank)
    # Nothing known yet: pyzbar starts at 10 ms and ends at 35, over the budget.
    assert first.ms == pytest.approx(35.0)
    second = cascade.decode(blank)
    # Now its 25 ms are known: 10 + 25 would overrun 30, so it is skipped, and the
    # 10 ms step after it still fits.
    assert second.steps_tried == 2
    assert second.ms == pytest.approx(20.0)
