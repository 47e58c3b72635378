"""Retention: only synced visits older than the period are purged; counts are kept."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine, update
from sqlmodel import Session, col, func, select

from checkpoint_desk.codes.reading import CodeReading, CodeStatus
from checkpoint_desk.domain.screening import ScreeningRules
from checkpoint_desk.paths import DataDir
from checkpoint_desk.services.lookup import find_people
from checkpoint_desk.services.retention import purge
from checkpoint_desk.services.shifts import close_shift
from checkpoint_desk.services.today import day_counts
from checkpoint_desk.services.visits import VisitDraft, register_visit
from checkpoint_desk.store.models import AuditEntry, Person, Scan, Shift, Station, Visit
from tests.conftest import FakeClock
from tests.services.conftest import make_id

TZ = ZoneInfo("Asia/Shanghai")


def register(
    engine: Engine, station: Station, shift: Shift, clock: FakeClock, serial: int,
    *, temperature: str = "36.5", direction: str = "in",
) -> Visit:  # fmt: skip
    done = register_visit(
        engine,
        VisitDraft(
            name=f"访客{serial}",
            id_number=make_id(serial),
            temperature=temperature,
            direction=direction,
            readings=[CodeReading(scheme="text", status=CodeStatus.UNVERIFIED, text="x")],
        ),
        station_id=station.id,
        shift_id=shift.id,
        rules=ScreeningRules(),
        clock=clock,
    )
    with Session(engine) as session:
        visit = session.get(Visit, done.visit_id)
        assert visit is not None
        return visit


def mark_synced(engine: Engine, *visits: Visit) -> None:
    with Session(engine) as session:
        ids = [v.id for v in visits]
        session.execute(
            update(Visit).where(col(Visit.id).in_(ids)).values(synced_revision=Visit.revision)
        )
        session.execute(update(Person).values(synced_revision=Person.revision))
        session.commit()


def test_purge_removes_only_synced_old_visits_and_keeps_counts(
    engine: Engine, station: Station, shift: Shift, clock: FakeClock
) -> None:
    old_day = clock().astimezone(TZ).date()
    synced_in = register(engine, station, shift, clock, 1)
    synced_fever = register(engine, station, shift, clock, 2, temperature="38.4")
    synced_out = register(engine, station, shift, clock, 3, direction="out")
    unsynced = register(engine, station, shift, clock, 4)
    mark_synced(engine, synced_in, synced_fever, synced_out)
    before = day_counts(engine, old_day, TZ)
    assert (before.entered, before.left, before.fever) == (3, 1, 1) and before.stopped

    clock.advance(days=29)
    recent = register(engine, station, shift, clock, 5)
    mark_synced(engine, recent)
    result = purge(engine, now=clock(), retention_days=28, tz=TZ)

    assert (result.purged, result.held_back, result.days) == (3, 1, (old_day,))
    with Session(engine) as session:
        left = {v.id for v in session.exec(select(Visit))}
        scans = session.exec(select(func.count()).select_from(Scan)).one()
        entry = session.exec(select(AuditEntry).where(AuditEntry.action == "purge")).one()
    assert left == {unsynced.id, recent.id}  # unsynced: never purged silently
    assert scans == 2  # the purged visits' scans went with them
    assert entry.detail["purged"] == 3 and entry.detail["held_back"] == 1
    assert day_counts(engine, old_day, TZ) == before  # the day still answers
    assert find_people(engine, make_id(1)) == []  # the person, sealed ID and all, is gone
    assert [m.name for m in find_people(engine, make_id(4))] == ["访客4"]

    again = purge(engine, now=clock(), retention_days=28, tz=TZ)
    assert (again.purged, again.held_back) == (0, 1)
    assert day_counts(engine, old_day, TZ) == before  # not counted twice


def test_nothing_within_the_period_is_purged(
    engine: Engine, station: Station, shift: Shift, clock: FakeClock
) -> None:
    visit = register(engine, station, shift, clock, 1)
    mark_synced(engine, visit)
    clock.advance(days=27)
    assert purge(engine, now=clock(), retention_days=28).purged == 0
    with pytest.raises(ValueError):
        purge(engine, now=clock(), retention_days=0)


def test_shift_close_purges_after_the_backup(
    engine: Engine, station: Station, shift: Shift, clock: FakeClock, data_dir: DataDir
) -> None:
    visit = register(engine, station, shift, clock, 1)
    mark_synced(engine, visit)
    clock.advance(days=30)
    summary = close_shift(
        engine, shift.id, "交班", clock=clock, backup_dir=data_dir.backups, retention_days=28
    )
    assert summary.backup_path is not None and summary.purge is not None
    assert summary.purge.purged == 1
    with Session(engine) as session:
        actions = [e.action for e in session.exec(select(AuditEntry))]
    assert actions[-3:] == ["shift_close", "backup", "purge"]


def test_a_person_emptied_by_a_phone_learnt_later_does_not_outlive_the_purge(
    engine: Engine, station: Station, shift: Shift, clock: FakeClock
) -> None:
    """In by ID card alone, in by phone alone (two people: nothing links them), then
    out by ID card with that phone: the phone-only visit moves to the ID holder. The
    emptied row still held the name and the phone: the next purge removes it once
    synced, not never."""
    phone, id_number = "13900000077", make_id(77)
    for fields in (
        {"id_number": id_number},
        {"phone": phone},
        {"id_number": id_number, "phone": phone, "direction": "out"},
    ):
        register_visit(
            engine,
            VisitDraft(name="张三", temperature="36.5", **fields),
            station_id=station.id,
            shift_id=shift.id,
            rules=ScreeningRules(),
            clock=clock,
        )
    with Session(engine) as session:
        assert session.execute(select(func.count()).select_from(Person)).scalar_one() == 2
        holder = session.exec(select(Person).where(col(Person.id_lookup).is_not(None))).one()
    result = purge(engine, now=clock(), retention_days=28)
    assert result.people == 0, "not synced yet: kept until the hub has the move"
    with Session(engine) as session:
        visits = session.exec(select(Visit)).all()
    mark_synced(engine, *visits)
    result = purge(engine, now=clock(), retention_days=28)
    assert (result.purged, result.people) == (0, 1), "no visit was old: only the empty row"
    with Session(engine) as session:
        [kept] = session.exec(select(Person)).all()
        assert kept.id == holder.id
        assert {v.person_id for v in session.exec(select(Visit)).all()} == {holder.id}
    assert find_people(engine, phone) != [], "the visitor is still found by that phone"
