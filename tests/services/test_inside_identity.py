"""One person, one count: who is inside when a person registers by ID number once and
by phone once (the rule in docs/architecture.md, "Who is one person")."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine

from checkpoint_desk.domain.screening import ScreeningRules
from checkpoint_desk.services.inside import inside_count, inside_now
from checkpoint_desk.services.visits import RegisteredVisit, VisitDraft, register_visit
from checkpoint_desk.store.models import Station
from tests.conftest import FakeClock
from tests.services.conftest import make_id

EIGHT = datetime(2026, 12, 1, 8, tzinfo=UTC)
ZHANG_ID = make_id(401)
PHONE = "13900000001"


def _register(
    env: tuple[Engine, Station], clock: FakeClock, minute: int, **fields: str
) -> RegisteredVisit:
    engine, station = env
    draft = VisitDraft(temperature="36.5", at=EIGHT + timedelta(minutes=minute), **fields)
    return register_visit(
        engine, draft, station_id=station.id, shift_id=None, rules=ScreeningRules(), clock=clock
    )


def test_in_by_id_number_out_by_phone_is_one_person_gone(
    station_env: tuple[Engine, Station], clock: FakeClock
) -> None:
    came = _register(station_env, clock, 0, name="张三", id_number=ZHANG_ID, phone=PHONE)
    assert inside_count(station_env[0]) == 1
    left = _register(station_env, clock, 30, name="张三", phone=PHONE, direction="out")
    assert left.person_id == came.person_id
    assert inside_now(station_env[0]) == [] and inside_count(station_env[0]) == 0


def test_in_by_phone_out_by_id_number_is_one_person_gone(
    station_env: tuple[Engine, Station], clock: FakeClock
) -> None:
    came = _register(station_env, clock, 0, name="张三", phone=PHONE)
    left = _register(
        station_env, clock, 30, name="张三", id_number=ZHANG_ID, phone=PHONE, direction="out"
    )
    assert left.person_id == came.person_id
    assert inside_count(station_env[0]) == 0
    again = _register(station_env, clock, 60, name="张三", phone=PHONE)  # back by phone
    assert again.person_id == came.person_id
    [zhang] = inside_now(station_env[0])
    assert zhang.id_masked == ZHANG_ID[:6] + "********" + ZHANG_ID[-4:]  # shown by ID


def test_a_family_on_one_phone_is_not_merged(
    station_env: tuple[Engine, Station], clock: FakeClock
) -> None:
    _register(station_env, clock, 0, name="张三", id_number=ZHANG_ID, phone=PHONE)
    _register(station_env, clock, 5, name="李娜", phone=PHONE)  # his wife, his phone
    _register(station_env, clock, 9, name="张小明", phone=PHONE)  # their son
    assert sorted(p.name for p in inside_now(station_env[0])) == ["张三", "张小明", "李娜"]
    _register(station_env, clock, 40, name="李娜", phone=PHONE, direction="out")
    assert sorted(p.name for p in inside_now(station_env[0])) == ["张三", "张小明"]


def test_with_nothing_linking_them_two_registrations_stay_two(
    station_env: tuple[Engine, Station], clock: FakeClock
) -> None:
    # in by ID card alone (no phone on file), out by phone alone: nothing says that
    # phone is his, so the exit is someone else's and he is still inside
    came = _register(station_env, clock, 0, name="张三", id_number=ZHANG_ID)
    left = _register(station_env, clock, 30, name="张三", phone=PHONE, direction="out")
    assert left.person_id != came.person_id
    assert [p.name for p in inside_now(station_env[0])] == ["张三"]


def test_a_phone_learnt_later_joins_the_phone_only_visits_to_the_id_holder(
    station_env: tuple[Engine, Station], clock: FakeClock
) -> None:
    # in by ID card alone, in again by phone alone (nothing links them yet: two inside),
    # then out by ID card with that phone: now the phone and name are his, so the
    # phone-only visit was his too, and he is out, counted once
    came = _register(station_env, clock, 0, name="张三", id_number=ZHANG_ID)
    by_phone = _register(station_env, clock, 60, name="张三", phone=PHONE)
    assert by_phone.person_id != came.person_id and inside_count(station_env[0]) == 2
    _register(
        station_env, clock, 120, name="张三", id_number=ZHANG_ID, phone=PHONE, direction="out"
    )
    assert inside_count(station_env[0]) == 0
    back = _register(station_env, clock, 180, name="张三", phone=PHONE)  # back by phone
    assert back.person_id == came.person_id
    assert [p.id_masked for p in inside_now(station_env[0])] == [
        ZHANG_ID[:6] + "********" + ZHANG_ID[-4:]
    ]
    # the other way round: out by phone alone once the ID holder has the phone
    _register(station_env, clock, 240, name="张三", phone=PHONE, direction="out")
    assert inside_count(station_env[0]) == 0
