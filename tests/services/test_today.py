"""Today's list and counters, in the station's local day."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from sqlalchemy import Engine, update
from sqlmodel import Session

from checkpoint_desk.domain.screening import ScreeningRules
from checkpoint_desk.services.today import day_counts, visits_between
from checkpoint_desk.services.visits import VisitDraft, register_visit
from checkpoint_desk.store.models import Shift, Station, Visit
from checkpoint_desk.sync.outbox import waiting_count
from tests.conftest import FakeClock
from tests.services.conftest import make_id

CST = timezone(timedelta(hours=8))


def test_counts_use_the_local_day_and_rows_are_masked(
    engine: Engine, station: Station, shift: Shift, clock: FakeClock
) -> None:
    times = [
        (datetime(2026, 11, 27, 15, 59, tzinfo=UTC), "in", "36.5"),  # 23:59 local, 27th
        (datetime(2026, 11, 27, 16, 1, tzinfo=UTC), "in", "38.0"),  # 00:01 local, 28th
        (datetime(2026, 11, 28, 2, 0, tzinfo=UTC), "out", "36.4"),
    ]
    for i, (at, direction, temp) in enumerate(times):
        register_visit(
            engine,
            VisitDraft(
                name="张三", id_number=make_id(i), phone="13812345678", direction=direction,
                temperature=temp, at=at, plate="鲁H12345",
            ),
            station_id=station.id, shift_id=shift.id, rules=ScreeningRules(), clock=clock,
        )  # fmt: skip
    counts = day_counts(engine, date(2026, 11, 28), CST)
    assert (counts.entered, counts.left, counts.stopped, counts.fever) == (1, 1, 1, 1)
    rows = visits_between(
        engine, datetime(2026, 11, 27, 16, tzinfo=UTC), datetime(2026, 11, 28, 16, tzinfo=UTC)
    )
    assert [r.direction for r in rows] == ["out", "in"]  # newest first
    first = rows[1]
    assert first.phone_masked == "138****5678" and "*" in first.id_masked
    assert first.reasons == ("fever",) and first.operator_name == "王芳"
    assert first.plate == "鲁H12345" and first.temperature_c == 38.0
    assert len(visits_between(engine, times[0][0], times[2][0], limit=1)) == 1
    assert waiting_count(engine) == 3
    with Session(engine) as session:
        session.execute(update(Visit).values(synced_revision=Visit.revision))
        session.commit()
    assert waiting_count(engine) == 0


def test_recent_rows_keep_a_vehicle_together_and_count_its_other_occupants(
    engine: Engine, station: Station, clock: FakeClock
) -> None:
    """An imported car whose occupants were typed in between a walker's visit."""
    at = datetime(2026, 11, 28, 1, 0, tzinfo=UTC)
    plan = [("张三", "car"), ("步行", None), ("李四", "car"), ("王五", "car"), ("老账", None)]
    ids = {}
    for n, (name, entry) in enumerate(plan):
        done = register_visit(
            engine,
            VisitDraft(
                name=name, id_number=make_id(40 + n), temperature="365", plate="鲁H12345",
                at=at + timedelta(minutes=n), vehicle_entry=entry,
                passengers=2 if name == "老账" else 0,
            ),
            station_id=station.id, shift_id=None, rules=ScreeningRules(), clock=clock,
        )  # fmt: skip
        ids[name] = done.visit_id
    rows = visits_between(engine, at, at + timedelta(hours=1))
    assert [r.name for r in rows] == ["老账", "王五", "李四", "张三", "步行"], "newest first"
    assert [r.passengers for r in rows] == [2, 2, 2, 2, 0], "the typed count for old rows"
    with Session(engine) as session:  # a supervisor deleted one occupant's visit
        session.execute(update(Visit).where(Visit.id == ids["李四"]).values(deleted_at=at))
        session.commit()
    rows = visits_between(engine, at, at + timedelta(hours=1))
    assert [(r.name, r.passengers) for r in rows if r.vehicle_entry] == [("王五", 1), ("张三", 1)]
