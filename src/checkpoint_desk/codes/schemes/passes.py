"""``CKP1:`` resident / visitor / worker pass signed by a station (DESIGN §5)."""

from __future__ import annotations

from checkpoint_desk.codes.context import ReadContext
from checkpoint_desk.codes.envelope import EnvelopeError
from checkpoint_desk.codes.reading import CodeReading, CodeStatus, ScreeningClaims
from checkpoint_desk.codes.signed import (
    epoch,
    invalid,
    open_signed,
    plain,
    safely_invalid,
    signed_reading,
    subject_from,
    time_reasons,
)

PREFIX = "CKP1:"
SCHEME = "CKP1"
KINDS = ("resident", "visitor", "worker")


def recognise(text: str) -> bool:
    return text.lstrip().startswith(PREFIX)


def read(text: str, ctx: ReadContext) -> CodeReading:
    """Green while valid; ``pass_expired`` after ``exp``; ``revoked`` when listed."""
    try:
        code = open_signed(text, PREFIX, SCHEME, ctx)
    except EnvelopeError as exc:
        return safely_invalid(SCHEME, text, exc, ctx)
    c = code.claims
    try:
        iat, exp = epoch(c.get("iat")), epoch(c.get("exp"))
        pid, kind, addr = c.get("pid"), c.get("kind"), c.get("addr", "")
        if not isinstance(pid, str) or not pid or exp is None:
            raise ValueError("a pass needs an id and an expiry")
        if kind not in KINDS or not isinstance(addr, str):
            raise ValueError("bad kind or address")
        subject = subject_from(c.get("sub"))
    except (ValueError, TypeError):
        return invalid(SCHEME, text, code.problems[0] if code.problems else "claims_invalid", ctx)
    revoked = pid in ctx.revoked_passes
    return signed_reading(
        SCHEME,
        text,
        code,
        ctx,
        time_problems=time_reasons(iat, exp, ctx, expired="pass_expired"),
        status=CodeStatus.INVALID if revoked else CodeStatus.GREEN,
        reasons=("revoked",) if revoked else (),
        subject=subject,
        claims={
            "iss": plain(c.get("iss")),
            "iat": iat,
            "exp": exp,
            "pid": pid,
            "kind": kind,
            "addr": addr,
        },
        screening=ScreeningClaims(pass_id=pid, pass_kind=kind, pass_expires=exp, address=addr),
    )
