"""What every signed scheme does alike: open the envelope, find the signer, check time."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from checkpoint_desk.codes.context import ReadContext
from checkpoint_desk.codes.envelope import CoseSign1, EnvelopeError, open_envelope, parse_claims
from checkpoint_desk.codes.envelope import verify as verify_signature
from checkpoint_desk.codes.reading import CodeReading, CodeStatus, ScreeningClaims, Subject
from checkpoint_desk.codes.trust import TrustEntry

# Verification problems that make a reading invalid (never green).
TRUST_PROBLEMS = ("unknown_kid", "demo_code", "wrong_scheme", "signature_invalid")


@dataclass(frozen=True)
class SignedCode:
    """An opened signed code: its claims and what verification found."""

    message: CoseSign1
    claims: dict[Any, Any]
    signer: TrustEntry | None
    problems: tuple[str, ...]  # from TRUST_PROBLEMS; empty when the signature holds

    @property
    def verified(self) -> bool:
        return not self.problems

    @property
    def issuer(self) -> str | None:
        return self.signer.issuer if self.signer else None


def open_signed(text: str, prefix: str, scheme: str, ctx: ReadContext) -> SignedCode:
    """Open ``text`` and verify its signature against ``ctx.trust``.

    Raises ``EnvelopeError`` when a layer cannot be opened at all.
    """
    message = open_envelope(text.strip(), prefix)
    claims = parse_claims(message.payload)
    signer = ctx.trust.lookup(message.kid)
    problems: list[str] = []
    if signer is None:
        problems.append("unknown_kid")
    elif signer.demo and not ctx.demo:
        # Demo entries are ignored outside demo mode, so the signer is unknown; the
        # second reason says why. (The screening rules take ``demo_code`` alone as a
        # notice, so ``unknown_kid`` must come with it to stop the visitor.)
        problems += ["unknown_kid", "demo_code"]
    elif not signer.serves(scheme):
        problems.append("wrong_scheme")
    elif not verify_signature(message, signer.public_key):
        problems.append("signature_invalid")
    return SignedCode(message, claims, signer, tuple(problems))


def time_reasons(
    iat: datetime | None, exp: datetime | None, ctx: ReadContext, *, expired: str = "expired"
) -> tuple[str, ...]:
    """``not_yet_valid`` / ``expired`` (or the scheme's own word) against the clock."""
    reasons: list[str] = []
    if iat is not None and iat > ctx.now + ctx.skew:
        reasons.append("not_yet_valid")
    if exp is not None and exp < ctx.now - ctx.skew:
        reasons.append(expired)
    return tuple(reasons)


def epoch(value: Any) -> datetime | None:
    """A CWT NumericDate as an aware datetime; None when absent; ValueError when bad."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"not a NumericDate: {value!r}")
    try:
        return datetime.fromtimestamp(value, UTC)
    except (OverflowError, OSError) as exc:
        raise ValueError(f"NumericDate out of range: {value!r}") from exc


def invalid(scheme: str, text: str, reason: str, ctx: ReadContext) -> CodeReading:
    """The reading of a code that could not be opened."""
    return CodeReading(
        scheme=scheme,
        status=CodeStatus.INVALID,
        text=text,
        reasons=(reason,),
        trust_list_age_s=ctx.trust.age_s(ctx.now),
    )


def safely_invalid(scheme: str, text: str, exc: Exception, ctx: ReadContext) -> CodeReading:
    """``invalid`` for an EnvelopeError's reason, else ``claims_invalid``."""
    reason = exc.reason if isinstance(exc, EnvelopeError) else "claims_invalid"
    return invalid(scheme, text, reason, ctx)


def status_for(
    problems: tuple[str, ...], time_problems: tuple[str, ...], otherwise: CodeStatus
) -> CodeStatus:
    """Invalid beats expired beats the scheme's own status."""
    if problems or "not_yet_valid" in time_problems or otherwise is CodeStatus.INVALID:
        return CodeStatus.INVALID
    if time_problems:
        return CodeStatus.EXPIRED
    return otherwise


def subject_from(value: Any) -> Subject:
    """``sub`` {name, idm, idk, phm} of our own schemes (an old code's ``idh`` is ignored)."""
    if value is None:
        return Subject()
    if not isinstance(value, Mapping):
        raise ValueError("sub is not a map")
    return Subject(
        name=_opt_str(value.get("name")),
        id_masked=_opt_str(value.get("idm")),
        id_key=_opt_str(value.get("idk")),
        phone_masked=_opt_str(value.get("phm")),
    )


def _opt_str(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"expected text, got {type(value).__name__}")
    return value


def plain(value: Any, depth: int = 0) -> Any:
    """``value`` made JSON-safe (str keys, finite numbers, bytes as hex), depth-capped."""
    if depth > 16:
        return None
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if value == value and abs(value) != float("inf") else None
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): plain(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v, depth + 1) for v in value]
    return str(value)


def signed_reading(
    scheme: str,
    text: str,
    code: SignedCode,
    ctx: ReadContext,
    *,
    time_problems: tuple[str, ...],
    status: CodeStatus,
    reasons: tuple[str, ...] = (),
    subject: Subject | None = None,
    claims: dict[str, Any] | None = None,
    screening: ScreeningClaims | None = None,
) -> CodeReading:
    """The reading of an opened code: trust problems and time problems come first.

    ``status``/``reasons`` are what the scheme says when the code is sound. Reasons are
    only problems with the code itself (the screening rules stop on each of them);
    the screening claims are kept only when the signature holds.
    """
    final = status_for(code.problems, time_problems, status)
    all_reasons = code.problems + time_problems
    if code.verified:
        all_reasons += tuple(r for r in reasons if r not in all_reasons)
    return CodeReading(
        scheme=scheme,
        status=final,
        text=text,
        issuer=code.issuer,
        verified=code.verified,
        reasons=all_reasons,
        subject=subject or Subject(),
        claims=claims or {},
        screening=(screening or ScreeningClaims()) if code.verified else ScreeningClaims(),
        kid=code.message.kid.hex() if code.message.kid else None,
        demo=bool(code.signer and code.signer.demo),
        trust_list_age_s=ctx.trust.age_s(ctx.now),
    )


def claim_map(value: Any) -> dict[Any, Any]:
    """An optional nested claims map ({} when absent)."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise ValueError("expected a map")
    return dict(value)
