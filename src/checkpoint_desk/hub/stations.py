"""Stations known to the hub: tokens (stored as SHA-256), desk ids and public keys.

A station is added by the office (``checkpoint-hub add-station NAME``), which prints
its token once. On its first push the desk sends its own station id and Ed25519 public
key; the hub binds them to the token for good. A station that only ever sends USB
bundles is bound when it is added (``--station-id`` and ``--public-key``). A bundle is
accepted only from a bound station whose registered key signed it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import Connection, Engine
from sqlalchemy.exc import IntegrityError

from checkpoint_desk.clock import Clock, utc_now
from checkpoint_desk.errors import CheckpointError, ValidationError
from checkpoint_desk.hub.database import writing
from checkpoint_desk.hub.tables import station
from checkpoint_desk.i18n import N_

SEEN_RESOLUTION = timedelta(minutes=1)
"""How stale ``last_seen_at`` may get before a push records it again."""


class StationConflict(CheckpointError):
    """The station's claimed identity or key does not match what the hub holds."""

    exit_code = 2

    def __init__(self, code: str, message: str, **args_: object) -> None:
        self.code = code
        super().__init__(message, **args_)


@dataclass(frozen=True)
class HubStation:
    id: uuid.UUID
    name: str
    desk_station_id: uuid.UUID | None
    public_key: str | None
    created_at: datetime
    last_seen_at: datetime | None
    community: str | None = None  # as the desk last named it (hub migration 0007)


def make_token() -> str:
    """A new random token; the prefix keeps it from starting with ``-`` (a CLI option)."""
    return "ckst_" + secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def normalise_public_key(pem: str) -> str:
    """The key re-encoded as canonical PEM; ValidationError unless it is Ed25519."""
    try:
        key = serialization.load_pem_public_key(pem.encode("ascii"))
    except (ValueError, UnicodeEncodeError) as exc:
        raise ValidationError("public_key", N_("Not a PEM public key.")) from exc
    if not isinstance(key, Ed25519PublicKey):
        raise ValidationError("public_key", N_("The station key must be an Ed25519 key."))
    return key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode("ascii")


def station_signed(pem: str, message: bytes, signature: str | None) -> bool:
    """Whether ``signature`` (base64) is the Ed25519 signature of ``pem``'s key."""
    try:
        key = serialization.load_pem_public_key(pem.encode("ascii"))
        raw = base64.b64decode(signature or "", validate=True)
        if not isinstance(key, Ed25519PublicKey):
            return False
        key.verify(raw, message)
    except (InvalidSignature, ValueError, UnicodeEncodeError):
        return False
    return True


def _row(row: sa.Row[tuple[object, ...]]) -> HubStation:
    m = row._mapping
    return HubStation(
        id=m["id"],
        name=m["name"],
        desk_station_id=m["desk_station_id"],
        public_key=m["public_key"],
        created_at=m["created_at"],
        last_seen_at=m["last_seen_at"],
        community=m["community"],
    )


def add_station(
    engine: Engine,
    name: str,
    *,
    desk_station_id: uuid.UUID | None = None,
    public_key: str | None = None,
    clock: Clock = utc_now,
) -> tuple[HubStation, str]:
    """Register a station; returns it and its token (shown once, stored hashed)."""
    name = name.strip()
    if not name:
        raise ValidationError("station_name", N_("The station needs a name."))
    pem = normalise_public_key(public_key) if public_key else None
    token = make_token()
    values = {
        "id": uuid.uuid4(),
        "name": name,
        "token_hash": token_hash(token),
        "desk_station_id": desk_station_id,
        "public_key": pem,
        "created_at": clock(),
        "last_seen_at": None,
    }
    try:
        with writing(engine) as conn:
            conn.execute(station.insert().values(**values))
    except IntegrityError as exc:
        raise StationConflict(
            "station_exists",
            N_("A station named {name} is already registered."),
            name=name,
        ) from exc
    return HubStation(
        id=values["id"],  # type: ignore[arg-type]
        name=name,
        desk_station_id=desk_station_id,
        public_key=pem,
        created_at=values["created_at"],  # type: ignore[arg-type]
        last_seen_at=None,
    ), token


def new_token(engine: Engine, name: str) -> str:
    """A new token for the station ``name`` (the old one stops working at once)."""
    token = make_token()
    with writing(engine) as conn:
        changed = conn.execute(
            station.update().where(station.c.name == name).values(token_hash=token_hash(token))
        ).rowcount
    if not changed:
        raise ValidationError("station_unknown", N_("No station named {name}."), name=name)
    return token


def list_stations(engine: Engine) -> list[HubStation]:
    with engine.connect() as conn:
        rows = conn.execute(sa.select(station).order_by(station.c.name)).all()
    return [_row(r) for r in rows]


def authenticate(engine: Engine, token: str) -> HubStation | None:
    """The station whose token this is, or None."""
    digest = token_hash(token)
    with engine.connect() as conn:
        row = conn.execute(sa.select(station).where(station.c.token_hash == digest)).first()
    if row is None or not hmac.compare_digest(row._mapping["token_hash"], digest):
        return None
    return _row(row)


def stations_for_desk(engine: Engine, desk_station_id: uuid.UUID) -> list[HubStation]:
    """The stations bound to a desk id: more than one when a token claimed another's."""
    with engine.connect() as conn:
        rows = conn.execute(
            sa.select(station)
            .where(station.c.desk_station_id == desk_station_id)
            .order_by(station.c.created_at)
        ).all()
    return [_row(r) for r in rows]


def _refuse_a_claimed_identity(
    conn: Connection, own_id: uuid.UUID, desk_station_id: uuid.UUID, pem: str | None
) -> None:
    """StationConflict when another token holds this desk id with this key (or no key).

    A desk's identity at the hub is its id *and* its key: a token that claimed the id
    first with a key of its own does not lock the real desk out (its rows are its
    own), but nobody can take an identity already bound, nor claim one without a key.
    """
    others = conn.execute(
        sa.select(station.c.public_key).where(
            station.c.desk_station_id == desk_station_id, station.c.id != own_id
        )
    ).all()
    for (key,) in others:
        if key is None or pem is None or key == pem:
            raise StationConflict(
                "station_claimed",
                N_("Another token is already registered for this station."),
            )


def bind(
    engine: Engine,
    hub_station: HubStation,
    desk_station_id: uuid.UUID,
    public_key: str | None,
    *,
    community: str | None = None,
    clock: Clock = utc_now,
) -> HubStation:
    """Tie the token's station to the desk's id and key on first use; check them after.

    Raises StationConflict when the token belongs to another desk station or the key
    differs from the registered one. Another token bound to the same desk id is no
    conflict: rows are owned by the token's station (``ingest``), so it gains nothing.
    """
    pem = normalise_public_key(public_key) if public_key else None
    if hub_station.desk_station_id is not None and hub_station.desk_station_id != desk_station_id:
        raise StationConflict(
            "station_mismatch",
            N_("This token belongs to another station."),
        )
    if hub_station.public_key and pem and hub_station.public_key != pem:
        raise StationConflict(
            "key_mismatch",
            N_("The station's public key differs from the one the hub registered."),
        )
    now = clock()
    seen = hub_station.last_seen_at
    if (
        hub_station.desk_station_id is not None
        and (hub_station.public_key or not pem)
        and seen is not None
        and timedelta(0) <= now - seen < SEEN_RESOLUTION
        and (not community or community == hub_station.community)
    ):
        return hub_station  # nothing to bind, seen lately: no write on every push
    updates: dict[str, object] = {"last_seen_at": now}
    if hub_station.desk_station_id is None:
        updates["desk_station_id"] = desk_station_id
    if hub_station.public_key is None and pem:
        updates["public_key"] = pem
    if community and community != hub_station.community:
        updates["community"] = community
    with writing(engine) as conn:
        if "desk_station_id" in updates or "public_key" in updates:
            _refuse_a_claimed_identity(
                conn, hub_station.id, desk_station_id, hub_station.public_key or pem
            )
        query = station.update().where(station.c.id == hub_station.id)
        if "desk_station_id" in updates:
            query = query.where(station.c.desk_station_id.is_(None))
        if "public_key" in updates:
            query = query.where(station.c.public_key.is_(None))
        changed = conn.execute(query.values(**updates)).rowcount
    if not changed:
        # Another request bound it meanwhile: check against what it stored.
        with engine.connect() as conn:
            row = conn.execute(sa.select(station).where(station.c.id == hub_station.id)).one()
        current = _row(row)
        if current.desk_station_id != desk_station_id:
            raise StationConflict("station_mismatch", N_("This token belongs to another station."))
        if current.public_key and pem and current.public_key != pem:
            raise StationConflict(
                "key_mismatch",
                N_("The station's public key differs from the one the hub registered."),
            )
        return current
    return HubStation(
        id=hub_station.id,
        name=hub_station.name,
        desk_station_id=desk_station_id,
        public_key=hub_station.public_key or pem,
        created_at=hub_station.created_at,
        last_seen_at=updates["last_seen_at"],  # type: ignore[arg-type]
        community=community or hub_station.community,
    )
