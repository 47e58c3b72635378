"""Issuing and revoking passes: the signed code, the ``pass`` row, the audit entry."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from sqlalchemy import Engine
from sqlmodel import Session

from checkpoint_desk.clock import Clock, utc_now
from checkpoint_desk.codes.card import CardContent
from checkpoint_desk.codes.passes import PassClaims, new_pass_id, pass_code
from checkpoint_desk.codes.schemes.passes import KINDS
from checkpoint_desk.domain.idnumber import parse_id_number
from checkpoint_desk.domain.masking import mask_id_number
from checkpoint_desk.errors import ValidationError
from checkpoint_desk.i18n import N_
from checkpoint_desk.paths import DataDir
from checkpoint_desk.services.audit import record
from checkpoint_desk.services.roles import RoleError, SupervisorApproval, require_supervisor
from checkpoint_desk.services.station import this_station
from checkpoint_desk.store.id_keys import community_id_key
from checkpoint_desk.store.models import IssuedPass
from checkpoint_desk.store.station_key import load_station_key
from checkpoint_desk.store.vault import Vault, vault_of

PASS_ID_KEY_COLUMN = "pass.id_key"  # the sealed ``idk`` of the holder (migration 0004)
PASS_HASH_COLUMN = "pass.id_hash"  # the look-up hash's column name (since 0003)

MAX_DAYS = 3660
DEFAULT_MAX_DAYS = 30  # the ``pass_max_days`` setting's default


def issue_pass(
    engine: Engine,
    data_dir: DataDir,
    *,
    name: str,
    id_number: str,
    kind: str,
    days: int,
    address: str = "",
    max_days: int = DEFAULT_MAX_DAYS,
    approval: SupervisorApproval | None = None,
    clock: Clock = utc_now,
) -> IssuedPass:
    """Sign a pass with the station key and record it (audited as ``pass_issued``).

    The ID number must be valid (GB 11643); the pass keeps only its masked form, the
    holder's ``idk`` under the community's ID key (sealed; none before the hub has
    issued the key) and a keyed look-up hash. A pass longer than ``max_days`` (the
    station's ``pass_max_days``) needs a supervisor's ``approval`` and is audited under
    them. ``pass_card`` rebuilds the code and card content from the row.
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
    supervisor = None
    if days > max_days:
        if approval is None:
            raise RoleError(
                N_("A pass longer than {days} days needs a supervisor's PIN."), days=max_days
            )
        supervisor = require_supervisor(approval, clock=clock).supervisor_id
    number = parse_id_number(id_number).number
    vault = vault_of(engine)
    station = this_station(engine)
    load_station_key(data_dir.keys, vault)  # fail before recording when it cannot sign
    issued_at = clock().replace(microsecond=0)
    with Session(engine, expire_on_commit=False) as session:
        id_key = community_id_key(session, vault)
        row = IssuedPass(
            id=new_pass_id(),
            station_id=station.id,
            name=name,
            id_masked=mask_id_number(number),
            id_key_cipher=(
                vault.encrypt(id_key.of(number), column=PASS_ID_KEY_COLUMN) if id_key else ""
            ),
            id_lookup=pass_id_lookup(vault, number),
            kind=kind,
            address=address.strip(),
            issued_at=issued_at,
            expires_at=issued_at + timedelta(days=days),
            updated_at=issued_at,
        )
        session.add(row)
        detail: dict[str, object] = {
            "pass_id": row.id, "kind": kind, "id_masked": row.id_masked, "days": days,
        }  # fmt: skip
        if supervisor is not None:
            detail["max_days"] = max_days
        record(
            session,
            "pass_issued",
            detail,
            station_id=station.id,
            operator_id=supervisor,
            clock=clock,
        )
        session.commit()
    return row


def pass_id_lookup(vault: Vault, id_number: str) -> str:
    """The keyed look-up hash of a pass holder (the station's key, never published)."""
    digest = hashlib.sha256(id_number.encode("ascii")).hexdigest()  # as before 0004
    return vault.lookup_hash(digest, column=PASS_HASH_COLUMN)


def pass_card(engine: Engine, data_dir: DataDir, issued: IssuedPass) -> CardContent:
    """What the card of ``issued`` shows, with its signed ``CKP1:`` text.

    A pass issued before migration 0004 gets a card without ``idh`` (the unkeyed hash
    it carried): printing it again is the way to replace a leaking card.
    """
    station = this_station(engine)
    vault = vault_of(engine)
    claims = PassClaims(
        pass_id=issued.id,
        issuer=station.name,
        name=issued.name,
        id_masked=issued.id_masked,
        id_key=vault.decrypt_optional(issued.id_key_cipher, column=PASS_ID_KEY_COLUMN),
        kind=issued.kind,
        address=issued.address,
        issued_at=issued.issued_at,
        expires_at=issued.expires_at,
    )
    return CardContent(
        pass_id=issued.id,
        code_text=pass_code(claims, load_station_key(data_dir.keys, vault)),
        name=issued.name,
        id_masked=issued.id_masked,
        kind=issued.kind,
        address=issued.address,
        valid_from=issued.issued_at,
        valid_until=issued.expires_at,
        station=station.name,
    )


def reprint_pass(
    engine: Engine, data_dir: DataDir, pass_id: str, *, clock: Clock = utc_now
) -> CardContent:
    """The card of pass ``pass_id`` again (audited as ``pass_reprinted``).

    The way to replace a card printed before issue 14, which carried ``idh``.
    """
    with Session(engine, expire_on_commit=False) as session:
        row = session.get(IssuedPass, pass_id.strip())
        if row is None:
            raise ValidationError("pass_unknown", N_("No pass {pass_id} here."), pass_id=pass_id)
        card = pass_card(engine, data_dir, row)
        record(
            session, "pass_reprinted", {"pass_id": row.id}, station_id=row.station_id, clock=clock
        )
        session.commit()
    return card


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
