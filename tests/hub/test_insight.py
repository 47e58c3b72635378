"""Inside now, trace and lane stats at the hub, over what ``ingest`` stored (issue 16).

On SQLite and PostgreSQL; items go through the hub's own ingest (validation, person
keys, last visits), as a push or a bundle would send them.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine

from checkpoint_desk.hub.database import open_hub_database
from checkpoint_desk.hub.ingest import ingest, sort_items
from checkpoint_desk.hub.insight import inside_now, station_stats, trace
from checkpoint_desk.hub.person_keys import community_key, key_for_id_number, key_for_phone
from checkpoint_desk.hub.stations import HubStation, add_station, bind
from checkpoint_desk.sync.wire import PushResult
from tests.support.samples import visit_json

ZHANG = "370811199001011236"
LI = "370802198505052284"
WANG = "110101197001010016"
ZHAO = "370811199202023217"
SUN = "370811200003034568"
DAY = datetime(2026, 11, 28, tzinfo=UTC)


def at(hour: int, minute: int = 0) -> str:
    return (DAY + timedelta(hours=hour, minutes=minute)).isoformat()


@pytest.fixture
def engine(hub_db_url: str) -> Iterator[Engine]:
    made = open_hub_database(hub_db_url)
    yield made
    made.dispose()


@dataclass
class Gate:
    engine: Engine
    hub_station: HubStation
    desk_id: uuid.UUID

    def push(self, *visits: dict[str, Any]) -> PushResult:
        result = ingest(
            self.engine,
            self.hub_station.id,
            self.desk_id,
            sort_items({"visits": [visit_json(self.desk_id, **v) for v in visits]}),
        )
        assert not result.rejected, result.rejected
        return result


def gate(engine: Engine, name: str, community: str = "济阳街道") -> Gate:
    hub_station, _ = add_station(engine, name)
    desk_id = uuid.uuid4()
    bound = bind(engine, hub_station, desk_id, None, community=community)
    return Gate(engine, bound, desk_id)


def visit(
    when: str,
    direction: str,
    name: str,
    id_number: str | None,
    phone: str | None = None,
    **more: Any,
) -> dict[str, Any]:
    return {
        "uuid": str(uuid.uuid4()),
        "at": when,
        "updated_at": when,
        "direction": direction,
        "name": name,
        "id_number": id_number,
        "phone": phone,
        **more,
    }


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
