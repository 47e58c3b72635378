"""Office pages benchmark: render time of each /office/ page at a big hub.

Fills a hub database on SQLite and on PostgreSQL 15 (a throwaway server, the tests'
``tests/support/postgres.py``) with ``--stations`` stations (each with a key, 56 shifts,
5 operators and ``--anchors`` audit anchors, one a minute) and ``--visits`` visits over
the last 28 days by 200,000 people (the first ``--today`` of them between local
midnight and now, on top of the day's share of the rest; 3 % stops, one in ten of them
still awaiting), the visits and anchors by one ``INSERT … SELECT`` each into the
migrated schema (not through HTTP); each person's last visit and each station's counts
built as ``ingest`` keeps them (``presence.rebuild_all``, ``counts.rebuild_all``, timed).
The SQLite hub is kept under ``--cache`` (default /tmp/hubtoday-bench) and reused; the
PostgreSQL one is filled anew each run. Starts a real ``checkpoint-hub serve`` on each,
logs in as a manager and fetches each page ``--rounds`` times, pages and backends
alternating request by request: median wall time, the hub process's CPU per request
(all its threads, ``/proc/PID/task/*/schedstat``) and the slowest. The day's combined
ledger download is timed too (a file, not a page). Budget (issue 17): < 300 ms a page.

Usage: ``.venv/bin/python bench/office.py [--backend both] [--visits 1000000]``
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import re
import statistics
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import sqlalchemy as sa
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support.hubproc import HubProcess

from checkpoint_desk.clock import to_local
from checkpoint_desk.hub import counts, presence
from checkpoint_desk.hub.database import open_hub_database, writing
from checkpoint_desk.hub.office.users import add_user
from checkpoint_desk.hub.tables import operator, shift, station

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


BENCH_STATION = sa.Table(
    "bench_station",
    sa.MetaData(),
    sa.Column("k", sa.Integer, primary_key=True),
    sa.Column("hub_id", sa.Uuid, nullable=False),
    sa.Column("desk_id", sa.Uuid, nullable=False),
    sa.Column("shift_id", sa.Uuid, nullable=False),
)
# Visit n: station n % stations; h and g are two multiplicative hashes of n (their high
# bits, the well mixed ones) that pick its time (today for the first ``today`` visits,
# else the last 28 days), 3 % stops (one in ten of them still awaiting), in or out.
VISITS_SQL = """
INSERT INTO hub_visit (id, revision, updated_at, received_at, station_id, owner_id,
    shift_id, at, direction, source, name, id_number, phone, temperature_c,
    temperature_converted, health_code, health_code_confirmed, purpose, destination,
    passengers, verdict, reasons, disposition, note, scans, person_key)
SELECT {uuid}, 1, v.at, v.at, b.desk_id, b.hub_id, b.shift_id, v.at,
    CASE WHEN v.h / 2147483648 = 0 THEN 'in' ELSE 'out' END, 'scan',
    '访客' || v.n, '370811199001011234', '13812345678',
    CASE WHEN v.h / 65536 % 100 < 3 THEN 37.8 ELSE 36.5 END, {false}, 'green', {true},
    '探亲', '', 0,
    CASE WHEN v.h / 65536 % 100 < 3 THEN 'stop' ELSE 'pass' END,
    CASE WHEN v.h / 65536 % 100 < 3 THEN {fever} ELSE {empty} END,
    CASE WHEN v.h / 65536 % 100 < 3 AND v.h / 6553600 % 10 <> 0 THEN 'remeasured' END,
    '', {empty}, {person_key}
FROM (SELECT n, h, {at} AS at FROM (
        SELECT n, n * 2654435761 % 4294967296 AS h, (n + 7) * 2246822519 % 4294967296 AS g
        FROM {series}) AS hashed) AS v
JOIN bench_station b ON b.k = v.n % :stations
"""
# Anchor m of each station: m minutes before now (a sync round a minute), the newest
# inserted last; skews between −30 and +30 s.
ANCHORS_SQL = """
INSERT INTO hub_anchor (station_id, seq, hash, at, reason, signature, received_at, skew_s,
    regressed)
SELECT b.desk_id, :count - n, '{zeros}', {minute}, 'sync', 'x', {minute},
    (b.k * 7919 + n) % 61 - 30, {false}
FROM {series} CROSS JOIN bench_station b ORDER BY n DESC, b.k
"""
OFFSET = "CASE WHEN n < :today THEN g / 1024 * :today_s ELSE g / 1024 * :days_s END / 4194304"
"""Seconds before now (uniform over the span: 22 high bits of g)."""
DIALECT_SQL = {
    "sqlite": {
        "uuid": "lower(hex(randomblob(16)))", "false": "0", "true": "1",
        "fever": "'[\"fever\"]'", "empty": "'[]'",
        "person_key": f"printf('%064x', v.n % {PEOPLE})",
        "at": f"datetime(:now - {OFFSET}, 'unixepoch') || printf('.%06d', h % 1000000)",
        "minute": "datetime(:now - n * 60, 'unixepoch') || '.000000'",
        "series": "(WITH RECURSIVE s(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM s"
        " WHERE n + 1 < :count) SELECT n FROM s) AS series",
    },
    "postgresql": {
        "uuid": "gen_random_uuid()", "false": "false", "true": "true",
        "fever": "'[\"fever\"]'::json", "empty": "'[]'::json",
        "person_key": f"lpad(to_hex(v.n % {PEOPLE}), 64, '0')",
        "at": f"to_timestamp(:now - {OFFSET} + (h % 1000000) / 1000000.0) AT TIME ZONE 'UTC'",
        "minute": "to_timestamp(:now - n * 60) AT TIME ZONE 'UTC'",
        "series": "generate_series(0, :count - 1) AS series(n)",
    },
}  # fmt: skip


def fill_bulk(
    engine: sa.Engine,
    owners: list[tuple[uuid.UUID, uuid.UUID, list[uuid.UUID]]],
    visits: int,
    today: int,
    anchors: int,
    now: int,
    spans: dict[str, int],
) -> None:
    """The visits and the anchors, one INSERT … SELECT each into the migrated schema."""
    with writing(engine) as conn:
        BENCH_STATION.create(conn)
        conn.execute(
            BENCH_STATION.insert(),
            [{"k": k, "hub_id": h, "desk_id": d, "shift_id": s[0]}
             for k, (h, d, s) in enumerate(owners)],
        )  # fmt: skip
        sql = VISITS_SQL.format(**DIALECT_SQL[engine.dialect.name])
        conn.execute(
            sa.text(sql),
            {"stations": len(owners), "count": visits, "today": today, "now": now,
             "today_s": max(spans["today"], 1), "days_s": spans["days"]},
        )  # fmt: skip
        conn.execute(
            sa.text(ANCHORS_SQL.format(zeros="0" * 64, **DIALECT_SQL[engine.dialect.name])),
            {"count": anchors, "now": now},
        )
        BENCH_STATION.drop(conn)


def fill(db_url: str, stations: int, visits: int, now: datetime, today: int, anchors: int) -> None:
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
        spans = {"today": int(min(now - midnight, timedelta(days=1)).total_seconds()),
                 "days": 28 * 86400}  # fmt: skip
        fill_bulk(engine, owners, visits, today, anchors, int(now.timestamp()), spans)
        print(f"visits inserted in {time.perf_counter() - started:.0f} s")
        with writing(engine) as conn:  # as ingest keeps them
            presence.rebuild_all(conn)
            began = time.perf_counter()
            counts.rebuild_all(conn)
            print(f"counts.rebuild_all: {time.perf_counter() - began:.1f} s")
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


def cpu_s(pid: int) -> float:
    """CPU seconds process ``pid`` has run so far, all its threads (nanosecond counts)."""
    total = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        with contextlib.suppress(FileNotFoundError, ProcessLookupError):  # a thread ended
            total += int((task / "schedstat").read_text().split()[0])
    return total / 1e9


def prepared(
    backend: str, args: argparse.Namespace, now: datetime, servers: list[Any]
) -> tuple[str, Path]:
    """A filled hub database for ``backend``: its URL, its home (a PostgreSQL server
    started goes into ``servers``, to be stopped)."""
    home = Path(args.cache) / backend / "hub"
    if backend == "sqlite":
        db_url = f"sqlite:///{home / 'hub.db'}"
        fresh = not (home / "hub.db").exists()
    else:  # a throwaway PostgreSQL 15 (the tests' helper), filled anew each run
        from tests.support.postgres import PostgresServer

        server = PostgresServer()
        servers.append(server)
        server.start()
        db_url, fresh = server.create_database(), True
    home.mkdir(parents=True, exist_ok=True)
    if fresh:
        fill(db_url, args.stations, args.visits, now, args.today, args.anchors)
        engine = open_hub_database(db_url)
        add_user(engine, "bench", "manager", "bench password")
        engine.dispose()
    return db_url, home


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--stations", type=int, default=200)
    parser.add_argument("--visits", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--today", type=int, default=36_000, help="visits so far today")
    parser.add_argument("--anchors", type=int, default=2_000, help="per station (1 a minute)")
    parser.add_argument("--pages-only", action="store_true", help="not the ledger download")
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument(
        "--cache", default="/tmp/hubtoday-bench", help="the SQLite hub is kept here (reused)"
    )
    args = parser.parse_args()
    now = datetime.now(UTC)
    backends = ("sqlite", "postgresql") if args.backend == "both" else (args.backend,)
    hubs: dict[str, HubProcess] = {}
    servers: list[Any] = []
    clients: dict[str, httpx.Client] = {}
    try:
        for backend in backends:
            db_url, home = prepared(backend, args, now, servers)
            os.environ["CHECKPOINT_HUB_HOME"] = str(home)
            hubs[backend] = HubProcess(db_url, home).start()
            clients[backend] = httpx.Client(base_url=hubs[backend].url, timeout=120)
            log_in(clients[backend])
        day = to_local(now).date().isoformat()
        paths = list(PAGES)
        first = re.search(
            r"/office/inside\?station=[0-9a-f-]+", clients[backends[0]].get(PAGES[1]).text
        )
        if first:
            paths.append(first.group(0))
        if not args.pages_only:
            paths.append(f"/office/ledgers/download?day={day}&format=csv")
        wall: dict[tuple[str, str], list[float]] = {}
        cpu: dict[tuple[str, str], list[float]] = {}
        for round_ in range(args.rounds + 2):  # two rounds to warm the caches
            for path in paths:  # pages and backends alternate, request by request
                for backend in backends:
                    pid = hubs[backend].proc.pid  # type: ignore[union-attr]
                    before, start = cpu_s(pid), time.perf_counter()
                    answer = clients[backend].get(path)
                    took = (time.perf_counter() - start) * 1000
                    used = (cpu_s(pid) - before) * 1000
                    assert answer.status_code == 200, (path, answer.status_code, answer.text[:300])
                    if round_ >= 2:
                        wall.setdefault((backend, path), []).append(took)
                        cpu.setdefault((backend, path), []).append(used)
        print(f"{args.stations} stations, {args.visits:,} visits, {args.today:,} today; "
              f"medians of {args.rounds} rounds (wall / hub CPU per request, ms)")  # fmt: skip
        print(f"{'page':44s}" + "".join(f"{b:>29s}" for b in backends))
        for path in paths:
            cells = "".join(
                f"{statistics.median(wall[b, path]):10.0f} /{statistics.median(cpu[b, path]):5.0f}"
                f" (max {max(wall[b, path]):5.0f})"
                for b in backends
            )
            print(f"{path[:44]:44s}{cells}")
    finally:
        for client in clients.values():
            client.close()
        for hub in hubs.values():
            hub.stop()
        for server in servers:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
