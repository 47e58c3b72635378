"""Anything else: URL-style provincial codes and plain text, read as *unverified*.

Their content cannot be checked offline; the raw text is kept and the volunteer
confirms the colour the phone shows. Text that looks like a signed envelope behind a
prefix we do not know (``HC2:…``) is invalid rather than unverified.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from checkpoint_desk.codes.context import ReadContext
from checkpoint_desk.codes.envelope import MAX_TEXT
from checkpoint_desk.codes.reading import CodeReading, CodeStatus
from checkpoint_desk.codes.signed import invalid

SCHEME = "unverified"
ENVELOPE_LIKE = re.compile(r"^[A-Z]{1,4}\d{1,2}:[0-9A-Z $%*+\-./:]+$")


def recognise(text: str) -> bool:
    return True


def read(text: str, ctx: ReadContext) -> CodeReading:
    stripped = text.strip()
    if not stripped:
        return invalid(SCHEME, text, "not_decodable", ctx)
    if len(text) > MAX_TEXT:
        return invalid(SCHEME, text, "too_large", ctx)
    if ENVELOPE_LIKE.match(stripped):
        return invalid(SCHEME, text, "unknown_prefix", ctx)
    claims: dict[str, str] = {"kind": "text"}
    parts = urlsplit(stripped) if "://" in stripped else None
    if parts is not None and parts.scheme in ("http", "https") and parts.hostname:
        claims = {"kind": "url", "host": parts.hostname}
    return CodeReading(
        scheme=SCHEME,
        status=CodeStatus.UNVERIFIED,
        text=text,
        claims=claims,
        trust_list_age_s=ctx.trust.age_s(ctx.now),
    )
