"""PIN lock-outs held on the monotonic clock too, so moving the wall clock skips none.

A lock-out is stored as ``locked_until`` (wall clock, survives a restart); this
keeps the same deadline on ``time.monotonic`` for as long as the desk runs, per
engine (one station database), and a lock holds while either clock says so.
"""

from __future__ import annotations

import time
import weakref
from collections.abc import Callable

from sqlalchemy import Engine

Monotonic = Callable[[], float]

_deadlines: weakref.WeakKeyDictionary[Engine, dict[str, float]] = weakref.WeakKeyDictionary()


def hold(
    engine: Engine, key: str, seconds: float, *, monotonic: Monotonic = time.monotonic
) -> None:
    """Lock ``key`` for ``seconds`` of monotonic time."""
    _deadlines.setdefault(engine, {})[key] = monotonic() + seconds


def remaining_s(engine: Engine, key: str, *, monotonic: Monotonic = time.monotonic) -> float:
    """Seconds of ``key``'s lock left on the monotonic clock (0 when free)."""
    deadline = _deadlines.get(engine, {}).get(key)
    return max(0.0, deadline - monotonic()) if deadline is not None else 0.0


def release(engine: Engine, key: str) -> None:
    _deadlines.get(engine, {}).pop(key, None)
