"""Inside now, trace and lane stats at the hub, over what ``ingest`` stored (issue 16).

On SQLite and PostgreSQL; items go through the hub's own ingest (validation, person
keys, last visits), as a push or a bundle would send them.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, date, timedelta
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy import Engine

from checkpoint_desk.domain.idnumber import check_character
from checkpoint_desk.hub.database import open_hub_database
from checkpoint_desk.hub.ingest import ingest, sort_items
from checkpoint_desk.hub.insight import inside_now, station_stats, trace
from checkpoint_desk.hub.person_keys import community_key, key_for_id_number, key_for_phone
from checkpoint_desk.hub.tables import last_visit
from checkpoint_desk.hub.tables import visit as hub_visit
from tests.support.gates import DAY, LI, SUN, WANG, ZHANG, ZHAO, Gate, at, gate, visit
from tests.support.samples import visit_json


@pytest.fixture
def engine(hub_db_url: str) -> Iterator[Engine]:
    made = open_hub_database(hub_db_url)
    yield made
    made.dispose()


def names_inside(engine: Engine, **kw: Any) -> dict[str, str]:
    return {p.name: p.station for p in inside_now(engine, **kw)}


def test_inside_is_the_last_registration_across_gates(engine: Engine) -> None:
    west, east = gate(engine, "西门卡点"), gate(engine, "东门卡点")
    west.push(
        visit(at(8), "in", "张伟", ZHANG),  # in at the west gate, out at the east gate
        visit(at(8, 5), "in", "李娜", LI),  # in, still inside
        visit(at(9), "in", "孙丽", None, "13912345678"),  # known by phone only
    )
    east.push(visit(at(10), "out", "张伟", ZHANG), visit(at(7), "in", "王强", WANG))
    # The east desk synced late: its exit is older than the west gate's entry.
    west.push(visit(at(11), "in", "赵敏", ZHAO))
    east.push(visit(at(9), "out", "赵敏", ZHAO))

    inside = inside_now(engine)
    assert {p.name: p.station for p in inside} == {
        "李娜": "西门卡点",
        "孙丽": "西门卡点",
        "王强": "东门卡点",
        "赵敏": "西门卡点",
    }
    assert [p.name for p in inside] == ["王强", "李娜", "孙丽", "赵敏"]  # longest inside first
    li = next(p for p in inside if p.name == "李娜")
    assert li.id_masked == "370802********2284"
    assert li.since == DAY + timedelta(hours=8, minutes=5)
    sun = next(p for p in inside if p.name == "孙丽")
    assert sun.phone_masked == "139****5678"
    assert sun.person_key == key_for_phone(community_key(engine), "139 1234 5678")


def test_deleted_and_edited_visits_move_the_answer(engine: Engine) -> None:
    west = gate(engine, "西门卡点")
    entry = visit(at(8), "in", "张伟", ZHANG)
    wrong = visit(at(9), "in", "李娜", LI)
    west.push(visit(at(7), "out", "张伟", ZHANG), entry, wrong)
    assert set(names_inside(engine)) == {"张伟", "李娜"}

    # The supervisor deletes the entry: the exit before it is the last registration.
    west.push({**entry, "revision": 2, "deleted_at": at(12)})
    assert set(names_inside(engine)) == {"李娜"}
    # A correction: that entry was 王强's, not 李娜's; both people change.
    west.push({**wrong, "revision": 2, "name": "王强", "id_number": WANG})
    assert set(names_inside(engine)) == {"王强"}
    # A replayed older revision changes nothing.
    west.push(wrong)
    assert set(names_inside(engine)) == {"王强"}
    # 李娜 has no registration left: she has no last one either.
    with engine.connect() as conn:
        held = conn.execute(sa.select(last_visit.c.person_key, last_visit.c.visit_id)).all()
    assert len(held) == 2  # 张伟 and 王强
    assert all(visit_id is not None for _, visit_id in held)


def test_inside_per_community(engine: Engine) -> None:
    west = gate(engine, "西门卡点", "济阳街道")
    other = gate(engine, "北村卡点", "北村")
    west.push(visit(at(8), "in", "张伟", ZHANG))
    other.push(visit(at(8), "in", "李娜", LI))
    assert set(names_inside(engine, community="济阳街道")) == {"张伟"}
    assert set(names_inside(engine, community="北村")) == {"李娜"}
    assert set(names_inside(engine)) == {"张伟", "李娜"}


def test_trace_finds_who_was_at_the_same_station_within_the_window(engine: Engine) -> None:
    west, east = gate(engine, "西门卡点"), gate(engine, "东门卡点")
    west.push(
        visit(at(8), "in", "张伟", ZHANG),
        visit(at(7, 31), "in", "李娜", LI),  # 29 minutes before: a contact
        visit(at(8, 30), "out", "王强", WANG),  # 30 minutes after: a contact
        visit(at(8, 51), "in", "赵敏", ZHAO),  # 31 minutes after the last of them: not
        visit(at(8, 10), "in", "孙丽", None, "13912345678"),
        visit(at(8, 5), "in", "无名", None, None),  # nobody the hub can follow, still there
        visit(at(8, 20), "in", "张伟", ZHANG),  # the person again: not a contact of theirs
        visit(at(8, 15), "in", "钱多", SUN, deleted_at=at(9)),  # deleted: not there
    )
    east.push(
        visit(at(8), "in", "周到", "370811198808088889"),  # same time, other station: not
        visit(at(15), "out", "张伟", ZHANG),
        visit(at(15, 10), "in", "李娜", LI),  # a contact again, at the east gate
    )
    west.push(visit(at(24 + 8), "in", "张伟", ZHANG), visit(at(24 + 8), "in", "吴用", SUN))

    key = key_for_id_number(community_key(engine), "370811 1990 0101 1236")
    contacts = trace(engine, key, start=DAY, end=DAY + timedelta(days=1))
    assert [(c.name, c.station, c.at.strftime("%H:%M")) for c in contacts] == [
        ("李娜", "西门卡点", "07:31"),
        ("无名", "西门卡点", "08:05"),
        ("孙丽", "西门卡点", "08:10"),
        ("王强", "西门卡点", "08:30"),
        ("李娜", "东门卡点", "15:10"),
    ]
    wang = contacts[3]
    assert wang.overlap_with == DAY + timedelta(hours=8, minutes=20)  # the nearer of two
    assert wang.id_masked == "110101********0016"
    assert contacts[2].phone_masked == "139****5678"

    narrow = trace(engine, key, start=DAY, end=DAY + timedelta(days=2), window=timedelta(minutes=5))
    assert [c.name for c in narrow] == ["无名", "吴用"]
    assert trace(engine, key_for_id_number(community_key(engine), WANG), start=DAY, end=DAY) == []


def test_station_stats_per_hour(engine: Engine) -> None:
    west, east = gate(engine, "西门卡点"), gate(engine, "东门卡点")
    west.push(
        *[
            visit(at(8, n), "in", f"人{n}", None, lane_seconds=float(s))
            for n, s in enumerate([4, 6, 8, 10, 30])
        ],
        visit(at(8, 40), "in", "拦", None, verdict="stop", reasons=["fever"], lane_seconds=60),
        visit(at(8, 50), "in", "手工", None),  # a paper-ledger row: counted, not timed
        visit(at(9, 1), "out", "张伟", ZHANG, lane_seconds=3.5),
    )
    east.push(visit(at(8, 2), "in", "李娜", LI, lane_seconds=12.0))
    east.push(visit(at(8, 3), "in", "删", None, lane_seconds=99.0, deleted_at=at(8, 4)))

    stats = {(s.station, s.hour.hour): s for s in station_stats(engine, date(2026, 11, 28), tz=UTC)}
    assert set(stats) == {("西门卡点", 8), ("西门卡点", 9), ("东门卡点", 8)}
    eight = stats[("西门卡点", 8)]
    assert (eight.visits, eight.stops, eight.timed) == (7, 1, 6)
    assert eight.median_s == 9.0
    assert eight.p90_s == pytest.approx(45.0)
    assert stats[("西门卡点", 9)].median_s == 3.5
    assert stats[("东门卡点", 8)].visits == 1
    assert station_stats(engine, date(2026, 11, 29), tz=UTC) == []


def test_lane_seconds_is_accepted_bounded_and_stored(engine: Engine) -> None:
    west = gate(engine, "西门卡点")
    good = [
        visit(at(8), "in", "有时", None, lane_seconds=7.25),
        visit(at(8), "in", "整数", None, lane_seconds=5),
        visit(at(8), "in", "旧桌", None),  # a desk from before issue 16 sends none
    ]
    bad = [
        visit(at(8), "in", "负", None, lane_seconds=-1.0),
        visit(at(8), "in", "一天多", None, lane_seconds=86_401.0),
        visit(at(8), "in", "字", None, lane_seconds="5"),
    ]
    result = ingest(
        engine,
        west.hub_station.id,
        west.desk_id,
        sort_items({"visits": [visit_json(west.desk_id, **v) for v in good + bad]}),
    )
    assert len(result.accepted) == 3
    assert sorted(r.index for r in result.rejected) == [3, 4, 5]
    assert all("lane_seconds" in r.reason for r in result.rejected)
    with engine.connect() as conn:
        stored = dict(conn.execute(sa.select(hub_visit.c.name, hub_visit.c.lane_seconds)).all())
    assert stored == {"有时": 7.25, "整数": 5.0, "旧桌": None}


def test_an_entry_and_an_exit_pushed_at_once_by_two_gates_agree(engine: Engine) -> None:
    """Two hub threads (two processes' worth on PostgreSQL) store one person's entry
    at one gate and, a minute later, exit at another at the same moment: whichever
    commits last, the exit is the last registration. (The interleaving is not forced:
    this checks the concurrent path end to end, not every schedule.)"""
    west, east = gate(engine, "西门卡点"), gate(engine, "东门卡点")
    wrong = []
    for n in range(12):
        person = f"37081119900101{n:03d}"
        person += check_character(person)
        barrier = threading.Barrier(2)

        def push(
            g: Gate, when: str, direction: str, who: str = person, start: Any = barrier
        ) -> None:
            start.wait()
            g.push(visit(when, direction, "张伟", who))

        threads = [
            threading.Thread(target=push, args=(west, at(8, n), "in")),
            threading.Thread(target=push, args=(east, at(8, n + 1), "out")),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        key = key_for_id_number(community_key(engine), person)
        with engine.connect() as conn:
            last = conn.execute(
                sa.select(last_visit.c.direction).where(last_visit.c.person_key == key)
            ).scalar_one_or_none()
        if last != "out":
            wrong.append((n, last))
    assert wrong == []
    assert inside_now(engine) == []
