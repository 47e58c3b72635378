"""Registering a visit (the hot path) and recording what was done with a stop.

``register_visit`` is one transaction: person, vehicle, visit, scans and verdict
commit together or not at all, and it returns only after the commit, which with
WAL and ``synchronous=FULL`` is on disk: what the volunteer sees was kept.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
import weakref
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, update
from sqlmodel import Session, col, func, or_, select

from checkpoint_desk.clock import Clock, as_utc, day_bounds, to_local, utc_now
from checkpoint_desk.codes.id_key import IdKey
from checkpoint_desk.domain.names import name_initials
from checkpoint_desk.domain.screening import ScreeningRules, screen
from checkpoint_desk.domain.temperature import parse_temperature
from checkpoint_desk.domain.verdict import Decision, Disposition, Verdict
from checkpoint_desk.errors import CheckpointError, ValidationError
from checkpoint_desk.i18n import N_
from checkpoint_desk.services.audit import record
from checkpoint_desk.services.database import database_errors
from checkpoint_desk.services.drafts import (
    CleanDraft,
    CodeFacts,
    FieldProblem,
    VisitDraft,
    clean_draft,
    code_facts,
    household_of,
    screening_input,
    validate_draft,
)
from checkpoint_desk.services.roles import SupervisorApproval, require_supervisor
from checkpoint_desk.store.id_keys import ID_KEY_KIND, community_id_key, legacy_deny_lookup
from checkpoint_desk.store.models import Person, ReferenceData, Scan, Vehicle, Visit
from checkpoint_desk.store.person_secrets import (
    ID_COLUMN,
    PHONE_COLUMN,
    RAW_TEXT_COLUMN,
    id_is,
    phone_is,
    seal_id_number,
    seal_phone,
)
from checkpoint_desk.store.vault import Vault, vault_of

log = logging.getLogger(__name__)

__all__ = [
    "DispositionError",
    "FieldProblem",
    "RegisteredVisit",
    "VisitDraft",
    "preview",
    "register_visit",
    "set_disposition",
    "validate_draft",
]


class DispositionError(CheckpointError):
    """A disposition that cannot be recorded as asked."""

    exit_code = 2


@dataclass(frozen=True)
class RegisteredVisit:
    """A committed visit: its id, the verdict shown, the person it was filed under."""

    visit_id: uuid.UUID
    verdict: Verdict
    person_id: uuid.UUID | None
    at: datetime


def preview(
    engine: Engine, draft: VisitDraft, rules: ScreeningRules, *, clock: Clock = utc_now
) -> Verdict:
    """The verdict ``register_visit`` would give now; writes nothing."""
    clean = clean_draft(draft)
    facts = code_facts(draft)
    now = as_utc(draft.at) if draft.at else clock()
    with Session(engine) as session:
        denied = _deny_listed(session, vault_of(engine), clean.id_number)
        exits = household_exits(session, draft.direction, household_of(clean, facts), now, rules)
    inp = screening_input(clean, facts, now, deny_listed=denied, household_exits=exits)
    return screen(inp, rules)


def household_exits(
    session: Session, direction: str, household: str | None, at: datetime, rules: ScreeningRules
) -> int | None:
    """How many times ``household`` went out on the local day of ``at`` (the household
    rule's count; None when the rule is off or this is no exit of a household).

    An exit counts when the visitor went: a pass, or a stop a supervisor let through.
    The desk counts what it has: its own visits, not another gate's (README).
    """
    if rules.household_exit_quota <= 0 or direction != "out" or not household:
        return None
    start, end = day_bounds(to_local(at).date())
    went = or_(col(Visit.verdict) == "pass", col(Visit.disposition) == Disposition.ALLOWED.value)
    query = (
        select(func.count())
        .select_from(Visit)
        .where(
            col(Visit.household) == household,
            col(Visit.at) >= start,
            col(Visit.at) < end,
            col(Visit.direction) == "out",
            col(Visit.deleted_at).is_(None),
            went,
        )
    )
    return int(session.exec(query).one())


def register_visit(
    engine: Engine,
    draft: VisitDraft,
    *,
    station_id: uuid.UUID,
    shift_id: uuid.UUID | None,
    rules: ScreeningRules,
    clock: Clock = utc_now,
    keep_raw_text: bool = True,
) -> RegisteredVisit:
    """Screen and commit one visit; raises ValidationError (writing nothing) on bad input."""
    clean = clean_draft(draft)
    facts = code_facts(draft)
    now = clock()
    at = as_utc(draft.at) if draft.at else now
    vault = vault_of(engine)
    with database_errors(), Session(engine, expire_on_commit=False) as session:
        denied = _deny_listed(session, vault, clean.id_number)
        household = household_of(clean, facts)
        exits = household_exits(session, draft.direction, household, at, rules)
        inp = screening_input(clean, facts, at, deny_listed=denied, household_exits=exits)
        verdict = screen(inp, rules)
        person = _file_person(session, vault, clean, facts, now)
        vehicle = _vehicle(session, clean.plate, now)
        visit = Visit(
            station_id=station_id,
            shift_id=shift_id,
            person_id=person.id,
            vehicle_id=vehicle.id if vehicle else None,
            vehicle_entry=draft.vehicle_entry,
            at=at,
            direction=draft.direction,
            source=draft.source,
            temperature_c=clean.temperature_c,
            temperature_converted=clean.temperature_converted,
            health_code=facts.health_code,
            health_code_confirmed=facts.health_code_confirmed,
            travel_risk=facts.travel_risk,
            nat_result=facts.nat_result,
            nat_at=as_utc(facts.nat_at) if facts.nat_at else None,
            vaccine_doses=facts.vaccine_doses,
            vaccine_last=facts.vaccine_last,
            purpose=draft.purpose.strip(),
            destination=draft.destination.strip(),
            passengers=draft.passengers,
            household=household,
            verdict=verdict.decision.value,
            reasons=verdict.reason_codes,
            note=draft.note.strip(),
            lane_seconds=draft.lane_seconds,
            updated_at=now,
        )
        session.add(visit)
        session.flush()
        for reading in draft.readings:
            session.add(
                Scan(
                    visit_id=visit.id,
                    scanned_at=at,
                    scheme=reading.scheme,
                    issuer=reading.issuer,
                    kid=reading.kid,
                    verified=reading.verified,
                    status=reading.status.value,
                    reasons=list(reading.reasons),
                    decoder=draft.decoder,
                    raw_text=(
                        vault.encrypt(reading.text, column=RAW_TEXT_COLUMN)
                        if keep_raw_text and reading.text
                        else None
                    ),
                )
            )
        session.commit()
        log.info("visit %s committed: %s %s", visit.id, visit.verdict, ",".join(visit.reasons))
        return RegisteredVisit(visit.id, verdict, person.id, at)


def set_disposition(
    engine: Engine,
    visit_id: uuid.UUID,
    disposition: Disposition,
    *,
    operator_id: uuid.UUID,
    retest_temperature: str | None = None,
    approval: SupervisorApproval | None = None,
    note: str = "",
    clock: Clock = utc_now,
    rules: ScreeningRules | None = None,
) -> Visit:
    """Record what was done with a stopped visitor; returns the updated visit.

    ``REMEASURED`` needs ``retest_temperature`` (stored as ``retest_temperature_c``;
    ``temperature_c`` keeps the first reading). When the retest is below the fever
    threshold, ``fever`` leaves the reasons, and if no reason is left the verdict
    becomes ``pass``. ``ALLOWED`` (allowed by supervisor) needs the ``approval`` of
    a supervisor (``services.roles.approve``; RoleError without); the verdict stays ``stop``
    (the record shows the stop and who let the visitor through) and an ``override``
    audit entry is written; every other disposition is audited as ``disposition``, in
    the same transaction. Every change bumps the visit's revision (so it syncs).
    """
    rules = rules or ScreeningRules()
    now = clock()
    approved = (
        require_supervisor(approval, clock=clock) if disposition is Disposition.ALLOWED else None
    )
    retest = parse_temperature(retest_temperature) if retest_temperature else None
    with database_errors(), Session(engine, expire_on_commit=False) as session:
        visit = session.get(Visit, visit_id)
        if visit is None:
            raise DispositionError(N_("No such visit."))
        if visit.verdict != Decision.STOP.value:
            raise DispositionError(N_("This visitor was not stopped."))
        if disposition is Disposition.REMEASURED:
            if retest is None:
                raise ValidationError(
                    "temperature_empty", N_("Enter the temperature measured again.")
                )
            visit.retest_temperature_c = retest.celsius
            if round(retest.celsius * 10) < round(rules.fever_threshold_c * 10):
                visit.reasons = [r for r in visit.reasons if r != "fever"]
                if not visit.reasons:
                    visit.verdict = Decision.PASS.value
        if approved is not None:
            record(
                session,
                "override",
                {"visit": str(visit.id), "reasons": list(visit.reasons), "note": note.strip()},
                station_id=visit.station_id,
                operator_id=approved.supervisor_id,
                clock=clock,
            )
        else:
            record(
                session,
                "disposition",
                {"visit": str(visit.id), "disposition": disposition.value},
                station_id=visit.station_id,
                operator_id=operator_id,
                clock=clock,
            )
        visit.disposition = disposition.value
        visit.disposition_by = approved.supervisor_id if approved else operator_id
        visit.disposition_at = now
        if note.strip():
            visit.note = f"{visit.note}; {note.strip()}" if visit.note else note.strip()
        visit.revision += 1
        visit.updated_at = now
        session.add(visit)
        session.commit()
        return visit


def _file_person(
    session: Session, vault: Vault, clean: CleanDraft, facts: CodeFacts, now: datetime
) -> Person:
    """Find the person by link, ID number, or phone + name; else make one; update them.

    A person on file with a different ID number is never taken for this visitor.
    ID number and phone are found by their keyed hash and stored sealed.
    """
    draft = clean.draft
    person: Person | None = None
    id_key = vault.lookup_hash(clean.id_number, column=ID_COLUMN) if clean.id_number else None
    if draft.person_id is not None:
        person = session.get(Person, draft.person_id)
        if person is not None and _other_id(person, id_key):
            person = None  # the ID number was changed after autofill: someone else
    if person is None and clean.id_number:
        person = session.exec(select(Person).where(id_is(vault, clean.id_number))).first()
    if person is None and clean.phone and clean.name:
        candidates = session.exec(  # the ID number's holder first (one person, one count)
            select(Person)
            .where(phone_is(vault, clean.phone), Person.name == clean.name)
            .order_by(col(Person.id_lookup).is_(None))
        ).all()
        person = next((p for p in candidates if not _other_id(p, id_key)), None)
    is_new = person is None
    if person is None:
        person = Person(created_at=now, updated_at=now)
        session.add(person)
    changed = False
    name = clean.name or None
    address = draft.address.strip() or facts.address
    if name and person.name != name:
        person.name, changed = name, True
    if address and person.address != address:
        person.address, changed = address, True
    if clean.id_number and person.id_lookup != id_key:
        seal_id_number(person, vault, clean.id_number)
        changed = True
    if clean.phone and person.phone_lookup != vault.lookup_hash(clean.phone, column=PHONE_COLUMN):
        seal_phone(person, vault, clean.phone)
        changed = True
    if facts.resident and not person.resident:
        person.resident = changed = True
    if changed:
        person.name_initials = name_initials(person.name)
        if not is_new:
            person.revision += 1
        person.updated_at = now
    session.flush()
    if clean.id_number and clean.phone and person.name:
        _join_phone_only(session, vault, person, clean.phone, now)
    return person


def _join_phone_only(
    session: Session, vault: Vault, person: Person, phone: str, now: datetime
) -> None:
    """File under the ID holder ``person`` the visits of people on file by this phone and
    their name alone (no ID number): the phone + name rule would have filed them here had
    the phone been known then (docs/architecture.md, "Who is one person"). A family on
    one phone has other names and is never joined. The emptied people (no visits) go at
    the next purge once synced (services/retention)."""
    alike = session.exec(
        select(Person.id).where(
            phone_is(vault, phone),
            Person.name == person.name,
            col(Person.id_lookup).is_(None),
            Person.id != person.id,
        )
    ).all()
    if alike:
        session.execute(
            update(Visit)
            .where(col(Visit.person_id).in_(alike))
            .values(person_id=person.id, revision=Visit.revision + 1, updated_at=now)
        )


def _other_id(person: Person, id_key: str | None) -> bool:
    """True when the person is on file with a different ID number than the one typed."""
    return bool(id_key and person.id_lookup and person.id_lookup != id_key)


def _vehicle(session: Session, plate: str | None, now: datetime) -> Vehicle | None:
    if not plate:
        return None
    vehicle = session.exec(select(Vehicle).where(Vehicle.plate == plate)).first()
    if vehicle is None:
        vehicle = Vehicle(plate=plate, updated_at=now)
        session.add(vehicle)
        session.flush()
    return vehicle


_Version = tuple[int, str, datetime]
_deny_cache: dict[_Version, tuple[frozenset[str], frozenset[str]]] = {}
# The opened ID key per unlocked vault: forgotten with the vault when the desk locks.
_id_key_cache: weakref.WeakKeyDictionary[Vault, tuple[_Version, IdKey | None]] = (
    weakref.WeakKeyDictionary()
)


def _deny_listed(session: Session, vault: Vault, id_number: str | None) -> bool:
    """Whether the ID number is on the deny list (reference data ``deny_list``).

    The hub's list holds ``idk`` values (HMAC under the community's ID key, see
    ``codes/id_key.py``); a list kept from before issue 14 holds station-keyed
    look-ups of the old unkeyed hashes (migration 0004). Nothing in either gives a
    number away without the vault. One query per visit: both versions at once.
    """
    if not id_number:
        return False
    versions: dict[str, _Version] = {
        kind: (version, etag, fetched_at)
        for kind, version, etag, fetched_at in session.execute(
            select(
                ReferenceData.kind,
                ReferenceData.version,
                ReferenceData.etag,
                ReferenceData.fetched_at,
            ).where(col(ReferenceData.kind).in_(("deny_list", ID_KEY_KIND)))
        ).all()
    }
    deny_version = versions.get("deny_list")
    if deny_version is None:
        return False
    cached = _deny_cache.get(deny_version)
    if cached is None:  # parsed once per version: the list can be long
        row = session.get(ReferenceData, "deny_list")
        payload = row.payload if row is not None and isinstance(row.payload, dict) else {}
        cached = (_hex_set(payload.get("id_keys")), _hex_set(payload.get("station_lookups")))
        _deny_cache.clear()
        _deny_cache[deny_version] = cached
    keyed, legacy = cached
    key_version = versions.get(ID_KEY_KIND)
    if keyed and key_version is None:  # the hub sends both; a failed pull can split them
        log.warning("the deny list cannot be checked: no ID key from the hub yet")
    if keyed and key_version is not None:
        held = _id_key_cache.get(vault)
        if held is None or held[0] != key_version:
            held = (key_version, community_id_key(session, vault))
            _id_key_cache[vault] = held
        if held[1] is not None and held[1].of(id_number) in keyed:
            return True
    if legacy:
        unkeyed = hashlib.sha256(id_number.encode("ascii")).hexdigest()  # in memory only
        return legacy_deny_lookup(vault, unkeyed) in legacy
    return False


def _hex_set(raw: object) -> frozenset[str]:
    return frozenset(str(h).lower() for h in raw) if isinstance(raw, list) else frozenset()
