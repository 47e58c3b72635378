"""Finding returning people: by ID number, phone, plate, name or pinyin initials.

Every query is a range scan on an index (``column >= q AND column < q + U+10FFFF``
is SQLite's index-friendly prefix match), so a look-up stays fast with a million
visits (DESIGN §8; ``bench/store.py`` measures it).

ID numbers and phones are sealed (issue 8): they are found by the keyed hash of the
whole, normalised number, so only a complete ID number or phone matches (a prefix
of a secret cannot be searched without storing it). Names, initials and plates
stay prefix-searchable.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, String, column, text
from sqlmodel import Session, col, select

from checkpoint_desk.domain.idnumber import parse_id_number
from checkpoint_desk.domain.masking import mask_id_number, mask_phone
from checkpoint_desk.domain.phone import parse_phone
from checkpoint_desk.domain.plate import parse_plate
from checkpoint_desk.errors import ValidationError
from checkpoint_desk.store.models import Person, Vehicle, Visit
from checkpoint_desk.store.person_secrets import id_is, id_number_of, phone_is, phone_of
from checkpoint_desk.store.types import UTCDateTime
from checkpoint_desk.store.vault import Vault, vault_of

_TOP = "\U0010ffff"
_ID_LIKE = re.compile(r"^\d{6,17}[\dXx]?$")
_DIGITS = re.compile(r"^[\d\s-]{3,}$")
_INITIALS = re.compile(r"^[A-Za-z]{1,10}$")
_PLATE_LIKE = re.compile(r"^[\u4e00-\u9fff]?[A-Za-z][A-Za-z0-9·]{1,7}$")


@dataclass(frozen=True)
class PersonMatch:
    """A person found by a look-up, with what the form needs to fill itself.

    ``id_number`` and ``phone`` are the full values (for the form); show the
    ``*_masked`` ones. ``matched_by`` is ``id_number``, ``phone``, ``plate``, ``name``
    or ``initials``.
    """

    person_id: uuid.UUID
    name: str
    id_number: str | None
    phone: str | None
    address: str
    resident: bool
    matched_by: str
    last_visit_at: datetime | None
    last_plate: str | None

    @property
    def id_masked(self) -> str:
        return mask_id_number(self.id_number)

    @property
    def phone_masked(self) -> str:
        return mask_phone(self.phone)


def find_people(engine: Engine, query: str, limit: int = 20) -> list[PersonMatch]:
    """People matching ``query``, best kind of match first, at most ``limit``."""
    typed = query.strip()
    if not typed or limit <= 0:
        return []
    compact = re.sub(r"[\s-]", "", typed)
    found: dict[uuid.UUID, tuple[Person, str]] = {}
    vault = vault_of(engine)
    with Session(engine) as session:

        def take(people: list[Person], how: str) -> None:
            for person in people:
                if len(found) < limit:
                    found.setdefault(person.id, (person, how))

        if _ID_LIKE.match(compact):
            id_text = _normal(parse_id_number, compact).upper()  # 15-digit → 18-digit
            take(_exact(session, id_is(vault, id_text), limit), "id_number")
        if _DIGITS.match(typed):
            phone = _normal(parse_phone, compact)
            take(_exact(session, phone_is(vault, phone), limit), "phone")
        if _PLATE_LIKE.match(compact):
            take(_by_plate(session, compact.upper(), limit), "plate")
        if _INITIALS.match(compact):
            take(_prefix(session, col(Person.name_initials), compact.lower(), limit), "initials")
        take(_prefix(session, col(Person.name), typed, limit), "name")
        return _matches(session, vault, list(found.values()))


def last_visit(engine: Engine, person_id: uuid.UUID) -> Visit | None:
    """The person's newest visit."""
    with Session(engine) as session:
        return _last_visit(session, person_id)


def returning_person(
    engine: Engine,
    *,
    id_number: str | None = None,
    phone: str | None = None,
    plate: str | None = None,
) -> PersonMatch | None:
    """The person to autofill the form with: exact ID number, else phone, else plate."""
    vault = vault_of(engine)
    with Session(engine) as session:
        if id_number:
            number = _normal(parse_id_number, id_number).upper()
            person = session.exec(select(Person).where(id_is(vault, number))).first()
            if person is not None:
                return _match(session, vault, person, "id_number")
        if phone:
            number = _normal(parse_phone, phone)
            person = session.exec(select(Person).where(phone_is(vault, number))).first()
            if person is not None:
                return _match(session, vault, person, "phone")
        if plate:
            people = _by_plate(session, _normal(parse_plate, plate), 1, exact=True)
            if people:
                return _match(session, vault, people[0], "plate")
    return None


def _normal(parse: Callable[[str], Any], text: str) -> str:
    """``text`` as the parser normalises it, or merely compacted when it does not parse."""
    try:
        parsed = parse(text)
    except ValidationError:
        return re.sub(r"[\s-]", "", text).upper()
    return str(getattr(parsed, "number", parsed))


def _prefix(session: Session, column: Any, value: str, limit: int) -> list[Person]:
    """People whose ``column`` (a Person column attribute) starts with ``value``."""
    return list(
        session.exec(
            select(Person)
            .where(column >= value, column < value + _TOP)
            .order_by(column)
            .limit(limit)
        )
    )


def _exact(session: Session, condition: Any, limit: int) -> list[Person]:
    """People matching ``condition`` (a keyed-hash equality on an indexed column)."""
    return list(session.exec(select(Person).where(condition).limit(limit)))


def _by_plate(session: Session, plate: str, limit: int, *, exact: bool = False) -> list[Person]:
    """People who came lately in the vehicle(s) whose plate is (or starts with) ``plate``."""
    condition = (
        col(Vehicle.plate) == plate
        if exact
        else (col(Vehicle.plate) >= plate) & (col(Vehicle.plate) < plate + _TOP)
    )
    vehicles = session.exec(select(Vehicle.id).where(condition).limit(limit)).all()
    order: dict[uuid.UUID, None] = {}
    for vehicle_id in vehicles:
        recent = session.exec(
            select(Visit.person_id)
            .where(Visit.vehicle_id == vehicle_id)
            .order_by(col(Visit.at).desc())
            .limit(limit * 5)
        ).all()
        order.update((p, None) for p in recent if p is not None)
    wanted = list(order)[:limit]
    people = {p.id: p for p in session.exec(select(Person).where(col(Person.id).in_(wanted)))}
    return [people[p] for p in wanted if p in people]


def _last_visit(session: Session, person_id: uuid.UUID) -> Visit | None:
    return session.exec(
        select(Visit).where(Visit.person_id == person_id).order_by(col(Visit.at).desc()).limit(1)
    ).first()


def _match(session: Session, vault: Vault, person: Person, how: str) -> PersonMatch:
    return _matches(session, vault, [(person, how)])[0]


# A person's newest visit and its plate, for many people in one statement; each
# correlated sub-select is one seek on ix_visit_person_at.
_LAST_VISITS = text(
    "SELECT p.value, v.at, vehicle.plate FROM json_each(:ids) AS p "
    "JOIN visit AS v ON v.id = (SELECT id FROM visit WHERE person_id = p.value "
    "ORDER BY at DESC LIMIT 1) "
    "LEFT JOIN vehicle ON vehicle.id = v.vehicle_id"
).columns(column("value", String), column("at", UTCDateTime), column("plate", String))


def _matches(session: Session, vault: Vault, found: list[tuple[Person, str]]) -> list[PersonMatch]:
    if not found:
        return []
    ids = json.dumps([person.id.hex for person, _ in found])
    last = {row[0]: (row[1], row[2]) for row in session.execute(_LAST_VISITS, {"ids": ids}).all()}
    out = []
    for person, how in found:
        at, plate = last.get(person.id.hex, (None, None))
        out.append(
            PersonMatch(
                person_id=person.id,
                name=person.name,
                id_number=id_number_of(person, vault),
                phone=phone_of(person, vault),
                address=person.address,
                resident=person.resident,
                matched_by=how,
                last_visit_at=at,
                last_plate=plate,
            )
        )
    return out
