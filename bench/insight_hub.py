"""Hub insight benchmark: inside now, trace and stats with a million visits (issue 16).

Fills a fresh hub database (made by the real migrations) for each backend — a SQLite
file, a throwaway PostgreSQL 15 — with ``--visits`` visits over ``--stations``
stations and 28 days, by bulk insert through the hub's own upsert in large
transactions, then builds each person's last visit (``hub/presence.py``) and
ANALYZEs. People come and go through random gates: each has 1–8 visits alternating
in / out, and about ``--inside`` of them have an odd count (their last is ``in``).
80 % give an ID number, 15 % only a phone, 5 % neither.

Then times the real query functions (median of ``--repeat`` runs each):
``inside_now`` (the whole list), ``trace`` of people with several visits over the
28 days (±30 min), ``station_stats`` of one day, and ``ingest`` of a push of 1,000
visits of known people into the full hub (the last visits kept up to date).

Usage: ``.venv/bin/python bench/insight_hub.py [--visits N] [--backend sqlite]``
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sqlalchemy as sa
from sqlalchemy import Engine
from tests.support.postgres import PostgresServer
from tests.support.samples import visit_json

from checkpoint_desk.domain.idnumber import check_character
from checkpoint_desk.hub import counts, presence
from checkpoint_desk.hub.database import open_hub_database, writing
from checkpoint_desk.hub.ingest import ingest, sort_items
from checkpoint_desk.hub.insight import inside_now, station_stats, trace
from checkpoint_desk.hub.person_keys import community_key, person_key, phone_key
from checkpoint_desk.hub.stations import add_station, bind
from checkpoint_desk.hub.tables import visit
from checkpoint_desk.hub.upsert import upsert_rows

START = datetime(2026, 11, 1, tzinfo=UTC)
DAYS = 28
CHUNK = 20_000


def id_number(n: int) -> str:
    """A distinct valid ID number for each ``n``: a birth day and a sequence number."""
    born = date(1940, 1, 1) + timedelta(days=n // 1000)
    first17 = f"370811{born:%Y%m%d}{n % 1000:03d}"
    return first17 + check_character(first17)


def people(count: int, inside_share: float, rng: random.Random) -> list[tuple[str, str, str]]:
    """(name, id_number, phone) of each person."""
    made = []
    for n in range(count):
        roll = rng.random()
        number = id_number(n) if roll < 0.8 else ""
        phone = f"13{n:09d}" if roll < 0.95 else ""
        made.append((f"访客{n}", number, phone))
    return made


def fill(engine: Engine, args: argparse.Namespace) -> dict[str, Any]:
    rng = random.Random(16)
    stations = []
    for n in range(args.stations):
        hub_station, _ = add_station(engine, f"卡点{n:03d}")
        desk_id = uuid.uuid4()
        stations.append(bind(engine, hub_station, desk_id, None, community="济阳街道"))
    key = community_key(engine)
    average = 4.5
    crowd = people(int(args.visits / average), args.inside, rng)
    rows: list[dict[str, Any]] = []
    made = 0
    started = time.perf_counter()
    # A bulk load: the secondary indexes are built once at the end, not row by row.
    with writing(engine) as conn:
        for index in visit.indexes:
            index.drop(conn)
    now = datetime.now(UTC)

    def flush() -> None:
        with writing(engine) as conn:
            if conn.dialect.name == "sqlite":
                # A bulk load: the whole file in the page cache (random UUID keys in six
                # indexes thrash SQLite's 2 MB default cache).
                conn.exec_driver_sql("PRAGMA cache_size=-1000000")
            upsert_rows(conn, visit, rows)
        rows.clear()

    for name, number, phone in crowd:
        inside = rng.random() < args.inside
        count = rng.choice((1, 3, 5, 7) if inside else (2, 4, 6, 8))
        times = sorted(
            START + timedelta(seconds=rng.randrange(DAYS * 86_400)) for _ in range(count)
        )
        for k, at in enumerate(times):
            gate = rng.choice(stations)
            rows.append(
                {
                    "id": uuid.uuid4(),
                    "revision": 1,
                    "updated_at": at,
                    "received_at": now,
                    "station_id": gate.desk_station_id,
                    "owner_id": gate.id,
                    "shift_id": None,
                    "vehicle_entry": None,
                    "household": None,
                    "at": at,
                    "direction": "in" if k % 2 == 0 else "out",
                    "source": "scan",
                    "name": name,
                    "id_number": number or None,
                    "phone": phone or None,
                    "plate": None,
                    "temperature_c": 36.5,
                    "temperature_converted": False,
                    "retest_temperature_c": None,
                    "health_code": "green",
                    "health_code_confirmed": False,
                    "travel_risk": False,
                    "nat_result": None,
                    "nat_at": None,
                    "vaccine_doses": None,
                    "vaccine_last": None,
                    "purpose": "",
                    "destination": "",
                    "passengers": 0,
                    "verdict": "stop" if rng.random() < 0.02 else "pass",
                    "reasons": [],
                    "disposition": None,
                    "disposition_by": None,
                    "disposition_at": None,
                    "note": "",
                    "scans": [],
                    "deleted_at": None,
                    "lane_seconds": round(rng.lognormvariate(2.2, 0.5), 2),
                    "person_key": person_key(key, number, phone),
                    "phone_key": phone_key(key, phone) if phone else None,
                }
            )
            made += 1
            if len(rows) >= CHUNK:
                flush()
            if made >= args.visits:
                break
        if made >= args.visits:
            break
    if rows:
        flush()
    with writing(engine) as conn:
        for index in visit.indexes:
            index.create(conn)
    filled_s = time.perf_counter() - started
    started = time.perf_counter()
    with writing(engine) as conn:
        presence.rebuild_all(conn)
        counts.rebuild_all(conn)
    rebuilt_s = time.perf_counter() - started
    with engine.connect() as conn:
        conn.execute(sa.text("ANALYZE"))
        conn.commit()
    return {
        "visits": made,
        "people": len(crowd),
        "stations": len(stations),
        "fill_s": round(filled_s, 1),
        "last_visits_s": round(rebuilt_s, 1),
        "_crowd": crowd,
        "_stations": stations,
    }


class Clocks:
    """Wall-clock and this process's CPU milliseconds of each run (the machine is
    shared: the CPU time is what the query cost this process, whatever the load)."""

    def __init__(self) -> None:
        self.wall: list[float] = []
        self.cpu: list[float] = []

    def run(self, action: Callable[[], Any]) -> Any:
        wall, cpu = time.perf_counter(), time.process_time()
        result = action()
        self.cpu.append((time.process_time() - cpu) * 1000)
        self.wall.append((time.perf_counter() - wall) * 1000)
        return result

    def medians(self, name: str) -> dict[str, float]:
        return {
            f"{name}_ms": round(statistics.median(self.wall), 1),
            f"{name}_cpu_ms": round(statistics.median(self.cpu), 1),
        }


def timed(action: Callable[[], Any], repeat: int, name: str) -> tuple[dict[str, float], Any]:
    clocks = Clocks()
    result = None
    for _ in range(repeat):
        result = clocks.run(action)
    return clocks.medians(name), result


def calibration() -> Clocks:
    """A fixed piece of pure Python (a million additions), three times: its wall and
    CPU time say how loaded the shared machine was while the rest ran."""
    clocks = Clocks()
    for _ in range(3):
        clocks.run(lambda: sum(n % 7 for n in range(1_000_000)))
    return clocks


def measure(engine: Engine, filled: dict[str, Any], args: argparse.Namespace) -> dict[str, Any]:
    rng = random.Random(61)
    load = calibration()
    key = community_key(engine)
    crowd: list[tuple[str, str, str]] = filled["_crowd"]
    inside_ms, inside = timed(lambda: inside_now(engine), args.repeat, "inside_now")
    community_ms, _ = timed(
        lambda: inside_now(engine, community="济阳街道"), args.repeat, "inside_community"
    )
    end = START + timedelta(days=DAYS)
    traced = [p for p in rng.sample(crowd, 200) if p[1]][: args.repeat * 4]
    by_id = Clocks()
    contacts = [
        len(by_id.run(lambda n=number: trace(engine, key.of(n), start=START, end=end)))
        for _, number, _ in traced
    ]
    by_phone = Clocks()
    for _, _, phone in [p for p in rng.sample(crowd, 200) if p[2] and not p[1]][: args.repeat * 2]:
        by_phone.run(lambda p=phone: trace(engine, phone_key(key, p), start=START, end=end))
    stats_ms, hours = timed(
        lambda: station_stats(engine, date(2026, 11, 15), tz=UTC), 3, "station_stats_day"
    )
    pushes = Clocks()
    for _ in range(3):
        gate = rng.choice(filled["_stations"])
        items = []
        for name, number, phone in rng.sample(crowd, 1000):
            items.append(
                visit_json(
                    gate.desk_station_id,
                    at=(end + timedelta(minutes=rng.randrange(600))).isoformat(),
                    name=name,
                    id_number=number or None,
                    phone=phone or None,
                    direction=rng.choice(("in", "out")),
                    lane_seconds=8.5,
                )
            )
        batch = sort_items({"visits": items})
        result = pushes.run(lambda b=batch, g=gate: ingest(engine, g.id, g.desk_station_id, b))
        assert not result.rejected
    return {
        **load.medians("calibration"),
        **inside_ms,
        "inside_people": len(inside),
        **community_ms,
        **by_id.medians("trace_by_id"),
        "trace_by_id_max_ms": round(max(by_id.wall), 1),
        "trace_runs": len(by_id.wall),
        "contacts_median": statistics.median(contacts),
        **by_phone.medians("trace_by_phone"),
        **stats_ms,
        "station_hours": len(hours),
        **pushes.medians("ingest_1000_visits"),
    }


def run(backend: str, args: argparse.Namespace) -> dict[str, Any]:
    home = Path(tempfile.mkdtemp(prefix=f"insight-bench-{backend}-"))
    server: PostgresServer | None = None
    if backend == "postgres":
        server = PostgresServer().start()
        db_url = server.create_database()
    else:
        db_url = f"sqlite:///{home / 'hub.db'}"
    engine = open_hub_database(db_url)
    try:
        filled = fill(engine, args)
        answer = {"backend": backend, **{k: v for k, v in filled.items() if k[0] != "_"}}
        answer.update(measure(engine, filled, args))
        return answer
    finally:
        engine.dispose()
        if server is not None:
            server.stop()
        shutil.rmtree(home, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--visits", type=int, default=1_000_000)
    parser.add_argument("--stations", type=int, default=200)
    parser.add_argument("--inside", type=float, default=0.1, help="share of people inside")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--backend", choices=("sqlite", "postgres", "both"), default="both")
    args = parser.parse_args()
    backends = ("sqlite", "postgres") if args.backend == "both" else (args.backend,)
    for backend in backends:
        print(json.dumps(run(backend, args), ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
