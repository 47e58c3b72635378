"""Who is inside, who was here with whom, how fast the lane moves: the scripted day."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from checkpoint_desk.domain.lane import nearest_rank
from checkpoint_desk.domain.verdict import Disposition
from checkpoint_desk.errors import ValidationError
from checkpoint_desk.services.audit import verify_chain
from checkpoint_desk.services.inside import inside_count, inside_now
from checkpoint_desk.services.lane_stats import lane_stats, people_per_minute
from checkpoint_desk.services.retention import purge
from checkpoint_desk.services.roles import RoleError, approve
from checkpoint_desk.services.trace import trace_contacts
from checkpoint_desk.services.visit_edits import delete_visit
from checkpoint_desk.services.visits import set_disposition
from checkpoint_desk.store.models import AuditEntry, Person, Station
from tests.conftest import FakeClock
from tests.support.insight_day import (
    DAY,
    LI,
    SUPERVISOR_PIN,
    WU_PHONE,
    ZHANG,
    ZHAO,
    InsightDay,
    local,
    script_day,
)


@pytest.fixture
def day(station_env: tuple[Engine, Station], clock: FakeClock) -> InsightDay:
    engine, station = station_env
    return script_day(engine, station, clock)


def test_inside_now_after_the_scripted_day(day: InsightDay) -> None:
    inside = inside_now(day.engine, day.station.id)
    # 赵六's exit was deleted; 张三 came back; 吴十 (no ID: phone + name) came in twice;
    # 王五 only left, 钱七's entry was deleted, 孙八 was turned away, 李娜 and 周九 left.
    assert [(p.name, p.since) for p in inside] == [
        ("赵六", local(8, 20)),
        ("张三", local(18, 0)),
        ("吴十", local(18, 50)),
    ]
    assert inside[0].id_masked == ZHAO[:6] + "********" + ZHAO[-4:]
    assert inside[2].id_masked == "" and inside[2].phone_masked == "139****0007"
    assert {p.direction for p in inside} == {"in"} and inside[0].station == day.station.name
    assert inside_count(day.engine, day.station.id) == 3
    assert inside[1].as_json() == {
        "name": "张三",
        "id_masked": ZHANG[:6] + "********" + ZHANG[-4:],
        "since": local(18, 0).isoformat(),
        "station": day.station.name,
    }


def test_inside_follows_deletions_dispositions_and_purges(
    day: InsightDay, clock: FakeClock
) -> None:
    approval = approve(day.engine, day.supervisor.id, SUPERVISOR_PIN, clock=clock)
    delete_visit(day.engine, day.visits["zhang_again"], approval=approval, clock=clock)
    names = [p.name for p in inside_now(day.engine)]
    assert names == ["赵六", "吴十"]  # 张三's newest counting visit is his exit now
    # the evening's fever stop let in after all: 孙八 is inside
    set_disposition(
        day.engine,
        day.visits["sun_in"],
        Disposition.ALLOWED,
        operator_id=day.supervisor.id,
        approval=approve(day.engine, day.supervisor.id, SUPERVISOR_PIN, clock=clock),
        clock=clock,
    )
    assert [p.name for p in inside_now(day.engine)] == ["赵六", "孙八", "吴十"]
    with Session(day.engine) as session:  # a name corrected: the list shows it now
        zhao = session.exec(select(Person).where(Person.name == "赵六")).one()
        zhao.name = "赵六一"
        session.add(zhao)
        session.commit()
    assert [p.name for p in inside_now(day.engine)] == ["赵六一", "孙八", "吴十"]
    clock.advance(days=60)
    result = purge(day.engine, now=clock(), retention_days=30)
    assert result.held_back > 0  # unsynced visits are kept, so is who is inside
    assert inside_count(day.engine) == 3


def test_trace_by_id_lists_everyone_near_each_visit(day: InsightDay, clock: FakeClock) -> None:
    approval = approve(day.engine, day.supervisor.id, SUPERVISOR_PIN, clock=clock)
    trace = trace_contacts(
        day.engine, id_number=ZHANG, first_day=DAY, last_day=DAY, approval=approval, clock=clock
    )
    assert trace.visits == (local(8, 0), local(12, 0), local(18, 0))
    # 钱七 at 08:15 was deleted; 吴十 at 18:50 is 50 minutes after 18:00
    assert [(c.name, c.at, c.overlap_with) for c in trace.contacts] == [
        ("李娜", local(8, 5), local(8, 0)),
        ("王五", local(8, 10), local(8, 0)),
        ("赵六", local(8, 20), local(8, 0)),
        ("孙八", local(8, 25), local(8, 0)),
        ("吴十", local(18, 20), local(18, 0)),
    ]
    assert trace.contacts[0].as_json() == {
        "name": "李娜",
        "id_masked": LI[:6] + "********" + LI[-4:],
        "phone_masked": "",
        "at": local(8, 5).isoformat(),
        "station": day.station.name,
        "overlap_with": local(8, 0).isoformat(),
    }
    narrow = trace_contacts(
        day.engine,
        id_number=ZHANG,
        first_day=DAY,
        last_day=DAY,
        window_min=10,
        approval=approval,
        clock=clock,
    )
    assert [c.name for c in narrow.contacts] == ["李娜", "王五"]  # 10 minutes is within


def test_trace_by_phone_takes_the_nearer_visit(day: InsightDay, clock: FakeClock) -> None:
    approval = approve(day.engine, day.supervisor.id, SUPERVISOR_PIN, clock=clock)
    trace = trace_contacts(
        day.engine, phone=WU_PHONE, first_day=DAY, last_day=DAY, approval=approval, clock=clock
    )
    assert [(c.name, c.at, c.overlap_with) for c in trace.contacts] == [
        ("张三", local(18, 0), local(18, 20)),
        ("周九", local(18, 40), local(18, 50)),  # 10 minutes from 18:50, 20 from 18:20
    ]
    assert all(c.phone_masked != "139****0007" for c in trace.contacts)


def test_trace_range_leaves_out_other_days(day: InsightDay, clock: FakeClock) -> None:
    approval = approve(day.engine, day.supervisor.id, SUPERVISOR_PIN, clock=clock)
    before = date(2026, 11, 27)
    trace = trace_contacts(
        day.engine, id_number=LI, first_day=before, last_day=before, approval=approval, clock=clock
    )
    assert trace.visits == (local(20, 0, before),) and trace.contacts == ()


def test_trace_is_a_supervisors_act_and_audited_without_the_number(
    day: InsightDay, clock: FakeClock
) -> None:
    with pytest.raises(RoleError):
        trace_contacts(day.engine, id_number=ZHANG, approval=None, clock=clock)
    approval = approve(day.engine, day.supervisor.id, SUPERVISOR_PIN, clock=clock)
    trace_contacts(
        day.engine, id_number=ZHANG, first_day=DAY, last_day=DAY, approval=approval, clock=clock
    )
    with Session(day.engine) as session:
        entry = session.exec(
            select(AuditEntry).where(AuditEntry.action == "trace").order_by(col(AuditEntry.seq))
        ).one()
        assert verify_chain(session).ok
    assert entry.operator_id == day.supervisor.id
    assert entry.detail["by"] == "id_number" and entry.detail["contacts"] == 5
    assert entry.detail["masked"] == ZHANG[:6] + "********" + ZHANG[-4:]
    assert len(entry.detail["lookup"]) == 64 and ZHANG not in str(entry.detail)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"id_number": "12345"}, "18 characters"),
        ({"phone": "12"}, "11-digit mobile"),
        ({}, "--id ID or --phone P"),
        ({"id_number": ZHANG, "window_min": 0}, "1 to 1440 minutes"),
        ({"id_number": ZHANG, "first_day": date(2026, 11, 29), "last_day": DAY}, "is after"),
    ],
)
def test_trace_refuses_bad_input_in_one_line(
    day: InsightDay, clock: FakeClock, kwargs: dict[str, object], message: str
) -> None:
    approval = approve(day.engine, day.supervisor.id, SUPERVISOR_PIN, clock=clock)
    with pytest.raises(ValidationError, match=message):
        trace_contacts(day.engine, approval=approval, clock=clock, **kwargs)  # type: ignore[arg-type]


def test_lane_stats_per_hour_and_operator(day: InsightDay) -> None:
    stats = lane_stats(day.engine, DAY, day.station.id)
    hours = {r.hour: (r.visits, r.median_s, r.p90_s, r.stops) for r in stats.hours}
    assert hours == {
        8: (5, 14.0, 30.0, 1),
        12: (1, 9.0, 9.0, 0),
        14: (2, 11.0, 40.0, 0),
        18: (4, 18.0, 25.0, 0),
    }
    operators = {r.operator: (r.visits, r.median_s, r.p90_s, r.stops) for r in stats.operators}
    assert operators == {"李强": (6, 18.0, 40.0, 0), "王芳": (6, 10.0, 30.0, 1)}
    assert (stats.total.visits, stats.total.stops) == (12, 1)
    assert stats.as_json()["hours"][0] == {
        "hour": 8,
        "visits": 5,
        "median_s": 14.0,
        "p90_s": 30.0,
        "stops": 1,
    }


def test_people_per_minute_counts_the_last_hour(day: InsightDay) -> None:
    # 18:00 … 18:50: 张三, 吴十, 周九, 吴十 within the hour before 18:55
    assert people_per_minute(day.engine, local(18, 55)) == pytest.approx(4 / 60)
    assert people_per_minute(day.engine, local(23, 0)) == 0


def test_nearest_rank() -> None:
    assert nearest_rank([], 0.5) is None
    assert nearest_rank([3.0], 0.9) == 3.0
    assert nearest_rank([float(i) for i in range(1, 11)], 0.9) == 9.0
    assert nearest_rank([float(i) for i in range(1, 11)], 0.5) == 5.0
