"""The audit trail: append-only, each entry's hash covering the previous one's."""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from checkpoint_desk.clock import Clock, utc_now
from checkpoint_desk.store.models import AuditEntry

GENESIS = "0" * 64


def entry_hash(entry: AuditEntry) -> str:
    """SHA-256 over the entry's content and the previous entry's hash."""
    body = json.dumps(
        {
            "id": str(entry.id),
            "at": entry.at.isoformat(),
            "station_id": str(entry.station_id) if entry.station_id else None,
            "operator_id": str(entry.operator_id) if entry.operator_id else None,
            "action": entry.action,
            "detail": entry.detail,
            "prev_hash": entry.prev_hash,
        },
        sort_keys=True,
        ensure_ascii=False,
        default=str,
    )
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def record(
    session: Session,
    action: str,
    detail: dict[str, Any] | None = None,
    *,
    station_id: uuid.UUID | None = None,
    operator_id: uuid.UUID | None = None,
    clock: Clock = utc_now,
) -> AuditEntry:
    """Append an entry in the caller's transaction (commit with the act it records)."""
    last = session.exec(select(AuditEntry).order_by(col(AuditEntry.seq).desc())).first()
    entry = AuditEntry(
        at=clock(),
        station_id=station_id,
        operator_id=operator_id,
        action=action,
        detail=detail or {},
        prev_hash=last.hash if last else GENESIS,
    )
    entry.hash = entry_hash(entry)
    session.add(entry)
    session.flush()
    return entry


@dataclass(frozen=True)
class ChainCheck:
    entries: int
    first_broken_seq: int | None

    @property
    def ok(self) -> bool:
        return self.first_broken_seq is None


def verify_chain(session: Session) -> ChainCheck:
    """Walk the chain; report the first entry whose hash or link does not hold."""
    previous = GENESIS
    count = 0
    for entry in session.exec(select(AuditEntry).order_by(col(AuditEntry.seq))):
        count += 1
        if entry.prev_hash != previous or entry_hash(entry) != entry.hash:
            return ChainCheck(count, entry.seq)
        previous = entry.hash
    return ChainCheck(count, None)
