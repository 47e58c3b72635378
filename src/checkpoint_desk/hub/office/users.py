"""Office users (viewer, manager), their scrypt-hashed passwords and the login lock-out.

A login is refused for ``LOCK_MINUTES`` once ``FREE_ATTEMPTS`` wrong passwords came
for one user name or from one address (in the table, so every hub process on the
database sees it); a locked name or address is refused before its password is
checked, so guessing gets nothing but time.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy import Connection, Engine
from sqlalchemy.exc import IntegrityError

from checkpoint_desk.clock import Clock, utc_now
from checkpoint_desk.domain.pin_hash import hash_pin, pin_matches, unmatchable_hash
from checkpoint_desk.errors import CheckpointError, ValidationError
from checkpoint_desk.hub.database import writing
from checkpoint_desk.hub.office.tables import login_failure, office_user
from checkpoint_desk.i18n import N_

ROLES = ("viewer", "manager")
PASSWORD_MIN = 8
FREE_ATTEMPTS = 5
LOCK_MINUTES = 15
# Checked against when the name is unknown, so the answer takes as long.
_NOBODY = unmatchable_hash()


@dataclass(frozen=True)
class OfficeUser:
    id: uuid.UUID
    name: str
    role: str

    @property
    def manager(self) -> bool:
        return self.role == "manager"


class LoginRefused(CheckpointError):
    """A wrong name or password, or a locked name or address."""

    exit_code = 2


def add_user(
    engine: Engine, name: str, role: str, password: str, *, clock: Clock = utc_now
) -> OfficeUser:
    """Register an office user (the password is kept only as its scrypt hash)."""
    name = name.strip()
    if not name or len(name) > 64 or not name.isprintable():
        raise ValidationError("user_name", N_("An office user needs a name of 1 to 64 letters."))
    if role not in ROLES:
        raise ValidationError(
            "user_role", N_("The role is viewer or manager, not {role}."), role=role
        )
    if len(password) < PASSWORD_MIN:
        raise ValidationError(
            "user_password",
            N_("The password needs at least {minimum} characters."),
            minimum=PASSWORD_MIN,
        )
    user = OfficeUser(uuid.uuid4(), name, role)
    try:
        with writing(engine) as conn:
            conn.execute(
                office_user.insert().values(
                    id=user.id,
                    name=name,
                    role=role,
                    password_hash=hash_pin(password),
                    created_at=clock(),
                )
            )
    except IntegrityError as exc:
        raise ValidationError(
            "user_exists", N_("An office user named {name} exists already."), name=name
        ) from exc
    return user


def user_by_id(engine: Engine, user_id: uuid.UUID) -> OfficeUser | None:
    with engine.connect() as conn:
        row = conn.execute(
            sa.select(office_user.c.id, office_user.c.name, office_user.c.role).where(
                office_user.c.id == user_id
            )
        ).first()
    return OfficeUser(row.id, row.name, row.role) if row else None


def log_in(
    engine: Engine, name: str, password: str, address: str, *, clock: Clock = utc_now
) -> OfficeUser:
    """The user whose name and password these are; LoginRefused otherwise."""
    now = clock()
    keys = (f"user:{name[:64]}", f"address:{address[:200]}")
    with engine.connect() as conn:
        until = conn.execute(
            sa.select(sa.func.max(login_failure.c.locked_until)).where(
                login_failure.c.key.in_(keys)
            )
        ).scalar_one_or_none()
        row = conn.execute(sa.select(office_user).where(office_user.c.name == name)).first()
    if until is not None and until > now:
        minutes = max(1, int((until - now).total_seconds() + 59) // 60)
        raise LoginRefused(
            N_("Too many failed logins: try again in {minutes} minutes."), minutes=minutes
        )
    if not pin_matches(password, row.password_hash if row else _NOBODY) or row is None:
        with writing(engine) as conn:
            for key in keys:
                _count_failure(conn, key, now)
        raise LoginRefused(N_("Wrong user name or password."))
    with writing(engine) as conn:
        conn.execute(login_failure.delete().where(login_failure.c.key == keys[0]))
    return OfficeUser(row.id, row.name, row.role)


def _count_failure(conn: Connection, key: str, now: datetime) -> None:
    found = conn.execute(
        sa.select(login_failure.c.failures, login_failure.c.last_at).where(
            login_failure.c.key == key
        )
    ).first()
    window = timedelta(minutes=LOCK_MINUTES)
    failures = 1 if found is None or now - found.last_at > window else found.failures + 1
    locked = now + window if failures >= FREE_ATTEMPTS else None
    values = {"failures": failures, "last_at": now, "locked_until": locked}
    if found is None:
        conn.execute(login_failure.insert().values(key=key, **values))
    else:
        conn.execute(login_failure.update().where(login_failure.c.key == key).values(**values))
