"""``CKT1:`` travel code: the cities passed through in the last days (DESIGN §5)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from checkpoint_desk.codes.context import ReadContext
from checkpoint_desk.codes.envelope import EnvelopeError
from checkpoint_desk.codes.reading import City, CodeReading, CodeStatus, ScreeningClaims
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

PREFIX = "CKT1:"
SCHEME = "CKT1"


def recognise(text: str) -> bool:
    return text.lstrip().startswith(PREFIX)


def read(text: str, ctx: ReadContext) -> CodeReading:
    """Green without a risk area; yellow when the issuer starred the code or a city
    lies in one of ``ctx.risk_areas`` (the screening rules then give ``travel_risk``)."""
    try:
        code = open_signed(text, PREFIX, SCHEME, ctx)
    except EnvelopeError as exc:
        return safely_invalid(SCHEME, text, exc, ctx)
    c = code.claims
    try:
        iat, exp = epoch(c.get("iat")), epoch(c.get("exp"))
        subject = subject_from(c.get("sub"))
        cities = tuple(_city(item, ctx) for item in _list(c.get("cities")))
        star = c.get("star", False)
        if not isinstance(star, bool):
            raise ValueError("star is not a boolean")
    except (ValueError, TypeError):
        return invalid(SCHEME, text, code.problems[0] if code.problems else "claims_invalid", ctx)
    risk = star or any(city.risk for city in cities)
    return signed_reading(
        SCHEME,
        text,
        code,
        ctx,
        time_problems=time_reasons(iat, exp, ctx),
        status=CodeStatus.YELLOW if risk else CodeStatus.GREEN,
        subject=subject,
        claims={
            "iss": plain(c.get("iss")),
            "iat": iat,
            "exp": exp,
            "star": star,
            "cities": [
                {"code": x.code, "name": x.name, "from": x.start, "to": x.end, "risk": x.risk}
                for x in cities
            ],
        },
        screening=ScreeningClaims(cities=cities, travel_risk=risk),
    )


def _list(value: Any) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list | tuple) or len(value) > 64:
        raise ValueError("cities is not a short list")
    return list(value)


def _city(item: Any, ctx: ReadContext) -> City:
    if not isinstance(item, Mapping):
        raise ValueError("a city is not a map")
    code, name = item.get("code"), item.get("name", "")
    if not isinstance(code, str) or not isinstance(name, str):
        raise ValueError("a city needs a code and a name")
    return City(
        code=code,
        name=name,
        start=_date(item.get("from")),
        end=_date(item.get("to")),
        risk=ctx.is_risk_area(code),
    )


def _date(value: Any) -> date | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError("a date is not text")
    return date.fromisoformat(value)
