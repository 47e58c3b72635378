"""keyed ID hashes: passes keep a sealed ``idk``; an old deny list is station-keyed

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 22:40:00

Issue 14: an unkeyed SHA-256 of an ID number gives the number away (region and last
four are printed, the birth date is ~30,000 guesses).

- ``pass.id_hash_cipher`` (the sealed ``idh`` an old card carried) is dropped and
  ``pass.id_key_cipher`` added: new passes seal their holder's ``idk`` (HMAC under
  the community's ID key). Old passes keep reading green (their signature holds; the
  desk ignores ``idh``); printing the card again gives one without ``idh``.
- A stored deny list of SHA-256 hashes (``{"id_hashes": [...]}``) becomes
  ``{"id_keys": [], "station_lookups": [...]}``: each hash keyed with the station's
  vault, so it keeps stopping the same people but no longer names them to a thief.
  Its ETag is cleared so the next sync fetches the hub's keyed list. This needs the
  vault (``config.attributes["vault"]``) when such a list is there.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from checkpoint_desk.i18n import N_
from checkpoint_desk.store.id_keys import legacy_deny_lookup
from checkpoint_desk.store.vault import StationLockedError, Vault

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _vault() -> Vault:
    config = op.get_context().config
    vault = config.attributes.get("vault") if config is not None else None
    if not isinstance(vault, Vault):
        raise StationLockedError(
            N_("Upgrading this database keys its deny list: enter the station passphrase.")
        )
    return vault


def upgrade() -> None:
    bind = op.get_bind()
    # The vault is asked before any change: SQLite's DDL would not roll back.
    row = bind.execute(
        sa.text("SELECT payload FROM reference_data WHERE kind = 'deny_list'")
    ).first()
    payload = json.loads(row[0]) if row is not None and row[0] else None
    legacy = isinstance(payload, dict) and "id_hashes" in payload
    vault = _vault() if legacy else None
    with op.batch_alter_table("pass", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("id_key_cipher", sa.String(), nullable=False, server_default="")
        )
        batch_op.drop_column("id_hash_cipher")
    if vault is not None and isinstance(payload, dict):
        hashes = [str(h) for h in payload.get("id_hashes") or [] if isinstance(h, str)]
        keyed = {"id_keys": [], "station_lookups": [legacy_deny_lookup(vault, h) for h in hashes]}
        bind.execute(
            sa.text("UPDATE reference_data SET payload = :p, etag = '' WHERE kind = 'deny_list'"),
            {"p": json.dumps(keyed)},
        )


def downgrade() -> None:
    with op.batch_alter_table("pass", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("id_hash_cipher", sa.String(), nullable=False, server_default="")
        )
        batch_op.drop_column("id_key_cipher")
