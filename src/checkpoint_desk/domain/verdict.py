"""The answer the desk gives for a visitor: pass or stop, with reasons."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from checkpoint_desk.i18n import N_, gettext


class Decision(StrEnum):
    PASS = "pass"
    STOP = "stop"


class Disposition(StrEnum):
    """What was done with a stopped visitor."""

    DENIED = "denied"
    REMEASURED = "remeasured"
    REFERRED = "referred"
    ALLOWED = "allowed_by_supervisor"


# Every reason code the screening rules and the code readers can give, with the
# sentence a volunteer reads. ``{placeholders}`` are filled from Reason.params.
REASON_TEXT: dict[str, str] = {
    "fever": N_("Temperature {temperature} ℃ ≥ {threshold} ℃"),
    "temperature_missing": N_("No temperature taken"),
    "health_code_red": N_("Health code is red"),
    "health_code_yellow": N_("Health code is yellow"),
    "health_code_unconfirmed": N_("Health code colour not confirmed"),
    "no_code": N_("No health code checked"),
    "travel_risk": N_("Travel through a risk area"),
    "nat_stale": N_("Nucleic-acid test older than {days} days"),
    "nat_positive": N_("Nucleic-acid test positive"),
    "deny_list": N_("On the deny list"),
    "household_quota": N_("Household has used its {quota} exits for today"),
    "signature_invalid": N_("Invalid signature"),
    "unknown_kid": N_("Signer not in the trust list"),
    "expired": N_("Code has expired"),
    "not_yet_valid": N_("Code is not valid yet"),
    "revoked": N_("Pass has been revoked"),
    "pass_expired": N_("Pass has expired"),
    "not_decodable": N_("Code cannot be read"),
    "demo_code": N_("Demo code (trusted in demo mode only)"),
    "unknown_prefix": N_("Unknown kind of code"),
    "base45_invalid": N_("Code text is damaged (Base45)"),
    "zlib_invalid": N_("Code content is damaged (compression)"),
    "too_large": N_("Code is too large"),
    "cose_invalid": N_("Code signature block is malformed"),
    "cbor_invalid": N_("Code content is malformed (CBOR)"),
    "claims_invalid": N_("Code content is incomplete or malformed"),
    "wrong_scheme": N_("Signer may not sign this kind of code"),
    "clock_behind": N_("The desk's clock is behind: set the right time"),
}


@dataclass(frozen=True)
class Reason:
    """A machine-readable reason code and the values its sentence needs."""

    code: str
    params: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, code: str, **params: object) -> Reason:
        return cls(code, tuple((k, str(v)) for k, v in sorted(params.items())))

    def text(self, lang: str | None = None) -> str:
        """The reason as a sentence in ``lang``."""
        template = gettext(REASON_TEXT.get(self.code, self.code), lang)
        try:
            return template.format(**dict(self.params))
        except (KeyError, IndexError):
            return template


@dataclass(frozen=True)
class Verdict:
    """Pass or stop; a stop always has at least one reason."""

    decision: Decision
    reasons: tuple[Reason, ...] = field(default=())

    @classmethod
    def from_reasons(cls, reasons: Iterable[Reason]) -> Verdict:
        """Stop when there is any reason, else pass."""
        found = tuple(reasons)
        return cls(Decision.STOP if found else Decision.PASS, found)

    @property
    def passed(self) -> bool:
        return self.decision is Decision.PASS

    @property
    def reason_codes(self) -> list[str]:
        return [r.code for r in self.reasons]
