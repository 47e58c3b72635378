"""Failure 7: a small body that unpacks into millions of items (issue 13).

A 15 MB push of 5 million empty audit items took 87 s, 5.3 GB of hub memory and a
384 MB reply. Each hostile body here is refused with a short 4xx; the hub process's
resident memory (sampled with psutil while it works) stays under 300 MB.
"""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import httpx
import psutil
import pytest

from tests.support.desks import register_station
from tests.support.hubproc import HubProcess
from tests.support.samples import station_json, visit_json

PUSH = "/api/v1/push"
PEAK_LIMIT = 300 * 1024 * 1024
MILLION = 1_000_000


def _station() -> bytes:
    return b'{"station":{"id":"%s","name":"x"}' % str(uuid.uuid4()).encode()


def _list_of(kind: bytes, item: bytes, count: int) -> bytes:
    return _station() + b',"' + kind + b'":[' + b",".join([item] * count) + b"]}"


# Each makes a body under the 16 MB cap; the whole push is refused with a 413.
HOSTILE: dict[str, Callable[[], bytes]] = {
    "5M empty audit items": lambda: _list_of(b"audit", b"{}", 5 * MILLION),
    "5M empty visits lists": lambda: _list_of(b"visits", b"[]", 5 * MILLION),
    "7M zeros": lambda: _list_of(b"shifts", b"0", 7 * MILLION),
    "3M short strings": lambda: _list_of(b"operators", b'"ab"', 3 * MILLION),
    "a 15 MB audit detail": lambda: (
        _station() + b',"audit":[{"detail":{"k":[' + b",".join([b"{}"] * (5 * MILLION)) + b"]}}]}"
    ),
}


@contextmanager
def peak_rss(pid: int) -> Iterator[list[int]]:
    """Samples ``pid``'s resident memory every few milliseconds; yields [peak]."""
    process = psutil.Process(pid)
    peak = [process.memory_info().rss]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            try:
                peak[0] = max(peak[0], process.memory_info().rss)
            except psutil.Error:
                return
            done.wait(0.005)

    sampler = threading.Thread(target=sample)
    sampler.start()
    try:
        yield peak
    finally:
        done.set()
        sampler.join()


@pytest.mark.slow
def test_hostile_pushes_get_a_short_4xx_and_the_hub_stays_small(fresh_hub: HubProcess) -> None:
    token = register_station(fresh_hub.db_url, "西门")
    assert fresh_hub.proc is not None
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    with httpx.Client(base_url=fresh_hub.url, headers=headers, timeout=120) as http:
        for name, make in HOSTILE.items():
            body = make()
            assert len(body) < 16 * 1024 * 1024, name
            with peak_rss(fresh_hub.proc.pid) as peak:
                answer = http.post(PUSH, content=body)
            del body
            assert answer.status_code == 413, (name, answer.status_code, answer.text[:200])
            assert len(answer.content) < 4096, (name, len(answer.content))
            assert answer.json()["error"] == "too_large", name
            assert peak[0] < PEAK_LIMIT, f"{name}: peak {peak[0] / 2**20:.0f} MB"
        assert http.get("/health").status_code == 200


@pytest.mark.slow
def test_one_huge_text_is_refused_on_its_own_and_the_hub_stays_small(
    fresh_hub: HubProcess,
) -> None:
    """A single 15 MB name is one bad item: refused with a short reason, the rest stored."""
    token = register_station(fresh_hub.db_url, "西门")
    assert fresh_hub.proc is not None
    desk_id = uuid.uuid4()
    clean = visit_json(desk_id)
    huge = visit_json(desk_id, name="张" * (5 * MILLION))
    body = json.dumps(
        {"station": station_json(desk_id), "visits": [huge, clean]}, ensure_ascii=False
    ).encode()
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    with (
        httpx.Client(base_url=fresh_hub.url, headers=headers, timeout=120) as http,
        peak_rss(fresh_hub.proc.pid) as peak,
    ):
        answer = http.post(PUSH, content=body)
    assert answer.status_code == 200, answer.text[:200]
    assert len(answer.content) < 4096
    result = answer.json()
    assert [a["uuid"] for a in result["accepted"]] == [clean["uuid"]]
    assert [(r["index"], r["uuid"]) for r in result["rejected"]] == [(0, huge["uuid"])]
    assert "name" in result["rejected"][0]["reason"]
    assert peak[0] < PEAK_LIMIT, f"peak {peak[0] / 2**20:.0f} MB"
