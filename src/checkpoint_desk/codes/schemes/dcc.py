"""``HC1:`` EU Digital COVID Certificate: vaccination, test or recovery.

CWT claims use integer keys: 1 issuer (country), 4 expiry, 6 issued-at, -260 → 1 the
certificate itself (``ver``, ``nam``, ``dob`` and exactly one of ``v``/``t``/``r``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any

from cryptography import x509

from checkpoint_desk.codes.context import ReadContext
from checkpoint_desk.codes.envelope import EnvelopeError
from checkpoint_desk.codes.reading import CodeReading, CodeStatus, ScreeningClaims, Subject
from checkpoint_desk.codes.signed import (
    epoch,
    invalid,
    open_signed,
    plain,
    safely_invalid,
    signed_reading,
    time_reasons,
)

PREFIX = "HC1:"
SCHEME = "HC1"
CWT_ISS, CWT_EXP, CWT_IAT, CWT_HCERT = 1, 4, 6, -260

# Required fields of each entry kind (DCC JSON schema 1.3, the parts a verifier needs).
REQUIRED = {
    "v": ("tg", "vp", "mp", "ma", "dn", "sd", "dt", "co", "is", "ci"),
    "t": ("tg", "tt", "sc", "tr", "co", "is", "ci"),
    "r": ("tg", "fr", "co", "is", "df", "du", "ci"),
}
DOB = re.compile(r"^(\d{4}(-\d{2}(-\d{2})?)?)?$|^\d{4}-\d{2}-\d{2}T")
TEST_NAAT = "LP6464-4"  # nucleic-acid amplification test
RESULT_NEGATIVE, RESULT_POSITIVE = "260415000", "260373001"

# Extended key usages a DCC signer certificate may restrict itself with.
KEY_USAGE = {
    "t": ("1.3.6.1.4.1.1847.2021.1.1", "1.3.6.1.4.1.0.1847.2021.1.1"),
    "v": ("1.3.6.1.4.1.1847.2021.1.2", "1.3.6.1.4.1.0.1847.2021.1.2"),
    "r": ("1.3.6.1.4.1.1847.2021.1.3", "1.3.6.1.4.1.0.1847.2021.1.3"),
}


def recognise(text: str) -> bool:
    return text.lstrip().startswith(PREFIX)


def schema_problems(hcert: Any) -> list[str]:
    """What makes ``hcert`` break the DCC schema, in the parts checked here.

    Checked: a map with text ``ver``; ``nam`` a map with text ``fnt``; ``dob`` a
    (possibly partial) date; exactly one of ``v``/``t``/``r``, a list of one
    or more maps holding that kind's required fields (schema 1.2.1 allows several
    entries, dgc-testdata SK/3); ``dn``/``sd`` integers.
    """
    if not isinstance(hcert, Mapping):
        return ["not a map"]
    problems = []
    if not isinstance(hcert.get("ver"), str):
        problems.append("ver missing")
    nam = hcert.get("nam")
    if not isinstance(nam, Mapping) or not isinstance(nam.get("fnt"), str):
        problems.append("nam.fnt missing")
    dob = hcert.get("dob")
    if not isinstance(dob, str) or not DOB.match(dob):
        problems.append("dob missing or malformed")
    kinds = [k for k in REQUIRED if hcert.get(k) is not None]
    if len(kinds) != 1:
        problems.append(f"{len(kinds)} certificate kinds instead of one")
        return problems
    entries = hcert[kinds[0]]
    if not isinstance(entries, list | tuple) or not entries or len(entries) > 16:
        problems.append("entries not a non-empty list")
        return problems
    for entry in entries:
        if not isinstance(entry, Mapping):
            return [*problems, "entry not a map"]
        problems += [f"{kinds[0]}.{f} missing" for f in REQUIRED[kinds[0]] if f not in entry]
        for number in ("dn", "sd"):
            if number in entry and (
                isinstance(entry[number], bool) or not isinstance(entry[number], int)
            ):
                problems.append(f"{number} not an integer")
    return problems


def dcc_kind(hcert: Mapping[Any, Any]) -> str | None:
    """``v``, ``t`` or ``r``."""
    return next((k for k in REQUIRED if hcert.get(k) is not None), None)


def key_usage_allows(certificate_der: bytes | None, kind: str | None) -> bool:
    """Whether a signer certificate's extended key usage allows this DCC kind.

    A certificate without any DCC key usage may sign every kind.
    """
    if certificate_der is None or kind is None:
        return True
    try:
        cert = x509.load_der_x509_certificate(certificate_der)
        usage = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    except (x509.ExtensionNotFound, ValueError):
        return True
    oids = {oid.dotted_string for oid in usage}
    dcc_oids = {o for allowed in KEY_USAGE.values() for o in allowed}
    if not oids & dcc_oids:
        return True
    return bool(oids & set(KEY_USAGE[kind]))


def hcert_of(claims: Mapping[Any, Any]) -> Any:
    """The certificate map inside the CWT claims (None when absent)."""
    wrapper = claims.get(CWT_HCERT)
    return wrapper.get(1) if isinstance(wrapper, Mapping) else None


def read(text: str, ctx: ReadContext) -> CodeReading:
    try:
        code = open_signed(text, PREFIX, SCHEME, ctx)
    except EnvelopeError as exc:
        return safely_invalid(SCHEME, text, exc, ctx)
    c = code.claims
    hcert = hcert_of(c)
    try:
        iat, exp = epoch(c.get(CWT_IAT)), epoch(c.get(CWT_EXP))
        if schema_problems(hcert):
            raise ValueError("schema")
        subject, screening = _screening(hcert)
    except (ValueError, TypeError):
        return invalid(SCHEME, text, code.problems[0] if code.problems else "claims_invalid", ctx)
    kind = dcc_kind(hcert)
    status, reasons = CodeStatus.GREEN, tuple[str, ...]()
    if code.signer and not key_usage_allows(code.signer.certificate, kind):
        status, reasons = CodeStatus.INVALID, ("wrong_scheme",)
    elif screening.nat_result == "positive":
        status = CodeStatus.RED  # the screening rules give nat_positive
    return signed_reading(
        SCHEME,
        text,
        code,
        ctx,
        time_problems=time_reasons(iat, exp, ctx),
        status=status,
        reasons=reasons,
        subject=subject,
        claims={"iss": plain(c.get(CWT_ISS)), "iat": iat, "exp": exp, "hcert": plain(hcert)},
        screening=screening,
    )


def _screening(hcert: Mapping[Any, Any]) -> tuple[Subject, ScreeningClaims]:
    nam = hcert["nam"]
    name = " ".join(str(p) for p in (nam.get("gn"), nam.get("fn")) if p) or str(nam["fnt"])
    subject = Subject(name=name, birth_date=str(hcert["dob"]))
    kind = dcc_kind(hcert)
    if kind == "v":
        v = max(hcert["v"], key=lambda e: (e["dn"], str(e["dt"])))
        return subject, ScreeningClaims(
            vaccine_doses=int(v["dn"]), vaccine_last=date.fromisoformat(str(v["dt"])[:10])
        )
    if kind == "t":
        t = max(hcert["t"], key=lambda e: str(e["sc"]))
        if t["tt"] != TEST_NAAT:
            return subject, ScreeningClaims()
        result = {RESULT_NEGATIVE: "negative", RESULT_POSITIVE: "positive"}.get(t["tr"])
        sampled = datetime.fromisoformat(str(t["sc"]).replace("Z", "+00:00"))
        if sampled.tzinfo is None:
            sampled = sampled.replace(tzinfo=UTC)
        return subject, ScreeningClaims(nat_result=result, nat_at=sampled)
    r = max(hcert["r"], key=lambda e: str(e["du"]))
    return subject, ScreeningClaims(recovered_until=date.fromisoformat(str(r["du"])[:10]))
