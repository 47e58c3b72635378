"""A scripted day at one gate for who is inside, who was here with whom, the lane's pace.

Registered through ``register_visit`` (people filed by ID number, else phone + name,
as at the desk), on DAY in local time, by two volunteers' shifts; a supervisor
deletes two visits and a fever stop is turned away. What the day should give is
worked out by hand in the tests that use it (tests/services/test_insight.py).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import Engine

from checkpoint_desk.domain.screening import ScreeningRules
from checkpoint_desk.domain.verdict import Disposition
from checkpoint_desk.services.operators import create_operator
from checkpoint_desk.services.roles import approve
from checkpoint_desk.services.visit_edits import delete_visit
from checkpoint_desk.services.visits import VisitDraft, register_visit, set_disposition
from checkpoint_desk.store.models import Operator, Shift, Station
from tests.conftest import FakeClock
from tests.export.factories import make_shift
from tests.services.conftest import make_id

DAY = date(2026, 11, 28)
SUPERVISOR_PIN = "987654"
ZHANG = make_id(101)  # 张三: in, out, in again
LI = make_id(102)  # 李娜: in (the evening before too), out
WANG = make_id(103)  # 王五: an exit with no entry
ZHAO = make_id(104)  # 赵六: in; his exit is deleted
QIAN = make_id(105)  # 钱七: in, deleted
ZHOU = make_id(106)  # 周九: in, out
SUN_PHONE = "13900000005"  # 孙八, no ID number: a fever stop, turned away
WU_PHONE = "13900000007"  # 吴十, no ID number: in twice


def local(hour: int, minute: int = 0, day: date = DAY) -> datetime:
    """An aware datetime at local wall-clock time on ``day``."""
    return datetime(day.year, day.month, day.day, hour, minute).astimezone()


@dataclass
class InsightDay:
    engine: Engine
    station: Station
    supervisor: Operator
    morning: Shift
    evening: Shift
    visits: dict[str, uuid.UUID] = field(default_factory=dict)


def script_day(engine: Engine, station: Station, clock: FakeClock) -> InsightDay:
    """Register the day (see the module's docstring); returns who did what."""
    wang = create_operator(engine, station.id, "王芳", "volunteer", "1234", clock=clock)
    li = create_operator(engine, station.id, "李强", "volunteer", "5678", clock=clock)
    chief = create_operator(engine, station.id, "李主任", "supervisor", SUPERVISOR_PIN, clock=clock)
    morning = make_shift(engine, station, wang, local(7), local(14))
    evening = make_shift(engine, station, li, local(14), None)
    day = InsightDay(engine, station, chief, morning, evening)
    rules = ScreeningRules()

    def visit(
        key: str,
        at: datetime,
        name: str,
        *,
        shift: Shift | None,
        id_number: str = "",
        phone: str = "",
        out: bool = False,
        lane: float | None,
        temperature: str = "36.5",
    ) -> None:
        draft = VisitDraft(
            direction="out" if out else "in",
            name=name,
            id_number=id_number,
            phone=phone,
            temperature=temperature,
            at=at,
            lane_seconds=lane,
        )
        done = register_visit(
            engine,
            draft,
            station_id=station.id,
            shift_id=shift.id if shift else None,
            rules=rules,
            clock=clock,
        )
        day.visits[key] = done.visit_id

    visit("li_before", local(20, 0, date(2026, 11, 27)), "李娜", shift=None, id_number=LI, lane=5)
    visit("zhang_in", local(8, 0), "张三", shift=morning, id_number=ZHANG, lane=10)
    visit("li_in", local(8, 5), "李娜", shift=morning, id_number=LI, lane=20)
    visit("wang_out", local(8, 10), "王五", shift=morning, id_number=WANG, out=True, lane=6)
    visit("qian_in", local(8, 15), "钱七", shift=morning, id_number=QIAN, lane=12)
    visit("zhao_in", local(8, 20), "赵六", shift=morning, id_number=ZHAO, lane=14)
    visit(
        "sun_in", local(8, 25), "孙八", shift=morning, phone=SUN_PHONE, lane=30, temperature="38.2"
    )
    visit("zhao_out", local(9, 0), "赵六", shift=morning, id_number=ZHAO, out=True, lane=8)
    visit("zhang_out", local(12, 0), "张三", shift=morning, id_number=ZHANG, out=True, lane=9)
    visit("zhou_in", local(14, 20), "周九", shift=evening, id_number=ZHOU, lane=40)
    visit("li_out", local(14, 30), "李娜", shift=evening, id_number=LI, out=True, lane=11)
    visit("zhang_again", local(18, 0), "张三", shift=evening, id_number=ZHANG, lane=16)
    visit("wu_in", local(18, 20), "吴十", shift=evening, phone=WU_PHONE, lane=18)
    visit("zhou_out", local(18, 40), "周九", shift=evening, id_number=ZHOU, out=True, lane=22)
    visit("wu_again", local(18, 50), "吴十", shift=evening, phone=WU_PHONE, lane=25)

    sun = day.visits["sun_in"]
    set_disposition(engine, sun, Disposition.DENIED, operator_id=wang.id, clock=clock)
    approval = approve(engine, chief.id, SUPERVISOR_PIN, clock=clock)
    delete_visit(engine, day.visits["zhao_out"], approval=approval, reason="误登", clock=clock)
    delete_visit(engine, day.visits["qian_in"], approval=approval, reason="重复", clock=clock)
    return day
