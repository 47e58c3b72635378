"""The trace's fast query gives what a naive reading of every visit gives (issue 16)."""

from __future__ import annotations

import itertools
import uuid
from datetime import UTC, date, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine
from sqlmodel import Session, select

from checkpoint_desk.clock import day_bounds
from checkpoint_desk.domain.masking import mask_id_number
from checkpoint_desk.domain.screening import ScreeningRules
from checkpoint_desk.services.operators import create_operator
from checkpoint_desk.services.roles import approve
from checkpoint_desk.services.trace import trace_contacts
from checkpoint_desk.services.visit_edits import delete_visit, edit_visit
from checkpoint_desk.services.visits import VisitDraft, register_visit
from checkpoint_desk.store.models import Operator, Person, Station, Visit
from checkpoint_desk.store.person_secrets import id_is
from checkpoint_desk.store.vault import vault_of
from tests.conftest import FakeClock
from tests.services.conftest import make_id

PEOPLE = [("张三", make_id(201)), ("李娜", make_id(202)), ("王五", make_id(203))]
PEOPLE += [("赵六", make_id(204)), ("钱七", make_id(205))]
PIN = "987654"

# one visit: who (index into PEOPLE), minutes after 06:00, direction out, and then
# kept, deleted, or the person's name corrected (their next visit types it back):
# the trace reads trace_visit (0011), which the triggers must keep true through each
FATES = ("kept", "deleted", "renamed")
visit_plan = st.tuples(
    st.integers(0, len(PEOPLE) - 1),
    st.integers(0, 12 * 60),
    st.booleans(),
    st.sampled_from(FATES),
)


def naive_contacts(
    engine: Engine, id_number: str, day: date, window: timedelta
) -> list[tuple[str, str, str, datetime, str, datetime]]:
    """Every visit read in Python: the others' within ``window`` of one of the person's."""
    start, end = day_bounds(day)
    with Session(engine) as session:
        subjects = set(session.exec(select(Person.id).where(id_is(vault_of(engine), id_number))))
        rows = session.exec(select(Visit, Person).join(Person)).all()
        names = {s.id: s.name for s in session.exec(select(Station)).all()}
    live = [(v, p) for v, p in rows if v.deleted_at is None]
    theirs = [v for v, p in live if p.id in subjects and start <= v.at < end]
    found = []
    for visit, person in live:
        if person.id in subjects:
            continue
        near = [t.at for t in theirs if t.station_id == visit.station_id]
        near = [at for at in near if abs(at - visit.at) <= window]
        if near:
            overlap = min(near, key=lambda at: (abs(at - visit.at), at))
            found.append(
                (
                    person.name,
                    person.id_masked or "",
                    person.phone_masked or "",
                    visit.at,
                    names[visit.station_id],
                    overlap,
                )
            )
    return sorted(found)


days = itertools.count()


def _supervisor(engine: Engine, station: Station, clock: FakeClock) -> uuid.UUID:
    """The station's supervisor, made by the first example (the station outlives them)."""
    with Session(engine) as session:
        chief = session.exec(select(Operator.id).where(Operator.role == "supervisor")).first()
    if chief is not None:
        return chief
    return create_operator(engine, station.id, "李主任", "supervisor", PIN, clock=clock).id


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    plan=st.lists(visit_plan, min_size=1, max_size=14),
    who=st.integers(0, len(PEOPLE) - 1),
    window_min=st.integers(1, 120),
)
def test_trace_equals_a_naive_reading_of_all_visits(
    station_env: tuple[Engine, Station],
    clock: FakeClock,
    plan: list[tuple[int, int, bool, str]],
    who: int,
    window_min: int,
) -> None:
    engine, station = station_env
    day = date(2026, 12, 1) + timedelta(days=next(days) * 3)  # each example its own days
    six = datetime(day.year, day.month, day.day, 6, tzinfo=UTC)
    approval = approve(engine, _supervisor(engine, station, clock), PIN, clock=clock)
    for person, minute, out, fate in plan:
        name, number = PEOPLE[person]
        draft = VisitDraft(
            direction="out" if out else "in",
            name=name,
            id_number=number,
            temperature="36.5",
            at=six + timedelta(minutes=minute),
        )
        done = register_visit(
            engine, draft, station_id=station.id, shift_id=None, rules=ScreeningRules(), clock=clock
        )
        if fate == "deleted":
            delete_visit(engine, done.visit_id, approval=approval, reason="误登", clock=clock)
        elif fate == "renamed":
            edit_visit(engine, done.visit_id, {"name": name + "一"}, approval=approval, clock=clock)
    number = PEOPLE[who][1]

    trace = trace_contacts(
        engine,
        id_number=number,
        first_day=day,
        last_day=day,
        window_min=window_min,
        approval=approval,
        clock=clock,
    )

    fast = [
        (c.name, c.id_masked, c.phone_masked, c.at, c.station, c.overlap_with)
        for c in trace.contacts
    ]
    assert [(c.at, c.name) for c in trace.contacts] == sorted(
        (c.at, c.name) for c in trace.contacts
    )
    assert sorted(fast) == naive_contacts(engine, number, day, timedelta(minutes=window_min))
    assert trace.asked == mask_id_number(number)
