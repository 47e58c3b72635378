"""Who is inside, who was here with whom, the lane: timed with a million visits at a desk.

    .venv/bin/python -m bench.insight_desk [--visits 1000000] [--people 100000]
        [--samples 50] [--db PATH]

Fills a fresh database (made by the real migrations) with bulk ``executemany``,
the presence triggers off and ``presence`` rebuilt after (``store/presence.py``):
people come in and go out again one to ten hours later, over 28 days, with a lane
time per visit; the last hours' entries are still inside. Registering one more
visit, with the triggers on, is timed too. Then times the real services —
``inside_now``, ``inside_count``, ``trace_contacts`` by ID number (±30 minutes over
the default 14 days; also on a new engine each call, as one run of the CLI), ``lane_stats``
for a day and ``people_per_minute`` — and
prints median and p95 in ms (wall clock) and the median CPU time against the 100 ms
budget (issue 16). With ``--db`` a filled file is reused.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine

from bench.store import START, _vault, fmt, people
from checkpoint_desk.domain.screening import ScreeningRules
from checkpoint_desk.services.inside import inside_count, inside_now
from checkpoint_desk.services.lane_stats import lane_stats, people_per_minute
from checkpoint_desk.services.operators import create_operator
from checkpoint_desk.services.roles import approve
from checkpoint_desk.services.trace import trace_contacts
from checkpoint_desk.services.visits import VisitDraft, register_visit
from checkpoint_desk.store.engine import open_database
from checkpoint_desk.store.presence import create_triggers, drop_triggers, rebuild

BUDGET_MS = 100.0
DAYS = 28
PIN = "987654"


def fill(path: Path, visits: int, people_count: int, seed: int = 1) -> dict[str, object]:
    """Make the database and bulk-insert entry/exit pairs; returns sample ID numbers."""
    rng = random.Random(seed)
    vault = _vault(path)
    open_database(path, create=True, vault=vault).dispose()
    station, operator, shift = (uuid.uuid4().hex for _ in range(3))
    stamp = fmt(START)
    end = START + timedelta(days=DAYS)
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA synchronous=OFF")  # the fill only
        conn.execute("PRAGMA cache_size=-400000")
        conn.execute(
            "INSERT INTO station (id, name, community, grid, created_at,"
            " revision, updated_at) VALUES (?, '西门卡点', '济阳街道', '', ?, 1, ?)",
            (station, stamp, stamp),
        )
        conn.execute(
            "INSERT INTO operator (id, station_id, name, role, pin_hash, active, failed_pins,"
            " created_at, revision, updated_at)"
            " VALUES (?, ?, '王芳', 'volunteer', '', 1, 0, ?, 1, ?)",
            (operator, station, stamp, stamp),
        )
        conn.execute(
            "INSERT INTO shift (id, station_id, operator_id, opened_at, handover_note, revision,"
            " updated_at) VALUES (?, ?, ?, ?, '', 1, ?)",
            (shift, station, operator, stamp, stamp),
        )
        person_rows = list(people(rng, people_count, vault))
        conn.executemany(
            "INSERT INTO person (id, name, name_initials, id_cipher, id_lookup, id_masked,"
            " phone_cipher, phone_lookup, phone_masked, address, resident,"
            " created_at, revision, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [row[:9] + row[11:] for row in person_rows],
        )
        conn.commit()
        person_ids = [row[0] for row in person_rows]
        pairs = visits // 2
        step = timedelta(days=DAYS) / max(pairs, 1)
        rows: list[tuple[object, ...]] = []
        for i in range(pairs):
            person = rng.choice(person_ids)
            entered = START + step * i
            left = entered + timedelta(hours=rng.uniform(1, 10))
            rows.append(_visit(rng, station, shift, person, entered, "in"))
            if left < end:
                rows.append(_visit(rng, station, shift, person, left, "out"))
        rows.sort(key=lambda r: str(r[4]))  # the order a desk writes them in
        began = time.perf_counter()
        # bulk: the triggers off, presence rebuilt in one statement, triggers back on
        drop_triggers(conn.execute)
        for first in range(0, len(rows), 100_000):
            conn.executemany(
                "INSERT INTO visit (id, station_id, shift_id, person_id, at, direction,"
                " source, temperature_c, temperature_converted, health_code,"
                " health_code_confirmed, purpose, destination, passengers, verdict, reasons,"
                " note, revision, updated_at, lane_seconds) VALUES (?, ?, ?, ?, ?, ?, 'camera',"
                " 36.5, 0, 'green', 0, '', '', 0, ?, ?, '', 1, ?, ?)",
                rows[first : first + 100_000],
            )
            conn.commit()
        rebuild(conn.execute)
        create_triggers(conn.execute)
        conn.commit()
        print(
            f"inserted {len(rows):,} visits, presence rebuilt: {time.perf_counter() - began:.0f} s"
        )
        conn.execute("ANALYZE")
        conn.commit()
    sample = rng.sample(person_rows, min(200, len(person_rows)))
    keys: dict[str, object] = {"id": [str(r[9]) for r in sample], "end": end.isoformat()}
    path.with_name(path.name + ".insight.json").write_text(json.dumps(keys), encoding="utf-8")
    return keys


def timed(samples: list[str], action: Callable[[str], object]) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU milliseconds of each call (the CPU time is this process's:
    SQLite runs in it, and it does not grow when other jobs share the cores)."""
    wall, cpu = [], []
    for value in samples:
        began, began_cpu = time.perf_counter(), time.process_time()
        action(value)
        wall.append((time.perf_counter() - began) * 1000)
        cpu.append((time.process_time() - began_cpu) * 1000)
    return wall, cpu


def report(label: str, measured: tuple[list[float], list[float]]) -> None:
    wall, cpu = sorted(measured[0]), measured[1]
    p95 = wall[min(len(wall) - 1, int(len(wall) * 0.95))]
    verdict = "ok" if statistics.median(wall) < BUDGET_MS else "OVER BUDGET"
    print(
        f"{label:<32} median {statistics.median(wall):7.2f} ms   p95 {p95:7.2f} ms"
        f"   cpu median {statistics.median(cpu):7.2f} ms   {verdict}"
    )


def _visit(
    rng: random.Random, station: str, shift: str, person: str, at: datetime, direction: str
) -> tuple[object, ...]:
    stopped = rng.random() < 0.01
    return (
        uuid.uuid4().hex, station, shift, person, fmt(at), direction,
        "stop" if stopped else "pass", '["fever"]' if stopped else "[]", fmt(at),
        round(rng.lognormvariate(2.5, 0.5), 1),
    )  # fmt: skip


def timed_cold(
    path: Path, samples: list[str], action: Callable[[Engine, str], object]
) -> tuple[list[float], list[float]]:
    """As ``timed``, each call on a new engine (opened untimed), as one run of the CLI:
    SQLite's page cache starts empty (the file is in the OS's cache)."""
    wall, cpu = [], []
    for value in samples:
        fresh = open_database(path, vault=_vault(path))
        try:
            began, began_cpu = time.perf_counter(), time.process_time()
            action(fresh, value)
            wall.append((time.perf_counter() - began) * 1000)
            cpu.append((time.process_time() - began_cpu) * 1000)
        finally:
            fresh.dispose()
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visits", type=int, default=1_000_000)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--samples", type=int, default=50)
    parser.add_argument("--db", type=Path, default=None, help="kept, and reused when it exists")
    args = parser.parse_args()
    folder = tempfile.TemporaryDirectory(prefix="bench-insight-")
    path = args.db or Path(folder.name) / "bench.db"
    keys_file = path.with_name(path.name + ".insight.json")
    if path.exists() and keys_file.exists():
        keys = json.loads(keys_file.read_text(encoding="utf-8"))
        print(f"reusing {path} ({path.stat().st_size / 2**20:.0f} MiB)")
    else:
        began = time.perf_counter()
        keys = fill(path, args.visits, args.people)
        print(
            f"filled {args.visits:,} visits, {args.people:,} people"
            f" in {time.perf_counter() - began:.0f} s ({path.stat().st_size / 2**20:.0f} MiB)"
        )
    began = time.perf_counter()
    engine = open_database(path, vault=_vault(path))  # a file from before 0011 upgrades here
    print(f"opened (and upgraded to the head) in {time.perf_counter() - began:.1f} s")
    with engine.connect() as conn:
        station_id = uuid.UUID(conn.exec_driver_sql("SELECT id FROM station").scalar_one())
        visits = conn.exec_driver_sql("SELECT count(*) FROM visit").scalar_one()
    print(f"visits in the database: {visits:,}")
    end = datetime.fromisoformat(str(keys["end"]))
    last_day = (end - timedelta(hours=1)).date()
    with engine.connect() as conn:
        chief = conn.exec_driver_sql("SELECT id FROM operator WHERE role = 'supervisor'").first()
    supervisor = (
        uuid.UUID(chief[0])
        if chief
        else create_operator(engine, station_id, "李主任", "supervisor", PIN).id
    )
    approval = approve(engine, supervisor, PIN)
    n = args.samples
    ids = [str(i) for i in keys["id"]][:n]  # type: ignore[attr-defined]
    inside = inside_now(engine, station_id)
    print(f"inside now: {len(inside):,} people")
    report("inside_now (the list)", timed(["x"] * n, lambda _: inside_now(engine, station_id)))
    report("inside_count", timed(["x"] * n, lambda _: inside_count(engine, station_id)))
    found: list[int] = []

    def trace(id_number: str) -> object:
        result = trace_contacts(engine, id_number=id_number, last_day=last_day, approval=approval)
        found.append(len(result.contacts))
        return result

    report("trace_contacts (14 days, ±30)", timed(ids, trace))
    print(f"  contacts per trace: median {sorted(found)[len(found) // 2]:,}")

    report(
        "trace_contacts, new engine (CLI)",
        timed_cold(path, ids, lambda e, i: trace_contacts(
            e, id_number=i, last_day=last_day, approval=approval)),
    )  # fmt: skip
    report(
        "inside_now, new engine (CLI)",
        timed_cold(path, ["x"] * n, lambda e, _: inside_now(e, station_id)),
    )
    report("lane_stats (one day)", timed([last_day.isoformat()] * 10,
           lambda d: lane_stats(engine, last_day, station_id)))  # fmt: skip
    report(
        "people_per_minute",
        timed(["x"] * n, lambda _: people_per_minute(engine, end, station_id)),
    )
    with engine.connect() as conn:
        shift_id = uuid.UUID(conn.exec_driver_sql("SELECT id FROM shift").scalar_one())
    rules = ScreeningRules()

    def register(id_number: str) -> object:
        draft = VisitDraft(name="张伟", id_number=id_number, temperature="36.5", lane_seconds=9.5)
        return register_visit(engine, draft, station_id=station_id, shift_id=shift_id, rules=rules)

    report("register_visit (triggers on)", timed(ids, register))
    engine.dispose()
    folder.cleanup()


if __name__ == "__main__":
    main()
