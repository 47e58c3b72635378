"""Issuing and revoking passes: the signed code, the ``pass`` row, the audit entry."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Engine
from sqlmodel import Session

from checkpoint_desk.clock import Clock, utc_now
from checkpoint_desk.codes.card import CardContent
from checkpoint_desk.codes.keys import load_station_key
from checkpoint_desk.codes.passes import PassClaims, id_hash, new_pass_id, pass_code
from checkpoint_desk.codes.schemes.passes import KINDS
from checkpoint_desk.domain.idnumber import parse_id_number
from checkpoint_desk.domain.masking import mask_id_number
from checkpoint_desk.errors import ValidationError
from checkpoint_desk.i18n import N_
from checkpoint_desk.paths import DataDir
from checkpoint_desk.services.audit import record
from checkpoint_desk.services.roles import SupervisorApproval, require_supervisor
from checkpoint_desk.services.station import this_station
from checkpoint_desk.store.models import IssuedPass
from checkpoint_desk.store.vault import Vault, vault_of

PASS_HASH_COLUMN = "pass.id_hash"

MAX_DAYS = 3660


def issue_pass(
    engine: Engine,
    data_dir: DataDir,
    *,
    name: str,
    id_number: str,
    kind: str,
    days: int,
    address: str = "",
    clock: Clock = utc_now,
) -> IssuedPass:
    """Sign a pass with the station key and record it (audited as ``pass_issued``).

    The ID number must be valid (GB 11643); the pass keeps only its masked form,
    the code's community-wide hash (``idh``) sealed with the station vault, and a
    keyed look-up hash. ``pass_card`` rebuilds the code and card content from the row.
    """
    name = name.strip()
    if not name:
        raise ValidationError("pass_name", N_("The pass needs the holder's name."))
    if kind not in KINDS:
        raise ValidationError(
            "pass_kind", N_("Pass kind must be one of: {kinds}."), kinds=", ".join(KINDS)
        )
    if not 1 <= days <= MAX_DAYS:
        raise ValidationError(
            "pass_days", N_("A pass is valid for 1 to {days} days."), days=MAX_DAYS
        )
    number = parse_id_number(id_number).number
    vault = vault_of(engine)
    community_hash = id_hash(number)
    station = this_station(engine)
    issued_at = clock().replace(microsecond=0)
    row = IssuedPass(
        id=new_pass_id(),
        station_id=station.id,
        name=name,
        id_masked=mask_id_number(number),
        id_hash_cipher=vault.encrypt(community_hash, column=PASS_HASH_COLUMN),
        id_lookup=pass_id_lookup(vault, community_hash),
        kind=kind,
        address=address.strip(),
        issued_at=issued_at,
        expires_at=issued_at + timedelta(days=days),
        updated_at=issued_at,
    )
    load_station_key(data_dir.keys)  # fail before recording when the key is missing
    with Session(engine, expire_on_commit=False) as session:
        session.add(row)
        record(
            session,
            "pass_issued",
            {"pass_id": row.id, "kind": kind, "id_masked": row.id_masked, "days": days},
            station_id=station.id,
            clock=clock,
        )
        session.commit()
    return row


def pass_id_lookup(vault: Vault, community_hash: str) -> str:
    """The keyed look-up hash of a pass holder, from the code's ``idh``."""
    return vault.lookup_hash(community_hash, column=PASS_HASH_COLUMN)


def pass_card(engine: Engine, data_dir: DataDir, issued: IssuedPass) -> CardContent:
    """What the card of ``issued`` shows, with its signed ``CKP1:`` text."""
    station = this_station(engine)
    claims = PassClaims(
        pass_id=issued.id,
        issuer=station.name,
        name=issued.name,
        id_masked=issued.id_masked,
        id_hash=vault_of(engine).decrypt(issued.id_hash_cipher, column=PASS_HASH_COLUMN),
        kind=issued.kind,
        address=issued.address,
        issued_at=issued.issued_at,
        expires_at=issued.expires_at,
    )
    return CardContent(
        pass_id=issued.id,
        code_text=pass_code(claims, load_station_key(data_dir.keys)),
        name=issued.name,
        id_masked=issued.id_masked,
        kind=issued.kind,
        address=issued.address,
        valid_from=issued.issued_at,
        valid_until=issued.expires_at,
        station=station.name,
    )


def revoke_pass(
    engine: Engine,
    pass_id: str,
    *,
    approval: SupervisorApproval | None,
    clock: Clock = utc_now,
) -> IssuedPass:
    """Mark a pass revoked (a supervisor's act, audited as ``pass_revoked``).

    Revoking twice changes nothing.
    """
    approved = require_supervisor(approval, clock=clock)
    with Session(engine, expire_on_commit=False) as session:
        row = session.get(IssuedPass, pass_id.strip())
        if row is None:
            raise ValidationError("pass_unknown", N_("No pass {pass_id} here."), pass_id=pass_id)
        if row.revoked_at is not None:
            return row
        now = clock()
        row.revoked_at = now
        row.revision += 1
        row.updated_at = now
        session.add(row)
        record(
            session,
            "pass_revoked",
            {"pass_id": row.id},
            station_id=row.station_id,
            operator_id=approved.supervisor_id,
            clock=clock,
        )
        session.commit()
    return row
