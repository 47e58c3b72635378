"""secrets sealed at rest; visit tombstones; daily counts kept after a purge

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28 18:20:00

- ``person.id_number`` / ``person.phone`` (plain) become ``*_cipher`` (AES-GCM sealed),
  ``*_lookup`` (keyed HMAC, indexed) and ``*_masked``; ``scan.raw_text`` is sealed;
  ``pass.id_hash`` (an unkeyed SHA-256 of the ID number, guessable by brute force)
  becomes ``id_hash_cipher`` (sealed) and ``id_lookup`` (keyed).
- ``visit.deleted_at``: a deleted visit is a tombstone that still syncs.
- ``daily_count``: per-day counters that outlive purged visits.

Existing rows need the station's vault: ``store.engine.upgrade`` passes it as
``config.attributes["vault"]`` and ``open_database`` refuses to run this migration
without one. Batch mode copies each table, so the plain values leave the table; the
caller then VACUUMs and truncates the WAL so no freed page keeps them.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from checkpoint_desk.domain.masking import mask_id_number, mask_phone
from checkpoint_desk.i18n import N_
from checkpoint_desk.store.person_secrets import ID_COLUMN, PHONE_COLUMN, RAW_TEXT_COLUMN
from checkpoint_desk.store.vault import StationLockedError, Vault

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PASS_HASH_COLUMN = "pass.id_hash"


def _vault() -> Vault:
    config = op.get_context().config
    vault = config.attributes.get("vault") if config is not None else None
    if not isinstance(vault, Vault):
        raise StationLockedError(
            N_("Upgrading this database seals its ID numbers: enter the station passphrase.")
        )
    return vault


def upgrade() -> None:
    bind = op.get_bind()
    with op.batch_alter_table("person", schema=None) as batch_op:
        for name in ("id_cipher", "id_lookup", "id_masked"):
            batch_op.add_column(sa.Column(name, sa.String(), nullable=True))
        for name in ("phone_cipher", "phone_lookup", "phone_masked"):
            batch_op.add_column(sa.Column(name, sa.String(), nullable=True))
        batch_op.create_index(batch_op.f("ix_person_id_lookup"), ["id_lookup"], unique=False)
        batch_op.create_index(batch_op.f("ix_person_phone_lookup"), ["phone_lookup"], unique=False)
    with op.batch_alter_table("pass", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("id_hash_cipher", sa.String(), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("id_lookup", sa.String(), nullable=False, server_default=""))
        batch_op.create_index(batch_op.f("ix_pass_id_lookup"), ["id_lookup"], unique=False)
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.add_column(sa.Column("deleted_at", sa.DateTime(), nullable=True))

    people = bind.execute(
        sa.text(
            "SELECT id, id_number, phone FROM person "
            "WHERE id_number IS NOT NULL OR phone IS NOT NULL"
        )
    ).all()
    passes = bind.execute(sa.text("SELECT id, id_hash FROM pass WHERE id_hash != ''")).all()
    scans = bind.execute(sa.text("SELECT id, raw_text FROM scan WHERE raw_text IS NOT NULL")).all()
    if people or passes or scans:
        vault = _vault()
        for key, id_number, phone in people:
            number = (id_number or "").strip().upper()
            mobile = (phone or "").strip()
            bind.execute(
                sa.text(
                    "UPDATE person SET id_cipher = :ic, id_lookup = :il, id_masked = :im, "
                    "phone_cipher = :pc, phone_lookup = :pl, phone_masked = :pm WHERE id = :id"
                ),
                {
                    "id": key,
                    "ic": vault.encrypt(number, column=ID_COLUMN) if number else None,
                    "il": vault.lookup_hash(number, column=ID_COLUMN) if number else None,
                    "im": mask_id_number(number) if number else None,
                    "pc": vault.encrypt(mobile, column=PHONE_COLUMN) if mobile else None,
                    "pl": vault.lookup_hash(mobile, column=PHONE_COLUMN) if mobile else None,
                    "pm": mask_phone(mobile) if mobile else None,
                },
            )
        for key, id_hash in passes:
            bind.execute(
                sa.text("UPDATE pass SET id_hash_cipher = :c, id_lookup = :l WHERE id = :id"),
                {
                    "id": key,
                    "c": vault.encrypt(id_hash, column=PASS_HASH_COLUMN),
                    "l": vault.lookup_hash(id_hash, column=PASS_HASH_COLUMN),
                },
            )
        for key, raw_text in scans:
            bind.execute(
                sa.text("UPDATE scan SET raw_text = :t WHERE id = :id"),
                {"id": key, "t": vault.encrypt(raw_text, column=RAW_TEXT_COLUMN)},
            )

    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_index("ix_person_id_number")
        batch_op.drop_index("ix_person_phone")
        batch_op.drop_column("id_number")
        batch_op.drop_column("phone")
    with op.batch_alter_table("pass", schema=None) as batch_op:
        batch_op.drop_index("ix_pass_id_hash")
        batch_op.drop_column("id_hash")

    op.create_table(
        "daily_count",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("station_id", sa.Uuid(), nullable=False),
        sa.Column("count_in", sa.Integer(), nullable=False),
        sa.Column("count_out", sa.Integer(), nullable=False),
        sa.Column("stopped", sa.Integer(), nullable=False),
        sa.Column("fever", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["station_id"], ["station.id"]),
        sa.PrimaryKeyConstraint("day", "station_id"),
    )


def downgrade() -> None:
    raise NotImplementedError("sealed secrets are not unsealed by a downgrade")
