"""Hostile pushes (issue 13, failure 7): answer, time to answer, peak hub memory.

Starts a real ``checkpoint-hub serve`` on 127.0.0.1 (SQLite, or a throwaway
PostgreSQL 15 with ``--backend postgres``) and sends each hostile body of
``tests/hub/test_hostile_push.py`` once, sampling the hub process's resident memory
with psutil every 5 ms while it works. Prints one JSON line per body.

Usage: ``.venv/bin/python bench/hostile.py [--backend sqlite|postgres]``
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.hub.test_hostile_push import HOSTILE, peak_rss
from tests.support.desks import register_station
from tests.support.hubproc import HubProcess
from tests.support.postgres import PostgresServer


def run(hub: HubProcess) -> None:
    token = register_station(hub.db_url, "西门")
    assert hub.proc is not None
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    with httpx.Client(base_url=hub.url, headers=headers, timeout=600) as http:
        with peak_rss(hub.proc.pid) as before:
            pass
        print(json.dumps({"hub idle RSS MB": round(before[0] / 2**20)}))
        for name, make in HOSTILE.items():
            body = make()
            with peak_rss(hub.proc.pid) as peak:
                start = time.perf_counter()
                answer = http.post("/api/v1/push", content=body)
                elapsed = time.perf_counter() - start
            line = {
                "body": name,
                "body MB": round(len(body) / 1e6, 1),
                "status": answer.status_code,
                "answer bytes": len(answer.content),
                "seconds": round(elapsed, 2),
                "peak RSS MB": round(peak[0] / 2**20),
            }
            print(json.dumps(line, ensure_ascii=False), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--backend", choices=("sqlite", "postgres"), default="sqlite")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        server = None
        if args.backend == "postgres":
            server = PostgresServer().start()
            url = server.create_database()
        else:
            url = f"sqlite:///{home / 'hub.db'}"
        hub = HubProcess(url, home).start()
        try:
            run(hub)
        finally:
            hub.stop()
            if server is not None:
                server.stop()


if __name__ == "__main__":
    main()
