"""Registering visits: one transaction, the verdict, people filed once, dispositions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, func
from sqlmodel import Session, select

from checkpoint_desk.codes.id_key import IdKey
from checkpoint_desk.codes.reading import CodeReading, CodeStatus, ScreeningClaims, Subject
from checkpoint_desk.domain.screening import ScreeningRules
from checkpoint_desk.domain.verdict import Decision, Disposition
from checkpoint_desk.errors import DatabaseError, ValidationError
from checkpoint_desk.services.roles import RoleError, approve
from checkpoint_desk.services.visits import (
    VisitDraft,
    preview,
    register_visit,
    set_disposition,
    validate_draft,
)
from checkpoint_desk.store.id_keys import keep_id_key
from checkpoint_desk.store.models import (
    AuditEntry,
    Operator,
    Person,
    ReferenceData,
    Scan,
    Shift,
    Station,
    Vehicle,
    Visit,
)
from checkpoint_desk.store.person_secrets import RAW_TEXT_COLUMN, id_number_of, phone_of
from checkpoint_desk.store.vault import vault_of
from tests.conftest import FakeClock
from tests.services.conftest import make_id

RULES = ScreeningRules()


def health_code(colour: str, *, verified: bool = True, name: str = "张三") -> CodeReading:
    status = CodeStatus(colour) if verified else CodeStatus.INVALID
    return CodeReading(
        scheme="CKH1",
        status=status,
        text=f"CKH1:{colour}",
        issuer="demo-health",
        verified=verified,
        reasons=() if verified else ("signature_invalid",),
        subject=Subject(name=name, id_masked="370811********0011"),
        screening=ScreeningClaims(
            health_colour=colour, nat_result="negative", nat_at=datetime(2026, 11, 27, tzinfo=UTC)
        ),
        kid="00112233",
    )


def unverified() -> CodeReading:
    return CodeReading(scheme="url", status=CodeStatus.UNVERIFIED, text="https://jkm.example/x")


def register(
    engine: Engine, station: Station, shift: Shift, clock: FakeClock, **fields: object
) -> tuple[Visit, Person | None]:
    done = register_visit(
        engine,
        VisitDraft(**fields),  # type: ignore[arg-type]
        station_id=station.id,
        shift_id=shift.id,
        rules=RULES,
        clock=clock,
    )
    with Session(engine) as session:
        visit = session.get(Visit, done.visit_id)
        assert visit is not None
        person = session.get(Person, visit.person_id) if visit.person_id else None
    assert visit.verdict == done.verdict.decision.value
    return visit, person


def count(engine: Engine, table: type) -> int:
    with Session(engine) as session:
        return int(session.execute(select(func.count()).select_from(table)).scalar_one())


def test_green_code_and_normal_temperature_pass(
    engine: Engine, station: Station, shift: Shift, clock: FakeClock
) -> None:
    visit, person = register(
        engine,
        station,
        shift,
        clock,
        id_number=make_id(1),
        phone="138 1234 5678",
        plate="鲁h 12345",
        temperature="365",
        readings=[health_code("green")],
        decoder="zbar",
    )
    assert visit.verdict == "pass" and visit.reasons == []
    assert visit.temperature_c == 36.5 and visit.health_code == "green"
    assert visit.at == clock.now and visit.shift_id == shift.id
    assert person is not None and person.name == "张三"  # from the verified code
    assert person.name_initials == "zs" and phone_of(person, vault_of(engine)) == "13812345678"
    with Session(engine) as session:
        scan = session.exec(select(Scan).where(Scan.visit_id == visit.id)).one()
        vehicle = session.get(Vehicle, visit.vehicle_id)
    assert (scan.scheme, scan.status, scan.verified, scan.kid) == (
        "CKH1",
        "green",
        True,
        "00112233",
    )
    assert scan.raw_text is not None and scan.decoder == "zbar"
    assert vault_of(engine).decrypt(scan.raw_text, column=RAW_TEXT_COLUMN) == "CKH1:green"
    assert vehicle is not None and vehicle.plate == "鲁H12345"


def test_fever_and_red_code_stop_with_reasons(
    engine: Engine, station: Station, shift: Shift, clock: FakeClock
) -> None:
    visit, _ = register(
        engine, station, shift, clock, name="李四", temperature="37.8",
        readings=[health_code("red")],
    )  # fmt: skip
    assert visit.verdict == "stop"
    assert visit.reasons == ["health_code_red", "fever"]


def test_invalid_code_never_counts_as_green(
    engine: Engine, station: Station, shift: Shift, clock: FakeClock
) -> None:
    visit, _ = register(
        engine, station, shift, clock, name="李四", temperature="36.5",
        readings=[health_code("green", verified=False)],
    )  # fmt: skip
    assert visit.verdict == "stop" and "signature_invalid" in visit.reasons
    assert visit.health_code != "green"


def test_unverified_code_needs_the_volunteers_colour(
    engine: Engine, station: Station, shift: Shift, clock: FakeClock
) -> None:
    draft = VisitDraft(name="王五", temperature="36.4", readings=[unverified()])
    assert preview(engine, draft, RULES, clock=clock).reason_codes == ["health_code_unconfirmed"]
    draft.confirmed_colour = "green"
    assert preview(engine, draft, RULES, clock=clock).decision is Decision.PASS
    assert count(engine, Visit) == 0  # preview writes nothing
    visit, _ = register(
        engine, station, shift, clock, name="王五", temperature="36.4",
        readings=[unverified()], confirmed_colour="green",
    )  # fmt: skip
    assert visit.health_code == "green" and visit.health_code_confirmed


def test_raw_text_is_dropped_when_settings_say_so(
    engine: Engine, station: Station, shift: Shift, clock: FakeClock
) -> None:
    done = register_visit(
        engine,
        VisitDraft(name="张三", temperature="36.5", readings=[health_code("green")]),
        station_id=station.id,
        shift_id=shift.id,
        rules=RULES,
        clock=clock,
        keep_raw_text=False,
    )
    with Session(engine) as session:
        scan = session.exec(select(Scan).where(Scan.visit_id == done.visit_id)).one()
    assert scan.raw_text is None


def test_returning_person_is_filed_once_and_updated(
    engine: Engine, station: Station, shift: Shift, clock: FakeClock
) -> None:
    _, first = register(engine, station, shift, clock, name="张三", id_number=make_id(2))
    clock.advance(minutes=5)
    _, again = register(
        engine, station, shift, clock, name="张三", id_number=make_id(2), phone="13900001111"
    )
    _, by_phone = register(engine, station, shift, clock, name="张三", phone="13900001111")
    assert first is not None and again is not None and by_phone is not None
    assert first.id == again.id == by_phone.id
    assert phone_of(again, vault_of(engine)) == "13900001111" and again.revision == 2
    assert count(engine, Person) == 1


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("id_number", "370811198001010010", "id_checksum"),
        ("phone", "12345", "phone_format"),
        ("temperature", "45", "temperature_range"),
        ("direction", "sideways", "direction_invalid"),
    ],
)
def test_invalid_fields_write_nothing(
    engine: Engine, station: Station, shift: Shift, clock: FakeClock,
    field: str, value: str, code: str,
) -> None:  # fmt: skip
    draft = VisitDraft(name="张三", temperature="36.5")
    setattr(draft, field, value)
    problems = validate_draft(draft)
    assert [p.field for p in problems] == [field]
    assert problems[0].message
    with pytest.raises(ValidationError):
        register_visit(
            engine, draft, station_id=station.id, shift_id=shift.id, rules=RULES, clock=clock
        )
    assert count(engine, Visit) == count(engine, Person) == 0


def test_empty_optional_fields_are_fine() -> None:
    assert validate_draft(VisitDraft()) == []


def test_deny_list_hit_stops(
    engine: Engine, station: Station, shift: Shift, clock: FakeClock
) -> None:
    key = IdKey(b"k" * 32)  # the community's ID key, as the hub issues it
    with Session(engine) as session:
        keep_id_key(session, vault_of(engine), key, now=clock())
        session.add(ReferenceData(kind="deny_list", payload={"id_keys": [key.of(make_id(7))]}))
        session.commit()
    visit, _ = register(engine, station, shift, clock, name="赵六", id_number=make_id(7),
                        temperature="36.5")  # fmt: skip
    assert visit.reasons[0] == "deny_list"
    other, _ = register(engine, station, shift, clock, name="钱七", id_number=make_id(8),
                        temperature="36.5")  # fmt: skip
    assert other.verdict == "pass"


def test_import_keeps_the_original_time(engine: Engine, station: Station, clock: FakeClock) -> None:
    earlier = clock.now - timedelta(hours=3)
    done = register_visit(
        engine,
        VisitDraft(name="张三", temperature="36.5", source="import", at=earlier),
        station_id=station.id,
        shift_id=None,
        rules=RULES,
        clock=clock,
    )
    assert done.at == earlier


def test_remeasure_below_threshold_turns_a_fever_stop_into_a_pass(
    engine: Engine, station: Station, shift: Shift, volunteer: Operator, clock: FakeClock
) -> None:
    visit, _ = register(engine, station, shift, clock, name="李四", temperature="37.6")
    updated = set_disposition(
        engine, visit.id, Disposition.REMEASURED, operator_id=volunteer.id,
        retest_temperature="36.9", clock=clock,
    )  # fmt: skip
    assert updated.verdict == "pass" and updated.reasons == []
    assert updated.temperature_c == 37.6 and updated.retest_temperature_c == 36.9
    assert updated.revision == 2 and updated.disposition == "remeasured"


def test_every_disposition_is_audited_with_the_visit(
    engine: Engine, station: Station, shift: Shift, volunteer: Operator, clock: FakeClock
) -> None:
    from sqlmodel import Session, select

    from checkpoint_desk.store.models import AuditEntry

    visit, _ = register(engine, station, shift, clock, name="李四", temperature="37.9")
    set_disposition(engine, visit.id, Disposition.REFERRED, operator_id=volunteer.id, clock=clock)
    with Session(engine) as session:
        entries = session.exec(select(AuditEntry).where(AuditEntry.action == "disposition")).all()
    assert [(e.detail["visit"], e.detail["disposition"], e.operator_id) for e in entries] == [
        (str(visit.id), "referred", volunteer.id)
    ]


def test_remeasure_still_fever_stays_stopped(
    engine: Engine, station: Station, shift: Shift, volunteer: Operator, clock: FakeClock
) -> None:
    visit, _ = register(engine, station, shift, clock, name="李四", temperature="37.6")
    updated = set_disposition(
        engine, visit.id, Disposition.REMEASURED, operator_id=volunteer.id,
        retest_temperature="37.5", clock=clock,
    )  # fmt: skip
    assert updated.verdict == "stop" and updated.reasons == ["fever"]


def test_supervisor_allow_is_audited_and_needs_a_supervisor(
    engine: Engine, station: Station, shift: Shift, volunteer: Operator,
    supervisor: Operator, clock: FakeClock,
) -> None:  # fmt: skip
    visit, _ = register(engine, station, shift, clock, name="李四", temperature="37.6")
    with pytest.raises(RoleError):
        set_disposition(
            engine, visit.id, Disposition.ALLOWED, operator_id=volunteer.id, clock=clock,
        )  # fmt: skip
    with pytest.raises(RoleError):
        approve(engine, volunteer.id, "1234", clock=clock)
    updated = set_disposition(
        engine, visit.id, Disposition.ALLOWED, operator_id=volunteer.id,
        approval=approve(engine, supervisor.id, "987654", clock=clock), note="医护确认",
        clock=clock,
    )  # fmt: skip
    assert updated.verdict == "stop" and updated.disposition == "allowed_by_supervisor"
    assert updated.disposition_by == supervisor.id and "医护确认" in updated.note
    with Session(engine) as session:
        entry = session.exec(select(AuditEntry).where(AuditEntry.action == "override")).one()
    assert entry.operator_id == supervisor.id and entry.detail["visit"] == str(visit.id)


def test_same_name_and_phone_but_another_id_is_another_person(
    engine: Engine, station: Station, shift: Shift, clock: FakeClock
) -> None:
    _, father = register(engine, station, shift, clock, name="张伟", phone="13900001111",
                         id_number=make_id(3, birth="19600101"))  # fmt: skip
    _, son = register(engine, station, shift, clock, name="张伟", phone="13900001111",
                      id_number=make_id(4, birth="19900101"))  # fmt: skip
    assert father is not None and son is not None and father.id != son.id
    with Session(engine) as session:
        kept = session.get(Person, father.id)
    assert kept is not None and id_number_of(kept, vault_of(engine)) == make_id(3, birth="19600101")
    _, linked = register(engine, station, shift, clock, name="张伟", person_id=father.id,
                         id_number=make_id(4, birth="19900101"))  # fmt: skip
    assert linked is not None and linked.id == son.id


def test_a_full_disk_is_a_clear_error_and_saves_nothing(
    engine: Engine, station: Station, shift: Shift, clock: FakeClock
) -> None:
    engine.dispose()  # one pooled connection from here on, carrying the limit below
    with engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()
        conn.exec_driver_sql(f"PRAGMA max_page_count={pages}")  # as if the disk were full
    huge = CodeReading(scheme="url", status=CodeStatus.UNVERIFIED, text="x" * 200_000)
    with pytest.raises(DatabaseError, match="could not be written"):
        register_visit(
            engine,
            VisitDraft(name="张三", temperature="36.5", readings=[huge], confirmed_colour="green"),
            station_id=station.id, shift_id=shift.id, rules=RULES, clock=clock,
        )  # fmt: skip
    assert count(engine, Visit) == count(engine, Person) == count(engine, Scan) == 0
