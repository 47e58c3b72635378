"""The community's ID key on the desk: reference data kind ``id_key``, sealed.

The hub serves it like the other reference data (``{"key": base64}``); the desk keeps
only ``{"sealed": …}`` (the key sealed with the vault), so a copied database or
backup does not carry it. ``community_id_key`` opens it for ``idk`` values.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Session

from checkpoint_desk.codes.id_key import IdKey
from checkpoint_desk.store.models import ReferenceData
from checkpoint_desk.store.vault import Vault

ID_KEY_KIND = "id_key"
ID_KEY_COLUMN = "reference.id_key"


def sealed_id_key(vault: Vault, payload: dict[str, Any]) -> dict[str, Any]:
    """The hub's ``{"key": …}`` payload as the desk stores it."""
    key = IdKey.from_text(str(payload["key"]))
    return {"sealed": vault.encrypt(key.to_text(), column=ID_KEY_COLUMN)}


def keep_id_key(
    session: Session, vault: Vault, key: IdKey, *, now: datetime, etag: str = "", version: int = 0
) -> None:
    """Store ``key`` (sealed) in the caller's transaction."""
    row = session.get(ReferenceData, ID_KEY_KIND) or ReferenceData(kind=ID_KEY_KIND)
    row.payload = sealed_id_key(vault, {"key": key.to_text()})
    row.etag, row.version, row.fetched_at = etag, version, now
    session.add(row)


def community_id_key(session: Session, vault: Vault) -> IdKey | None:
    """The community's ID key, or None before the hub has issued one."""
    row = session.get(ReferenceData, ID_KEY_KIND)
    payload = row.payload if row is not None else None
    if not isinstance(payload, dict) or not isinstance(payload.get("sealed"), str):
        return None
    return IdKey.from_text(vault.decrypt(payload["sealed"], column=ID_KEY_COLUMN))


# A deny list from before issue 14 (SHA-256 of each number) is kept by migration 0004
# only as station-keyed look-ups of those hashes, until the hub's keyed list arrives.
LEGACY_DENY_COLUMN = "deny_list.id_hash"


def legacy_deny_lookup(vault: Vault, unkeyed_hash: str) -> str:
    """The station-keyed form of an old deny-list entry (SHA-256 hex of a number)."""
    return vault.lookup_hash(unkeyed_hash.lower(), column=LEGACY_DENY_COLUMN)
