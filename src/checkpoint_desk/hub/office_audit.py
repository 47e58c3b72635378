"""The hub's own audit trail: what its office users do, keyed and anchored like a desk's.

Every unmasked (and masked) combined export, reference-data change and station
change (added, new token) is an entry in ``hub_office_audit`` (hub migration 0005).
Each entry's hash is HMAC-SHA256 under the hub's audit key over the entry and the
previous hash (the desk's chain format, ``store/audit_chain.py``); the key lives in
``audit.key`` in the hub's data directory (0600), outside the database, and so does
the anchor, ``audit-head.json``: the newest (seq, hash) with its own HMAC. Someone
who can write the database but not the hub's data directory (a PostgreSQL account)
can neither edit an entry, forge one, nor cut the trail short unnoticed.
``checkpoint-hub audit verify`` checks it.
"""

from __future__ import annotations

import getpass
import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Engine

from checkpoint_desk.clock import Clock, utc_now
from checkpoint_desk.errors import DataDirError
from checkpoint_desk.hub.database import hub_home, writing
from checkpoint_desk.hub.tables import metadata
from checkpoint_desk.i18n import N_
from checkpoint_desk.store.audit_chain import GENESIS, entry_body
from checkpoint_desk.store.types import UTCDateTime

KEY_FILE = "audit.key"
HEAD_FILE = "audit-head.json"

office_audit = sa.Table(
    "hub_office_audit",
    metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("id", sa.Uuid, nullable=False, unique=True),
    sa.Column("at", UTCDateTime, nullable=False),
    sa.Column("actor", sa.String(200), nullable=False),
    sa.Column("action", sa.String(64), nullable=False),
    sa.Column("detail", sa.JSON, nullable=False),
    sa.Column("prev_hash", sa.String(64), nullable=False),
    sa.Column("hash", sa.String(64), nullable=False),
)


def _key(home: Path) -> bytes:
    """The hub's audit key, made on first use (owner-only)."""
    path = home / KEY_FILE
    try:
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    except FileNotFoundError:
        pass
    except (OSError, ValueError) as exc:
        raise DataDirError(
            N_("The hub's audit key {path} cannot be read: {reason}"), path=str(path), reason=exc
        ) from exc
    home.mkdir(parents=True, exist_ok=True, mode=0o700)
    key = secrets.token_bytes(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key.hex() + "\n")
    return key


def _mac(key: bytes, body: str) -> str:
    return hmac.new(key, b"hub_office_audit\x00" + body.encode("utf-8"), hashlib.sha256).hexdigest()


def _write_head(home: Path, key: bytes, seq: int, head: str) -> None:
    data = {"seq": seq, "hash": head, "mac": _mac(key, f"head:{seq}:{head}")}
    tmp = home / (HEAD_FILE + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(data, handle)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, home / HEAD_FILE)


def record(
    engine: Engine,
    action: str,
    detail: dict[str, Any],
    *,
    actor: str | None = None,
    home: Path | None = None,
    clock: Clock = utc_now,
) -> int:
    """Append an entry (its own transaction) and move the anchor; returns its seq."""
    import uuid

    home = home or hub_home()
    key = _key(home)
    who = actor or getpass.getuser()
    with writing(engine) as conn:
        last = conn.execute(
            sa.select(office_audit.c.hash).order_by(office_audit.c.seq.desc()).limit(1)
        ).scalar_one_or_none()
        entry_id, now, prev = uuid.uuid4(), clock(), last or GENESIS
        body = entry_body(
            entry_id=entry_id,
            at=now,
            station_id=None,
            operator_id=who,
            action=action,
            detail=detail,
            prev_hash=prev,
        )
        digest = _mac(key, body)
        inserted = conn.execute(
            office_audit.insert().values(
                id=entry_id, at=now, actor=who, action=action, detail=detail,
                prev_hash=prev, hash=digest,
            )
        ).inserted_primary_key  # fmt: skip
        assert inserted is not None
        seq = inserted[0]
    _write_head(home, key, int(seq), digest)
    return int(seq)


@dataclass(frozen=True)
class OfficeChainCheck:
    entries: int
    first_broken_seq: int | None
    problem: str | None  # entry_broken, tail_deleted, rewritten, anchor_invalid

    @property
    def ok(self) -> bool:
        return self.problem is None


def verify(engine: Engine, *, home: Path | None = None) -> OfficeChainCheck:
    """Walk the hub's trail, then hold it against the anchor file."""
    home = home or hub_home()
    key = _key(home)
    hashes: dict[int, str] = {}
    broken: tuple[int, str] | None = None
    previous = GENESIS
    with engine.connect() as conn:
        rows = conn.execute(sa.select(office_audit).order_by(office_audit.c.seq)).all()
    for row in rows:
        hashes[row.seq] = row.hash
        body = entry_body(
            entry_id=row.id,
            at=row.at,
            station_id=None,
            operator_id=row.actor,
            action=row.action,
            detail=row.detail,
            prev_hash=row.prev_hash,
        )
        if broken is None and (row.prev_hash != previous or _mac(key, body) != row.hash):
            broken = (row.seq, "entry_broken")
        previous = row.hash
    anchor = _read_head(home)
    last_seq = max(hashes, default=0)
    found: tuple[int, str] | None = None
    if anchor is not None:
        seq, head, mac = int(anchor.get("seq", -1)), str(anchor.get("hash")), anchor.get("mac")
        if not hmac.compare_digest(str(mac), _mac(key, f"head:{seq}:{head}")):
            found = (seq, "anchor_invalid")
        elif seq > last_seq:
            found = (last_seq + 1, "tail_deleted")
        elif hashes.get(seq) != head:
            found = (seq, "rewritten")
    if found is not None and (broken is None or found[0] <= broken[0]):
        broken = found
    return OfficeChainCheck(
        entries=len(hashes),
        first_broken_seq=broken[0] if broken else None,
        problem=broken[1] if broken else None,
    )


def _read_head(home: Path) -> dict[str, Any] | None:
    try:
        data = json.loads((home / HEAD_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return {"seq": -1, "hash": "", "mac": ""}  # damaged: reported as anchor_invalid
    return data if isinstance(data, dict) else {"seq": -1, "hash": "", "mac": ""}
