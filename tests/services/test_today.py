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
