"""Who was here with whom (时空伴随): everyone registered near a person's visits.

For a person given by ID number or phone, each of their visits in a range of days,
and everyone else registered at the same station within ± ``window`` of it. It is a
supervisor's act (``SupervisorApproval``) and an audit entry ``trace`` records what
was asked: the number masked and as the station's keyed hash, never in clear.

The person's visits are found on ``ix_visit_person_at`` and the windows (merged
where they overlap) read as key ranges of ``trace_visit`` (migration 0011: each live
visit in time order at its station with the name and masked numbers shown, kept by
triggers, ``store/presence.py``), so a trace touches only the visits near the
person's, however many the station holds, and no person row.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from checkpoint_desk.clock import Clock, day_bounds, to_local, utc_now
from checkpoint_desk.domain.idnumber import parse_id_number
from checkpoint_desk.domain.masking import mask_id_number, mask_phone
from checkpoint_desk.domain.phone import parse_phone
from checkpoint_desk.errors import ValidationError
from checkpoint_desk.export.atomic import write_file_atomic
from checkpoint_desk.export.people_list import PeopleList, render_list_csv, render_list_xlsx
from checkpoint_desk.i18n import N_, current_language, gettext
from checkpoint_desk.services.audit import record
from checkpoint_desk.services.roles import SupervisorApproval, require_supervisor
from checkpoint_desk.store.models import Person, Station, Visit
from checkpoint_desk.store.person_secrets import ID_COLUMN, PHONE_COLUMN, id_is, phone_is
from checkpoint_desk.store.vault import vault_of

TRACE_FORMATS = ("csv", "xlsx")
DEFAULT_WINDOW_MIN = 30
DEFAULT_DAYS = 14  # without --from: the two weeks up to --to (an incubation period)
MAX_WINDOW_MIN = 24 * 60


@dataclass(frozen=True)
class Contact:
    """Someone registered near one of the person's visits."""

    name: str
    id_masked: str
    phone_masked: str
    at: datetime
    station: str
    overlap_with: datetime  # the person's visit this one was near

    def as_json(self) -> dict[str, str]:
        """What ``checkpoint-desk trace --json`` prints for this contact."""
        return {
            "name": self.name,
            "id_masked": self.id_masked,
            "phone_masked": self.phone_masked,
            "at": self.at.isoformat(),
            "station": self.station,
            "overlap_with": self.overlap_with.isoformat(),
        }


@dataclass(frozen=True)
class Trace:
    """A trace's answer: the person's visits looked at and the contacts found."""

    asked: str  # the number asked for, masked
    first_day: date
    last_day: date
    window_min: int
    visits: tuple[datetime, ...]
    contacts: tuple[Contact, ...]


def trace_contacts(
    engine: Engine,
    *,
    id_number: str | None = None,
    phone: str | None = None,
    first_day: date | None = None,
    last_day: date | None = None,
    window_min: int = DEFAULT_WINDOW_MIN,
    approval: SupervisorApproval | None,
    clock: Clock = utc_now,
) -> Trace:
    """The contacts of the person with ``id_number`` (or ``phone``), days inclusive.

    Raises RoleError without a supervisor's fresh approval, ValidationError for a
    number that does not parse, a window outside 1..1440 minutes or days reversed.
    """
    approved = require_supervisor(approval, clock=clock)
    if not 1 <= window_min <= MAX_WINDOW_MIN:
        raise ValidationError(
            "trace_window",
            N_("The window is 1 to {most} minutes, not {value}."),
            most=MAX_WINDOW_MIN,
            value=window_min,
        )
    last = last_day or to_local(clock()).date()
    first = first_day or last - timedelta(days=DEFAULT_DAYS - 1)
    if first > last:
        raise ValidationError(
            "trace_days", N_("--from {first} is after --to {last}."), first=first, last=last
        )
    vault = vault_of(engine)
    if id_number is not None:
        number = parse_id_number(id_number).number
        condition, masked = id_is(vault, number), mask_id_number(number)
        asked = {"by": "id_number", "lookup": vault.lookup_hash(number, column=ID_COLUMN)}
    elif phone is not None:
        number = parse_phone(phone).number
        condition, masked = phone_is(vault, number), mask_phone(number)
        asked = {"by": "phone", "lookup": vault.lookup_hash(number, column=PHONE_COLUMN)}
    else:
        raise ValidationError("trace_who", N_("Say whose contacts: --id ID or --phone P."))
    start, _ = day_bounds(first)
    _, end = day_bounds(last)
    window = timedelta(minutes=window_min)
    with Session(engine) as session:
        subjects = set(session.exec(select(Person.id).where(condition)).all())
        visits = _visits_of(session, subjects, start, end)
        contacts = _near(session, subjects, visits, window)
        record(
            session,
            "trace",
            {
                **asked,
                "masked": masked,
                "from": first.isoformat(),
                "to": last.isoformat(),
                "window_min": window_min,
                "visits": len(visits),
                "contacts": len(contacts),
            },
            station_id=approved.station_id,
            operator_id=approved.supervisor_id,
            clock=clock,
        )
        session.commit()
    return Trace(
        asked=masked,
        first_day=first,
        last_day=last,
        window_min=window_min,
        visits=tuple(at for _, at in visits),
        contacts=tuple(contacts),
    )


def contact_list(trace: Trace, lang: str) -> PeopleList:
    """The contacts as a list file shows them, in ``lang``."""
    heads = (
        N_("Name"),
        N_("ID number"),
        N_("Phone"),
        N_("Time"),
        N_("Station"),
        N_("Near their visit at"),
    )
    stamp = "%Y-%m-%d %H:%M"
    return PeopleList(
        title=gettext(N_("Contacts of {asked}"), lang).format(asked=trace.asked),
        lines=(
            gettext(
                N_("{first} to {last}, ±{window} minutes: one person")
                if len(trace.contacts) == 1
                else N_("{first} to {last}, ±{window} minutes: {count} people"),
                lang,
            ).format(
                first=trace.first_day,
                last=trace.last_day,
                window=trace.window_min,
                count=len(trace.contacts),
            ),
        ),
        head=tuple(gettext(h, lang) for h in heads),
        rows=tuple(
            (
                c.name,
                c.id_masked,
                c.phone_masked,
                to_local(c.at).strftime(stamp),
                c.station,
                to_local(c.overlap_with).strftime(stamp),
            )
            for c in trace.contacts
        ),
    )


def write_contacts(
    engine: Engine,
    trace: Trace,
    *,
    fmt: str,
    out_dir: Path,
    approval: SupervisorApproval | None,
    lang: str | None = None,
    clock: Clock = utc_now,
) -> Path:
    """Write a trace's contacts (masked) into ``out_dir``; audited ``trace_export``."""
    approved = require_supervisor(approval, clock=clock)
    if fmt not in TRACE_FORMATS:
        raise ValidationError(
            "trace_format", N_("Unknown format {format}: choose csv or xlsx."), format=fmt
        )
    listed = contact_list(trace, lang or current_language())
    data = render_list_csv(listed) if fmt == "csv" else render_list_xlsx(listed)
    stamp = to_local(clock()).strftime("%Y-%m-%d-%H%M")
    target = out_dir / f"trace-{trace.first_day}-{trace.last_day}-{stamp}.{fmt}"
    with Session(engine) as session:
        record(
            session,
            "trace_export",
            {"file": str(target), "format": fmt, "contacts": len(trace.contacts)},
            station_id=approved.station_id,
            operator_id=approved.supervisor_id,
            clock=clock,
        )
        write_file_atomic(target, data)
        session.commit()
    return target


def _visits_of(
    session: Session, people: set[uuid.UUID], start: datetime, end: datetime
) -> list[tuple[uuid.UUID, datetime]]:
    """(station, time) of each of ``people``'s visits in [start, end), oldest first."""
    if not people:
        return []
    rows = session.exec(
        select(Visit.station_id, Visit.at)
        .where(
            col(Visit.person_id).in_(people),
            col(Visit.at) >= start,
            col(Visit.at) < end,
            col(Visit.deleted_at).is_(None),
        )
        .order_by(col(Visit.at))
    ).all()
    return [(station, at) for station, at in rows]


_NEAR = (
    "SELECT at, person_id, name, id_masked, phone_masked FROM trace_visit"
    " WHERE station_id = ? AND at >= ? AND at <= ?"
)
"""A span's live visits with who made them: one key range of ``trace_visit`` (0011),
which holds the name and masked numbers shown (no person row is read)."""

CACHE_KIB = 65536
"""The read's page cache (KiB): the pages of ``trace_visit`` a trace walks stay in
memory for the next one, not re-read from the file."""


def _near(
    session: Session,
    people: set[uuid.UUID],
    visits: list[tuple[uuid.UUID, datetime]],
    window: timedelta,
) -> list[Contact]:
    """Everyone else's visits within ``window`` of one of ``visits``, by time.

    The spans are merged, so each visit is read once; a contact near two of the
    person's visits gets the nearer one. The rows come from the DB-API cursor as
    SQLite stores them (tuples, no ORM row, no type conversion per row): the ids as
    hex, each time parsed once with ``fromisoformat``; a span around a single visit
    needs no distance check (the range is the window).
    """
    theirs = {person.hex for person in people}
    stations = _station_names(session, {station for station, _ in visits})
    raw = session.connection().connection.dbapi_connection
    assert raw is not None
    cursor = raw.cursor()
    cursor.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
    rows: list[tuple[datetime, str, str, str, str, datetime]] = []
    keep = rows.append
    parse = datetime.fromisoformat
    try:
        for station_id, low, high in _merged(visits, window):
            near = [at for s, at in visits if s == station_id and low <= at <= high]
            station_name = stations[station_id]
            found = cursor.execute(_NEAR, (station_id.hex, _as_stored(low), _as_stored(high)))
            if len(near) == 1:
                only = near[0]
                for stored, person, name, id_masked, phone_masked in found:
                    if person not in theirs:
                        at = parse(stored + "+00:00")
                        keep((at, name, id_masked or "", phone_masked or "", station_name, only))
                continue
            for stored, person, name, id_masked, phone_masked in found:
                if person in theirs:
                    continue
                at = parse(stored + "+00:00")
                overlap = _nearest(near, at)
                if abs(overlap - at) <= window:
                    keep((at, name, id_masked or "", phone_masked or "", station_name, overlap))
    finally:
        cursor.close()
    rows.sort()  # by time, then name (then the rest: a stable order for equal ones)
    return [Contact(name, i, p, at, s, o) for at, name, i, p, s, o in rows]


def _station_names(session: Session, ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
    """Each station's name (once per trace, not per row)."""
    names: dict[uuid.UUID, str] = {}
    for station_id in ids:
        station = session.get(Station, station_id)
        names[station_id] = station.name if station else ""
    return names


def _as_stored(moment: datetime) -> str:
    """A UTC time as SQLAlchemy's SQLite ``DateTime`` stores it (naive, microseconds)."""
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


def _merged(
    visits: list[tuple[uuid.UUID, datetime]], window: timedelta
) -> list[tuple[uuid.UUID, datetime, datetime]]:
    """The spans ± ``window`` around ``visits`` (oldest first), overlapping ones joined."""
    spans: list[tuple[uuid.UUID, datetime, datetime]] = []
    for station_id, at in visits:
        low, high = at - window, at + window
        for i, (s, a, b) in enumerate(spans):
            if s == station_id and low <= b:
                spans[i] = (s, a, max(b, high))
                break
        else:
            spans.append((station_id, low, high))
    return spans


def _nearest(times: list[datetime], at: datetime) -> datetime:
    return min(times, key=lambda t: abs(t - at))
