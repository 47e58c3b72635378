"""The per-station token bucket: bursts allowed, then a wait, each station on its own."""

from __future__ import annotations

import pytest

from checkpoint_desk.hub.rate_limit import RateLimiter


class Ticks:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_burst_then_retry_after_then_refill() -> None:
    ticks = Ticks()
    limiter = RateLimiter(capacity=3, rate=0.5, clock=ticks)
    assert [limiter.take("west") for _ in range(3)] == [0, 0, 0]
    assert limiter.take("west") == 2  # one token back in 2 s at 0.5 per second
    assert limiter.take("east") == 0  # another station has its own bucket
    ticks.now += 2
    assert limiter.take("west") == 0
    assert limiter.take("west") == 2
    ticks.now += 3600  # a long pause refills only up to the burst
    assert [limiter.take("west") for _ in range(4)] == [0, 0, 0, 2]


def test_nonsense_limits_are_refused() -> None:
    with pytest.raises(ValueError):
        RateLimiter(capacity=0)
    with pytest.raises(ValueError):
        RateLimiter(rate=0)
