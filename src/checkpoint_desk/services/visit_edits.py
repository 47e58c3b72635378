"""Correcting or deleting a committed visit: a supervisor's act, audited, synced again.

An edit bumps the visit's ``revision`` (so the hub gets the new version); a deletion
is a tombstone (``deleted_at`` set, revision bumped) that syncs like an edit, and a
deleted visit leaves lists, counts and ledgers. Both need a ``SupervisorApproval``.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, update
from sqlmodel import Session, col

from checkpoint_desk.clock import Clock, utc_now
from checkpoint_desk.domain.names import name_initials
from checkpoint_desk.domain.phone import parse_phone
from checkpoint_desk.domain.screening import ScreeningInput, ScreeningRules, screen
from checkpoint_desk.domain.temperature import parse_temperature
from checkpoint_desk.domain.verdict import Disposition
from checkpoint_desk.errors import CheckpointError, ValidationError
from checkpoint_desk.i18n import N_
from checkpoint_desk.services.audit import record
from checkpoint_desk.services.database import database_errors
from checkpoint_desk.services.drafts import checked_text
from checkpoint_desk.services.roles import SupervisorApproval, require_supervisor
from checkpoint_desk.store.models import Person, Visit
from checkpoint_desk.store.person_secrets import phone_of, seal_phone
from checkpoint_desk.store.vault import Vault, vault_of

EDITABLE = (
    "name",
    "phone",
    "direction",
    "temperature",
    "health_code",
    "passengers",
    "purpose",
    "destination",
    "note",
    "disposition",
)
PERSON_FIELDS = ("name", "phone")
"""Kept on the visit's person (their other visits show the correction too)."""

_CHOICES = {
    "direction": ("in", "out"),
    "health_code": ("green", "yellow", "red", "unknown"),
    "disposition": tuple(d.value for d in Disposition),
}
_TEMPERATURE_REASONS = ("fever", "temperature_missing")


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
    rules: ScreeningRules | None = None,
    clock: Clock = utc_now,
) -> Visit:
    """Apply ``changes`` (keys from ``EDITABLE``) to a committed visit; audited ``visit_edit``.

    ``temperature`` is parsed as typed (``36.5``, ``365``, ``98.6F``) and the verdict
    follows it under ``rules`` (a fever added or dropped; stop while any reason is left).
    ``name`` and ``phone`` correct the visit's person (the phone sealed, only its masked
    form audited). A ``disposition`` is the supervisor's, and only for a stopped visit.
    Nothing is saved when any value is refused. Returns the updated visit.
    """
    approved = require_supervisor(approval, clock=clock)
    values = {key: _value(key, value) for key, value in changes.items()}
    now = clock()
    with database_errors(), Session(engine, expire_on_commit=False) as session:
        visit = _live_visit(session, visit_id)
        before: dict[str, Any] = {}
        after: dict[str, Any] = {}
        for key, value in values.items():
            if key in PERSON_FIELDS or key == "disposition":
                continue
            column = "temperature_c" if key == "temperature" else key
            if getattr(visit, column) != value:
                before[column], after[column] = getattr(visit, column), value
                setattr(visit, column, value)
        if "temperature_c" in before:
            _screen_temperature_again(visit, rules or ScreeningRules(), now)
        if "disposition" in values and values["disposition"] != visit.disposition:
            if visit.verdict != "stop":
                raise VisitEditError(N_("Only a stopped visit has a disposition."))
            before["disposition"], after["disposition"] = visit.disposition, values["disposition"]
            visit.disposition = values["disposition"]
            visit.disposition_by = approved.supervisor_id
            visit.disposition_at = now
        person = {k: v for k, v in values.items() if k in PERSON_FIELDS}
        if person:
            _correct_person(session, vault_of(engine), visit, person, (before, after), now)
        if not before:
            return visit
        visit.revision += 1
        visit.updated_at = now
        session.add(visit)
        record(
            session,
            "visit_edit",
            {"visit": str(visit.id), "before": before, "after": after, "reason": reason.strip()},
            station_id=visit.station_id,
            operator_id=approved.supervisor_id,
            clock=clock,
        )
        session.commit()
        return visit


def _screen_temperature_again(visit: Visit, rules: ScreeningRules, now: datetime) -> None:
    """The temperature's reasons as the new temperature gives them; the rest stay."""
    measured = screen(ScreeningInput(now=now, temperature_c=visit.temperature_c), rules)
    kept = [code for code in visit.reasons if code not in _TEMPERATURE_REASONS]
    visit.reasons = [*(r.code for r in measured.reasons), *kept]
    visit.verdict = "stop" if visit.reasons else "pass"


def _correct_person(
    session: Session,
    vault: Vault,
    visit: Visit,
    values: dict[str, Any],
    changed: tuple[dict[str, Any], dict[str, Any]],
    now: datetime,
) -> None:
    before, after = changed
    person = session.get(Person, visit.person_id) if visit.person_id else None
    if person is None:
        raise VisitEditError(N_("This visit has no person on file to correct."))
    if "name" in values and values["name"] != person.name:
        before["name"], after["name"] = person.name, values["name"]
        person.name = values["name"]
        person.name_initials = name_initials(person.name)
    if "phone" in values and values["phone"] != phone_of(person, vault):
        was = person.phone_masked
        seal_phone(person, vault, values["phone"])
        before["phone"], after["phone"] = was, person.phone_masked
    if not session.is_modified(person):
        return
    person.revision += 1
    person.updated_at = now
    session.add(person)
    # The person's other visits carry the corrected name to the hub as well.
    session.execute(
        update(Visit)
        .where(
            col(Visit.person_id) == person.id,
            col(Visit.id) != visit.id,
            col(Visit.deleted_at).is_(None),
        )
        .values(revision=Visit.revision + 1, updated_at=now)
    )


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
    if key == "name":
        name = " ".join(checked_text(str(value)).split())
        if not name:
            raise ValidationError("name_missing", N_("A name cannot be empty."))
        return name
    if key == "phone":
        return parse_phone(str(value)).number if str(value).strip() else None
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
    text = checked_text(str(value), multiline=key == "note").strip()
    if key in _CHOICES and text not in _CHOICES[key]:
        raise ValidationError(
            "visit_value", N_("{field}: choose one of {choices}."),
            field=key, choices=", ".join(_CHOICES[key]),
        )  # fmt: skip
    return text
