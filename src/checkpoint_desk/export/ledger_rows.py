"""A day's or a shift's visits as ledger rows (台账), with a summary.

Everything here is plain data in one chosen language: the CSV, XLSX and PDF writers
only lay it out. Visits are read with one joined query (no query per row). A
vehicle's occupants are adjacent rows (in time order, where the first of them
falls), numbered "Vehicle N" in the ledger, their companions counted from them.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import ColumnElement, Engine, and_
from sqlmodel import Session, col, select

from checkpoint_desk.clock import day_bounds, to_local
from checkpoint_desk.domain.lane import LaneRow, lane_lines
from checkpoint_desk.domain.masking import mask_id_number, mask_phone
from checkpoint_desk.domain.screening import DEFAULT_FEVER_THRESHOLD_C, DEFAULT_NAT_VALIDITY_DAYS
from checkpoint_desk.domain.vehicle_entry import keep_together
from checkpoint_desk.export.errors import ExportError
from checkpoint_desk.export.wording import DIRECTION_TEXT, HEALTH_CODE_TEXT, LABELS, Wording
from checkpoint_desk.i18n import N_, gettext
from checkpoint_desk.store.models import Operator, Person, Shift, Station, Vehicle, Visit
from checkpoint_desk.store.person_secrets import ID_COLUMN, PHONE_COLUMN
from checkpoint_desk.store.vault import Vault, vault_of


@dataclass(frozen=True)
class LedgerColumn:
    key: str
    title: str  # untranslated (N_)


COLUMNS: tuple[LedgerColumn, ...] = (
    LedgerColumn("seq", N_("No.")),
    LedgerColumn("date", N_("Date")),
    LedgerColumn("time", N_("Time")),
    LedgerColumn("direction", N_("Direction")),
    LedgerColumn("name", N_("Name")),
    LedgerColumn("id_number", N_("ID number")),
    LedgerColumn("phone", N_("Phone")),
    LedgerColumn("plate", N_("Plate")),
    LedgerColumn("vehicle", N_("Vehicle")),
    LedgerColumn("passengers", N_("Companions")),
    LedgerColumn("temperature", N_("Temperature (℃)")),
    LedgerColumn("health_code", N_("Health code")),
    LedgerColumn("travel", N_("Travel code")),
    LedgerColumn("nat", N_("Nucleic-acid test")),
    LedgerColumn("vaccine", N_("Vaccine")),
    LedgerColumn("purpose", N_("Purpose")),
    LedgerColumn("destination", N_("Destination")),
    LedgerColumn("household", N_("Household")),  # the household rule's key (一户一天N人)
    LedgerColumn("result", N_("Result")),
    LedgerColumn("disposition", N_("Disposition")),
    LedgerColumn("operator", N_("Registered by")),
    LedgerColumn("note", N_("Note")),
)


@dataclass(frozen=True)
class LedgerRow:
    """One visit as the ledger shows it (text already in the ledger's language)."""

    seq: int
    at: datetime  # local, aware
    direction: str
    name: str
    id_number: str
    phone: str
    plate: str
    passengers: int
    temperature: float | None
    health_code: str
    travel: str
    nat: str
    vaccine: str
    purpose: str
    destination: str
    result: str
    disposition: str
    operator: str
    note: str
    stopped: bool
    fever: bool
    inbound: bool
    disposition_code: str | None = None
    reason_codes: tuple[str, ...] = ()
    vehicle: str = ""  # "Vehicle 2": the occupants of one vehicle entry share it
    household: str = ""  # the pass's address or the typed field, normalised (desk/hub 0008)
    lane_seconds: float | None = None

    @property
    def date(self) -> date:
        return self.at.date()

    @property
    def time(self) -> time:
        return self.at.time().replace(tzinfo=None, microsecond=0)

    def value(self, key: str) -> Any:
        """The cell of column ``key`` (date, time, number or text)."""
        return getattr(self, key)


@dataclass(frozen=True)
class Summary:
    total: int = 0
    entered: int = 0
    left: int = 0
    stopped: int = 0
    fever: int = 0
    per_hour: tuple[int, ...] = (0,) * 24
    per_operator: tuple[tuple[str, int], ...] = ()
    per_reason: tuple[tuple[str, str, int], ...] = ()  # code, words, count
    per_disposition: tuple[tuple[str, int], ...] = ()
    # how fast the lane moved (domain/lane.py): per hour, per operator
    lane_per_hour: tuple[LaneRow, ...] = ()
    lane_per_operator: tuple[LaneRow, ...] = ()


@dataclass(frozen=True)
class VehicleLine:
    """One vehicle of the ledger: its label, plate, occupants and who stopped it."""

    vehicle: str
    plate: str
    occupants: int
    stopped_by: tuple[str, ...]


@dataclass(frozen=True)
class ShiftInfo:
    id: uuid.UUID
    operator: str
    opened_at: datetime  # local
    closed_at: datetime | None  # local


@dataclass(frozen=True)
class Ledger:
    """A ledger ready to be written."""

    station: str
    station_id: uuid.UUID
    community: str
    day: date | None
    shift: ShiftInfo | None
    operators: tuple[str, ...]
    rows: tuple[LedgerRow, ...]
    summary: Summary
    lang: str
    unmasked: bool
    fever_threshold_c: float
    generated_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def first_at(self) -> datetime | None:
        return min(r.at for r in self.rows) if self.rows else None

    @property
    def last_at(self) -> datetime | None:
        return max(r.at for r in self.rows) if self.rows else None

    @property
    def vehicles(self) -> tuple[VehicleLine, ...]:
        found: dict[str, list[LedgerRow]] = {}
        for row in self.rows:
            if row.vehicle:
                found.setdefault(row.vehicle, []).append(row)
        return tuple(
            VehicleLine(
                label,
                next((r.plate for r in rows if r.plate), ""),
                len(rows),
                tuple(r.name or "—" for r in rows if r.stopped),
            )
            for label, rows in found.items()
        )

    @property
    def stops(self) -> tuple[LedgerRow, ...]:
        return tuple(r for r in self.rows if r.stopped)

    def t(self, text: str) -> str:
        """``text`` in the ledger's language."""
        return gettext(text, self.lang)

    def label(self, key: str) -> str:
        """A summary label (``wording.LABELS``) in the ledger's language."""
        return gettext(LABELS[key], self.lang)

    @property
    def empty_note(self) -> str:
        """What an empty ledger says instead of rows."""
        return self.label("no_visits_shift" if self.shift else "no_visits_day")

    def headers(self) -> list[str]:
        return [self.t(c.title) for c in COLUMNS]

    @property
    def period_label(self) -> str:
        """The day, or the shift's span, as a person reads it."""
        if self.shift is not None:
            start = self.shift.opened_at.strftime("%Y-%m-%d %H:%M")
            end = self.shift.closed_at.strftime("%Y-%m-%d %H:%M") if self.shift.closed_at else ""
            return f"{start} – {end}".strip()
        return self.day.isoformat() if self.day else ""


def build_ledger(
    engine: Engine,
    *,
    day: date | None,
    shift_id: uuid.UUID | None = None,
    lang: str = "zh_CN",
    unmasked: bool = False,
    fever_threshold_c: float = DEFAULT_FEVER_THRESHOLD_C,
    nat_validity_days: int = DEFAULT_NAT_VALIDITY_DAYS,
    generated_at: datetime | None = None,
) -> Ledger:
    """The ledger of the local calendar ``day``, of a shift, or of a shift on a day.

    With ``shift_id`` and no ``day`` the whole shift is taken (a night shift spans two
    dates). Raises ExportError for an unknown shift or when neither is given.
    """
    if day is None and shift_id is None:
        raise ExportError(N_("Say which day or which shift to export."))
    with Session(engine) as session:
        station = session.exec(select(Station).order_by(col(Station.created_at))).first()
        if station is None:
            raise ExportError(N_("The database has no station. Run: checkpoint-desk init"))
        shift_info = None
        if shift_id is not None:
            found = session.exec(
                select(Shift, Operator.name)
                .join(Operator, col(Operator.id) == col(Shift.operator_id))
                .where(col(Shift.id) == shift_id)
            ).first()
            if found is None:
                raise ExportError(N_("No shift {shift} in this database."), shift=str(shift_id))
            shift, operator_name = found
            shift_info = ShiftInfo(
                id=shift.id,
                operator=operator_name,
                opened_at=to_local(shift.opened_at),
                closed_at=to_local(shift.closed_at) if shift.closed_at else None,
            )
        rows = _query(session, day=day, shift_id=shift_id)
    words = Wording(lang, fever_threshold_c, nat_validity_days)
    vault = vault_of(engine) if unmasked else None  # only an unmasked ledger decrypts
    plain = [(entry, _secrets_shown(raw, vault)) for entry, *raw in rows]
    ledger_rows = ledger_rows_of(plain, words, unmasked)
    operators = list(dict.fromkeys(r.operator for r in ledger_rows if r.operator))
    if shift_info is not None and shift_info.operator not in operators:
        operators.insert(0, shift_info.operator)
    return Ledger(
        station=station.name,
        station_id=station.id,
        community=station.community,
        day=day if day is not None else (shift_info.opened_at.date() if shift_info else None),
        shift=shift_info,
        operators=tuple(operators),
        rows=ledger_rows,
        summary=summarise(ledger_rows, words),
        lang=lang,
        unmasked=unmasked,
        fever_threshold_c=fever_threshold_c,
        generated_at=generated_at or datetime.now(UTC),
    )


_SELECTED = (
    Visit.at,
    Visit.direction,
    Visit.temperature_c,
    Visit.retest_temperature_c,
    Visit.health_code,
    Visit.travel_risk,
    Visit.nat_result,
    Visit.nat_at,
    Visit.vaccine_doses,
    Visit.vaccine_last,
    Visit.purpose,
    Visit.destination,
    Visit.household,
    Visit.passengers,
    Visit.verdict,
    Visit.reasons,
    Visit.disposition,
    Visit.note,
    Person.name,
    Person.id_masked,
    Person.phone_masked,
    Person.id_cipher,
    Person.phone_cipher,
    Vehicle.plate,
    Operator.name,
    Visit.lane_seconds,  # last: a row without it (the hub's) has no lane seconds
)


def _query(session: Session, *, day: date | None, shift_id: uuid.UUID | None) -> list[Any]:
    """Every visit of the period with its person, vehicle and operator: one query."""
    conditions: list[ColumnElement[bool]] = [col(Visit.deleted_at).is_(None)]
    if day is not None:
        start, end = day_bounds(day)
        conditions += [col(Visit.at) >= start, col(Visit.at) < end]
    if shift_id is not None:
        conditions.append(col(Visit.shift_id) == shift_id)
    statement = (
        select(Visit.vehicle_entry, *_SELECTED)  # type: ignore[call-overload]
        .select_from(Visit)
        .outerjoin(Person, col(Person.id) == col(Visit.person_id))
        .outerjoin(Vehicle, col(Vehicle.id) == col(Visit.vehicle_id))
        .outerjoin(Shift, col(Shift.id) == col(Visit.shift_id))
        .outerjoin(Operator, col(Operator.id) == col(Shift.operator_id))
        .where(and_(*conditions))
        .order_by(col(Visit.at), col(Visit.id))
    )
    return list(session.exec(statement).all())


def _secrets_shown(raw: Any, vault: Vault | None) -> tuple[Any, ...]:
    """A queried row with its ID number and phone as ``ledger_row`` takes them.

    With ``vault`` (an unmasked ledger) the sealed values are opened; without, the
    stored masked forms stand in (masking them again changes nothing).
    """
    *head, id_masked, phone_masked, id_cipher, phone_cipher, plate, operator, lane = raw
    if vault is not None:
        id_number = vault.decrypt_optional(id_cipher, column=ID_COLUMN)
        phone = vault.decrypt_optional(phone_cipher, column=PHONE_COLUMN)
    else:
        id_number, phone = id_masked, phone_masked
    return (*head, id_number, phone, plate, operator, lane)


def ledger_rows_of(
    raws: Sequence[tuple[str | None, Any]], words: Wording, unmasked: bool
) -> tuple[LedgerRow, ...]:
    """Ledger lines from ``(vehicle_entry, row)`` pairs in time order (desk and hub):
    a vehicle's rows adjacent, labelled, its companions counted from its rows."""
    occupants = Counter(entry for entry, _raw in raws if entry)
    numbers: dict[str, int] = {}
    lines: list[LedgerRow] = []
    for seq, (entry, raw) in enumerate(keep_together(raws, lambda pair: pair[0]), start=1):
        row = ledger_row(seq, raw, words, unmasked)
        if entry:
            number = numbers.setdefault(entry, len(numbers) + 1)
            row = replace(
                row,
                vehicle=words.t(N_("Vehicle {number}")).format(number=number),
                passengers=occupants[entry] - 1,
            )
        lines.append(row)
    return tuple(lines)


def ledger_row(seq: int, raw: Any, words: Wording, unmasked: bool) -> LedgerRow:
    """One ledger line from a row whose ID number and phone are plain (or masked);
    its lane seconds last, when the row has them."""
    (
        at,
        direction,
        temperature,
        retest,
        health_code,
        travel_risk,
        nat_result,
        nat_at,
        vaccine_doses,
        vaccine_last,
        purpose,
        destination,
        household,
        passengers,
        verdict,
        reasons,
        disposition,
        note,
        name,
        id_number,
        phone,
        plate,
        operator,
        *lane,
    ) = raw
    codes = tuple(str(r) for r in (reasons or ()))
    stopped = verdict == "stop"
    fever = "fever" in codes or (temperature is not None and temperature >= words.threshold)
    if stopped:
        because = words.t(N_("; ")).join(words.reason(c, temperature) for c in codes)
        result = words.t(N_("Stop"))
        if because:
            result = words.t(N_("{result}: {reasons}")).format(result=result, reasons=because)
    else:
        result = words.t(N_("Pass"))
    return LedgerRow(
        seq=seq,
        at=to_local(at),
        direction=words.t(DIRECTION_TEXT.get(direction, direction)),
        name=name or "",
        id_number=(id_number or "") if unmasked else mask_id_number(id_number),
        phone=(phone or "") if unmasked else mask_phone(phone),
        plate=plate or "",
        passengers=passengers or 0,
        temperature=temperature,
        health_code=words.t(HEALTH_CODE_TEXT.get(health_code, health_code)),
        travel=words.travel(travel_risk),
        nat=words.nat(nat_result, nat_at),
        vaccine=words.vaccine(vaccine_doses, vaccine_last),
        purpose=purpose or "",
        destination=destination or "",
        household=household or "",
        result=result,
        disposition=words.disposition(disposition, retest),
        operator=operator or "",
        note=note or "",
        stopped=stopped,
        fever=fever,
        inbound=direction != "out",
        disposition_code=disposition,
        reason_codes=codes,
        lane_seconds=lane[0] if lane else None,
    )


def summarise(rows: tuple[LedgerRow, ...], words: Wording) -> Summary:
    """Counts in/out/stopped/fever, per hour, per operator, per reason, per disposition."""
    per_hour = [0] * 24
    operators: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    dispositions: Counter[str] = Counter()
    entered = left = stopped = fever = 0
    unknown = words.t(N_("(no shift)"))
    for row in rows:
        per_hour[row.at.hour] += 1
        operators[row.operator or unknown] += 1
        reasons.update(row.reason_codes)
        if row.disposition_code:
            dispositions[words.disposition(row.disposition_code, None)] += 1
        entered += row.inbound
        left += not row.inbound
        stopped += row.stopped
        fever += row.fever
    lane = lane_lines((r.at.hour, r.operator or unknown, r.stopped, r.lane_seconds) for r in rows)
    return Summary(
        total=len(rows),
        entered=entered,
        left=left,
        stopped=stopped,
        fever=fever,
        per_hour=tuple(per_hour),
        per_operator=tuple(operators.most_common()),
        per_reason=tuple(
            (code, words.reason_summary(code), n) for code, n in reasons.most_common()
        ),
        per_disposition=tuple(dispositions.most_common()),
        lane_per_hour=lane[0],
        lane_per_operator=lane[1],
    )
