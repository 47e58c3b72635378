"""``CKH1:`` health code: colour, last nucleic-acid test, vaccination (DESIGN §5)."""

from __future__ import annotations

from datetime import date

from checkpoint_desk.codes.context import ReadContext
from checkpoint_desk.codes.envelope import EnvelopeError
from checkpoint_desk.codes.reading import CodeReading, CodeStatus, ScreeningClaims
from checkpoint_desk.codes.signed import (
    claim_map,
    epoch,
    invalid,
    open_signed,
    plain,
    safely_invalid,
    signed_reading,
    subject_from,
    time_reasons,
)

PREFIX = "CKH1:"
SCHEME = "CKH1"
COLOURS = {"green": CodeStatus.GREEN, "yellow": CodeStatus.YELLOW, "red": CodeStatus.RED}
NAT_RESULTS = ("negative", "positive")


def recognise(text: str) -> bool:
    return text.lstrip().startswith(PREFIX)


def read(text: str, ctx: ReadContext) -> CodeReading:
    try:
        code = open_signed(text, PREFIX, SCHEME, ctx)
    except EnvelopeError as exc:
        return safely_invalid(SCHEME, text, exc, ctx)
    c = code.claims
    try:
        iat, exp = epoch(c.get("iat")), epoch(c.get("exp"))
        colour = c.get("color")
        if colour not in COLOURS:
            raise ValueError(f"unknown colour {colour!r}")
        subject = subject_from(c.get("sub"))
        nat = claim_map(c.get("nat"))
        nat_result = nat.get("result")
        if nat_result is not None and nat_result not in NAT_RESULTS:
            raise ValueError(f"unknown test result {nat_result!r}")
        nat_at = epoch(nat.get("at"))
        vac = claim_map(c.get("vac"))
        doses = vac.get("doses")
        if doses is not None and (isinstance(doses, bool) or not isinstance(doses, int)):
            raise ValueError("doses is not a number")
        last = vac.get("last")
        vaccine_last = date.fromisoformat(last) if isinstance(last, str) else None
    except (ValueError, TypeError):
        return invalid(SCHEME, text, code.problems[0] if code.problems else "claims_invalid", ctx)
    # Colour and test result are facts for the screening rules, not problems with
    # the code: reasons stay empty (the rules give health_code_red, nat_positive …).
    status = CodeStatus.RED if nat_result == "positive" else COLOURS[colour]
    return signed_reading(
        SCHEME,
        text,
        code,
        ctx,
        time_problems=time_reasons(iat, exp, ctx),
        status=status,
        subject=subject,
        claims={
            "iss": plain(c.get("iss")),
            "iat": iat,
            "exp": exp,
            "color": colour,
            "nat": {"result": nat_result, "at": nat_at} if nat else None,
            "vac": {"doses": doses, "last": vaccine_last} if vac else None,
        },
        screening=ScreeningClaims(
            health_colour=colour,
            nat_result=nat_result,
            nat_at=nat_at,
            vaccine_doses=doses,
            vaccine_last=vaccine_last,
        ),
    )
