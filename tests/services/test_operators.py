"""PINs: hashed, checked in constant time, locked out after repeated failures."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from checkpoint_desk.errors import ValidationError
from checkpoint_desk.services.operators import (
    PinError,
    PinLockedError,
    create_operator,
    list_operators,
    verify_pin,
)
from checkpoint_desk.store.models import AuditEntry, Operator, Station
from tests.conftest import FakeClock


def test_pin_is_stored_as_salted_scrypt(engine: Engine, station: Station, clock: FakeClock) -> None:
    a = create_operator(engine, station.id, "甲", "volunteer", "1234", clock=clock)
    b = create_operator(engine, station.id, "乙", "supervisor", "1234", clock=clock)
    assert a.pin_hash.startswith("scrypt$") and "1234" not in a.pin_hash
    assert a.pin_hash != b.pin_hash  # random salt
    assert [o.name for o in list_operators(engine)] == sorted(["甲", "乙"])


@pytest.mark.parametrize("pin", ["123", "1234567890123", "12a4", "", "１２３４"])
def test_bad_pins_and_roles_are_refused(engine: Engine, station: Station, pin: str) -> None:
    with pytest.raises(ValidationError):
        create_operator(engine, station.id, "甲", "volunteer", pin)
    with pytest.raises(ValidationError):
        create_operator(engine, station.id, "甲", "admin", "1234")
    assert list_operators(engine) == []


def test_right_pin_signs_in_and_is_audited(
    engine: Engine, volunteer: Operator, clock: FakeClock
) -> None:
    assert verify_pin(engine, volunteer.id, "1234", clock=clock).name == "王芳"
    with Session(engine) as session:
        actions = session.exec(select(AuditEntry.action).order_by(col(AuditEntry.seq))).all()
    assert actions[-1] == "sign_in"


def test_lockout_after_five_wrong_pins_doubles(
    engine: Engine, volunteer: Operator, clock: FakeClock
) -> None:
    start = clock()

    def monotonic() -> float:  # real time passing moves both clocks
        return (clock() - start).total_seconds()

    for _ in range(4):
        with pytest.raises(PinError) as info:
            verify_pin(engine, volunteer.id, "0000", clock=clock, monotonic=monotonic)
        assert not isinstance(info.value, PinLockedError)
    with pytest.raises(PinLockedError) as locked:
        verify_pin(engine, volunteer.id, "0000", clock=clock, monotonic=monotonic)
    assert locked.value.seconds == 30
    # while locked even the right PIN is not accepted
    with pytest.raises(PinLockedError):
        verify_pin(engine, volunteer.id, "1234", clock=clock, monotonic=monotonic)
    clock.advance(seconds=31)
    with pytest.raises(PinLockedError) as again:
        verify_pin(engine, volunteer.id, "9999", clock=clock, monotonic=monotonic)
    assert again.value.seconds == 60
    clock.advance(seconds=61)
    assert (
        verify_pin(engine, volunteer.id, "1234", clock=clock, monotonic=monotonic).failed_pins == 0
    )
    with Session(engine) as session:
        row = session.get(Operator, volunteer.id)
        assert row is not None and row.failed_pins == 0 and row.locked_until is None
        failures = session.exec(select(AuditEntry).where(AuditEntry.action == "pin_failed")).all()
    assert len(failures) == 6
