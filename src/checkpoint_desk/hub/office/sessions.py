"""Office sessions: a random cookie (kept as its SHA-256) with its own CSRF token.

The cookie is HttpOnly and SameSite=Strict, and Secure when the page came over TLS
(run uvicorn with proxy headers behind a TLS proxy). Every form carries the session's
CSRF token; a POST without it, or with another, is refused.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa
from sqlalchemy import Engine

from checkpoint_desk.clock import Clock, utc_now
from checkpoint_desk.hub.database import writing
from checkpoint_desk.hub.office.tables import office_session
from checkpoint_desk.hub.office.users import OfficeUser, user_by_id

COOKIE = "office_session"
SESSION_HOURS = 12


@dataclass(frozen=True)
class OfficeSession:
    user: OfficeUser
    csrf: str

    def csrf_ok(self, token: str | None) -> bool:
        return bool(token) and hmac.compare_digest(self.csrf, token or "")


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def open_session(engine: Engine, user: OfficeUser, *, clock: Clock = utc_now) -> str:
    """A new session for ``user``; returns the cookie's value (shown to nobody else)."""
    token = secrets.token_urlsafe(32)
    now = clock()
    with writing(engine) as conn:
        conn.execute(office_session.delete().where(office_session.c.expires_at < now))
        conn.execute(
            office_session.insert().values(
                token_hash=_digest(token),
                user_id=user.id,
                csrf=secrets.token_urlsafe(32),
                created_at=now,
                expires_at=now + timedelta(hours=SESSION_HOURS),
            )
        )
    return token


def session_for(
    engine: Engine, token: str | None, *, clock: Clock = utc_now
) -> OfficeSession | None:
    """The live session of this cookie, or None."""
    if not token or len(token) > 100:
        return None
    with engine.connect() as conn:
        row = conn.execute(
            sa.select(office_session.c.user_id, office_session.c.csrf).where(
                office_session.c.token_hash == _digest(token),
                office_session.c.expires_at > clock(),
            )
        ).first()
    if row is None:
        return None
    user = user_by_id(engine, row.user_id)
    return OfficeSession(user, row.csrf) if user else None


def close_session(engine: Engine, token: str | None) -> None:
    if token:
        with writing(engine) as conn:
            conn.execute(
                office_session.delete().where(office_session.c.token_hash == _digest(token))
            )
