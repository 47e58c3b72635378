"""The tables (DESIGN §4). UUID keys made on the station; UTC timestamps.

Every row that travels to the hub carries ``revision`` (bumped on each edit) and
``updated_at``; ``synced_revision`` is the revision the hub last acknowledged, so a
row is in the outbox while ``synced_revision`` is NULL or below ``revision``.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Column, Index, text
from sqlmodel import Field, SQLModel

from checkpoint_desk.clock import utc_now
from checkpoint_desk.store.types import UTCDateTime


def _json_column() -> Any:
    return Column(JSON, nullable=False, default=list)


class Synced(SQLModel):
    """Columns shared by every row that syncs to the hub."""

    revision: int = Field(default=1)
    updated_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    synced_revision: int | None = Field(default=None)
    synced_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class Station(Synced, table=True):
    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    name: str
    community: str = ""
    grid: str = ""
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)


class Operator(Synced, table=True):
    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    station_id: uuid.UUID = Field(foreign_key="station.id", index=True)
    name: str = Field(index=True)
    role: str = "volunteer"  # volunteer | supervisor
    pin_hash: str = ""
    active: bool = True
    failed_pins: int = 0
    locked_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)


class Shift(Synced, table=True):
    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    station_id: uuid.UUID = Field(foreign_key="station.id", index=True)
    operator_id: uuid.UUID = Field(foreign_key="operator.id", index=True)
    opened_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime, index=True)
    closed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    handover_note: str = ""


class Person(Synced, table=True):
    """Someone who has passed. ID number and phone are secrets (DESIGN §7)."""

    # what a trace's contact shows, read without the row (migration 0010)
    __table_args__ = (Index("ix_person_shown", "id", "name", "id_masked", "phone_masked"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    name: str = Field(default="", index=True)
    name_initials: str = Field(default="", index=True)  # pinyin initials: 张三 → zs
    # Secrets (migration 0003): sealed with the station's vault, a keyed hash to find
    # them, and the masked form for lists; see store/person_secrets.py.
    id_cipher: str | None = None
    id_lookup: str | None = Field(default=None, index=True)
    id_masked: str | None = None
    phone_cipher: str | None = None
    phone_lookup: str | None = Field(default=None, index=True)
    phone_masked: str | None = None
    address: str = ""
    resident: bool = False
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)


class Vehicle(Synced, table=True):
    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    plate: str = Field(unique=True, index=True)


class Visit(Synced, table=True):
    """One registration at the checkpoint."""

    __table_args__ = (
        Index(
            "ix_visit_outbox",
            "id",
            # SQLite only: naming another dialect here would import it on every start.
            sqlite_where=text("synced_revision IS NULL OR synced_revision < revision"),
        ),
        # a person's / a vehicle's visits newest first (migration 0002)
        Index("ix_visit_person_at", "person_id", "at"),
        Index("ix_visit_vehicle_at", "vehicle_id", "at"),
        # the visits at a station around a time: who was here with whom (0007),
        # covering what a trace reads of them (0010)
        Index("ix_visit_station_at", "station_id", "at", "person_id", "deleted_at"),
        Index("ix_visit_household_at", "household", "at"),  # migration 0008
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    station_id: uuid.UUID = Field(foreign_key="station.id", index=True)
    shift_id: uuid.UUID | None = Field(default=None, foreign_key="shift.id", index=True)
    person_id: uuid.UUID | None = Field(default=None, foreign_key="person.id", index=True)
    vehicle_id: uuid.UUID | None = Field(default=None, foreign_key="vehicle.id", index=True)
    # the vehicle this visit was one occupant of (migration 0006; text id, see bounds)
    vehicle_entry: str | None = Field(default=None, index=True, max_length=64)
    at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime, index=True)
    direction: str = "in"  # in | out
    source: str = "manual"  # camera | wedge | manual | import
    temperature_c: float | None = None
    temperature_converted: bool = False  # typed in °F and converted
    retest_temperature_c: float | None = None
    health_code: str = "unknown"  # green | yellow | red | unknown
    health_code_confirmed: bool = False  # colour confirmed by the volunteer (G/Y/R)
    travel_risk: bool | None = None
    nat_result: str | None = None
    nat_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    vaccine_doses: int | None = None
    vaccine_last: date | None = None
    purpose: str = ""
    destination: str = ""
    passengers: int = 0
    # the household rule's key: the pass's address or the form's field (migration 0008)
    household: str | None = Field(default=None, max_length=200)
    verdict: str = "pass"  # pass | stop
    reasons: list[str] = Field(default_factory=list, sa_column=_json_column())
    disposition: str | None = None
    disposition_by: uuid.UUID | None = Field(default=None, foreign_key="operator.id")
    disposition_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    note: str = ""
    deleted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)  # a tombstone
    # seconds from the visitor's first scan or key to the commit (migration 0007)
    lane_seconds: float | None = None


class Presence(SQLModel, table=True):
    """A person's newest visit at a station that is not deleted (migration 0007).

    Kept by SQLite triggers on ``visit`` (never written by the program): a person
    whose row says ``in`` is inside now (``services/inside.py``).
    """

    # covering: the inside list reads the index alone (migration 0011)
    __table_args__ = (
        Index(
            "ix_presence_inside",
            "direction",
            "station_id",
            "at",
            "name",
            "id_masked",
            "phone_masked",
        ),
    )

    station_id: uuid.UUID = Field(primary_key=True)
    person_id: uuid.UUID = Field(primary_key=True)
    visit_id: uuid.UUID
    at: datetime = Field(sa_type=UTCDateTime)
    direction: str
    name: str = ""  # the person's, copied (a trigger on person keeps it current)
    id_masked: str | None = None
    phone_masked: str | None = None


class Scan(SQLModel, table=True):
    """One code read for a visit."""

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    visit_id: uuid.UUID = Field(foreign_key="visit.id", index=True)
    scanned_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    scheme: str
    issuer: str | None = None
    kid: str | None = None
    verified: bool = False
    status: str = "unverified"
    reasons: list[str] = Field(default_factory=list, sa_column=_json_column())
    decoder: str | None = None
    raw_text: str | None = None  # sealed (scan.raw_text); kept only where settings allow


class IssuedPass(Synced, table=True):
    """A resident / visitor / worker pass issued here (the design's ``Pass``)."""

    __tablename__ = "pass"

    id: str = Field(primary_key=True)  # the pass id printed in the code (pid)
    station_id: uuid.UUID = Field(foreign_key="station.id", index=True)
    person_id: uuid.UUID | None = Field(default=None, foreign_key="person.id", index=True)
    name: str
    id_masked: str = ""
    # The holder's ``idk`` (keyed by the community's ID key), sealed; "" for passes
    # from before migration 0004. And a look-up hash keyed by the station.
    id_key_cipher: str = ""
    id_lookup: str = Field(default="", index=True)
    kind: str = "resident"  # resident | visitor | worker
    address: str = ""
    issued_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    expires_at: datetime = Field(sa_type=UTCDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class DailyCount(SQLModel, table=True):
    """A day's counters, kept when its visits are purged (migration 0003)."""

    __tablename__ = "daily_count"

    day: date = Field(primary_key=True)  # the station's local day
    station_id: uuid.UUID = Field(primary_key=True, foreign_key="station.id")
    count_in: int = 0
    count_out: int = 0
    stopped: int = 0
    fever: int = 0


class ReferenceData(SQLModel, table=True):
    """A versioned set of reference data pulled from the hub (or imported)."""

    __tablename__ = "reference_data"

    kind: str = Field(
        primary_key=True
    )  # id_key | trust_list | risk_areas | deny_list | revocations | settings
    etag: str = ""
    version: int = 0
    fetched_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    payload: Any = Field(default=None, sa_column=Column(JSON, nullable=True))


class AuditEntry(SQLModel, table=True):
    """Append-only, hash-chained record of a sensitive act."""

    __tablename__ = "audit_entry"

    seq: int | None = Field(default=None, primary_key=True)
    id: uuid.UUID = Field(default_factory=uuid.uuid4, unique=True)
    at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    station_id: uuid.UUID | None = Field(default=None, foreign_key="station.id")
    operator_id: uuid.UUID | None = Field(default=None, foreign_key="operator.id")
    action: str
    detail: Any = Field(default=None, sa_column=Column(JSON, nullable=True))
    prev_hash: str = ""
    hash: str = ""
    synced_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class AuditAnchor(SQLModel, table=True):
    """The audit chain's head (seq, hash) signed by the station key (migration 0005).

    Made at every export, shift-close ledger and sync, and sent to the hub, so a
    chain cut short or rewritten after it no longer matches a signed head.
    ``hub_at`` is the hub's clock when it took the anchor (None until sent).
    """

    __tablename__ = "audit_anchor"

    id: int | None = Field(default=None, primary_key=True)
    seq: int
    hash: str
    at: datetime = Field(sa_type=UTCDateTime)
    reason: str
    kid: str
    signature: str
    hub_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
