"""Correcting or deleting a committed visit: a supervisor's act, audited, synced again.

An edit bumps the visit's ``revision`` (so the hub gets the new version); a deletion
is a tombstone (``deleted_at`` set, revision bumped) that syncs like an edit, and a
deleted visit leaves lists, counts and ledgers. Both need a ``SupervisorApproval``.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session

from checkpoint_desk.clock import Clock, utc_now
from checkpoint_desk.domain.temperature import parse_temperature
from checkpoint_desk.errors import CheckpointError, ValidationError
from checkpoint_desk.i18n import N_
from checkpoint_desk.services.audit import record
from checkpoint_desk.services.database import database_errors
from checkpoint_desk.services.roles import SupervisorApproval, require_supervisor
from checkpoint_desk.store.models import Visit

EDITABLE = (
    "direction",
    "temperature",
    "health_code",
    "passengers",
    "purpose",
    "destination",
    "note",
)
_CHOICES = {"direction": ("in", "out"), "health_code": ("green", "yellow", "red", "unknown")}


class VisitEditError(CheckpointError):
    """The visit cannot be changed as asked."""

    exit_code = 2


def edit_visit(
    engine: Engine,
    visit_id: uuid.UUID,
    changes: dict[str, Any],
    *,
    approval: SupervisorApproval | None,
    reason: str = "",
    clock: Clock = utc_now,
) -> Visit:
    """Apply ``changes`` (keys from ``EDITABLE``) to a committed visit; audited ``visit_edit``.

    ``temperature`` is parsed as typed (``36.5``, ``365``, ``98.6F``). Nothing is
    saved when any value is refused. Returns the updated visit.
    """
    approved = require_supervisor(approval, clock=clock)
    values = {key: _value(key, value) for key, value in changes.items()}
    now = clock()
    with database_errors(), Session(engine, expire_on_commit=False) as session:
        visit = _live_visit(session, visit_id)
        before: dict[str, Any] = {}
        for key, value in values.items():
            column = "temperature_c" if key == "temperature" else key
            if getattr(visit, column) != value:
                before[column] = getattr(visit, column)
                setattr(visit, column, value)
        if not before:
            return visit
        visit.revision += 1
        visit.updated_at = now
        session.add(visit)
        record(
            session,
            "visit_edit",
            {
                "visit": str(visit.id),
                "before": before,
                "after": {k: getattr(visit, k) for k in before},
                "reason": reason.strip(),
            },
            station_id=visit.station_id,
            operator_id=approved.supervisor_id,
            clock=clock,
        )
        session.commit()
        return visit


def delete_visit(
    engine: Engine,
    visit_id: uuid.UUID,
    *,
    approval: SupervisorApproval | None,
    reason: str = "",
    clock: Clock = utc_now,
) -> Visit:
    """Mark a committed visit deleted (a tombstone that syncs); audited ``visit_delete``."""
    approved = require_supervisor(approval, clock=clock)
    now = clock()
    with database_errors(), Session(engine, expire_on_commit=False) as session:
        visit = _live_visit(session, visit_id)
        visit.deleted_at = now
        visit.revision += 1
        visit.updated_at = now
        session.add(visit)
        record(
            session,
            "visit_delete",
            {"visit": str(visit.id), "at": visit.at.isoformat(), "reason": reason.strip()},
            station_id=visit.station_id,
            operator_id=approved.supervisor_id,
            clock=clock,
        )
        session.commit()
        return visit


def _live_visit(session: Session, visit_id: uuid.UUID) -> Visit:
    visit = session.get(Visit, visit_id)
    if visit is None or visit.deleted_at is not None:
        raise VisitEditError(N_("No such visit."))
    return visit


def _value(key: str, value: Any) -> Any:
    if key not in EDITABLE:
        raise ValidationError("visit_field", N_("{field} cannot be edited."), field=key)
    if key == "temperature":
        return None if value in (None, "") else parse_temperature(str(value)).celsius
    if key == "passengers":
        try:
            number = int(value)
        except (TypeError, ValueError):
            number = -1
        if not 0 <= number <= 99:
            raise ValidationError("passengers_range", N_("passengers must be 0 to 99."))
        return number
    text = str(value).strip()
    if key in _CHOICES and text not in _CHOICES[key]:
        raise ValidationError(
            "visit_value", N_("{field}: choose one of {choices}."),
            field=key, choices=", ".join(_CHOICES[key]),
        )  # fmt: skip
    return text
