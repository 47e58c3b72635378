"""A visit as typed or scanned, before it is committed: fields, checks, screening input."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import partial

from checkpoint_desk.clock import as_utc
from checkpoint_desk.codes.reading import CodeReading, CodeStatus
from checkpoint_desk.domain.bounds import check_moment, check_text
from checkpoint_desk.domain.idnumber import parse_id_number
from checkpoint_desk.domain.phone import parse_phone
from checkpoint_desk.domain.plate import parse_plate
from checkpoint_desk.domain.screening import HEALTH_CODE_COLOURS, ScreeningInput
from checkpoint_desk.domain.temperature import parse_temperature
from checkpoint_desk.errors import ValidationError
from checkpoint_desk.i18n import N_

DIRECTIONS = ("in", "out")
SOURCES = ("camera", "wedge", "manual", "import")
COLOURS = ("green", "yellow", "red")
MAX_PASSENGERS = 99
MAX_TEXT = 200


@dataclass
class VisitDraft:
    """What the form (or an import row) holds; strings exactly as typed.

    ``confirmed_colour`` is the volunteer's G/Y/R for an unverified code.
    ``health_code``, ``travel_risk``, ``nat_at`` / ``nat_result`` are facts written
    down by hand (paper ledger, manual lane) and count only when no scanned code
    says otherwise. ``person_id`` links a person the form autofilled from a look-up.
    ``at`` None means now.
    """

    direction: str = "in"
    name: str = ""
    id_number: str = ""
    phone: str = ""
    plate: str = ""
    passengers: int = 0
    temperature: str = ""
    purpose: str = ""
    destination: str = ""
    note: str = ""
    address: str = ""
    readings: list[CodeReading] = field(default_factory=list)
    confirmed_colour: str | None = None
    source: str = "manual"
    at: datetime | None = None
    decoder: str | None = None
    person_id: uuid.UUID | None = None
    vehicle_entry_id: uuid.UUID | None = None
    health_code: str | None = None
    travel_risk: bool | None = None
    nat_at: datetime | None = None
    nat_result: str | None = None
    nat_required: bool = False


@dataclass(frozen=True)
class FieldProblem:
    """One field the form should mark: ``code`` is stable, ``message`` translated."""

    field: str
    code: str
    message: str


@dataclass(frozen=True)
class CleanDraft:
    """A draft whose fields passed every check, normalised."""

    draft: VisitDraft
    name: str
    id_number: str | None
    phone: str | None
    plate: str | None
    temperature_c: float | None
    temperature_converted: bool


def _checks(draft: VisitDraft) -> list[tuple[str, Callable[[], object]]]:
    text = {  # field → several lines allowed
        "name": False,
        "purpose": False,
        "destination": False,
        "address": False,
        "note": True,
    }
    checks: list[tuple[str, Callable[[], object]]] = [
        ("direction", lambda: _one_of(draft.direction, DIRECTIONS, "direction")),
        ("source", lambda: _one_of(draft.source, SOURCES, "source")),
        ("passengers", lambda: _passengers(draft.passengers)),
    ]
    if draft.id_number.strip():
        checks.append(("id_number", lambda: parse_id_number(draft.id_number)))
    if draft.phone.strip():
        checks.append(("phone", lambda: parse_phone(draft.phone)))
    if draft.plate.strip():
        checks.append(("plate", lambda: parse_plate(draft.plate)))
    if draft.temperature.strip():
        checks.append(("temperature", lambda: parse_temperature(draft.temperature)))
    if draft.confirmed_colour is not None:
        checks.append(
            ("confirmed_colour", lambda: _one_of(draft.confirmed_colour, COLOURS, "colour"))
        )
    if draft.health_code is not None:
        checks.append(
            ("health_code", lambda: _one_of(draft.health_code, HEALTH_CODE_COLOURS, "colour"))
        )
    for name, multiline in text.items():
        checks.append((name, partial(checked_text, getattr(draft, name), multiline)))
    if draft.at is not None:
        checks.append(("at", lambda: _moment(draft.at, "time")))
    if draft.nat_at is not None:
        checks.append(("nat_at", lambda: _moment(draft.nat_at, "nat_at")))
    return checks


def validate_draft(draft: VisitDraft) -> list[FieldProblem]:
    """Every field's problem, for the form's as-you-type marks; empty fields are fine."""
    problems: list[FieldProblem] = []
    for name, check in _checks(draft):
        try:
            check()
        except ValidationError as exc:
            problems.append(FieldProblem(name, exc.code, exc.translated()))
    return problems


def clean_draft(draft: VisitDraft) -> CleanDraft:
    """The normalised fields, or the first problem as a ValidationError."""
    for _name, check in _checks(draft):
        check()
    id_number = parse_id_number(draft.id_number).number if draft.id_number.strip() else None
    phone = parse_phone(draft.phone).number if draft.phone.strip() else None
    plate = parse_plate(draft.plate) if draft.plate.strip() else None
    temperature = parse_temperature(draft.temperature) if draft.temperature.strip() else None
    name = " ".join(draft.name.split()) or _name_from_codes(draft.readings)
    if not (name or id_number or phone or draft.person_id):
        raise ValidationError("person_missing", N_("Enter a name, an ID number or a phone number."))
    return CleanDraft(
        draft=draft,
        name=name,
        id_number=id_number,
        phone=phone,
        plate=plate,
        temperature_c=temperature.celsius if temperature else None,
        temperature_converted=temperature.converted if temperature else False,
    )


@dataclass(frozen=True)
class CodeFacts:
    """What the scanned codes (or the hand-written facts) say, for screening and the row."""

    health_code: str
    health_code_verified: bool
    health_code_confirmed: bool
    health_code_scanned: bool
    travel_risk: bool | None
    nat_result: str | None
    nat_at: datetime | None
    vaccine_doses: int | None
    vaccine_last: date | None
    resident: bool
    address: str | None
    code_reasons: tuple[str, ...]


def code_facts(draft: VisitDraft) -> CodeFacts:
    """Merge the readings: a verified colour wins; an unverified code needs G/Y/R.

    Only a verified reading's colour is believed; an invalid or expired reading
    contributes its reasons (which stop the visitor), never its colour.
    """
    verified = [r for r in draft.readings if r.verified and r.status is not CodeStatus.INVALID]
    colours = [r.screening.health_colour for r in verified if r.screening.health_colour]
    unverified = any(r.status is CodeStatus.UNVERIFIED for r in draft.readings)
    scanned_health = (
        bool(colours) or unverified or any(r.screening.health_colour for r in draft.readings)
    )
    if colours:
        worst = max(colours, key=lambda c: COLOURS.index(c) if c in COLOURS else 0)
        health, is_verified, confirmed = worst, True, False
    elif draft.confirmed_colour:
        health, is_verified, confirmed = draft.confirmed_colour, False, True
    elif draft.health_code and not scanned_health:
        health, is_verified, confirmed = draft.health_code, False, False
    else:
        health, is_verified, confirmed = "unknown", False, False
    risks = [r.screening.travel_risk for r in verified if r.screening.travel_risk is not None]
    travel = any(risks) if risks else draft.travel_risk
    tests = [r.screening for r in verified if r.screening.nat_at is not None]
    latest = max(tests, key=lambda s: as_utc(s.nat_at or datetime.min)) if tests else None
    doses = [r.screening.vaccine_doses for r in verified if r.screening.vaccine_doses is not None]
    lasts = [r.screening.vaccine_last for r in verified if r.screening.vaccine_last is not None]
    passes = [r.screening for r in verified if r.screening.pass_kind]
    reasons = tuple(dict.fromkeys(code for r in draft.readings for code in r.reasons))
    return CodeFacts(
        health_code=health,
        health_code_verified=is_verified,
        health_code_confirmed=confirmed,
        health_code_scanned=scanned_health,
        travel_risk=travel,
        nat_result=latest.nat_result if latest else draft.nat_result,
        nat_at=latest.nat_at if latest else draft.nat_at,
        vaccine_doses=max(doses) if doses else None,
        vaccine_last=max(lasts) if lasts else None,
        resident=any(p.pass_kind == "resident" for p in passes),
        address=next((p.address for p in passes if p.address), None),
        code_reasons=reasons,
    )


def screening_input(
    clean: CleanDraft, facts: CodeFacts, now: datetime, *, deny_listed: bool
) -> ScreeningInput:
    return ScreeningInput(
        now=now,
        temperature_c=clean.temperature_c,
        health_code=facts.health_code,
        health_code_verified=facts.health_code_verified,
        health_code_confirmed=facts.health_code_confirmed,
        health_code_scanned=facts.health_code_scanned,
        travel_risk=facts.travel_risk,
        nat_result=facts.nat_result,
        nat_at=facts.nat_at,
        nat_required=clean.draft.nat_required,
        deny_listed=deny_listed,
        code_reasons=facts.code_reasons,
        code_checked=bool(clean.draft.readings) or clean.draft.health_code is not None,
    )


def _name_from_codes(readings: list[CodeReading]) -> str:
    for reading in readings:
        if reading.verified and reading.subject.name:
            return reading.subject.name.strip()
    return ""


def _one_of(value: str | None, allowed: tuple[str, ...], what: str) -> str:
    if value not in allowed:
        raise ValidationError(
            f"{what}_invalid",
            N_("{value!r} is not one of: {allowed}."),
            value=value,
            allowed=", ".join(allowed),
        )
    return value


def _passengers(value: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_PASSENGERS:
        raise ValidationError(
            "passengers_range",
            N_("Passengers must be a whole number from 0 to {maximum}."),
            maximum=MAX_PASSENGERS,
        )
    return value


def checked_text(value: str, multiline: bool = False) -> str:
    """``value`` as the desk stores it, or ValidationError (too long, a control character)."""
    if len(value) > MAX_TEXT:
        raise ValidationError(
            "text_too_long", N_("At most {maximum} characters."), maximum=MAX_TEXT
        )
    return check_text(value, multiline=multiline)  # the hub refuses them too (issue 13)


def _moment(value: datetime | None, what: str) -> datetime | None:
    return None if value is None else check_moment(value, what)
