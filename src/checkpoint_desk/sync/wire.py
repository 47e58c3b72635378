"""Wire schemas shared by the desk and the hub (API version 1).

Every model is strict (no silent type coercion: ``"5"`` is not a revision), refuses
unknown fields and caps string lengths and list sizes, so a malformed body is refused
with a reason rather than stored. Validate JSON text with ``model_validate_json``:
UUIDs and datetimes are ISO strings on the wire.

Values the databases cannot hold are refused here, item by item (``domain.bounds``):
control characters (NUL above all: PostgreSQL refuses it in text), revisions and seqs
above ``MAX_REVISION``, times outside 1970–2200, audit details beyond a small size.
The checks are pydantic constraints (patterns and bounds run in pydantic-core), so
the hub's fast path stays fast.
"""

from __future__ import annotations

import hashlib
import json
import math
from datetime import date
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import (
    AfterValidator,
    AliasChoices,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
)

from checkpoint_desk.domain.bounds import (
    EARLIEST,
    EARLIEST_DAY,
    LATEST,
    LATEST_DAY,
    LINE_FORBIDDEN,
    MAX_REVISION,
    TEXT_FORBIDDEN,
    control_character,
)

API_PREFIX = "/api/v1"
MAX_BATCH = 1000
"""Most items of one kind in one push."""
MAX_BODY_BYTES = 16 * 1024 * 1024
"""Largest request body the hub reads."""
MAX_PUSH_VALUES = 500_000
"""Most JSON values (counted by their separators) one push may unpack into: a
thousand visits with ten scans each stay below it; millions of empty items do not."""

_LINE = f"^[^{LINE_FORBIDDEN}]*$"
_TEXT = f"^[^{TEXT_FORBIDDEN}]*$"
_RAW = r"^[^\x00]*$"
CONTROL_PATTERNS = (_LINE, _TEXT, _RAW)
"""Patterns whose mismatch means a control character (``hub.ingest.explain``)."""

Text16 = Annotated[str, StringConstraints(max_length=16, pattern=_LINE)]
Text32 = Annotated[str, StringConstraints(max_length=32, pattern=_LINE)]
Text64 = Annotated[str, StringConstraints(max_length=64, pattern=_LINE)]
Text200 = Annotated[str, StringConstraints(max_length=200, pattern=_LINE)]
Text2000 = Annotated[str, StringConstraints(max_length=2000, pattern=_TEXT)]
"""Several lines (a note): tab and line breaks allowed, other controls not."""
RawText = Annotated[str, StringConstraints(max_length=4096, pattern=_RAW)]
"""A code's text as scanned: separators such as GS (0x1D) are content; NUL is not."""
Revision = Annotated[int, Field(ge=1, le=MAX_REVISION)]
Moment = Annotated[AwareDatetime, Field(ge=EARLIEST, lt=LATEST)]
Day = Annotated[date, Field(ge=EARLIEST_DAY, lt=LATEST_DAY)]
Hex64 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
IdHash = Annotated[str, StringConstraints(pattern=r"^[0-9a-fA-F]{64}$", to_lower=True)]
RegionCode = Annotated[str, StringConstraints(pattern=r"^[0-9]{2}([0-9]{2}){0,2}$")]
"""A GB/T 2260 administrative region code (six digits) or a prefix (2 or 4 digits)."""
MAX_LANE_SECONDS = 86_400.0
"""A visitor's time at the lane is under a day; more is a clock or a bug."""
LaneSeconds = Annotated[float, Field(ge=0, le=MAX_LANE_SECONDS, allow_inf_nan=False)]
PublicKeyPem = Annotated[str, StringConstraints(max_length=1000, pattern=_TEXT)]

DETAIL_MAX_DEPTH = 4
DETAIL_MAX_VALUES = 500
DETAIL_MAX_TEXT = 2000
_INT64 = (-(2**63), 2**63 - 1)


def _bounded_detail(detail: dict[str, Any]) -> dict[str, Any]:
    """An audit detail the hub can store: small, shallow, int64, no control characters."""
    count = 0
    pending: list[tuple[Any, int]] = [(detail, 1)]
    while pending:
        value, depth = pending.pop()
        count += 1
        if count > DETAIL_MAX_VALUES:
            raise ValueError(f"more than {DETAIL_MAX_VALUES} values")
        if isinstance(value, dict | list):
            if depth > DETAIL_MAX_DEPTH:
                raise ValueError(f"nested deeper than {DETAIL_MAX_DEPTH}")
            children = list(value.values()) if isinstance(value, dict) else value
            for key in value if isinstance(value, dict) else ():
                _bounded_text(key, 64)
            pending.extend((child, depth + 1) for child in children)
        elif isinstance(value, str):
            _bounded_text(value, DETAIL_MAX_TEXT)
        elif isinstance(value, int) and not isinstance(value, bool):
            if not _INT64[0] <= value <= _INT64[1]:
                raise ValueError("a number outside 64 bits")
        elif isinstance(value, float) and not math.isfinite(value):
            raise ValueError("a number that is not finite")
    return detail


def _bounded_text(value: str, longest: int) -> None:
    if len(value) > longest:
        raise ValueError(f"a text longer than {longest} characters")
    char = control_character(value, multiline=True)
    if char is not None:
        raise ValueError(f"control character U+{ord(char):04X}")


AuditDetail = Annotated[dict[str, Any], AfterValidator(_bounded_detail)]


class WireModel(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class StationIn(WireModel):
    """The pushing station: its desk-made id, name and Ed25519 public key (PEM)."""

    id: UUID
    name: Text200
    community: Text200 = ""
    public_key: PublicKeyPem | None = None


class ScanIn(WireModel):
    uuid: UUID
    scanned_at: Moment
    scheme: Text32
    issuer: Text200 | None = None
    kid: Text64 | None = None
    verified: bool = False
    status: Text16 = "unverified"
    reasons: Annotated[list[Text64], Field(max_length=20)] = []
    # Stations before migration 0009 send the decoder's name as "backend".
    decoder: Text32 | None = Field(None, validation_alias=AliasChoices("decoder", "backend"))
    raw_text: RawText | None = None


class VisitIn(WireModel):
    """One registration, with the person's numbers opened for the hub.

    The station seals ID numbers and phones at rest (issue 8); the hub is the
    community's record and the way back from a forgotten passphrase, so it gets them
    whole (over TLS: see the README). ``deleted_at`` marks a supervisor's deletion.
    """

    uuid: UUID
    revision: Revision
    updated_at: Moment
    station_id: UUID
    shift_id: UUID | None = None
    vehicle_entry_id: UUID | None = None
    at: Moment
    direction: Literal["in", "out"]
    source: Text16 = "manual"
    name: Text64 = ""
    id_number: Text32 | None = None
    phone: Text32 | None = None
    plate: Text16 | None = None
    temperature_c: Annotated[float, Field(ge=20, le=50)] | None = None
    temperature_converted: bool = False
    retest_temperature_c: Annotated[float, Field(ge=20, le=50)] | None = None
    health_code: Literal["green", "yellow", "red", "unknown"] = "unknown"
    health_code_confirmed: bool = False
    travel_risk: bool | None = None
    nat_result: Text16 | None = None
    nat_at: Moment | None = None
    vaccine_doses: Annotated[int, Field(ge=0, le=20)] | None = None
    vaccine_last: Day | None = None
    purpose: Text200 = ""
    destination: Text200 = ""
    passengers: Annotated[int, Field(ge=0, le=99)] = 0
    verdict: Literal["pass", "stop"]
    reasons: Annotated[list[Text64], Field(max_length=20)] = []
    disposition: Text32 | None = None
    disposition_by: UUID | None = None
    disposition_at: Moment | None = None
    note: Text2000 = ""
    deleted_at: Moment | None = None
    scans: Annotated[list[ScanIn], Field(max_length=10)] = []
    # Issue 16: seconds from the visitor's first scan or key to the commit; absent from
    # desks before it (and from paper-ledger rows).
    lane_seconds: LaneSeconds | None = None


class ShiftIn(WireModel):
    uuid: UUID
    revision: Revision
    updated_at: Moment
    station_id: UUID
    operator_id: UUID
    opened_at: Moment
    closed_at: Moment | None = None
    handover_note: Text2000 = ""


class OperatorIn(WireModel):
    """An operator's name and role: PIN hashes never leave the desk."""

    uuid: UUID
    revision: Revision
    updated_at: Moment
    station_id: UUID
    name: Text64
    role: Literal["volunteer", "supervisor"]
    active: bool = True


class AuditIn(WireModel):
    """One entry of the station's hash-chained audit trail."""

    uuid: UUID
    seq: Revision
    at: Moment
    station_id: UUID | None = None
    operator_id: UUID | None = None
    action: Text64
    detail: AuditDetail = {}
    prev_hash: Hex64
    hash: Hex64


Kind = Literal["operators", "shifts", "visits", "audit"]
KINDS: tuple[Kind, ...] = ("operators", "shifts", "visits", "audit")
ITEM_MODELS: dict[str, type[WireModel]] = {
    "operators": OperatorIn,
    "shifts": ShiftIn,
    "visits": VisitIn,
    "audit": AuditIn,
}


class PushBatch(WireModel):
    """One push: the station, then up to ``MAX_BATCH`` items of each kind."""

    station: StationIn
    operators: Annotated[list[OperatorIn], Field(max_length=MAX_BATCH)] = []
    shifts: Annotated[list[ShiftIn], Field(max_length=MAX_BATCH)] = []
    visits: Annotated[list[VisitIn], Field(max_length=MAX_BATCH)] = []
    audit: Annotated[list[AuditIn], Field(max_length=MAX_BATCH)] = []

    def item_count(self) -> int:
        return len(self.operators) + len(self.shifts) + len(self.visits) + len(self.audit)


class Ack(WireModel):
    """The hub holds this item at this revision (or a later one)."""

    kind: Kind
    uuid: UUID
    revision: int


class Rejection(WireModel):
    """An item the hub refused; ``uuid`` when it could be read, always its index."""

    kind: Kind
    index: int
    uuid: UUID | None = None
    reason: Text2000


class PushResult(WireModel):
    accepted: list[Ack] = []
    rejected: list[Rejection] = []
    # The hub's Ed25519 signature over the station and ``accepted`` (sync/hub_pin.py):
    # the desk marks nothing synced without it.
    signature: str | None = None


class ErrorBody(WireModel):
    """Every 4xx/5xx answer: a stable code and a reason in words."""

    error: Text64
    reason: Text2000
    detail: list[dict[str, Any]] = []


# --- reference data -------------------------------------------------------------

ReferenceKind = Literal[
    "id_key", "trust_list", "risk_areas", "deny_list", "revocations", "settings"
]
# ``id_key`` first: a deny list pulled in the same round is then checkable at once.
REFERENCE_KINDS: tuple[ReferenceKind, ...] = (
    "id_key",
    "trust_list",
    "risk_areas",
    "deny_list",
    "revocations",
    "settings",
)


class TrustEntry(WireModel):
    """A signing key: ``kid`` is the hex of its first 8 SHA-256 bytes (DESIGN §5)."""

    kid: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{16}$")]
    issuer: Text200
    schemes: Annotated[list[Text16], Field(max_length=8)]
    public_key: PublicKeyPem
    valid_from: AwareDatetime | None = None
    valid_until: AwareDatetime | None = None
    demo: bool = False


class TrustListPayload(WireModel):
    keys: Annotated[list[TrustEntry], Field(max_length=10_000)]


class RiskAreasPayload(WireModel):
    """Risk areas as GB/T 2260 codes or prefixes (``4201`` covers all of Wuhan)."""

    codes: Annotated[list[RegionCode], Field(max_length=10_000)]
    names: Annotated[dict[RegionCode, Text200], Field(max_length=10_000)] = {}


class IdKeyPayload(WireModel):
    """The community's ID key (``codes/id_key.py``), base64 of 32 bytes; served only to
    authenticated stations, kept sealed in each desk's vault."""

    key: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9+/]{43}=$")]


class DenyListPayload(WireModel):
    """Keyed hashes (``idk``: HMAC-SHA256 under the community's ID key) of the ID
    numbers that are stopped; never the numbers, never an unkeyed hash."""

    id_keys: Annotated[list[IdHash], Field(max_length=100_000)]


class RevocationsPayload(WireModel):
    """Ids of revoked passes (the ``pid`` printed in a CKP1 code)."""

    passes: Annotated[list[Text64], Field(max_length=100_000)]


SettingValue = bool | int | float | Text200


class SettingsPayload(WireModel):
    values: Annotated[dict[Text64, SettingValue], Field(max_length=100)]


REFERENCE_MODELS: dict[str, type[WireModel]] = {
    "id_key": IdKeyPayload,
    "trust_list": TrustListPayload,
    "risk_areas": RiskAreasPayload,
    "deny_list": DenyListPayload,
    "revocations": RevocationsPayload,
    "settings": SettingsPayload,
}


class ReferenceOut(WireModel):
    """One kind of reference data as the hub serves it."""

    kind: ReferenceKind
    etag: Text200
    version: int
    updated_at: AwareDatetime
    payload: dict[str, Any]


def canonical_json(value: Any) -> bytes:
    """Stable JSON bytes (sorted keys, no spaces) for hashing."""
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
    ).encode("utf-8")


def etag_for(payload: Any) -> str:
    """A strong ETag for a payload: the quoted SHA-256 of its canonical JSON."""
    return '"' + hashlib.sha256(canonical_json(payload)).hexdigest() + '"'
