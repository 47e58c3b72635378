"""Operators and their PINs: scrypt hashes, lock-out with back-off, audited sign-in."""

from __future__ import annotations

import logging
import time
import uuid
from datetime import timedelta

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from checkpoint_desk.clock import Clock, utc_now
from checkpoint_desk.domain.pin_hash import hash_pin, pin_matches
from checkpoint_desk.errors import CheckpointError, ValidationError
from checkpoint_desk.i18n import N_
from checkpoint_desk.services import lockouts
from checkpoint_desk.services.audit import record
from checkpoint_desk.store.models import Operator

log = logging.getLogger(__name__)
ROLES = ("volunteer", "supervisor")
PIN_MIN, PIN_MAX = 4, 12
FREE_ATTEMPTS = 5  # wrong PINs before the first lock
FIRST_LOCK_S = 30  # then 60, 120 … up to MAX_LOCK_S
MAX_LOCK_S = 3600


class PinError(CheckpointError):
    """The PIN was wrong, or the operator is locked out or unknown."""

    exit_code = 2


class PinLockedError(PinError):
    """Too many wrong PINs: try again after ``seconds``."""

    def __init__(self, message: str, *, seconds: int, **args_: object) -> None:
        self.seconds = seconds
        super().__init__(message, seconds=seconds, **args_)


def check_pin_format(pin: str) -> str:
    """The PIN if it is 4–12 digits, else a ValidationError."""
    if not (pin.isascii() and pin.isdigit() and PIN_MIN <= len(pin) <= PIN_MAX):
        raise ValidationError(
            "pin_format",
            N_("The PIN must be {minimum} to {maximum} digits."),
            minimum=PIN_MIN,
            maximum=PIN_MAX,
        )
    return pin


def create_operator(
    engine: Engine,
    station_id: uuid.UUID,
    name: str,
    role: str,
    pin: str,
    *,
    clock: Clock = utc_now,
) -> Operator:
    """Add an operator with a hashed PIN; audited as ``operator_add``."""
    name = name.strip()
    if not name:
        raise ValidationError("operator_name", N_("The operator needs a name."))
    if role not in ROLES:
        raise ValidationError(
            "operator_role", N_("The role must be volunteer or supervisor."), role=role
        )
    check_pin_format(pin)
    now = clock()
    operator = Operator(
        station_id=station_id,
        name=name,
        role=role,
        pin_hash=hash_pin(pin),
        created_at=now,
        updated_at=now,
    )
    with Session(engine, expire_on_commit=False) as session:
        same = session.exec(
            select(Operator).where(
                Operator.station_id == station_id, Operator.name == name, col(Operator.active)
            )
        ).first()
        if same is not None:
            raise ValidationError(
                "operator_exists", N_("There is already an operator named {name}."), name=name
            )
        session.add(operator)
        session.flush()
        record(
            session,
            "operator_add",
            {"operator": str(operator.id), "name": name, "role": role},
            station_id=station_id,
            clock=clock,
        )
        session.commit()
    return operator


def list_operators(engine: Engine) -> list[Operator]:
    """Active operators, by name."""
    with Session(engine) as session:
        return list(
            session.exec(select(Operator).where(col(Operator.active)).order_by(Operator.name))
        )


def verify_pin(
    engine: Engine,
    operator_id: uuid.UUID,
    pin: str,
    *,
    clock: Clock = utc_now,
    action: str = "sign_in",
    monotonic: lockouts.Monotonic = time.monotonic,
) -> Operator:
    """Check an operator's PIN; returns the operator or raises ``PinError``.

    Every wrong PIN counts; from the fifth on, the operator is locked for 30 s,
    doubling with each further failure (capped at an hour); while locked, PINs are
    not even checked. A right PIN clears the count. Audited as ``pin_failed`` or
    ``action`` (``sign_in`` by default; a supervisor approving an override passes
    ``supervisor_approval``). A lock-out holds on the monotonic clock as well, so
    setting the wall clock forward does not end it (``services/lockouts.py``).
    """
    now = clock()
    with Session(engine, expire_on_commit=False) as session:
        operator = session.get(Operator, operator_id)
        if operator is None or not operator.active:
            raise PinError(N_("Unknown operator."))
        key = str(operator.id)
        wall_s = (operator.locked_until - now).total_seconds() if operator.locked_until else 0.0
        left_s = max(wall_s, lockouts.remaining_s(engine, key, monotonic=monotonic))
        if left_s > 0:
            seconds = int(left_s + 0.999)
            raise PinLockedError(
                N_("Too many wrong PINs: try again in {seconds} s."), seconds=seconds
            )
        if not pin_matches(pin, operator.pin_hash):
            operator.failed_pins += 1
            locked = operator.failed_pins >= FREE_ATTEMPTS
            if locked:
                doublings = operator.failed_pins - FREE_ATTEMPTS
                seconds = min(FIRST_LOCK_S * 2 ** min(doublings, 16), MAX_LOCK_S)
                operator.locked_until = now + timedelta(seconds=seconds)
                lockouts.hold(engine, key, seconds, monotonic=monotonic)
            session.add(operator)
            record(
                session,
                "pin_failed",
                {"failed": operator.failed_pins, "locked": locked},
                station_id=operator.station_id,
                operator_id=operator.id,
                clock=clock,
            )
            session.commit()
            log.warning(
                "wrong PIN for operator %s (%d in a row)", operator.id, operator.failed_pins
            )
            if locked:
                raise PinLockedError(
                    N_("Wrong PIN. Too many wrong PINs: try again in {seconds} s."),
                    seconds=seconds,
                )
            raise PinError(N_("Wrong PIN."))
        operator.failed_pins = 0
        operator.locked_until = None
        lockouts.release(engine, key)
        session.add(operator)
        record(
            session,
            action,
            {},
            station_id=operator.station_id,
            operator_id=operator.id,
            clock=clock,
        )
        session.commit()
    return operator
