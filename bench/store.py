"""Store benchmark: commit one visit and look people up with N visits in the database.

    .venv/bin/python -m bench.store [--visits 1000000] [--people 100000]
        [--vehicles 20000] [--samples 200] [--db PATH]

Fills a fresh database (made by the real migrations) with bulk ``executemany`` in
big transactions, then times the real services — ``register_visit`` (WAL,
``synchronous=FULL``, so each commit is an fsync) and ``find_people`` by ID number,
phone, plate, name and pinyin initials — and prints median and p95 in ms against
the 20 ms budget (DESIGN §8). With ``--db`` an already filled file is reused.
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
from collections.abc import Callable, Iterator
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

from checkpoint_desk.domain.idnumber import check_character
from checkpoint_desk.domain.names import name_initials
from checkpoint_desk.domain.screening import ScreeningRules
from checkpoint_desk.services.lookup import find_people, returning_person
from checkpoint_desk.services.visits import VisitDraft, register_visit
from checkpoint_desk.store.engine import open_database
from checkpoint_desk.store.models import Person
from checkpoint_desk.store.person_secrets import seal_id_number, seal_phone
from checkpoint_desk.store.vault import Vault, create_vault, has_vault, unlock_vault

BUDGET_MS = 20.0
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡"
    "余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯"
    "龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红建文辉力国庆志新东海"
    "波宁晨雪梅琳鹏飞斌宇浩凯婷慧"
)
PROVINCES = "鲁京津冀晋蒙辽吉黑沪苏浙皖闽赣豫鄂湘粤桂琼渝川贵云藏陕甘青宁新"
PLATE_CHARS = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"
START = datetime(2026, 10, 1, tzinfo=UTC)
PASSPHRASE = "bench passphrase"


def fmt(at: datetime) -> str:
    """How SQLAlchemy stores a UTC datetime in SQLite."""
    return at.strftime("%Y-%m-%d %H:%M:%S.%f")


def make_id(rng: random.Random) -> str:
    birth = START.date() - timedelta(days=rng.randrange(6570, 29200))
    first17 = f"370{rng.randrange(100, 999):03d}{birth:%Y%m%d}{rng.randrange(1000):03d}"
    return first17 + check_character(first17)


def people(rng: random.Random, count: int, vault: Vault) -> Iterator[tuple[object, ...]]:
    """Person rows as stored since migration 0003: sealed, keyed hash, masked."""
    seen_ids: set[str] = set()
    for i in range(count):
        name = rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.choice((1, 2))))
        id_number = make_id(rng)
        while id_number in seen_ids:
            id_number = make_id(rng)
        seen_ids.add(id_number)
        phone = f"1{rng.choice('3456789')}{i:09d}"
        stamp = fmt(START)
        person = Person(name=name)
        seal_id_number(person, vault, id_number)
        seal_phone(person, vault, phone)
        yield (
            uuid.uuid4().hex,
            name,
            name_initials(name),
            person.id_cipher,
            person.id_lookup,
            person.id_masked,
            person.phone_cipher,
            person.phone_lookup,
            person.phone_masked,
            id_number,  # not stored: the sample keys to look up
            phone,
            "",
            0,
            stamp,
            1,
            stamp,
        )


def plates(rng: random.Random, count: int) -> list[str]:
    found: set[str] = set()
    while len(found) < count:
        found.add(
            rng.choice(PROVINCES) + rng.choice("ABCDEFGH") + "".join(rng.choices(PLATE_CHARS, k=5))
        )
    return sorted(found)


def fill(
    path: Path, visits: int, people_count: int, vehicles: int, vault: Vault, seed: int = 1
) -> dict[str, list[str]]:
    """Make the database and bulk-insert; returns sample keys to look up (also saved)."""
    rng = random.Random(seed)
    open_database(path, create=True, vault=vault).dispose()
    station, operator, shift = (uuid.uuid4().hex for _ in range(3))
    stamp = fmt(START)
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA synchronous=OFF")  # the fill only; the timed part is FULL
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
        plate_list = plates(rng, vehicles)
        vehicle_ids = [uuid.uuid4().hex for _ in plate_list]
        conn.executemany(
            "INSERT INTO vehicle (id, plate, revision, updated_at) VALUES (?, ?, 1, ?)",
            [(v, p, stamp) for v, p in zip(vehicle_ids, plate_list, strict=True)],
        )
        conn.commit()
        person_ids = [row[0] for row in person_rows]
        step = timedelta(days=28) / max(visits, 1)
        batch: list[tuple[object, ...]] = []
        for i in range(visits):
            at = fmt(START + step * i)
            vehicle = rng.choice(vehicle_ids) if rng.random() < 0.3 else None
            fever = rng.random() < 0.01
            batch.append(
                (
                    uuid.uuid4().hex, station, shift, rng.choice(person_ids), vehicle, at,
                    "in" if i % 2 else "out", 38.0 if fever else 36.5,
                    "stop" if fever else "pass", '["fever"]' if fever else "[]", at,
                )
            )  # fmt: skip
            if len(batch) == 100_000:
                _insert_visits(conn, batch)
                batch.clear()
        _insert_visits(conn, batch)
        conn.commit()
        conn.execute("ANALYZE")
        conn.commit()
    sample = rng.sample(person_rows, min(200, len(person_rows)))
    keys = {
        "id": [str(r[9]) for r in sample],
        "phone": [str(r[10]) for r in sample],
        "name": [str(r[1]) for r in sample],
        "initials": [str(r[2]) for r in sample],
        "plate": rng.sample(plate_list, min(200, len(plate_list))),
    }
    _keys_file(path).write_text(json.dumps(keys, ensure_ascii=False), encoding="utf-8")
    return keys


def _keys_file(path: Path) -> Path:
    return path.with_name(path.name + ".sample.json")


def _vault(path: Path) -> Vault:
    """The bench database's vault (``<db>-keys/``), made on first use."""
    keys_dir = path.with_name(path.name + "-keys")
    if has_vault(keys_dir):
        return unlock_vault(keys_dir, PASSPHRASE)
    return create_vault(keys_dir, PASSPHRASE)


def sample_keys(path: Path) -> dict[str, list[str]]:
    """Look-up keys saved when the database was filled (the file holds none in plain)."""
    keys: dict[str, list[str]] = json.loads(_keys_file(path).read_text(encoding="utf-8"))
    return keys


def _insert_visits(conn: sqlite3.Connection, rows: list[tuple[object, ...]]) -> None:
    conn.executemany(
        "INSERT INTO visit (id, station_id, shift_id, person_id, vehicle_id, at, direction,"
        " source, temperature_c, temperature_converted, health_code, health_code_confirmed,"
        " purpose, destination, passengers, verdict, reasons, note, revision, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, 'camera', ?, 0, 'green', 0, '', '', 0, ?, ?, '', 1, ?)",
        rows,
    )
    conn.commit()


def timed(samples: list[str], action: Callable[[str], object]) -> list[float]:
    times = []
    for value in samples:
        began = time.perf_counter()
        action(value)
        times.append((time.perf_counter() - began) * 1000)
    return times


def report(label: str, times: list[float]) -> None:
    times = sorted(times)
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
    verdict = "ok" if p95 < BUDGET_MS else "OVER BUDGET"
    print(f"{label:<28} median {statistics.median(times):7.2f} ms   p95 {p95:7.2f} ms   {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visits", type=int, default=1_000_000)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--vehicles", type=int, default=20_000)
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument(
        "--db", type=Path, default=None, help="database file: kept, and reused when it exists"
    )
    args = parser.parse_args()
    folder = tempfile.TemporaryDirectory(prefix="bench-store-")
    path = args.db or Path(folder.name) / "bench.db"
    vault = _vault(path)
    if path.exists():
        keys = sample_keys(path)
        print(f"reusing {path} ({path.stat().st_size / 2**20:.0f} MiB)")
    else:
        began = time.perf_counter()
        keys = fill(path, args.visits, args.people, args.vehicles, vault)
        print(
            f"filled {args.visits:,} visits, {args.people:,} people, {args.vehicles:,} vehicles"
            f" in {time.perf_counter() - began:.0f} s ({path.stat().st_size / 2**20:.0f} MiB)"
        )
    with closing(sqlite3.connect(path)) as conn:
        print(
            f"visits in the database: {conn.execute('SELECT count(*) FROM visit').fetchone()[0]:,}"
        )
    engine = open_database(path, vault=vault)
    with engine.connect() as conn:
        station = conn.exec_driver_sql("SELECT id FROM station").scalar_one()
        shift = conn.exec_driver_sql("SELECT id FROM shift").scalar_one()
    station_id, shift_id = uuid.UUID(station), uuid.UUID(shift)
    rules = ScreeningRules()
    rng = random.Random(2)
    n = args.samples

    names = dict(zip(keys["id"], keys["name"], strict=True))

    def register(id_number: str) -> object:
        draft = VisitDraft(
            name=names.get(id_number, "张伟"),
            id_number=id_number,
            temperature="365",
            plate=rng.choice(keys["plate"]),
        )
        return register_visit(engine, draft, station_id=station_id, shift_id=shift_id, rules=rules)

    timed([make_id(rng) for _ in range(20)], register)  # warm the caches, untimed
    report("register_visit (returning)", timed((keys["id"] * 5)[:n], register))
    fresh = [make_id(rng) for _ in range(n)]
    report("register_visit (new person)", timed(fresh, register))
    for kind in ("id", "phone", "plate", "name", "initials"):
        report(
            f"find_people by {kind}", timed((keys[kind] * 5)[:n], lambda q: find_people(engine, q))
        )
    report(
        "returning_person by plate",
        timed(keys["plate"][:n], lambda p: returning_person(engine, plate=p)),
    )
    engine.dispose()
    folder.cleanup()


if __name__ == "__main__":
    main()
