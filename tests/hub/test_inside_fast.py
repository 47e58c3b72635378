"""The inside list read from the partial indexes (hub migration 0011) against a naive
recount from the visits themselves, on SQLite and PostgreSQL (issue 16).

A scripted crowd per seed: people come in and go out at random gates of two
communities, some by phone only, some visits deleted or moved to another person later,
batches pushed out of order. Whatever the order, ``inside_now`` (whole, per community,
per station with a limit) and ``inside_counts`` must equal what the visits say.
"""

from __future__ import annotations

import random
import uuid
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy import Engine

from checkpoint_desk.domain.idnumber import check_character
from checkpoint_desk.domain.masking import mask_id_number, mask_phone
from checkpoint_desk.hub.database import open_hub_database
from checkpoint_desk.hub.insight import InsidePerson, inside_counts, inside_now
from checkpoint_desk.hub.tables import station
from checkpoint_desk.hub.tables import visit as hub_visit
from tests.support.gates import DAY, Gate, gate, visit


@pytest.fixture
def engine(hub_db_url: str) -> Iterator[Engine]:
    made = open_hub_database(hub_db_url)
    yield made
    made.dispose()


def _id_number(n: int) -> str:
    first17 = f"37081119{80 + n // 300:02d}0101{n % 300:03d}"[:17]
    return first17 + check_character(first17)


def naive_inside(engine: Engine) -> list[InsidePerson]:
    """From every visit: each person's newest (not deleted) registration, if ``in``."""
    with engine.connect() as conn:
        names = {r.id: r.name for r in conn.execute(sa.select(station.c.id, station.c.name))}
        rows = conn.execute(
            sa.select(
                hub_visit.c.id, hub_visit.c.person_key, hub_visit.c.at, hub_visit.c.direction,
                hub_visit.c.owner_id, hub_visit.c.name, hub_visit.c.id_number, hub_visit.c.phone,
            ).where(hub_visit.c.deleted_at.is_(None), hub_visit.c.person_key.is_not(None))
        ).all()  # fmt: skip
    newest: dict[str, Any] = {}
    for r in rows:
        held = newest.get(r.person_key)
        if held is None or (r.at, r.id) > (held.at, held.id):
            newest[r.person_key] = r
    inside = [
        InsidePerson(
            person_key=r.person_key,
            name=r.name,
            id_masked=mask_id_number(r.id_number),
            phone_masked=mask_phone(r.phone),
            since=r.at,
            station=names.get(r.owner_id, "?"),
        )
        for r in newest.values()
        if r.direction == "in"
    ]
    return sorted(inside, key=lambda p: (p.since, p.person_key))


def crowd_day(engine: Engine, seed: int) -> list[Gate]:
    """A scripted day: 40 people, 1–6 registrations each at random gates, pushed in
    shuffled batches; then some deletions and corrections pushed as new revisions."""
    rng = random.Random(seed)
    gates = [gate(engine, f"门{seed}-{n}", "济阳街道" if n < 3 else "北村") for n in range(5)]
    people = []
    for n in range(40):
        number = _id_number(seed * 40 + n) if rng.random() < 0.75 else None
        phone = f"139{seed:02d}{n:06d}" if number is None or rng.random() < 0.5 else None
        people.append((f"人{n}", number, phone))
    pending: list[tuple[Gate, dict[str, Any]]] = []
    for name, number, phone in people:
        for k in range(rng.randint(1, 6)):
            when = DAY + timedelta(minutes=rng.randrange(24 * 60))
            # Same-minute registrations of one person: the visit id breaks the tie.
            direction = rng.choice(("in", "out")) if k else "in"
            pending.append(
                (rng.choice(gates), visit(when.isoformat(), direction, name, number, phone))
            )
    rng.shuffle(pending)
    for start in range(0, len(pending), 17):
        batch = pending[start : start + 17]
        for g in gates:
            mine = [v for owner, v in batch if owner is g]
            if mine:
                g.push(*mine)
    for owner, v in rng.sample(pending, 12):
        if rng.random() < 0.5:
            owner.push({**v, "revision": 2, "deleted_at": (DAY + timedelta(days=1)).isoformat()})
        else:
            name, number, phone = rng.choice(people)
            owner.push({**v, "revision": 2, "name": name, "id_number": number, "phone": phone})
    return gates


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_inside_list_equals_a_recount_from_the_visits(engine: Engine, seed: int) -> None:
    crowd_day(engine, seed)
    expected = naive_inside(engine)
    assert expected, "the script should leave someone inside"
    assert inside_now(engine) == expected
    assert inside_now(engine, community="北村") == [
        p for p in expected if p.station.endswith(("-3", "-4"))
    ]
    with engine.connect() as conn:
        stations = conn.execute(sa.select(station.c.id, station.c.name)).all()
    by_name = Counter(p.station for p in expected)
    assert {s.name: n for s in stations if (n := inside_counts(engine).get(s.id, 0))} == dict(
        by_name
    )
    for found in stations:
        theirs = [p for p in expected if p.station == found.name]
        assert inside_now(engine, owner_id=found.id) == theirs
        assert inside_now(engine, owner_id=found.id, limit=3) == theirs[:3]


def test_since_is_aware_utc_with_microseconds(engine: Engine) -> None:
    west = gate(engine, "西门")
    when = datetime(2026, 11, 28, 8, 0, 0, 123456, tzinfo=UTC)
    west.push(visit(when.isoformat(), "in", "张伟", None, "13912345678"))
    [person] = inside_now(engine)
    assert person.since == when and person.since.tzinfo is not None
    assert inside_now(engine, owner_id=uuid.uuid4()) == []


def test_the_inside_queries_read_the_partial_indexes(engine: Engine) -> None:
    """EXPLAIN on both backends: no temporary sort and the inside indexes, not a scan."""
    west = gate(engine, "西门")
    west.push(visit(DAY.isoformat(), "in", "张伟", None, "13912345678"))
    owner = west.hub_station.id
    with engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            explain = "EXPLAIN QUERY PLAN "
            param = owner.hex
        else:
            conn.exec_driver_sql("SET enable_seqscan = off")  # a tiny table: force the choice
            explain, param = "EXPLAIN ", str(owner)
        plans = {}
        shown = "SELECT person_key, at, owner_id, name, id_masked, phone_masked FROM hub_last_visit"
        for name, sql in {
            "whole": shown + " WHERE direction = 'in' ORDER BY at, person_key",
            "station": shown + f" WHERE direction = 'in' AND owner_id = '{param}'"
            " ORDER BY owner_id, at, person_key LIMIT 300",
            "counts": "SELECT owner_id, count(*) FROM hub_last_visit WHERE direction = 'in'"
            " AND owner_id IS NOT NULL GROUP BY owner_id",
        }.items():
            plans[name] = " ".join(str(r[-1]) for r in conn.exec_driver_sql(explain + sql))
    assert "ix_hub_last_visit_inside " in plans["whole"] + " ", plans["whole"]
    assert "ix_hub_last_visit_inside_owner" in plans["station"], plans["station"]
    assert "ix_hub_last_visit_inside_owner" in plans["counts"], plans["counts"]
    for plan in plans.values():
        assert "TEMP B-TREE" not in plan and "Sort" not in plan, plan
