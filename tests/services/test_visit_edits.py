"""A supervisor corrects or deletes a committed visit: the person, the verdict, the
outbox, the ledger and the counts follow; the audit trail says who and what."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from checkpoint_desk.domain.screening import ScreeningRules
from checkpoint_desk.domain.verdict import Disposition
from checkpoint_desk.errors import ValidationError
from checkpoint_desk.export.ledger_rows import build_ledger
from checkpoint_desk.services.roles import approve
from checkpoint_desk.services.today import day_counts, visit_row
from checkpoint_desk.services.visit_edits import VisitEditError, delete_visit, edit_visit
from checkpoint_desk.services.visits import RegisteredVisit, VisitDraft, register_visit
from checkpoint_desk.store.models import AuditEntry, Operator, Person, Shift, Station, Visit
from checkpoint_desk.store.person_secrets import phone_of
from checkpoint_desk.store.vault import vault_of
from checkpoint_desk.sync.outbox import mark_acknowledged, read_batch, waiting_count
from checkpoint_desk.sync.wire import Ack, VisitIn
from tests.conftest import FakeClock
from tests.services.conftest import make_id

TZ = ZoneInfo("Asia/Shanghai")


def register(
    engine: Engine, station: Station, shift: Shift, clock: FakeClock, temp: str
) -> RegisteredVisit:
    return register_visit(
        engine,
        VisitDraft(name="赵六", id_number=make_id(31), phone="13812340000", temperature=temp),
        station_id=station.id,
        shift_id=shift.id,
        rules=ScreeningRules(),
        clock=clock,
    )


def synced(engine: Engine) -> None:
    """The hub acknowledged every visit as it is now."""
    items = [i for i in read_batch(engine, "visits", None, None) if isinstance(i, VisitIn)]
    mark_acknowledged(engine, [Ack(kind="visits", uuid=i.uuid, revision=i.revision) for i in items])
    assert waiting_count(engine) == 0


def last_audit(engine: Engine) -> AuditEntry:
    with Session(engine) as session:
        entry = session.exec(select(AuditEntry).order_by(col(AuditEntry.seq).desc())).first()
    assert entry is not None
    return entry


def test_a_mistyped_temperature_corrected_turns_the_stop_into_a_pass(
    engine: Engine, station: Station, shift: Shift, supervisor: Operator, clock: FakeClock
) -> None:
    done = register(engine, station, shift, clock, "385")
    day: date = clock().astimezone(TZ).date()
    assert day_counts(engine, day, TZ).stopped == 1
    synced(engine)
    approval = approve(engine, supervisor.id, "987654", clock=clock)
    edited = edit_visit(
        engine, done.visit_id, {"temperature": "365", "note": "录错"}, approval=approval,
        rules=ScreeningRules(), clock=clock,
    )  # fmt: skip
    assert (edited.verdict, edited.reasons, edited.temperature_c) == ("pass", [], 36.5)
    counts = day_counts(engine, day, TZ)
    assert (counts.stopped, counts.fever, counts.entered) == (0, 0, 1)
    [row] = build_ledger(engine, day=day, lang="en").rows
    assert (row.temperature, row.stopped, row.note) == (36.5, False, "录错")
    assert waiting_count(engine) == 1, "the correction goes to the hub"
    entry = last_audit(engine)
    assert entry.action == "visit_edit" and entry.operator_id == supervisor.id
    assert entry.detail["before"]["temperature_c"] == 38.5


def test_name_phone_and_disposition_are_corrected_on_the_person_and_the_visit(
    engine: Engine, station: Station, shift: Shift, supervisor: Operator, clock: FakeClock
) -> None:
    done = register(engine, station, shift, clock, "385")
    approval = approve(engine, supervisor.id, "987654", clock=clock)
    edit_visit(
        engine, done.visit_id,
        {"name": "赵 琳", "phone": "139 1234 0000", "disposition": "referred"},
        approval=approval, clock=clock,
    )  # fmt: skip
    row = visit_row(engine, done.visit_id)
    assert row is not None and row.name == "赵 琳" and row.phone_masked == "139****0000"
    assert row.disposition == Disposition.REFERRED.value
    with Session(engine) as session:
        person = session.exec(select(Person)).one()
        assert person.name_initials == "zl"
        assert phone_of(person, vault_of(engine)) == "13912340000"
        visit = session.get(Visit, done.visit_id)
        assert visit is not None and visit.disposition_by == supervisor.id
    detail = last_audit(engine).detail
    assert detail["before"]["phone"] == "138****0000", "no whole phone in the audit trail"
    assert detail["after"]["phone"] == "139****0000"


@pytest.mark.parametrize(
    "changes",
    [{"phone": "12345"}, {"name": ""}, {"name": "赵\x00六"}, {"disposition": "waved"},
     {"direction": "up"}, {"note": "x" * 201}],
)  # fmt: skip
def test_a_refused_value_changes_nothing(
    engine: Engine, station: Station, shift: Shift, supervisor: Operator, clock: FakeClock,
    changes: dict[str, str],
) -> None:  # fmt: skip
    done = register(engine, station, shift, clock, "385")
    approval = approve(engine, supervisor.id, "987654", clock=clock)
    with pytest.raises(ValidationError):
        edit_visit(engine, done.visit_id, {"note": "ok", **changes}, approval=approval, clock=clock)
    row = visit_row(engine, done.visit_id)
    assert row is not None and (row.name, row.note) == ("赵六", "")


def test_a_disposition_on_a_visit_that_passed_is_refused(
    engine: Engine, station: Station, shift: Shift, supervisor: Operator, clock: FakeClock
) -> None:
    done = register(engine, station, shift, clock, "365")
    approval = approve(engine, supervisor.id, "987654", clock=clock)
    with pytest.raises(VisitEditError):
        edit_visit(engine, done.visit_id, {"disposition": "denied"}, approval=approval, clock=clock)


def test_a_deleted_visit_leaves_the_ledger_and_counts_and_syncs_as_a_tombstone(
    engine: Engine, station: Station, shift: Shift, supervisor: Operator, clock: FakeClock
) -> None:
    done = register(engine, station, shift, clock, "385")
    day: date = clock().astimezone(TZ).date()
    synced(engine)
    approval = approve(engine, supervisor.id, "987654", clock=clock)
    delete_visit(engine, done.visit_id, approval=approval, reason="重复", clock=clock)
    assert day_counts(engine, day, TZ).entered == 0
    assert build_ledger(engine, day=day, lang="en").rows == ()
    [item] = read_batch(engine, "visits", None, None)
    assert isinstance(item, VisitIn) and item.deleted_at is not None
    assert last_audit(engine).action == "visit_delete"
