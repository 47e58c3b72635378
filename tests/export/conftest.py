"""A station's day with passes, stops (one with fever), an exit and a vehicle."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pytest
from sqlalchemy import Engine

from checkpoint_desk.store.models import Shift, Station
from tests.export.factories import make_operator, make_shift, make_visit

DAY = date(2026, 11, 28)


def local(hour: int, minute: int = 0, day: date = DAY) -> datetime:
    """An aware datetime at local wall-clock time on ``day``."""
    return datetime(day.year, day.month, day.day, hour, minute).astimezone()


@dataclass
class Day:
    engine: Engine
    station: Station
    morning: Shift
    evening: Shift


@pytest.fixture
def busy_day(station_env: tuple[Engine, Station]) -> Day:
    """Six visits on DAY (two shifts), one the day before and one the day after."""
    engine, station = station_env
    wang = make_operator(engine, station, "王芳")
    li = make_operator(engine, station, "李强")
    morning = make_shift(engine, station, wang, local(7), local(14))
    evening = make_shift(engine, station, li, local(14), None)
    make_visit(engine, station, at=local(6, 50, date(2026, 11, 27)), name="昨天", shift=None)
    make_visit(
        engine, station, at=local(8, 5), shift=morning, name="张伟", plate="鲁H12345", passengers=2
    )
    make_visit(
        engine,
        station,
        at=local(8, 40),
        shift=morning,
        name="李娜",
        id_number="370802199202022281",
        phone="13987654321",
        temperature=37.8,
        verdict="stop",
        reasons=["fever"],
        disposition="referred",
        retest=37.6,
    )
    make_visit(
        engine,
        station,
        at=local(9, 15),
        shift=morning,
        name="赵四",
        health_code="yellow",
        verdict="stop",
        reasons=["health_code_yellow"],
        disposition="denied",
    )
    make_visit(engine, station, at=local(9, 30), shift=morning, name="张伟", direction="out")
    make_visit(engine, station, at=local(15, 0), shift=evening, name="王五", note="送快递")
    make_visit(engine, station, at=local(23, 59), shift=evening, name="夜归人", temperature=36.2)
    make_visit(engine, station, at=local(0, 1, date(2026, 11, 29)), shift=evening, name="明天")
    return Day(engine, station, morning, evening)
