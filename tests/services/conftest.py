"""Fixtures for the services: a signed-in operator with an open shift, ID numbers."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from checkpoint_desk.domain.idnumber import check_character
from checkpoint_desk.services.operators import create_operator
from checkpoint_desk.services.shifts import open_shift
from checkpoint_desk.store.models import Operator, Shift, Station
from tests.conftest import FakeClock


def make_id(serial: int, birth: str = "19800101", region: str = "370811") -> str:
    """A valid 18-character ID number (check character computed)."""
    first17 = f"{region}{birth}{serial % 1000:03d}"
    return first17 + check_character(first17)


@pytest.fixture
def station(station_env: tuple[Engine, Station]) -> Station:
    return station_env[1]


@pytest.fixture
def volunteer(engine: Engine, station: Station, clock: FakeClock) -> Operator:
    return create_operator(engine, station.id, "王芳", "volunteer", "1234", clock=clock)


@pytest.fixture
def supervisor(engine: Engine, station: Station, clock: FakeClock) -> Operator:
    return create_operator(engine, station.id, "李主任", "supervisor", "987654", clock=clock)


@pytest.fixture
def shift(engine: Engine, station: Station, volunteer: Operator, clock: FakeClock) -> Shift:
    return open_shift(engine, station.id, volunteer.id, clock=clock)
