"""Hub benchmark: visits/s ingested, and many stations pushing at once.

Starts a real ``checkpoint-hub serve`` on 127.0.0.1 for each backend (a SQLite file;
a throwaway PostgreSQL 15 server with fsync on), then

1. one station pushes ``--visits`` visits in batches of 1,000 (the desk's batch
   size): visits/s ingested, end to end over HTTP;
2. ``--stations`` stations push at the same moment, each ``--rounds`` batches of
   ``--batch`` visits: errors and request latency (median, p95, max).

Usage: ``.venv/bin/python bench/hub.py [--visits N] [--stations N] [--backend sqlite]``
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support.hubproc import HubProcess
from tests.support.postgres import PostgresServer
from tests.support.samples import station_json, visit_json

from checkpoint_desk.hub.database import open_hub_database
from checkpoint_desk.hub.stations import add_station


def tokens(db_url: str, count: int) -> list[str]:
    engine = open_hub_database(db_url)
    try:
        return [add_station(engine, f"station-{n:03d}")[1] for n in range(count)]
    finally:
        engine.dispose()


def push(http: httpx.Client, token: str, body: bytes) -> tuple[float, str | None]:
    start = time.perf_counter()
    try:
        answer = http.post(
            "/api/v1/push",
            content=body,
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        )
    except httpx.HTTPError as exc:
        return time.perf_counter() - start, type(exc).__name__
    elapsed = time.perf_counter() - start
    if answer.status_code != 200:
        return elapsed, f"HTTP {answer.status_code}"
    result = answer.json()
    if result["rejected"]:
        return elapsed, "rejected items"
    return elapsed, None


def batch(desk_id: uuid.UUID, size: int) -> bytes:
    visits = [visit_json(desk_id) for _ in range(size)]
    return json.dumps({"station": station_json(desk_id), "visits": visits}).encode()


def ingest_rate(hub: HubProcess, token: str, visits: int) -> dict[str, Any]:
    desk_id = uuid.uuid4()
    bodies = [batch(desk_id, 1000) for _ in range(visits // 1000)]
    with httpx.Client(base_url=hub.url, timeout=120) as http:
        push(http, token, batch(desk_id, 10))  # bind the station, warm up
        start = time.perf_counter()
        errors = [e for _, e in (push(http, token, b) for b in bodies) if e]
        elapsed = time.perf_counter() - start
    return {
        "visits": len(bodies) * 1000,
        "seconds": round(elapsed, 2),
        "visits_per_s": round(len(bodies) * 1000 / elapsed),
        "errors": len(errors),
    }


def many_stations(hub: HubProcess, all_tokens: list[str], rounds: int, size: int) -> dict[str, Any]:
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    barrier = threading.Barrier(len(all_tokens))

    def station(token: str) -> None:
        desk_id = uuid.uuid4()
        bodies = [batch(desk_id, size) for _ in range(rounds)]
        with httpx.Client(base_url=hub.url, timeout=120) as http:
            barrier.wait()
            for body in bodies:
                elapsed, error = push(http, token, body)
                with lock:
                    latencies.append(elapsed)
                    if error:
                        errors.append(error)

    threads = [threading.Thread(target=station, args=(t,)) for t in all_tokens]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    ordered = sorted(latencies)
    return {
        "stations": len(all_tokens),
        "requests": len(latencies),
        "visits": len(latencies) * size,
        "errors": len(errors),
        "error_kinds": sorted(set(errors)),
        "seconds": round(elapsed, 2),
        "latency_median_s": round(statistics.median(ordered), 3),
        "latency_p95_s": round(ordered[int(0.95 * (len(ordered) - 1))], 3),
        "latency_max_s": round(ordered[-1], 3),
    }


def run(backend: str, args: argparse.Namespace) -> dict[str, Any]:
    home = Path(tempfile.mkdtemp(prefix=f"hub-bench-{backend}-"))
    server: PostgresServer | None = None
    if backend == "postgres":
        server = PostgresServer(durable=True).start()
        db_url = server.create_database()
    else:
        db_url = f"sqlite:///{home / 'hub.db'}"
    hub = HubProcess(db_url, home).start()
    try:
        *station_tokens, ingest_token = tokens(db_url, args.stations + 1)
        return {
            "backend": backend,
            "ingest": ingest_rate(hub, ingest_token, args.visits),
            "concurrent": many_stations(hub, station_tokens, args.rounds, args.batch),
        }
    finally:
        hub.stop()
        if server is not None:
            server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--visits", type=int, default=20_000)
    parser.add_argument("--stations", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--batch", type=int, default=50)
    parser.add_argument("--backend", choices=("sqlite", "postgres", "both"), default="both")
    args = parser.parse_args()
    backends = ("sqlite", "postgres") if args.backend == "both" else (args.backend,)
    for backend in backends:
        print(json.dumps(run(backend, args), ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
