"""the audit chain keyed (HMAC under the vault) and anchored (signed heads)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 23:00:00

- ``audit_anchor``: the chain's head (seq, hash) signed by the station's Ed25519 key
  at every export, shift-close ledger and sync (``services/anchors.py``).
- Existing chains were unkeyed SHA-256: each entry is checked as it was written and
  its hash recomputed as HMAC-SHA256 under the vault (``store/audit_chain.py``). The
  re-keying stops at the first entry that does not hold, so ``audit verify`` still
  reports that entry (a break is never laundered into a valid keyed chain).

Needs the station's vault when there are entries (``config.attributes["vault"]``).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

from checkpoint_desk.i18n import N_
from checkpoint_desk.store.audit_chain import GENESIS, entry_body, keyed_hash, unkeyed_hash
from checkpoint_desk.store.vault import StationLockedError, Vault

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _vault() -> Vault:
    config = op.get_context().config
    vault = config.attributes.get("vault") if config is not None else None
    if not isinstance(vault, Vault):
        raise StationLockedError(
            N_("Upgrading this database keys its audit trail: enter the station passphrase.")
        )
    return vault


def _uuid(value: Any) -> str | None:
    return str(uuid.UUID(str(value))) if value else None


def _at(value: Any) -> str:
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment.replace(tzinfo=UTC).isoformat()


def upgrade() -> None:
    op.create_table(
        "audit_anchor",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("reason", sa.String(), nullable=False),
        sa.Column("kid", sa.String(), nullable=False),
        sa.Column("signature", sa.String(), nullable=False),
        sa.Column("hub_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    bind = op.get_bind()
    rows = bind.execute(
        sa.text(
            "SELECT seq, id, at, station_id, operator_id, action, detail, prev_hash, hash"
            " FROM audit_entry ORDER BY seq"
        )
    ).all()
    if not rows:
        return
    vault = _vault()
    old_previous, new_previous = GENESIS, GENESIS
    for seq, entry_id, at, station_id, operator_id, action, detail, prev_hash, digest in rows:
        fields = {
            "entry_id": _uuid(entry_id) or "",
            "at": _at(at),
            "station_id": _uuid(station_id),
            "operator_id": _uuid(operator_id),
            "action": action,
            "detail": json.loads(detail) if isinstance(detail, str) else detail,
        }
        if (
            prev_hash != old_previous
            or unkeyed_hash(entry_body(**fields, prev_hash=prev_hash)) != digest
        ):
            break  # left as written: the keyed check reports the break here
        new_hash = keyed_hash(entry_body(**fields, prev_hash=new_previous), vault)
        bind.execute(
            sa.text("UPDATE audit_entry SET prev_hash = :prev, hash = :hash WHERE seq = :seq"),
            {"prev": new_previous, "hash": new_hash, "seq": seq},
        )
        old_previous, new_previous = digest, new_hash


def downgrade() -> None:
    op.drop_table("audit_anchor")
