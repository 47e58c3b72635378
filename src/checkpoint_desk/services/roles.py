"""Roles: what only a supervisor may do, proved by a ``SupervisorApproval``.

A supervisor types their PIN (``approve``); the approval it returns is what the
services ask for before an unmasked export or display, a settings change, an
override of a stop, an edit or deletion of a committed visit, or revoking a pass.
The check is in the services, not only in the window: a volunteer's PIN never
yields an approval, and each act is an audit entry naming the supervisor.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from checkpoint_desk.clock import Clock, utc_now
from checkpoint_desk.domain.pin_hash import pin_matches
from checkpoint_desk.errors import CheckpointError
from checkpoint_desk.i18n import N_
from checkpoint_desk.services.audit import record
from checkpoint_desk.services.operators import (
    FIRST_LOCK_S,
    FREE_ATTEMPTS,
    MAX_LOCK_S,
    PinError,
    PinLockedError,
    check_pin_format,
    verify_pin,
)
from checkpoint_desk.settings import Settings
from checkpoint_desk.store.models import AuditEntry, Operator, Person
from checkpoint_desk.store.person_secrets import id_number_of, phone_of
from checkpoint_desk.store.vault import vault_of

APPROVAL_VALID = timedelta(minutes=5)  # one approval covers one act, right away
_MINT = object()


class RoleError(CheckpointError):
    """The act needs a supervisor's approval."""

    exit_code = 2


@dataclass(frozen=True)
class SupervisorApproval:
    """A supervisor's PIN was checked at ``at``; made only by :func:`approve`."""

    supervisor_id: uuid.UUID
    station_id: uuid.UUID
    name: str
    at: datetime
    _mint: object = field(default=None, repr=False, compare=False)


def approve(
    engine: Engine,
    operator_id: uuid.UUID,
    pin: str,
    *,
    clock: Clock = utc_now,
) -> SupervisorApproval:
    """Check a supervisor's PIN (lock-out and audit as for sign-in) and approve.

    A volunteer gets RoleError before the PIN is even checked.
    """
    operator = _operator(engine, operator_id)
    if operator.role != "supervisor":
        raise RoleError(N_("Only a supervisor can approve this."))
    checked = verify_pin(engine, operator_id, pin, clock=clock, action="supervisor_approval")
    return SupervisorApproval(checked.id, checked.station_id, checked.name, clock(), _MINT)


def approve_by_name(
    engine: Engine, name: str, pin: str, *, clock: Clock = utc_now
) -> SupervisorApproval:
    """``approve`` for the active operator called ``name`` (the command line's way)."""
    with Session(engine) as session:
        operator = session.exec(
            select(Operator).where(Operator.name == name.strip(), col(Operator.active))
        ).first()
    if operator is None:
        raise PinError(N_("No operator named {name}."), name=name.strip())
    return approve(engine, operator.id, pin, clock=clock)


PROMPT_FAILED = "supervisor_pin_failed"
PROMPT_OK = "supervisor_approval"


def approve_by_pin(engine: Engine, pin: str, *, clock: Clock = utc_now) -> SupervisorApproval:
    """Approval by whichever supervisor owns ``pin`` (the desk's inline PIN field).

    The PIN is compared with every active supervisor's without charging any one of
    them: a wrong PIN is one failure of this desk's supervisor prompt (audited
    ``supervisor_pin_failed``), and five in a row lock the prompt with the same
    back-off as an operator's sign-in. So a volunteer guessing cannot lock every
    supervisor out, and one locked supervisor does not block the others.
    """
    check_pin_format(pin)
    now = clock()
    with Session(engine) as session:
        failures, last_failure = _prompt_failures(session)
        if failures >= FREE_ATTEMPTS and last_failure is not None:
            wait = min(FIRST_LOCK_S * 2 ** (failures - FREE_ATTEMPTS), MAX_LOCK_S)
            left = (last_failure + timedelta(seconds=wait) - now).total_seconds()
            if left > 0:
                raise PinLockedError(
                    N_("Too many wrong PINs: try again in {seconds} s."), seconds=int(left + 0.999)
                )
        supervisors = session.exec(
            select(Operator).where(Operator.role == "supervisor", col(Operator.active))
        ).all()
    match = next((op for op in supervisors if pin_matches(pin, op.pin_hash)), None)
    if match is None:
        with Session(engine) as session:
            record(session, PROMPT_FAILED, {"failed": failures + 1}, clock=clock)
            session.commit()
        raise PinError(N_("No supervisor has this PIN."))
    return approve(engine, match.id, pin, clock=clock)


def _prompt_failures(session: Session) -> tuple[int, datetime | None]:
    """Wrong supervisor PINs in a row at this desk, and when the last one was."""
    recent = session.exec(
        select(AuditEntry)
        .where(col(AuditEntry.action).in_((PROMPT_FAILED, PROMPT_OK)))
        .order_by(col(AuditEntry.seq).desc())
        .limit(64)
    ).all()
    count = 0
    for entry in recent:
        if entry.action == PROMPT_OK:
            break
        count += 1
    return count, (recent[0].at if count else None)


def require_supervisor(
    approval: SupervisorApproval | None, *, clock: Clock = utc_now
) -> SupervisorApproval:
    """The approval if it is genuine and fresh, else RoleError."""
    if approval is None or approval._mint is not _MINT:
        raise RoleError(N_("A supervisor's PIN is needed for this."))
    if clock() - approval.at > APPROVAL_VALID:
        raise RoleError(N_("The supervisor's approval has expired: enter the PIN again."))
    return approval


@dataclass(frozen=True)
class Unmasked:
    """A person's full ID number and phone, shown after a supervisor approved."""

    person_id: uuid.UUID
    id_number: str | None
    phone: str | None


def unmask_person(
    engine: Engine,
    person_id: uuid.UUID,
    *,
    approval: SupervisorApproval | None,
    reason: str = "",
    clock: Clock = utc_now,
) -> Unmasked:
    """Decrypt a person's ID number and phone for display; audited as ``unmask``."""
    approved = require_supervisor(approval, clock=clock)
    vault = vault_of(engine)
    with Session(engine) as session:
        person = session.get(Person, person_id)
        if person is None:
            raise RoleError(N_("No such person."))
        shown = Unmasked(person.id, id_number_of(person, vault), phone_of(person, vault))
        record(
            session,
            "unmask",
            {"person": str(person.id), "reason": reason.strip()},
            station_id=approved.station_id,
            operator_id=approved.supervisor_id,
            clock=clock,
        )
        session.commit()
    return shown


def change_settings(
    engine: Engine,
    settings: Settings,
    changes: dict[str, Any],
    *,
    approval: SupervisorApproval | None,
    clock: Clock = utc_now,
) -> dict[str, Any]:
    """Set and save ``changes``; audited as ``settings_change``. Returns the new values.

    Every value is checked before anything is saved (a bad one changes nothing).
    """
    approved = require_supervisor(approval, clock=clock)
    changed = settings.update(changes)
    if not changed:
        return {}
    settings.save()
    with Session(engine) as session:
        record(
            session,
            "settings_change",
            {"changed": changed},
            station_id=approved.station_id,
            operator_id=approved.supervisor_id,
            clock=clock,
        )
        session.commit()
    return changed


def _operator(engine: Engine, operator_id: uuid.UUID) -> Operator:
    with Session(engine) as session:
        operator = session.get(Operator, operator_id)
    if operator is None or not operator.active:
        raise PinError(N_("Unknown operator."))
    return operator
