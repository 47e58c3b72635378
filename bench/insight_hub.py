"""Hub insight benchmark: inside now, trace and the office's Inside page at a million
visits (issues 16, 17).

Builds, once, a hub per backend under ``--cache`` (default /tmp/hubinside-bench/): a
SQLite file, and a PostgreSQL 15 data directory run by the tests' helper
(``tests/support/postgres.py``), both made by the real migrations. ``--visits`` visits
at ``--stations`` stations by ``--people`` people over the 27 days before today and
today so far (about ``--today`` of them, between local midnight and the build): each
person 1–19 registrations alternating in / out at random gates, about ``--inside`` of
them ending ``in``; 80 % give an ID number, 15 % only a phone. Bulk-loaded (SQLite:
executemany; PostgreSQL: COPY) with the secondary indexes dropped, then each person's
last visit and each station's counts built by the code ingest and the migrations use
(``presence.rebuild_all``, ``counts.rebuild_all``), then (VACUUM) ANALYZE. A later
run reuses the cache (and migrates it if the schema moved on).

Then checks the inside list against a recount from the visits on a sample of people
and times (median of ``--repeat`` runs; wall and this process's CPU): ``inside_now``
whole, per community and a station's first 300, ``checkpoint-hub inside --json`` in
process, ``trace`` by ID and by phone over the whole range (±30 min),
``station_stats`` of yesterday; with ``--office`` the Inside page and the busiest
station's list over HTTP from a real ``checkpoint-hub serve`` (wall, and the server
process's CPU per request, 10 ms ticks).

Usage: ``PYTHONPATH=src .venv/bin/python bench/insight_hub.py [--backend sqlite] [--office]``
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import io
import json
import os
import pwd
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, cast

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx
import psutil
import sqlalchemy as sa
from sqlalchemy import Engine
from tests.support.hubproc import HubProcess
from tests.support.postgres import PostgresServer, free_port

from checkpoint_desk.clock import to_local
from checkpoint_desk.codes.id_key import IdKey
from checkpoint_desk.domain.idnumber import check_character
from checkpoint_desk.errors import CheckpointError
from checkpoint_desk.hub import counts, presence
from checkpoint_desk.hub.cli import main as hub_cli
from checkpoint_desk.hub.database import open_hub_database, writing
from checkpoint_desk.hub.insight import inside_now, station_stats, trace
from checkpoint_desk.hub.office.users import add_user
from checkpoint_desk.hub.person_keys import community_key, person_key, phone_key
from checkpoint_desk.hub.stations import HubStation, add_station, bind
from checkpoint_desk.hub.tables import last_visit, station, visit

DAYS = 28
CHUNK = 50_000
COMMUNITY = "济阳街道"


def id_number(n: int) -> str:
    """A distinct valid ID number for each ``n``: a birth day and a sequence number."""
    born = date(1940, 1, 1) + timedelta(days=n // 1000)
    first17 = f"370811{born:%Y%m%d}{n % 1000:03d}"
    return first17 + check_character(first17)


def people(count: int) -> list[tuple[str, str, str]]:
    """(name, id_number, phone) of each person (the same every time)."""
    rng = random.Random(16)
    made = []
    for n in range(count):
        roll = rng.random()
        number = id_number(n) if roll < 0.8 else ""
        phone = f"13{n:09d}" if roll < 0.95 else ""
        made.append((f"访客{n}", number, phone))
    return made


def visit_rows(
    args: argparse.Namespace, stations: list[HubStation], key: IdKey, now: datetime
) -> Iterator[dict[str, Any]]:
    """The visits: each person 1–19 visits alternating in / out at random gates (about
    ``--inside`` of them end ``in``), over the 27 days before today and, for about
    ``--today`` of them, today between local midnight and ``now``."""
    rng = random.Random(17)
    midnight = to_local(now).replace(hour=0, minute=0, second=0, microsecond=0)
    start = midnight - timedelta(days=DAYS - 1)
    history_s = (midnight - start).total_seconds()
    today_s = max((now - midnight).total_seconds() - 60, 60.0)
    today_share = args.today / args.visits
    made = 0
    for name, number, phone in people(args.people):
        inside = rng.random() < args.inside
        count = 2 * rng.randrange(1, 10) - (1 if inside else 0)
        times = sorted(
            midnight + timedelta(seconds=rng.uniform(0, today_s))
            if rng.random() < today_share
            else start + timedelta(seconds=rng.uniform(0, history_s))
            for _ in range(count)
        )
        pkey = person_key(key, number, phone)
        pphone = phone_key(key, phone) if phone else None
        for k, at in enumerate(times):
            gate = rng.choice(stations)
            stop = rng.random() < 0.02
            yield {
                "id": uuid.UUID(int=rng.getrandbits(128), version=4),
                "revision": 1, "updated_at": at, "received_at": at,
                "station_id": gate.desk_station_id, "owner_id": gate.id, "shift_id": None,
                "vehicle_entry": None, "household": None, "at": at,
                "direction": "in" if k % 2 == 0 else "out", "source": "scan",
                "name": name, "id_number": number or None, "phone": phone or None,
                "plate": None, "temperature_c": 37.8 if stop else 36.5,
                "temperature_converted": False, "retest_temperature_c": None,
                "health_code": "green", "health_code_confirmed": False, "travel_risk": False,
                "nat_result": None, "nat_at": None, "vaccine_doses": None, "vaccine_last": None,
                "purpose": "", "destination": "", "passengers": 0,
                "verdict": "stop" if stop else "pass", "reasons": ["fever"] if stop else [],
                "disposition": None, "disposition_by": None, "disposition_at": None,
                "note": "", "scans": [], "deleted_at": None,
                "lane_seconds": round(rng.lognormvariate(2.2, 0.5), 2),
                "person_key": pkey, "phone_key": pphone,
            }  # fmt: skip
            made += 1
            if made >= args.visits:
                return


def _copy(conn: sa.Connection, rows: list[dict[str, Any]]) -> None:
    """PostgreSQL: one COPY of the rows (JSON columns as text)."""
    names = [c.name for c in visit.columns]
    raw = conn.connection.driver_connection
    assert raw is not None
    with (
        raw.cursor() as cursor,
        cursor.copy(f"COPY hub_visit ({', '.join(names)}) FROM STDIN") as copy,
    ):
        for row in rows:
            copy.write_row(
                [
                    json.dumps(row[n]) if n in ("reasons", "scans")
                    else row[n].astimezone(UTC).replace(tzinfo=None) if isinstance(row[n], datetime)
                    else row[n]
                    for n in names
                ]
            )  # fmt: skip


def fill(engine: Engine, args: argparse.Namespace, now: datetime) -> dict[str, Any]:
    """Bulk-load the visits into the migrated schema (secondary indexes dropped during
    the load), then each person's last visit and each station's counts by the same
    code ``ingest`` and the migrations use, then ANALYZE."""
    stations = []
    for n in range(args.stations):
        hub_station, _ = add_station(engine, f"卡点{n:03d}")
        stations.append(bind(engine, hub_station, uuid.uuid4(), None, community=COMMUNITY))
    key = community_key(engine)
    started = time.perf_counter()
    with writing(engine) as conn:
        for index in visit.indexes:
            index.drop(conn)
    made = 0
    rows: list[dict[str, Any]] = []

    def flush() -> None:
        with writing(engine) as conn:
            if conn.dialect.name == "sqlite":
                conn.exec_driver_sql("PRAGMA cache_size=-1000000")
                conn.execute(visit.insert(), rows)
            else:
                _copy(conn, rows)
        rows.clear()

    for row in visit_rows(args, stations, key, now):
        rows.append(row)
        made += 1
        if len(rows) >= CHUNK:
            flush()
    if rows:
        flush()
    with writing(engine) as conn:
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("PRAGMA cache_size=-1000000")
        for index in visit.indexes:
            index.create(conn)
    filled_s = time.perf_counter() - started
    started = time.perf_counter()
    with writing(engine) as conn:
        presence.rebuild_all(conn)
        counts.rebuild_all(conn)
    rebuilt_s = time.perf_counter() - started
    # What autovacuum does on a live server: fresh statistics and (PostgreSQL) the
    # visibility map that lets the inside list read its index alone.
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("VACUUM ANALYZE" if conn.dialect.name == "postgresql" else "ANALYZE")
    return {
        "visits": made,
        "people": args.people,
        "stations": len(stations),
        "built_at": now.isoformat(),
        "fill_s": round(filled_s, 1),
        "last_visits_s": round(rebuilt_s, 1),
    }


class CachedPostgres(PostgresServer):
    """The tests' PostgreSQL 15 helper with its data directory kept in ``root``
    (initdb only the first time; ``stop`` leaves the files)."""

    def __init__(self, root: Path) -> None:
        super().__init__()
        shutil.rmtree(self.root, ignore_errors=True)
        self.root = root
        self.data = root / "data"
        self.log = root / "server.log"
        root.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            entry = pwd.getpwnam("postgres")
            os.chown(root, entry.pw_uid, entry.pw_gid)
        os.chmod(root, 0o700)

    def start(self) -> CachedPostgres:
        if not (self.data / "PG_VERSION").exists():
            return cast(CachedPostgres, super().start())
        self.port = free_port()
        self._start_on_port()
        return self

    def stop(self) -> None:
        if self.port:
            with contextlib.suppress(RuntimeError):
                self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "fast", "stop")
            self.port = 0


def cached_hub(
    backend: str, args: argparse.Namespace
) -> tuple[str, dict[str, Any], CachedPostgres | None]:
    """The hub database of ``backend`` under ``--cache`` (built the first time): its
    URL, what was built, and the PostgreSQL server it runs on (to stop)."""
    cache = Path(args.cache)
    cache.mkdir(parents=True, exist_ok=True)
    made = cache / f"{backend}.json"
    server: CachedPostgres | None = None
    if backend == "postgres":
        server = CachedPostgres(cache / "pg").start()
        db_url = f"postgresql+psycopg://postgres@127.0.0.1:{server.port}/hub"
        if not made.exists():
            with contextlib.suppress(Exception):
                server.create_database("hub")
    else:
        db_url = f"sqlite:///{cache / 'hub.db'}"
    if made.exists():
        return db_url, json.loads(made.read_text()), server
    if backend == "sqlite":
        (cache / "hub.db").unlink(missing_ok=True)
    engine = open_hub_database(db_url)
    try:
        built = fill(engine, args, datetime.now(UTC))
    finally:
        engine.dispose()
    made.write_text(json.dumps(built))
    return db_url, built, server


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


def naive_inside(conn: sa.Connection, keys: list[str]) -> set[str]:
    """Of ``keys``, those whose newest visit (not deleted) is ``in``: read from the
    visits themselves, not from ``hub_last_visit``."""
    newest: dict[str, tuple[datetime, uuid.UUID, str]] = {}
    for start in range(0, len(keys), 500):
        query = sa.select(visit.c.person_key, visit.c.at, visit.c.id, visit.c.direction).where(
            visit.c.person_key.in_(keys[start : start + 500]), visit.c.deleted_at.is_(None)
        )
        for pkey, at, vid, direction in conn.execute(query):
            held = newest.get(pkey)
            if held is None or (at, vid) > held[:2]:
                newest[pkey] = (at, vid, direction)
    return {k for k, (_, _, d) in newest.items() if d == "in"}


def inside_cli(db_url: str) -> int:
    """``checkpoint-hub inside --json`` in this process (the interpreter's start and
    imports left out): opening the database, the list, the JSON; its length."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        hub_cli(["inside", "--json", "--db", db_url])
    return len(out.getvalue())


def measure(engine: Engine, args: argparse.Namespace) -> dict[str, Any]:
    rng = random.Random(61)
    load = calibration()
    key = community_key(engine)
    crowd = people(args.people)
    inside_ms, inside = timed(lambda: inside_now(engine), args.repeat, "inside_now")
    community_ms, _ = timed(
        lambda: inside_now(engine, community=COMMUNITY), args.repeat, "inside_community"
    )
    busiest = collections.Counter(p.station for p in inside).most_common(1)[0][0]
    with engine.connect() as conn:
        owner = conn.execute(sa.select(station.c.id).where(station.c.name == busiest)).scalar_one()
    station_ms, _ = timed(
        lambda: inside_now(engine, owner_id=owner, limit=300), args.repeat, "inside_station_300"
    )
    # The inside list against a recount from the visits, on a sample of people.
    picked = rng.sample(crowd, min(3000, len(crowd)))
    sample = sorted({k for _, i, p in picked if (k := person_key(key, i, p)) is not None})
    with engine.connect() as conn:
        recount = naive_inside(conn, sample)
    listed = {p.person_key for p in inside} & set(sample)
    assert listed == recount, (len(listed), len(recount))
    end = datetime.now(UTC) + timedelta(days=1)
    begin = end - timedelta(days=DAYS + 1)
    traced = [p for p in rng.sample(crowd, min(200, len(crowd))) if p[1]][: args.repeat * 4]
    by_id = Clocks()
    contacts = [
        len(by_id.run(lambda n=number: trace(engine, key.of(n), start=begin, end=end)))
        for _, number, _ in traced
    ]
    by_phone = Clocks()
    phones = [p for p in rng.sample(crowd, min(200, len(crowd))) if p[2] and not p[1]]
    for _, _, phone in phones[: args.repeat * 2]:
        by_phone.run(lambda p=phone: trace(engine, phone_key(key, p), start=begin, end=end))
    yesterday = to_local(datetime.now(UTC)).date() - timedelta(days=1)
    stats_ms, hours = timed(lambda: station_stats(engine, yesterday), 3, "station_stats_day")
    db_url = engine.url.render_as_string(hide_password=False)
    cli_ms, _ = timed(lambda: inside_cli(db_url), args.repeat, "cli_inside_json")
    return {
        **load.medians("calibration"),
        **inside_ms,
        **cli_ms,
        "inside_people": len(inside),
        "inside_checked": f"{len(recount)} of {len(sample)} sampled agree with a recount",
        **community_ms,
        **station_ms,
        **by_id.medians("trace_by_id"),
        "trace_by_id_max_ms": round(max(by_id.wall), 1),
        "trace_runs": len(by_id.wall),
        "contacts_median": statistics.median(contacts),
        **by_phone.medians("trace_by_phone"),
        **stats_ms,
        "station_hours": len(hours),
    }


def office_pages(db_url: str, args: argparse.Namespace) -> dict[str, Any]:
    """The office's Inside page and the busiest station's list over HTTP from a real
    ``checkpoint-hub serve`` (median and max of ``--repeat`` rounds, wall ms) and the
    server process's CPU ms per request."""
    home = Path(tempfile.mkdtemp(prefix="hubinside-office-"))
    engine = open_hub_database(db_url)
    try:
        with contextlib.suppress(CheckpointError):
            add_user(engine, "bench", "manager", "bench password")
        with engine.connect() as conn:
            owner = conn.execute(
                sa.select(last_visit.c.owner_id)
                .where(last_visit.c.direction == "in")
                .group_by(last_visit.c.owner_id)
                .order_by(sa.func.count().desc())
                .limit(1)
            ).scalar_one()
    finally:
        engine.dispose()
    hub = HubProcess(db_url, home).start()
    answer: dict[str, Any] = {}
    try:
        with httpx.Client(base_url=hub.url, timeout=120) as http:
            login = http.get("/office/login")
            csrf = re.search(r'name="csrf" value="([^"]+)"', login.text)
            assert csrf
            http.post(
                "/office/login",
                data={"username": "bench", "password": "bench password", "csrf": csrf.group(1)},
            )
            assert hub.proc is not None
            server = psutil.Process(hub.proc.pid)
            for name, path in (
                ("office_inside", "/office/inside"),
                ("office_inside_station", f"/office/inside?station={owner}"),
            ):
                http.get(path)  # warm
                walls, cpus = [], []
                for _ in range(args.repeat * 2):
                    cpu = sum(server.cpu_times()[:2])
                    started = time.perf_counter()
                    page = http.get(path)
                    walls.append((time.perf_counter() - started) * 1000)
                    cpus.append((sum(server.cpu_times()[:2]) - cpu) * 1000)
                    assert page.status_code == 200, page.text[:300]
                answer[f"{name}_ms"] = round(statistics.median(walls), 1)
                answer[f"{name}_max_ms"] = round(max(walls), 1)
                answer[f"{name}_server_cpu_ms"] = round(statistics.median(cpus), 1)
    finally:
        hub.stop()
        shutil.rmtree(home, ignore_errors=True)
    return answer


def run(backend: str, args: argparse.Namespace) -> dict[str, Any]:
    db_url, built, server = cached_hub(backend, args)
    try:
        answer = {"backend": backend, **built, "load": os.getloadavg()[0]}
        engine = open_hub_database(db_url)
        try:
            answer.update(measure(engine, args))
        finally:
            engine.dispose()
        if args.office:
            answer.update(office_pages(db_url, args))
        return answer
    finally:
        if server is not None:
            server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--visits", type=int, default=1_000_000)
    parser.add_argument("--people", type=int, default=102_000)
    parser.add_argument("--today", type=int, default=36_000, help="visits today (about)")
    parser.add_argument("--stations", type=int, default=200)
    parser.add_argument("--inside", type=float, default=0.15, help="share of people inside")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--cache", default="/tmp/hubinside-bench", help="built hubs kept here")
    parser.add_argument("--office", action="store_true", help="also time the office pages")
    parser.add_argument("--backend", choices=("sqlite", "postgres", "both"), default="both")
    args = parser.parse_args()
    backends = ("sqlite", "postgres") if args.backend == "both" else (args.backend,)
    for backend in backends:
        print(json.dumps(run(backend, args), ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
