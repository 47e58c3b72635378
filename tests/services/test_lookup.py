"""Finding returning people by what a volunteer types in the search box."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from checkpoint_desk.domain.screening import ScreeningRules
from checkpoint_desk.services.lookup import find_people, last_visit, returning_person
from checkpoint_desk.services.visits import VisitDraft, register_visit
from checkpoint_desk.store.models import Shift, Station
from tests.conftest import FakeClock
from tests.services.conftest import make_id


@pytest.fixture
def people(engine: Engine, station: Station, shift: Shift, clock: FakeClock) -> None:
    rows = [
        ("张三", make_id(1), "13812345678", "鲁H12345"),
        ("张三丰", make_id(2), "13900001111", ""),
        ("李娜", make_id(3), "", "鲁A88888"),
        ("Li Na", "", "13700002222", ""),
    ]
    for name, id_number, phone, plate in rows:
        clock.advance(minutes=1)
        register_visit(
            engine,
            VisitDraft(
                name=name, id_number=id_number, phone=phone, plate=plate, temperature="36.5"
            ),
            station_id=station.id,
            shift_id=shift.id,
            rules=ScreeningRules(),
            clock=clock,
        )


@pytest.mark.usefixtures("people")
@pytest.mark.parametrize(
    ("query", "names", "how"),
    [
        (make_id(1), ["张三"], "id_number"),
        (make_id(1).lower()[:-1] + make_id(1)[-1].lower(), ["张三"], "id_number"),
        ("370811800101001", ["张三"], "id_number"),  # the legacy 15-digit form
        ("138 1234 5678", ["张三"], "phone"),
        ("139-0000-1111", ["张三丰"], "phone"),
        ("139", [], "phone"),  # sealed: a part of a phone finds nobody (issue 8)
        (make_id(2)[:10], [], "id_number"),  # nor a part of an ID number
        ("鲁a88888", ["李娜"], "plate"),
        ("zs", ["张三", "张三丰"], "initials"),
        ("ZSF", ["张三丰"], "initials"),
        ("张三", ["张三", "张三丰"], "name"),
        ("Li", ["Li Na"], "name"),
    ],
)
def test_find_people(engine: Engine, query: str, names: list[str], how: str) -> None:
    found = find_people(engine, query)
    assert [m.name for m in found] == names
    assert all(m.matched_by == how for m in found[:1])


@pytest.mark.usefixtures("people")
def test_matches_are_masked_for_display_and_carry_the_last_visit(engine: Engine) -> None:
    match = find_people(engine, "13812345678")[0]
    assert match.phone_masked == "138****5678"
    assert match.id_masked.startswith("370811") and "*" in match.id_masked
    assert match.last_plate == "鲁H12345" and match.last_visit_at is not None
    visit = last_visit(engine, match.person_id)
    assert visit is not None and visit.at == match.last_visit_at


@pytest.mark.usefixtures("people")
def test_returning_person_for_autofill(engine: Engine) -> None:
    by_plate = returning_person(engine, plate="鲁H 12345")
    assert by_plate is not None and by_plate.name == "张三"
    by_id = returning_person(engine, id_number="370811800101002")
    assert by_id is not None and by_id.name == "张三丰"
    by_phone = returning_person(engine, phone="139-0000-1111")
    assert by_phone is not None and by_phone.name == "张三丰"
    assert returning_person(engine, id_number=make_id(9)) is None
    assert find_people(engine, "  ") == [] and find_people(engine, "王") == []
