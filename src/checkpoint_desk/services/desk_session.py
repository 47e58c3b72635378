"""The desk's session: everything the window asks of the station, without Qt.

The UI renders what this returns and never reaches the store itself: codes are read
and checked here, visits registered and their dispositions recorded through the
services (one writer: the GUI thread), and today's rows and counts come from
``services.today``. Operators and shifts are ``services.shift_session``.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session

from checkpoint_desk.clock import Clock, ClockStatus, day_bounds, to_local, utc_now
from checkpoint_desk.codes.reading import CodeReading
from checkpoint_desk.codes.registry import read_code
from checkpoint_desk.codes.trust import TrustList
from checkpoint_desk.domain.idnumber import parse_id_number
from checkpoint_desk.domain.phone import parse_phone
from checkpoint_desk.domain.plate import parse_plate
from checkpoint_desk.domain.screening import ScreeningRules
from checkpoint_desk.domain.temperature import parse_temperature
from checkpoint_desk.domain.verdict import Disposition, Verdict
from checkpoint_desk.errors import ValidationError
from checkpoint_desk.i18n import N_
from checkpoint_desk.paths import DataDir
from checkpoint_desk.services import lookup, today, vehicle_entries
from checkpoint_desk.services.backup import seal_old_backups
from checkpoint_desk.services.clock_guard import clock_status, note_clock_behind
from checkpoint_desk.services.codes import read_context
from checkpoint_desk.services.desk_loop import VehicleEntry
from checkpoint_desk.services.drafts import VisitDraft, validate_draft
from checkpoint_desk.services.inside import InsidePerson, inside_count, inside_now
from checkpoint_desk.services.roles import SupervisorApproval
from checkpoint_desk.services.shift_session import ShiftSession
from checkpoint_desk.services.station import this_station
from checkpoint_desk.services.today import DayCounts, VisitRow
from checkpoint_desk.settings import Settings
from checkpoint_desk.store.engine import open_database
from checkpoint_desk.store.models import Station, Visit
from checkpoint_desk.store.vault import Vault


@dataclass(frozen=True)
class Registered:
    visit_id: uuid.UUID
    verdict: Verdict
    at: datetime


class DeskSession:
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

    def clock_status(self) -> ClockStatus:
        """This clock against the newest time the desk has seen (audited when behind)."""
        status = clock_status(self.engine, self.clock(), self.trust_list().updated_at)
        note_clock_behind(self.engine, status)
        return status

    # -- checks ----------------------------------------------------------------------
    def check_field(self, name: str, text: str) -> str | None:
        """The problem with one field as typed (translated), or None."""
        text = text.strip()
        parse = FIELD_PARSERS.get(name)
        if not text or parse is None:
            return None
        try:
            parse(text)
        except ValidationError as exc:
            return exc.translated()
        return None

    def problems(self, values: VisitDraft) -> dict[str, str]:
        """Field → translated problem for everything that blocks a commit."""
        found = {p.field: p.message for p in validate_draft(values)}
        if not values.temperature.strip():
            found["temperature"] = ValidationError(
                "temperature_empty", N_("Enter the temperature.")
            ).translated()
        return found

    # -- the verdict -----------------------------------------------------------------
    def register(self, values: VisitDraft, *, shift_id: uuid.UUID | None) -> Registered:
        """Commit the visit; the record is durable when this returns."""
        from checkpoint_desk.services.visits import register_visit

        done = register_visit(
            self.engine,
            values,
            station_id=self.station.id,
            shift_id=shift_id,
            rules=self.rules(),
            clock=self.clock,
            keep_raw_text=self.settings.values.keep_raw_code_text,
        )
        return Registered(done.visit_id, done.verdict, done.at)

    def set_disposition(
        self,
        visit_id: uuid.UUID,
        disposition: Disposition,
        *,
        operator_id: uuid.UUID,
        retest_temperature: str | None = None,
        approval: SupervisorApproval | None = None,
        note: str = "",
    ) -> None:
        """Record what was done with a stopped visitor (the service audits it)."""
        from checkpoint_desk.services.visits import set_disposition

        set_disposition(
            self.engine,
            visit_id,
            disposition,
            operator_id=operator_id,
            retest_temperature=retest_temperature,
            approval=approval,
            note=note,
            clock=self.clock,
            rules=self.rules(),
        )

    def unmask_visit(self, visit_id: uuid.UUID, approval: SupervisorApproval) -> tuple[str, str]:
        """The full ID number and phone of a visit's person (audited ``unmask``)."""
        from checkpoint_desk.services.roles import unmask_person

        with Session(self.engine) as session:
            visit = session.get(Visit, visit_id)
            person_id = visit.person_id if visit is not None else None
        if person_id is None:
            return "", ""
        shown = unmask_person(self.engine, person_id, approval=approval, clock=self.clock)
        return shown.id_number or "", shown.phone or ""

    def correct_visit(
        self,
        visit_id: uuid.UUID,
        changes: dict[str, str],
        approval: SupervisorApproval,
        reason: str = "",
    ) -> None:
        """A supervisor's correction of a committed visit (audited ``visit_edit``)."""
        from checkpoint_desk.services.visit_edits import edit_visit

        edit_visit(
            self.engine, visit_id, dict(changes), approval=approval, reason=reason,
            rules=self.rules(), clock=self.clock,
        )  # fmt: skip

    def delete_visit(
        self, visit_id: uuid.UUID, approval: SupervisorApproval, reason: str = ""
    ) -> None:
        """A supervisor deletes a visit: a tombstone that syncs (audited ``visit_delete``)."""
        from checkpoint_desk.services.visit_edits import delete_visit

        delete_visit(self.engine, visit_id, approval=approval, reason=reason, clock=self.clock)

    def warm_up(self) -> None:
        """Import what the first commit needs, once the window is on screen.

        ``services.visits`` loads pypinyin's dictionaries (a third of a second), which
        the window does not need to appear; it is imported where it is used.
        """
        import checkpoint_desk.services.visits  # noqa: F401

    def rules(self) -> ScreeningRules:
        return ScreeningRules.from_settings(self.settings)

    # -- returning visitors ----------------------------------------------------------
    def returning_person(
        self, *, id_number: str = "", phone: str = "", plate: str = ""
    ) -> tuple[uuid.UUID, dict[str, str]] | None:
        """A returning person's id and the fields to fill from their last visit."""
        if not (id_number or phone or plate):
            return None
        person = lookup.returning_person(
            self.engine, id_number=id_number or None, phone=phone or None, plate=plate or None
        )
        if person is None:
            return None
        found = {
            key: str(value)
            for key, value in (
                ("name", person.name),
                ("id_number", person.id_number),
                ("phone", person.phone),
                ("address", person.address),
                ("plate", person.last_plate),
            )
            if value
        }
        last = lookup.last_visit(self.engine, person.person_id)
        if last is not None:
            found.update({k: v for k, v in (("purpose", last.purpose),
                          ("destination", last.destination)) if v})  # fmt: skip
        return person.person_id, found

    # -- today ----------------------------------------------------------------------
    def today_rows(self, limit: int = 500) -> list[VisitRow]:
        """Today's visits (the local day), newest first."""
        start, end = day_bounds(to_local(self.clock()).date())
        return today.visits_between(self.engine, start, end, limit)

    def visit_row(self, visit_id: uuid.UUID) -> VisitRow | None:
        """One visit's row as it is now (after a disposition, say)."""
        return today.visit_row(self.engine, visit_id)

    def day_counts(self) -> DayCounts:
        """Today's counters, purged visits included."""
        return today.day_counts(self.engine, to_local(self.clock()).date())

    def unsynced_count(self) -> int:
        """Visits the hub has not acknowledged yet."""
        # The outbox module brings the hub's wire schemas (pydantic models, slow to
        # build): loaded when the status bar first counts, off the window's start.
        from checkpoint_desk.sync.outbox import waiting_count

        return waiting_count(self.engine)

    # -- a vehicle being registered ------------------------------------------------
    def vehicle_started(self, vehicle: VehicleEntry) -> None:
        """Remembered until it is closed, so that a restart shows it again."""
        vehicle_entries.remember_open(self.data_dir, vehicle)

    def vehicle_closed(self) -> None:
        vehicle_entries.forget_open(self.data_dir)

    def unfinished_vehicle(self) -> VehicleEntry | None:
        """The vehicle open when the desk stopped, with its occupants as registered."""
        return vehicle_entries.unfinished(self.engine, self.data_dir)

    # -- who is inside, how fast the lane moves (issue 16) ----------------------------
    def inside_count(self) -> int:
        """How many people are inside (their newest registration here is an entry)."""
        return inside_count(self.engine, self.station.id)

    def inside_people(self) -> list[InsidePerson]:
        """Everyone inside, longest inside first (masked)."""
        return inside_now(self.engine, self.station.id)

    def pace_per_minute(self) -> float:
        """Visitors registered in the last hour, per minute."""
        from checkpoint_desk.services.lane_stats import people_per_minute

        return people_per_minute(self.engine, self.clock(), self.station.id)

    def write_roll_call(self, people: list[InsidePerson], fmt: str) -> Path:
        """The evacuation roll call of ``people`` (CSV or PDF) in the export folder."""
        from checkpoint_desk.services.ledger_export import export_folder
        from checkpoint_desk.services.roll_call import write_roll_call

        folder = export_folder(self.data_dir, self.settings)
        return write_roll_call(self.engine, people, fmt=fmt, out_dir=folder, clock=self.clock)

    def close(self) -> None:
        """Close the database (the desk is shutting down)."""
        self.engine.dispose()


def open_sessions(
    data_dir: DataDir,
    vault: Vault,
    settings: Settings,
    *,
    clock: Clock = utc_now,
    demo: bool = False,
) -> tuple[DeskSession, ShiftSession]:
    """Open (and migrate) the station's database once, with its keys bound.

    Backups left unsealed by an older version are sealed with the same keys.
    """
    engine = open_database(data_dir.database, vault=vault)
    seal_old_backups(data_dir.backups, vault)
    station = this_station(engine)
    desk = DeskSession(engine, data_dir, settings, station, clock=clock, demo=demo)
    return desk, ShiftSession(engine, data_dir, station, clock=clock, settings=settings)


FIELD_PARSERS: dict[str, Callable[[str], object]] = {
    "id_number": parse_id_number,
    "phone": parse_phone,
    "plate": parse_plate,
    "temperature": parse_temperature,
}


def temperature_celsius(text: str) -> float:
    """``365`` → 36.5 (ValidationError when it is not a temperature)."""
    return parse_temperature(text).celsius
