"""Anchors: the audit chain's head signed by the station key, kept here and at the hub.

``anchor_head`` is called after every export (a shift's closing ledger included) and
at every sync; ``verify_chain`` (``services/audit.py``) checks the chain against each
anchor, so a deleted tail or a rewrite shows even when every hash after it was
recomputed. The hub keeps each anchor it is sent (``hub/anchors.py``).
"""

from __future__ import annotations

import base64
import logging
import uuid
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from checkpoint_desk.clock import Clock, utc_now
from checkpoint_desk.codes.keys import PUBLIC_KEY_FILE, kid_for_public_key
from checkpoint_desk.errors import CheckpointError
from checkpoint_desk.paths import DataDir
from checkpoint_desk.settings import Settings
from checkpoint_desk.store.audit_chain import GENESIS
from checkpoint_desk.store.models import AuditAnchor, AuditEntry, Station
from checkpoint_desk.store.station_key import has_station_key, load_station_key
from checkpoint_desk.store.vault import vault_of
from checkpoint_desk.sync.anchor_wire import anchor_message

log = logging.getLogger(__name__)


def station_key(engine: Engine, keys_dir: Path) -> Ed25519PrivateKey | None:
    """The station's signing key (sealed under the vault bound to ``engine``), or None
    when it has none or the station is locked (the anchor is then skipped, logged)."""
    if not has_station_key(keys_dir):
        return None
    try:
        return load_station_key(keys_dir, vault_of(engine))
    except (CheckpointError, OSError, ValueError) as exc:
        log.warning("station key unavailable, no anchor: %s", exc)
        return None


def station_public_key(keys_dir: Path) -> Ed25519PublicKey | None:
    """The station's public key (``keys/station-ed25519.pub.pem``), when there."""
    try:
        key = serialization.load_pem_public_key((keys_dir / PUBLIC_KEY_FILE).read_bytes())
    except (OSError, ValueError):
        return None
    return key if isinstance(key, Ed25519PublicKey) else None


def _station_id(session: Session) -> uuid.UUID | None:
    station = session.exec(select(Station).order_by(col(Station.created_at))).first()
    return station.id if station is not None else None


def anchor_head(
    engine: Engine, key: Ed25519PrivateKey | None, reason: str, *, clock: Clock = utc_now
) -> AuditAnchor | None:
    """Sign the chain's current head and keep it; None without a key or station.

    A head already anchored is not signed again (the sync worker runs every minute).
    """
    if key is None:
        return None
    with Session(engine, expire_on_commit=False) as session:
        station_id = _station_id(session)
        if station_id is None:
            return None
        last = session.exec(select(AuditEntry).order_by(col(AuditEntry.seq).desc())).first()
        seq, head = (last.seq or 0, last.hash) if last is not None else (0, GENESIS)
        newest = session.exec(select(AuditAnchor).order_by(col(AuditAnchor.id).desc())).first()
        if newest is not None and (newest.seq, newest.hash) == (seq, head):
            return newest  # nothing new since: one anchor per head, however often we sync
        now = clock()
        message = anchor_message(station_id, seq, head, now, reason)
        anchor = AuditAnchor(
            seq=seq,
            hash=head,
            at=now,
            reason=reason,
            kid=kid_for_public_key(key.public_key()).hex(),
            signature=base64.b64encode(key.sign(message)).decode("ascii"),
        )
        session.add(anchor)
        session.commit()
    return anchor


def anchor_holds(anchor: AuditAnchor, station_id: uuid.UUID, public_key: Ed25519PublicKey) -> bool:
    """Whether ``anchor`` was signed by ``public_key`` for this station, unchanged."""
    message = anchor_message(station_id, anchor.seq, anchor.hash, anchor.at, anchor.reason)
    try:
        public_key.verify(base64.b64decode(anchor.signature), message)
    except (InvalidSignature, ValueError):
        return False
    return True


def latest_anchor(engine: Engine) -> AuditAnchor | None:
    with Session(engine) as session:
        return session.exec(select(AuditAnchor).order_by(col(AuditAnchor.id).desc())).first()


def hub_head(data_dir: DataDir, settings: Settings, *, timeout: float = 10.0) -> HubHead:
    """The newest head the hub holds for this station (``audit verify``'s outside check).

    ``checked`` is False when no hub is set up or it cannot be reached (the local
    anchors are then all there is); ``seq``/``hash`` are None when it holds none yet.
    """
    from checkpoint_desk.services.sync import load_hub_token  # services.sync imports us
    from checkpoint_desk.sync.client import HubClient, HubError  # httpx: only when asked

    url = str(settings.get("hub_url") or "").strip()
    token = load_hub_token(data_dir)
    if not url or not token:
        return HubHead(checked=False)
    try:
        with HubClient(url, token, timeout) as client:
            found = client.latest_anchor()
    except HubError as exc:
        return HubHead(checked=False, error=exc.translated())
    if found is None:
        return HubHead(checked=True)
    return HubHead(checked=True, seq=int(found["seq"]), hash=str(found["hash"]))


@dataclass(frozen=True)
class HubHead:
    checked: bool
    seq: int | None = None
    hash: str | None = None
    error: str | None = None
