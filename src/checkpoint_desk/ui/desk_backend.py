"""The desk's one door to the layers below: codes, services, domain checks.

Widgets call this object, never the database. It is plain Python (no Qt) so the
loop can be tested and benchmarked without a window. Where a layer has not landed
yet, a small interim path keeps the desk usable; each is marked ``interim``.
"""

from __future__ import annotations

import importlib
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from types import ModuleType
from typing import Any

from sqlalchemy import Engine, func
from sqlmodel import Session, col, select

from checkpoint_desk.clock import Clock, to_local, utc_now
from checkpoint_desk.codes.reading import CodeReading, CodeStatus
from checkpoint_desk.codes.registry import read_code
from checkpoint_desk.codes.trust import TrustList
from checkpoint_desk.domain.masking import mask_id_number
from checkpoint_desk.domain.names import name_initials
from checkpoint_desk.domain.verdict import Decision, Disposition, Reason, Verdict
from checkpoint_desk.errors import CheckpointError, ValidationError
from checkpoint_desk.i18n import N_
from checkpoint_desk.paths import DataDir
from checkpoint_desk.services import audit
from checkpoint_desk.services.codes import read_context
from checkpoint_desk.settings import Settings
from checkpoint_desk.store.models import Person, Station, Visit


def _optional(name: str) -> ModuleType | None:
    """A module from a layer that may not have landed yet."""
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


@dataclass
class FormValues:
    """What the visit form holds; the fields of ``services.visits.VisitDraft``."""

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


@dataclass(frozen=True)
class Registered:
    visit_id: uuid.UUID
    verdict: Verdict
    at: datetime


@dataclass(frozen=True)
class VisitRow:
    """One line of the recent-visits table."""

    visit_id: uuid.UUID
    at: datetime
    direction: str
    name: str
    id_masked: str
    temperature_c: float | None
    retest_c: float | None
    verdict: str
    reasons: tuple[str, ...]
    disposition: str | None
    search_text: str


@dataclass(frozen=True)
class DayCounts:
    entered: int = 0
    left: int = 0
    stopped: int = 0
    fever: int = 0


@dataclass(frozen=True)
class OperatorInfo:
    id: uuid.UUID
    name: str
    role: str


@dataclass(frozen=True)
class ShiftInfo:
    id: uuid.UUID
    operator_id: uuid.UUID
    opened_at: datetime


@dataclass(frozen=True)
class ShiftReport:
    """What closing a shift tells the volunteer."""

    entered: int
    left: int
    stopped: int
    unsynced: int
    backup: str | None
    ledger: str | None


class PinRefused(CheckpointError):
    """Wrong PIN (or a locked operator)."""


def initials(name: str) -> str:
    """Pinyin initials of a Chinese name (张伟 → zw), lower case."""
    return name_initials(name).lower()


class DeskBackend:
    """Everything the desk asks of the station: reads codes, registers visits."""

    def __init__(
        self,
        engine: Engine,
        data_dir: DataDir,
        settings: Settings,
        station: Station,
        *,
        clock: Clock = utc_now,
        demo: bool = False,
    ) -> None:
        self.engine = engine
        self.data_dir = data_dir
        self.settings = settings
        self.station = station
        self.clock = clock
        self.demo = demo

    # -- codes ---------------------------------------------------------------------
    def read_code(self, text: str) -> CodeReading:
        """What a scanned text means, verified offline against the trust list."""
        ctx = read_context(
            self.data_dir, self.clock(), demo=self.demo, trust=self.trust_list(), engine=self.engine
        )
        return read_code(text, ctx)

    def trust_list(self) -> TrustList:
        """The station's trust list (empty when none was imported yet; re-read on change)."""
        return TrustList.load(self.data_dir.trust_list)

    def trust_list_age(self) -> timedelta | None:
        """How old the trust list is (None when there is none)."""
        age = self.trust_list().age_s(self.clock())
        return None if age is None else timedelta(seconds=age)

    # -- checks ----------------------------------------------------------------------
    def check_field(self, name: str, text: str) -> str | None:
        """The problem with one field as typed (translated), or None."""
        text = text.strip()
        if not text:
            return None
        parsers = {
            "id_number": ("checkpoint_desk.domain.idnumber", "parse_id_number"),
            "phone": ("checkpoint_desk.domain.phone", "parse_phone"),
            "plate": ("checkpoint_desk.domain.plate", "parse_plate"),
            "temperature": ("checkpoint_desk.domain.temperature", "parse_temperature"),
        }
        if name not in parsers:
            return None
        module = _optional(parsers[name][0])
        try:
            if module is not None:
                getattr(module, parsers[name][1])(text)
            elif name == "temperature":
                interim_temperature(text)
        except ValidationError as exc:
            return exc.translated()
        return None

    def problems(self, values: FormValues) -> dict[str, str]:
        """Field → translated problem for everything that blocks a commit."""
        found: dict[str, str] = {}
        for name in ("id_number", "phone", "plate", "temperature"):
            problem = self.check_field(name, str(getattr(values, name)))
            if problem:
                found[name] = problem
        if not values.temperature.strip():
            found["temperature"] = ValidationError(
                "temperature_empty", N_("Enter the temperature.")
            ).translated()
        return found

    # -- the verdict -----------------------------------------------------------------
    def preview(self, values: FormValues) -> Verdict:
        """The verdict the form would get now (nothing is written)."""
        visits = _optional("checkpoint_desk.services.visits")
        if visits is not None:
            verdict: Verdict = visits.preview(
                self.engine, self._draft(visits, values), self._rules(), clock=self.clock
            )
            return verdict
        return interim_screen(values, float(self.settings["fever_threshold_c"]))

    def register(self, values: FormValues, *, shift_id: uuid.UUID | None) -> Registered:
        """Commit the visit; the record is durable when this returns."""
        visits = _optional("checkpoint_desk.services.visits")
        if visits is not None:
            done = visits.register_visit(
                self.engine,
                self._draft(visits, values),
                station_id=self.station.id,
                shift_id=shift_id,
                rules=self._rules(),
                clock=self.clock,
                keep_raw_text=bool(self.settings["keep_raw_code_text"]),
            )
            return Registered(done.visit_id, done.verdict, done.at)
        return self._interim_register(values, shift_id)

    def set_disposition(
        self,
        visit_id: uuid.UUID,
        disposition: Disposition,
        *,
        operator_id: uuid.UUID | None,
        retest_temperature: str | None = None,
        supervisor_id: uuid.UUID | None = None,
        note: str = "",
    ) -> None:
        """Record what was done with a stopped visitor (and audit it)."""
        visits = _optional("checkpoint_desk.services.visits")
        if visits is not None and hasattr(visits, "set_disposition"):
            visits.set_disposition(
                self.engine,
                visit_id,
                disposition,
                operator_id=operator_id,
                retest_temperature=retest_temperature,
                supervisor_id=supervisor_id,
                note=note,
                clock=self.clock,
            )
            return
        now = self.clock()
        with Session(self.engine) as session:
            visit = session.get(Visit, visit_id)
            if visit is None:
                return
            visit.disposition = disposition.value
            visit.disposition_by = supervisor_id or operator_id
            visit.disposition_at = now
            if retest_temperature:
                visit.retest_temperature_c = interim_temperature(retest_temperature)
            if note:
                visit.note = (visit.note + " " + note).strip()
            visit.revision += 1
            visit.updated_at = now
            session.add(visit)
            audit.record(
                session,
                "visit.disposition",
                {"visit_id": str(visit_id), "disposition": disposition.value},
                station_id=self.station.id,
                operator_id=operator_id,
                clock=self.clock,
            )
            session.commit()

    def _rules(self) -> Any:
        screening = _optional("checkpoint_desk.domain.screening")
        if screening is None:
            return None
        return screening.ScreeningRules(
            fever_threshold_c=float(self.settings["fever_threshold_c"]),
            nat_validity_days=int(self.settings["nat_validity_days"]),
        )

    @staticmethod
    def _draft(visits: ModuleType, values: FormValues) -> Any:
        return visits.VisitDraft(
            direction=values.direction,
            name=values.name,
            id_number=values.id_number,
            phone=values.phone,
            plate=values.plate,
            passengers=values.passengers,
            temperature=values.temperature,
            purpose=values.purpose,
            destination=values.destination,
            note=values.note,
            address=values.address,
            readings=list(values.readings),
            confirmed_colour=values.confirmed_colour,
            source=values.source,
        )

    def _interim_register(self, values: FormValues, shift_id: uuid.UUID | None) -> Registered:
        verdict = self.preview(values)
        now = self.clock()
        with Session(self.engine) as session:
            person = Person(
                name=values.name.strip(),
                name_initials=initials(values.name.strip()),
                id_number=values.id_number.strip() or None,
                phone=values.phone.strip() or None,
                address=values.address,
                created_at=now,
                updated_at=now,
            )
            session.add(person)
            session.flush()
            colour = values.confirmed_colour or next(
                (r.status.value for r in values.readings if r.status.value in _COLOURS), "unknown"
            )
            visit = Visit(
                station_id=self.station.id,
                shift_id=shift_id,
                person_id=person.id,
                at=now,
                updated_at=now,
                direction=values.direction,
                source=values.source,
                temperature_c=interim_temperature(values.temperature),
                health_code=colour,
                health_code_confirmed=values.confirmed_colour is not None,
                purpose=values.purpose,
                destination=values.destination,
                passengers=values.passengers,
                verdict=verdict.decision.value,
                reasons=verdict.reason_codes,
                note=values.note,
            )
            session.add(visit)
            session.commit()
            return Registered(visit.id, verdict, now)

    # -- returning visitors ----------------------------------------------------------
    def returning_values(
        self, *, id_number: str = "", phone: str = "", plate: str = ""
    ) -> dict[str, str] | None:
        """Fields to fill from a returning person's last visit, or None."""
        lookup = _optional("checkpoint_desk.services.lookup")
        if lookup is None or not (id_number or phone or plate):
            return None
        person = lookup.returning_person(
            self.engine, id_number=id_number or None, phone=phone or None, plate=plate or None
        )
        if person is None:
            return None
        found: dict[str, str] = {}
        for key in ("name", "id_number", "phone", "address"):
            value = getattr(person, key, None)
            if value:
                found[key] = str(value)
        plate_seen = getattr(person, "last_plate", None)
        if plate_seen:
            found["plate"] = str(plate_seen)
        last = lookup.last_visit(self.engine, person.person_id)
        if last is not None:
            for key in ("purpose", "destination"):
                value = getattr(last, key, None)
                if value:
                    found[key] = str(value)
        return found

    # -- today ----------------------------------------------------------------------
    def day_bounds(self) -> tuple[datetime, datetime]:
        local = to_local(self.clock())
        start = local.replace(hour=0, minute=0, second=0, microsecond=0)
        return start, start + timedelta(days=1)

    def today_rows(self, limit: int = 500) -> list[VisitRow]:
        """Today's visits, newest first."""
        start, end = self.day_bounds()
        with Session(self.engine) as session:
            rows = session.exec(
                select(Visit, Person)
                .join(Person, col(Visit.person_id) == col(Person.id), isouter=True)
                .where(col(Visit.at) >= start, col(Visit.at) < end)
                .order_by(col(Visit.at).desc())
                .limit(limit)
            ).all()
            return [self._row(visit, person) for visit, person in rows]

    def visit_row(self, visit_id: uuid.UUID) -> VisitRow | None:
        with Session(self.engine) as session:
            visit = session.get(Visit, visit_id)
            if visit is None:
                return None
            person = session.get(Person, visit.person_id) if visit.person_id else None
            return self._row(visit, person)

    @staticmethod
    def _row(visit: Visit, person: Person | None) -> VisitRow:
        name = person.name if person else ""
        id_number = (person.id_number or "") if person else ""
        phone = (person.phone or "") if person else ""
        keys = " ".join(
            [name, id_number, phone, person.name_initials if person else "", initials(name)]
        )
        return VisitRow(
            visit_id=visit.id,
            at=visit.at,
            direction=visit.direction,
            name=name,
            id_masked=mask_id_number(id_number),
            temperature_c=visit.temperature_c,
            retest_c=visit.retest_temperature_c,
            verdict=visit.verdict,
            reasons=tuple(visit.reasons or ()),
            disposition=visit.disposition,
            search_text=keys.lower(),
        )

    def day_counts(self) -> DayCounts:
        start, end = self.day_bounds()
        threshold = float(self.settings["fever_threshold_c"])
        with Session(self.engine) as session:
            base = select(func.count()).select_from(Visit)
            base = base.where(col(Visit.at) >= start, col(Visit.at) < end)
            entered = session.exec(base.where(col(Visit.direction) == "in")).one()
            left = session.exec(base.where(col(Visit.direction) == "out")).one()
            stopped = session.exec(base.where(col(Visit.verdict) == "stop")).one()
            fever = session.exec(base.where(col(Visit.temperature_c) >= threshold)).one()
        return DayCounts(int(entered), int(left), int(stopped), int(fever))

    def unsynced_count(self) -> int:
        today = _optional("checkpoint_desk.services.today")
        if today is not None and hasattr(today, "unsynced_count"):
            return int(today.unsynced_count(self.engine))
        with Session(self.engine) as session:
            count = session.exec(
                select(func.count())
                .select_from(Visit)
                .where(
                    (col(Visit.synced_revision).is_(None))
                    | (col(Visit.synced_revision) < col(Visit.revision))
                )
            ).one()
        return int(count)


_COLOURS = ("green", "yellow", "red")


def interim_temperature(text: str) -> float:
    """interim (until domain.temperature lands): ``365`` → 36.5, ``36.5`` → 36.5."""
    module = _optional("checkpoint_desk.domain.temperature")
    if module is not None:
        return float(module.parse_temperature(text).celsius)
    cleaned = text.strip().replace(",", ".").rstrip("℃°Cc ")
    try:
        value = float(cleaned) / 10 if cleaned.isdigit() and len(cleaned) == 3 else float(cleaned)
    except ValueError as exc:
        raise ValidationError(
            "temperature_format", N_("Type the temperature like 36.5 or 365.")
        ) from exc
    return value


def interim_screen(values: FormValues, threshold: float) -> Verdict:
    """interim (until domain.screening lands): fever and code colours only."""
    reasons: list[Reason] = []
    if values.temperature.strip():
        try:
            temp = interim_temperature(values.temperature)
        except ValidationError:
            temp = None
        if temp is not None and temp >= threshold:
            reasons.append(Reason.of("fever", temperature=f"{temp:.1f}", threshold=threshold))
    for reading in values.readings:
        status = reading.status
        if status is CodeStatus.UNVERIFIED:
            colour = values.confirmed_colour
            if colour in ("red", "yellow"):
                reasons.append(Reason.of(f"health_code_{colour}"))
        elif status in (CodeStatus.RED, CodeStatus.YELLOW):
            reasons.append(Reason.of(f"health_code_{status.value}"))
        elif status in (CodeStatus.INVALID, CodeStatus.EXPIRED):
            reasons.extend(Reason.of(code) for code in reading.reasons or ("not_decodable",))
    decision = Decision.STOP if reasons else Decision.PASS
    return Verdict(decision, tuple(reasons))
