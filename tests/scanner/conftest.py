"""Scanner fixtures: the decoder cascade and a helper to wait for a condition."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from checkpoint_desk.scanner.cascade import Cascade
from checkpoint_desk.scanner.decoders import available_decoders


@pytest.fixture(scope="session")
def live_cascade() -> Cascade:
    return Cascade(available_decoders()[0])


def wait_for(condition: Callable[[], bool], timeout: float = 10.0) -> bool:
    """Poll ``condition`` until true or ``timeout`` (generous: the machine is shared)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return condition()
