"""The audit trail: append-only, keyed (HMAC under the vault) and anchored.

Each entry's hash covers its content and the previous entry's hash, keyed with the
station's vault (``store/audit_chain.py``); the chain's head is signed at every
export and sync (``services/anchors.py``). ``verify_chain`` reports the first thing
that does not hold: an entry changed or forged, a tail cut off or a chain rewritten
after an anchor, or a clock that went back without the desk saying so.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from checkpoint_desk.clock import CLOCK_TOLERANCE, Clock, utc_now
from checkpoint_desk.services.anchors import anchor_holds
from checkpoint_desk.store.audit_chain import GENESIS, entry_body, keyed_hash
from checkpoint_desk.store.models import AuditAnchor, AuditEntry, Station
from checkpoint_desk.store.vault import Vault, vault_of

__all__ = ["GENESIS", "ChainCheck", "check_head", "entry_hash", "record", "verify_chain"]

CLOCK_BEHIND = "clock_behind"
"""How far an entry may be dated before the previous one (clock adjustments)."""


def entry_hash(entry: AuditEntry, vault: Vault) -> str:
    """HMAC-SHA256 over the entry's content and the previous entry's hash."""
    body = entry_body(
        entry_id=entry.id,
        at=entry.at,
        station_id=entry.station_id,
        operator_id=entry.operator_id,
        action=entry.action,
        detail=entry.detail,
        prev_hash=entry.prev_hash,
    )
    return keyed_hash(body, vault)


def _engine(session: Session) -> Engine:
    bind = session.get_bind()
    return bind if isinstance(bind, Engine) else bind.engine


def record(
    session: Session,
    action: str,
    detail: dict[str, Any] | None = None,
    *,
    station_id: uuid.UUID | None = None,
    operator_id: uuid.UUID | None = None,
    clock: Clock = utc_now,
) -> AuditEntry:
    """Append an entry in the caller's transaction (commit with the act it records).

    Needs the unlocked vault on the session's engine (StationLockedError otherwise).
    When the clock reads more than ten minutes before the last entry, a
    ``clock_behind`` entry saying so is written first: the trail never goes back in
    time without the desk having said it.
    """
    vault = vault_of(_engine(session))
    # LIMIT 1: an ORM result is buffered, so .first() alone loaded the whole trail
    newest = select(AuditEntry).order_by(col(AuditEntry.seq).desc()).limit(1)
    last = session.exec(newest).first()
    now = clock()
    if last is not None and action != CLOCK_BEHIND and now < last.at - CLOCK_TOLERANCE:
        behind = {"newest_seen": last.at.isoformat(), "now": now.isoformat()}
        last = _append(session, vault, last, CLOCK_BEHIND, behind, station_id, None, now)
    return _append(session, vault, last, action, detail or {}, station_id, operator_id, now)


def _append(
    session: Session,
    vault: Vault,
    last: AuditEntry | None,
    action: str,
    detail: dict[str, Any],
    station_id: uuid.UUID | None,
    operator_id: uuid.UUID | None,
    now: Any,
) -> AuditEntry:
    entry = AuditEntry(
        at=now,
        station_id=station_id,
        operator_id=operator_id,
        action=action,
        detail=detail,
        prev_hash=last.hash if last else GENESIS,
    )
    entry.hash = entry_hash(entry, vault)
    session.add(entry)
    session.flush()
    return entry


@dataclass(frozen=True)
class ChainCheck:
    """What ``verify_chain`` found; ``problem`` is a stable code, None when it holds.

    Problems: ``entry_broken`` (an entry changed, removed, inserted or forged),
    ``tail_deleted`` (entries after a signed anchor are gone), ``rewritten`` (the
    entry an anchor signed has another hash now), ``anchor_invalid`` (an anchor's
    signature does not hold), ``time_backwards`` (an entry dated more than ten
    minutes before the previous one with no ``clock_behind`` entry).
    """

    entries: int
    first_broken_seq: int | None
    problem: str | None = None
    anchored_seq: int | None = None
    clock_behind_seqs: tuple[int, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return self.problem is None


def verify_chain(session: Session, public_key: Ed25519PublicKey | None = None) -> ChainCheck:
    """Walk the chain, then hold it against every anchor (signed with ``public_key``)."""
    vault = vault_of(_engine(session))
    previous: AuditEntry | None = None
    hashes: dict[int, str] = {}
    behind: list[int] = []
    broken: tuple[int, str] | None = None
    for entry in session.exec(select(AuditEntry).order_by(col(AuditEntry.seq))):
        seq = entry.seq or 0
        hashes[seq] = entry.hash
        if broken is None:
            link = previous.hash if previous else GENESIS
            if entry.prev_hash != link or entry_hash(entry, vault) != entry.hash:
                broken = (seq, "entry_broken")
            elif entry.action == CLOCK_BEHIND:
                behind.append(seq)
            elif previous is not None and entry.at < previous.at - CLOCK_TOLERANCE:
                broken = (seq, "time_backwards")
        previous = entry
    anchored, anchor_problem = _check_anchors(session, hashes, public_key)
    if anchor_problem is not None and (broken is None or anchor_problem[0] <= broken[0]):
        broken = anchor_problem
    return ChainCheck(
        entries=len(hashes),
        first_broken_seq=broken[0] if broken else None,
        problem=broken[1] if broken else None,
        anchored_seq=anchored,
        clock_behind_seqs=tuple(behind),
    )


def _check_anchors(
    session: Session, hashes: dict[int, str], public_key: Ed25519PublicKey | None
) -> tuple[int | None, tuple[int, str] | None]:
    """The newest anchored seq, and the first anchor the chain does not match."""
    station = session.exec(select(Station).order_by(col(Station.created_at))).first()
    last_seq = max(hashes, default=0)
    anchored: int | None = None
    problem: tuple[int, str] | None = None
    for anchor in session.exec(select(AuditAnchor).order_by(col(AuditAnchor.id))):
        found: tuple[int, str] | None = None
        if public_key is not None and (
            station is None or not anchor_holds(anchor, station.id, public_key)
        ):
            found = (anchor.seq, "anchor_invalid")
        elif anchor.seq > last_seq:
            found = (last_seq + 1, "tail_deleted")
        elif anchor.seq > 0 and hashes.get(anchor.seq) != anchor.hash:
            found = (anchor.seq, "rewritten")
        else:
            anchored = max(anchored or 0, anchor.seq)
        if found is not None and (problem is None or found[0] < problem[0]):
            problem = found
    return anchored, problem


def check_head(session: Session, seq: int, head: str) -> tuple[int, str] | None:
    """Whether the chain still holds the head ``(seq, head)`` kept elsewhere (the hub)."""
    # LIMIT 1: an ORM result is buffered, so .first() alone loaded the whole trail
    newest = select(AuditEntry).order_by(col(AuditEntry.seq).desc()).limit(1)
    last = session.exec(newest).first()
    last_seq = (last.seq or 0) if last is not None else 0
    if seq > last_seq:
        return (last_seq + 1, "tail_deleted")
    if seq > 0:
        entry = session.exec(select(AuditEntry).where(AuditEntry.seq == seq)).first()
        if entry is None or entry.hash != head:
            return (seq, "rewritten")
    return None
