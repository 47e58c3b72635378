"""Request rate limits: a token bucket per key (a station, a client address), in memory.

The hub keeps two: one per station for its requests, and one per client address for
failed authentications (wrong or missing tokens), checked before a token is looked
at, so guessing costs the guesser time and the hub no database work.

Each station may burst ``capacity`` requests and then ``rate`` per second; a request
over that is answered 429 with ``Retry-After`` (whole seconds until a token is back).
The buckets live in the hub process: with several hub processes behind a proxy each
one limits on its own (the limit guards a process against a runaway desk, it is
not an accounting of the whole hub).
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass

DEFAULT_CAPACITY = 120  # a sync round after a long outage sends many batches at once
DEFAULT_RATE = 20.0  # requests per second, per station, sustained
FAILED_AUTH_CAPACITY = 10  # wrong or missing tokens one client address may send at once …
FAILED_AUTH_RATE = 1 / 6  # … then one every 6 s


@dataclass
class _Bucket:
    tokens: float
    stamp: float


class RateLimiter:
    """``take(key)`` is 0 when the request may go, else the seconds to wait."""

    def __init__(
        self,
        capacity: int = DEFAULT_CAPACITY,
        rate: float = DEFAULT_RATE,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if capacity < 1 or rate <= 0:
            raise ValueError("capacity must be at least 1 and rate above 0")
        self.capacity = capacity
        self.rate = rate
        self._clock = clock
        self._buckets: dict[Hashable, _Bucket] = {}
        self._lock = threading.Lock()

    def _refilled(self, key: Hashable) -> _Bucket:
        now = self._clock()
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket = self._buckets[key] = _Bucket(float(self.capacity), now)
        bucket.tokens = min(float(self.capacity), bucket.tokens + (now - bucket.stamp) * self.rate)
        bucket.stamp = now
        return bucket

    def _wait(self, bucket: _Bucket) -> int:
        return max(1, math.ceil((1.0 - bucket.tokens) / self.rate))

    def take(self, key: Hashable) -> int:
        """Spend a token of ``key``'s bucket; returns 0, or Retry-After seconds (≥ 1)."""
        with self._lock:
            bucket = self._refilled(key)
            if bucket.tokens >= 1.0:
                bucket.tokens -= 1.0
                return 0
            return self._wait(bucket)

    def waiting(self, key: Hashable) -> int:
        """0 when ``key`` has a token now, else the seconds until it has; spends nothing."""
        with self._lock:
            bucket = self._refilled(key)
            return 0 if bucket.tokens >= 1.0 else self._wait(bucket)
