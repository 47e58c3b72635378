"""Office pages benchmark: render time of each /office/ page at a big hub.

Fills a hub database (SQLite file) with ``--stations`` stations (each with a key,
shifts, operators and an audit anchor) and ``--visits`` visits spread over the last
28 days by 200,000 people (``--today`` of them so far today; 3 % stops, most of them
disposed of; each person's last visit and each station's counts built as ``ingest``
keeps them), bulk-inserted; starts a real
``checkpoint-hub serve`` on it, logs in as a manager and times each page over HTTP
(``--rounds`` times: median, p95, max). The day's combined ledger download is timed
too (a file, not a page). Budget (issue 17): < 300 ms a page.

Usage: ``.venv/bin/python bench/office.py [--stations 200] [--visits 1000000]``
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support.hubproc import HubProcess

from checkpoint_desk.clock import to_local
from checkpoint_desk.hub import counts, presence
from checkpoint_desk.hub.anchors import anchor
from checkpoint_desk.hub.database import open_hub_database, writing
from checkpoint_desk.hub.office.users import add_user
from checkpoint_desk.hub.tables import operator, shift, station, visit

PAGES = (
    "/office/",
    "/office/inside",
    "/office/stops",
    "/office/ledgers",
    "/office/stations",
    "/office/reference",
)
CHUNK = 20_000
PEOPLE = 200_000  # visitors, each seen about five times in the 28 days


def fill(db_url: str, stations: int, visits: int, now: datetime, today: int) -> None:
    engine = open_hub_database(db_url)
    midnight = to_local(now).replace(hour=0, minute=0, second=0, microsecond=0)
    rng = random.Random(17)
    started = time.perf_counter()
    try:
        owners = []
        with writing(engine) as conn:
            for n in range(stations):
                key = Ed25519PrivateKey.generate().public_key()
                pem = key.public_bytes(
                    serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
                ).decode("ascii")
                hub_id, desk_id = uuid.uuid4(), uuid.uuid4()
                owners.append((hub_id, desk_id, []))
                conn.execute(
                    station.insert().values(
                        id=hub_id, name=f"卡点-{n:03d}", token_hash=uuid.uuid4().hex * 2,
                        desk_station_id=desk_id, public_key=pem,
                        created_at=now - timedelta(days=40),
                        last_seen_at=now - timedelta(minutes=rng.choice([1, 5, 45, 300])),
                    )
                )  # fmt: skip
                conn.execute(
                    anchor.insert().values(
                        station_id=desk_id, seq=1, hash="0" * 64, at=now, reason="sync",
                        signature="x", received_at=now, skew_s=rng.uniform(-30, 30),
                        regressed=False,
                    )
                )  # fmt: skip
            rows: list[dict[str, Any]] = []
            shifts: list[dict[str, Any]] = []
            for hub_id, desk_id, shift_ids in owners:
                people = [uuid.uuid4() for _ in range(5)]
                rows += [
                    {"id": p, "revision": 1, "updated_at": now, "received_at": now,
                     "station_id": desk_id, "owner_id": hub_id, "name": f"值班员{k}",
                     "role": "volunteer", "active": True}
                    for k, p in enumerate(people)
                ]  # fmt: skip
                for day in range(28):
                    for half in range(2):
                        opened = now - timedelta(days=day, hours=12 * half + 6)
                        sid = uuid.uuid4()
                        shift_ids.append(sid)
                        closed = None if day == 0 and half == 0 else opened + timedelta(hours=6)
                        shifts.append(
                            {"id": sid, "revision": 1, "updated_at": now, "received_at": now,
                             "station_id": desk_id, "owner_id": hub_id,
                             "operator_id": rng.choice(people), "opened_at": opened,
                             "closed_at": closed, "handover_note": ""}
                        )  # fmt: skip
            conn.execute(operator.insert(), rows)
            conn.execute(shift.insert(), shifts)
        batch: list[dict[str, Any]] = []
        for n in range(visits):
            hub_id, desk_id, shift_ids = owners[n % stations]
            # The first ``today`` visits fill the day so far (the Today page's day).
            since = min(now - midnight, timedelta(days=1)) if n < today else timedelta(days=28)
            at = now - timedelta(seconds=rng.uniform(0, since.total_seconds()))
            stop = rng.random() < 0.03
            disposed = stop and rng.random() >= 0.1  # one stop in ten still waits
            person, visit_id = f"{n % PEOPLE:064x}", uuid.uuid4()
            direction = "in" if rng.random() < 0.5 else "out"
            batch.append(
                {
                    "id": visit_id, "revision": 1, "person_key": person,
                    "updated_at": at, "received_at": at,
                    "station_id": desk_id, "owner_id": hub_id,
                    "shift_id": rng.choice(shift_ids), "at": at,
                    "direction": direction, "source": "scan",
                    "name": f"访客{n}", "id_number": "370811199001011234", "phone": "13812345678",
                    "temperature_c": 37.8 if stop else 36.5, "temperature_converted": False,
                    "health_code": "green", "health_code_confirmed": True,
                    "purpose": "探亲", "destination": "", "passengers": 0,
                    "verdict": "stop" if stop else "pass",
                    "reasons": ["fever"] if stop else [],
                    "disposition": "remeasured" if disposed else None,
                    "note": "", "scans": [],
                }
            )  # fmt: skip
            if len(batch) == CHUNK:
                with writing(engine) as conn:
                    conn.execute(visit.insert(), batch)
                batch = []
        if batch:
            with writing(engine) as conn:
                conn.execute(visit.insert(), batch)
        with writing(engine) as conn:  # as ingest keeps them
            presence.rebuild_all(conn)
            counts.rebuild_all(conn)
        with engine.connect() as conn:
            conn.exec_driver_sql("ANALYZE")
    finally:
        engine.dispose()
    print(f"filled {stations} stations, {visits:,} visits in {time.perf_counter() - started:.0f} s")


def log_in(http: httpx.Client) -> None:
    page = http.get("/office/login")
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert csrf, page.text
    answer = http.post(
        "/office/login",
        data={"username": "bench", "password": "bench password", "csrf": csrf.group(1)},
    )
    assert answer.status_code == 303, answer.text


def timed(http: httpx.Client, path: str, rounds: int) -> list[float]:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        answer = http.get(path)
        times.append((time.perf_counter() - start) * 1000)
        assert answer.status_code == 200, (path, answer.status_code, answer.text[:300])
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--stations", type=int, default=200)
    parser.add_argument("--visits", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--today", type=int, default=36_000, help="visits so far today")
    parser.add_argument("--keep", metavar="DIR", help="keep the filled hub here (reused)")
    args = parser.parse_args()
    now = datetime.now(UTC)
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(args.keep or tmp) / "hub"
        os.environ["CHECKPOINT_HUB_HOME"] = str(home)
        db_url = f"sqlite:///{home / 'hub.db'}"
        if not (home / "hub.db").exists():
            fill(db_url, args.stations, args.visits, now, args.today)
            engine = open_hub_database(db_url)
            add_user(engine, "bench", "manager", "bench password")
            engine.dispose()
        hub = HubProcess(db_url, home).start()
        try:
            with httpx.Client(base_url=hub.url, timeout=120) as http:
                log_in(http)
                day = to_local(now).date().isoformat()
                first = re.search(r"/office/inside\?station=[0-9a-f-]+", http.get(PAGES[1]).text)
                assert first, "no station on the inside page"
                extra = (first.group(0), f"/office/ledgers/download?day={day}&format=csv")
                for path in (*PAGES, *extra):
                    timed(http, path, 2)  # warm the caches
                    times = sorted(timed(http, path, args.rounds))
                    p95 = times[max(0, int(len(times) * 0.95) - 1)]
                    print(
                        f"{path:48s} median {statistics.median(times):7.1f} ms  "
                        f"p95 {p95:7.1f} ms  max {times[-1]:7.1f} ms"
                    )
        finally:
            hub.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
