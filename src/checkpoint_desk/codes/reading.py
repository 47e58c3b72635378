"""What one scanned code means: the result every scheme module returns."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any


class CodeStatus(StrEnum):
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"
    UNVERIFIED = "unverified"
    INVALID = "invalid"
    EXPIRED = "expired"


@dataclass(frozen=True)
class Subject:
    """Who the code is about, as far as the code says."""

    name: str | None = None
    id_masked: str | None = None
    id_key: str | None = None  # ``idk``: keyed, see codes/id_key.py
    phone_masked: str | None = None
    birth_date: str | None = None


@dataclass(frozen=True)
class City:
    """One stop on a travel-code itinerary."""

    code: str
    name: str
    start: date | None = None
    end: date | None = None
    risk: bool = False


@dataclass(frozen=True)
class ScreeningClaims:
    """The parts of a code the screening rules need; None where the code is silent."""

    health_colour: str | None = None  # green / yellow / red
    nat_result: str | None = None  # negative / positive
    nat_at: datetime | None = None
    vaccine_doses: int | None = None
    vaccine_last: date | None = None
    recovered_until: date | None = None
    cities: tuple[City, ...] = ()
    travel_risk: bool | None = None
    pass_id: str | None = None
    pass_kind: str | None = None
    pass_expires: datetime | None = None
    address: str | None = None


@dataclass(frozen=True)
class CodeReading:
    """The reading of one code, as the desk, the CLI (``read``/``scan --json``) use it.

    ``reasons`` are stable machine codes (``signature_invalid``, ``unknown_kid``,
    ``expired``, ``revoked``, ``not_decodable`` …). A reading whose signature failed,
    whose signer is unknown or which has expired never has status GREEN.
    """

    scheme: str
    status: CodeStatus
    text: str
    issuer: str | None = None
    verified: bool = False
    reasons: tuple[str, ...] = ()
    subject: Subject = field(default_factory=Subject)
    claims: dict[str, Any] = field(default_factory=dict)
    screening: ScreeningClaims = field(default_factory=ScreeningClaims)
    kid: str | None = None
    demo: bool = False
    trust_list_age_s: float | None = None

    def to_json(self) -> dict[str, Any]:
        """The JSON object of DESIGN §9."""
        return {
            "scheme": self.scheme,
            "issuer": self.issuer,
            "verified": self.verified,
            "status": self.status.value,
            "reasons": list(self.reasons),
            "subject": {"name": self.subject.name, "id_masked": self.subject.id_masked},
            "claims": _jsonable(self.claims),
            "text": self.text,
        }


def _jsonable(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.hex()
    return value
