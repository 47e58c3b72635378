"""The desk's inline supervisor PIN: who owns the PIN approves; guessing locks the prompt."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from checkpoint_desk.services.operators import (
    PinError,
    PinLockedError,
    create_operator,
    verify_pin,
)
from checkpoint_desk.services.roles import approve_by_pin
from checkpoint_desk.store.models import Operator, Station
from tests.conftest import FakeClock


def failed_pins(engine: Engine, operator: Operator) -> int:
    with Session(engine) as session:
        found = session.get(Operator, operator.id)
        assert found is not None
        return found.failed_pins


def test_guessing_locks_the_prompt_not_the_supervisors(
    engine: Engine, station: Station, supervisor: Operator, clock: FakeClock
) -> None:
    other = create_operator(engine, station.id, "陈主任", "supervisor", "135790", clock=clock)
    for _ in range(5):
        with pytest.raises(PinError, match="No supervisor has this PIN"):
            approve_by_pin(engine, "111111", clock=clock)
    assert failed_pins(engine, supervisor) == 0 and failed_pins(engine, other) == 0
    with pytest.raises(PinLockedError):
        approve_by_pin(engine, "135790", clock=clock)  # even the right PIN waits
    clock.advance(seconds=31)
    approval = approve_by_pin(engine, "135790", clock=clock)
    assert approval.supervisor_id == other.id
    approve_by_pin(engine, "987654", clock=clock)  # the count starts again after a success


def test_a_locked_supervisor_does_not_block_another(
    engine: Engine, station: Station, supervisor: Operator, clock: FakeClock
) -> None:
    other = create_operator(engine, station.id, "陈主任", "supervisor", "135790", clock=clock)
    for _ in range(5):
        with pytest.raises(PinError):
            verify_pin(engine, supervisor.id, "000000", clock=clock)
    with pytest.raises(PinLockedError):
        approve_by_pin(engine, "987654", clock=clock)  # the locked one's own PIN
    assert approve_by_pin(engine, "135790", clock=clock).supervisor_id == other.id
