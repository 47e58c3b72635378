"""Benchmark: a day of N visits (default 5,000) to CSV, XLSX and PDF.

Budget (DESIGN §8): a day's ledger of 5,000 visits to XLSX in < 2 s. One visit in
ten starts a vehicle whose next two visits are its other occupants (one vehicle
entry, grouped in the ledger).
Run:  .venv/bin/python bench/export.py [--visits N]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import date, datetime, timedelta
from functools import partial
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session

from checkpoint_desk.export.ledger_rows import build_ledger
from checkpoint_desk.paths import DataDir
from checkpoint_desk.services.ledger_export import export_day
from checkpoint_desk.services.station import init_station
from checkpoint_desk.store.models import Operator, Person, Shift, Vehicle, Visit
from checkpoint_desk.store.person_secrets import seal_id_number, seal_phone
from checkpoint_desk.store.vault import vault_of

DAY = date(2026, 11, 28)
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂"
PURPOSES = ("探亲", "送快递", "外卖", "上班", "回家", "维修", "就医")


def seed(root: Path, visits: int) -> Engine:
    engine, station = init_station(
        DataDir(root), "西门卡点", "济阳街道", passphrase="bench passphrase"
    )
    vault = vault_of(engine)
    rng = random.Random(6)
    start = datetime(DAY.year, DAY.month, DAY.day, 6, 0).astimezone()
    with Session(engine) as session:
        operators = [Operator(station_id=station.id, name=n) for n in ("王芳", "李强", "刘洋")]
        session.add_all(operators)
        shifts = [
            Shift(
                station_id=station.id,
                operator_id=op.id,
                opened_at=start + timedelta(hours=6 * i),
                closed_at=start + timedelta(hours=6 * (i + 1)),
            )
            for i, op in enumerate(operators)
        ]
        session.add_all(shifts)
        vehicle: Vehicle | None = None
        entry: str | None = None
        for i in range(visits):
            at = start + timedelta(seconds=i * 64800 // visits)
            name = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(("", *GIVEN))
            person = Person(name=name)
            id_number = f"370811{1950 + i % 60}{i % 12 + 1:02d}{i % 28 + 1:02d}{i % 10000:04d}"
            seal_id_number(person, vault, id_number)
            seal_phone(person, vault, f"138{i:08d}")
            if i % 10 == 0:  # a car of three: this visit and the next two
                vehicle, entry = Vehicle(plate=f"鲁H{i:05d}"), str(uuid.uuid4())
            elif i % 10 == 3:
                vehicle, entry = None, None
            fever = rng.random() < 0.01
            yellow = rng.random() < 0.02
            reasons = (["fever"] if fever else []) + (["health_code_yellow"] if yellow else [])
            session.add(person)
            if vehicle is not None and i % 10 == 0:
                session.add(vehicle)
            session.add(
                Visit(
                    station_id=station.id,
                    shift_id=shifts[min(i * 3 // visits, 2)].id,
                    person_id=person.id,
                    vehicle_id=vehicle.id if vehicle else None,
                    vehicle_entry=entry,
                    at=at,
                    direction="in" if i % 3 else "out",
                    temperature_c=37.9 if fever else round(36.0 + rng.random(), 1),
                    health_code="yellow" if yellow else "green",
                    verdict="stop" if reasons else "pass",
                    reasons=reasons,
                    disposition="denied" if reasons else None,
                    passengers=0 if entry else i % 3,
                    purpose=rng.choice(PURPOSES),
                    destination=f"{i % 20 + 1}号楼{i % 4 + 1}单元",
                )
            )
        session.commit()
    return engine


def timed(label: str, fn: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    fn()
    elapsed = time.perf_counter() - t0
    print(f"{label:<34} {elapsed * 1000:8.0f} ms")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--visits", type=int, default=5000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        t0 = time.perf_counter()
        engine = seed(root / "desk", args.visits)
        print(f"seeded {args.visits} visits in {time.perf_counter() - t0:.1f} s")
        out = root / "out"
        out.mkdir()
        timed("build_ledger (query + words)", lambda: build_ledger(engine, day=DAY))
        results = {}
        for fmt in ("csv", "xlsx", "pdf"):
            results[fmt] = timed(
                f"export_day → {fmt} (end to end)",
                partial(export_day, engine, day=DAY, fmt=fmt, out_dir=out, lang="zh_CN"),
            )
        for path in sorted(out.iterdir()):
            if not path.name.endswith(".json"):
                print(f"  {path.name}: {path.stat().st_size / 1024:.0f} KiB")
        verdict = "within" if results["xlsx"] < 2.0 else "OVER"
        print(f"XLSX budget 2 s: {verdict} ({results['xlsx']:.2f} s)")


if __name__ == "__main__":
    main()
