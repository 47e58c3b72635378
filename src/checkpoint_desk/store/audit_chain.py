"""The audit chain's hash: HMAC-SHA256 under a vault key over an entry and its link.

Each entry's ``hash`` covers its own content and the previous entry's ``hash``, keyed
with the station's vault (``Vault.lookup_hash`` under the name ``audit_entry``), so
editing an entry and recomputing the hashes after it needs the passphrase: an
unkeyed SHA-256 chain could be rewritten by anyone holding the file. Used by the
audit service and by migration 0005, which re-keys the chains written before it.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from datetime import datetime
from typing import Any

from checkpoint_desk.store.vault import Vault

GENESIS = "0" * 64
AUDIT_KEY_NAME = "audit_entry"


def entry_body(
    *,
    entry_id: uuid.UUID | str,
    at: datetime | str,
    station_id: uuid.UUID | str | None,
    operator_id: uuid.UUID | str | None,
    action: str,
    detail: Any,
    prev_hash: str,
) -> str:
    """The canonical JSON an entry's hash is computed over."""
    return json.dumps(
        {
            "id": str(entry_id),
            "at": at.isoformat() if isinstance(at, datetime) else at,
            "station_id": str(station_id) if station_id else None,
            "operator_id": str(operator_id) if operator_id else None,
            "action": action,
            "detail": detail,
            "prev_hash": prev_hash,
        },
        sort_keys=True,
        ensure_ascii=False,
        default=str,
    )


def keyed_hash(body: str, vault: Vault) -> str:
    """The entry hash: HMAC-SHA256 hex of ``body`` under the vault's audit key."""
    return vault.lookup_hash(body, column=AUDIT_KEY_NAME)


def unkeyed_hash(body: str) -> str:
    """The SHA-256 of chains written before migration 0005 (checked once, re-keyed)."""
    return hashlib.sha256(body.encode("utf-8")).hexdigest()
