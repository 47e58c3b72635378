"""The per-station token bucket: bursts allowed, then a wait, each station on its own."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest

from checkpoint_desk.hub.app import create_app
from checkpoint_desk.hub.rate_limit import RateLimiter
from checkpoint_desk.sync.wire import API_PREFIX
from tests.support.desks import register_station
from tests.support.hubproc import HubProcess


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


def test_the_api_answers_429_with_retry_after_per_station(tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path / 'hub.db'}"
    west, east = register_station(db_url, "西门"), register_station(db_url, "东门")
    app = create_app(db_url, rate_limiter=RateLimiter(capacity=2, rate=0.1))

    async def session() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://hub") as http:
            answers = []
            for token in (west, west, west, east):
                answers.append(
                    await http.get(
                        f"{API_PREFIX}/reference/trust_list",
                        headers={"Authorization": f"Bearer {token}"},
                    )
                )
            return answers

    try:
        first, second, refused, other = asyncio.run(session())
    finally:
        app.state.engine.dispose()
    assert first.status_code != 429 and second.status_code != 429
    assert refused.status_code == 429 and refused.headers["Retry-After"] == "10"
    assert refused.json()["error"] == "rate_limited"
    assert other.status_code != 429  # another station is not held back


def test_waiting_tells_the_wait_without_spending() -> None:
    ticks = Ticks()
    limiter = RateLimiter(capacity=2, rate=0.5, clock=ticks)
    assert limiter.waiting("west") == 0
    assert [limiter.take("west") for _ in range(2)] == [0, 0]
    assert limiter.waiting("west") == 2
    assert limiter.waiting("west") == 2  # asking spends nothing
    ticks.now += 2
    assert limiter.waiting("west") == 0


def _wrong_token(hub: HubProcess, source: str, token: str) -> httpx.Response:
    transport = httpx.HTTPTransport(local_address=source)
    with httpx.Client(transport=transport, base_url=hub.url, timeout=60) as http:
        return http.get(
            f"{API_PREFIX}/reference/trust_list", headers={"Authorization": f"Bearer {token}"}
        )


def test_wrong_tokens_are_rate_limited_per_client_address(sqlite_hub: HubProcess) -> None:
    """Issue 13, failure 9: wrong-token requests were answered 401 without end."""
    token = register_station(sqlite_hub.db_url, "西门")
    answers = [_wrong_token(sqlite_hub, "127.0.0.1", f"guess-{n}").status_code for n in range(20)]
    assert answers[:5] == [401] * 5
    assert 429 in answers
    refused = _wrong_token(sqlite_hub, "127.0.0.1", "guess-again")
    assert refused.status_code == 429
    assert refused.json()["error"] == "rate_limited"
    assert int(refused.headers["Retry-After"]) >= 1
    # Another address is not held back: its right token works, its wrong one is a 401.
    assert _wrong_token(sqlite_hub, "127.0.0.2", token).status_code != 429
    assert _wrong_token(sqlite_hub, "127.0.0.2", "guess").status_code == 401
