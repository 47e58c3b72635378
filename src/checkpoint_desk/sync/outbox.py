"""The desk's outbox: records the hub has not acknowledged at their current revision.

A row is waiting while ``synced_revision`` is NULL or below ``revision`` (audit
entries: while ``synced_at`` is NULL). Batches are read in key order after the last
key sent, so a record the hub refuses stays waiting without blocking the rest. Only
the exact (uuid, revision) pairs the hub acknowledged are marked: a record edited
meanwhile has a higher revision and stays in the outbox.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from cryptography.hazmat.primitives import serialization
from sqlalchemy import Engine

from checkpoint_desk.clock import Clock, utc_now
from checkpoint_desk.codes.keys import PUBLIC_KEY_FILE
from checkpoint_desk.domain.bounds import LINE_FORBIDDEN
from checkpoint_desk.errors import DataDirError
from checkpoint_desk.i18n import N_
from checkpoint_desk.store.models import (
    AuditEntry,
    Operator,
    Person,
    Scan,
    Shift,
    Station,
    Vehicle,
    Visit,
)
from checkpoint_desk.store.person_secrets import ID_COLUMN, PHONE_COLUMN, RAW_TEXT_COLUMN
from checkpoint_desk.store.vault import Vault, vault_of
from checkpoint_desk.sync.wire import (
    Ack,
    AuditIn,
    Kind,
    OperatorIn,
    ScanIn,
    ShiftIn,
    StationIn,
    VisitIn,
    WireModel,
)

_CONTROL = re.compile(f"[{LINE_FORBIDDEN}]")

visit_t: sa.Table = Visit.__table__  # type: ignore[attr-defined]
shift_t: sa.Table = Shift.__table__  # type: ignore[attr-defined]
operator_t: sa.Table = Operator.__table__  # type: ignore[attr-defined]
person_t: sa.Table = Person.__table__  # type: ignore[attr-defined]
vehicle_t: sa.Table = Vehicle.__table__  # type: ignore[attr-defined]
scan_t: sa.Table = Scan.__table__  # type: ignore[attr-defined]
audit_t: sa.Table = AuditEntry.__table__  # type: ignore[attr-defined]
station_t: sa.Table = Station.__table__  # type: ignore[attr-defined]

SYNCED: dict[str, sa.Table] = {"operators": operator_t, "shifts": shift_t, "visits": visit_t}


def _waiting(table: sa.Table) -> sa.ColumnElement[bool]:
    return sa.or_(table.c.synced_revision.is_(None), table.c.synced_revision < table.c.revision)


def station_header(engine: Engine, keys_dir: Path) -> StationIn:
    """Who this desk is, with its public key when it has one."""
    with engine.connect() as conn:
        row = conn.execute(sa.select(station_t).order_by(station_t.c.created_at)).first()
    if row is None:
        raise DataDirError(N_("The database has no station. Run: checkpoint-desk init"))
    pem: str | None = None
    public = keys_dir / PUBLIC_KEY_FILE
    if public.is_file():
        key = serialization.load_pem_public_key(public.read_bytes())
        pem = key.public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        ).decode("ascii")
    return StationIn(
        id=row.id, name=_label(row.name), community=_label(row.community), public_key=pem
    )


def _label(text: str) -> str:
    """A station's name as the wire takes it: 200 characters, controls as spaces."""
    return _CONTROL.sub(" ", text)[:200]


def waiting_count(engine: Engine) -> int:
    """Visits the hub has not acknowledged yet (the status bar's "unsynced")."""
    with engine.connect() as conn:
        count = conn.execute(
            sa.select(sa.func.count()).select_from(visit_t).where(_waiting(visit_t))
        ).scalar_one()
    return int(count)


def _operators(rows: Sequence[Any]) -> list[WireModel]:
    return [
        OperatorIn.model_construct(
            uuid=r.id,
            revision=r.revision,
            updated_at=r.updated_at,
            station_id=r.station_id,
            name=r.name,
            role="supervisor" if r.role == "supervisor" else "volunteer",
            active=r.active,
        )
        for r in rows
    ]


def _shifts(rows: Sequence[Any]) -> list[WireModel]:
    return [
        ShiftIn.model_construct(
            uuid=r.id,
            revision=r.revision,
            updated_at=r.updated_at,
            station_id=r.station_id,
            operator_id=r.operator_id,
            opened_at=r.opened_at,
            closed_at=r.closed_at,
            handover_note=r.handover_note,
        )
        for r in rows
    ]


def _scans(
    conn: sa.Connection, vault: Vault, visit_ids: list[uuid.UUID]
) -> dict[uuid.UUID, list[ScanIn]]:
    found: dict[uuid.UUID, list[ScanIn]] = {}
    if not visit_ids:
        return found
    query = sa.select(scan_t).where(scan_t.c.visit_id.in_(visit_ids)).order_by(scan_t.c.scanned_at)
    for r in conn.execute(query):
        found.setdefault(r.visit_id, []).append(
            ScanIn.model_construct(
                uuid=r.id,
                scanned_at=r.scanned_at,
                scheme=r.scheme,
                issuer=r.issuer,
                kid=r.kid,
                verified=r.verified,
                status=r.status,
                reasons=list(r.reasons or []),
                decoder=r.decoder,
                raw_text=vault.decrypt_optional(r.raw_text, column=RAW_TEXT_COLUMN),
            )
        )
    return found


def _visits(conn: sa.Connection, vault: Vault, rows: Sequence[Any]) -> list[WireModel]:
    """Visits as the hub takes them: the station's sealed numbers opened (issue 8)."""
    scans = _scans(conn, vault, [r.id for r in rows])
    return [
        VisitIn.model_construct(
            uuid=r.id,
            revision=r.revision,
            updated_at=r.updated_at,
            station_id=r.station_id,
            shift_id=r.shift_id,
            vehicle_entry_id=r.vehicle_entry_id,
            at=r.at,
            direction=r.direction,
            source=r.source,
            name=r.person_name or "",
            id_number=vault.decrypt_optional(r.id_cipher, column=ID_COLUMN),
            phone=vault.decrypt_optional(r.phone_cipher, column=PHONE_COLUMN),
            plate=r.plate,
            temperature_c=r.temperature_c,
            temperature_converted=r.temperature_converted,
            retest_temperature_c=r.retest_temperature_c,
            health_code=r.health_code,
            health_code_confirmed=r.health_code_confirmed,
            travel_risk=r.travel_risk,
            nat_result=r.nat_result,
            nat_at=r.nat_at,
            vaccine_doses=r.vaccine_doses,
            vaccine_last=r.vaccine_last,
            purpose=r.purpose,
            destination=r.destination,
            passengers=r.passengers,
            verdict=r.verdict,
            reasons=list(r.reasons or []),
            disposition=r.disposition,
            disposition_by=r.disposition_by,
            disposition_at=r.disposition_at,
            note=r.note,
            deleted_at=r.deleted_at,
            scans=scans.get(r.id, []),
        )
        for r in rows
    ]


def _audit(rows: Sequence[Any]) -> list[WireModel]:
    return [
        AuditIn.model_construct(
            uuid=r.id,
            seq=r.seq,
            at=r.at,
            station_id=r.station_id,
            operator_id=r.operator_id,
            action=r.action,
            detail=r.detail if isinstance(r.detail, dict) else {"value": r.detail},
            prev_hash=r.prev_hash,
            hash=r.hash,
        )
        for r in rows
    ]


def read_batch(engine: Engine, kind: Kind, after: Any, limit: int | None) -> list[WireModel]:
    """Up to ``limit`` waiting items of ``kind`` whose key is above ``after``.

    Items are built without validation: the hub validates, and a record it refuses
    comes back with the reason and stays waiting (visible) instead of breaking the
    round here.

    The key is the uuid (the audit trail: ``seq``); pass the last one's key back as
    ``after`` (see ``key_of``) to read the next batch.
    """
    with engine.connect() as conn:
        if kind == "audit":
            query = sa.select(audit_t).where(audit_t.c.synced_at.is_(None))
            if after is not None:
                query = query.where(audit_t.c.seq > after)
            query = query.order_by(audit_t.c.seq).limit(limit)
            return _audit(conn.execute(query).all())
        table = SYNCED[kind]
        if kind == "visits":
            query = (
                sa.select(
                    visit_t,
                    person_t.c.name.label("person_name"),
                    person_t.c.id_cipher,
                    person_t.c.phone_cipher,
                    vehicle_t.c.plate,
                )
                .select_from(
                    visit_t.outerjoin(person_t, person_t.c.id == visit_t.c.person_id).outerjoin(
                        vehicle_t, vehicle_t.c.id == visit_t.c.vehicle_id
                    )
                )
                .where(_waiting(visit_t))
            )
        else:
            query = sa.select(table).where(_waiting(table))
        if after is not None:
            query = query.where(table.c.id > after)
        rows = conn.execute(query.order_by(table.c.id).limit(limit)).all()
        if kind == "visits":
            return _visits(conn, vault_of(engine), rows)
        return _shifts(rows) if kind == "shifts" else _operators(rows)


def key_of(item: WireModel) -> Any:
    """The outbox key of an item read by ``read_batch``."""
    return item.seq if isinstance(item, AuditIn) else item.uuid  # type: ignore[attr-defined]


def mark_acknowledged(engine: Engine, acks: Iterable[Ack], *, clock: Clock = utc_now) -> int:
    """Mark exactly the acknowledged (uuid, revision) pairs synced; returns how many."""
    now = clock()
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for ack in acks:
        by_kind.setdefault(ack.kind, []).append({"b_id": ack.uuid, "b_rev": ack.revision})
    marked = 0
    with engine.begin() as conn:
        for kind, params in by_kind.items():
            if kind == "audit":
                stmt = (
                    sa.update(audit_t)
                    .where(audit_t.c.id == sa.bindparam("b_id"), audit_t.c.synced_at.is_(None))
                    .values(synced_at=now)
                )
                result = conn.execute(stmt, [{"b_id": p["b_id"]} for p in params])
            else:
                table = SYNCED[kind]
                stmt = (
                    sa.update(table)
                    .where(table.c.id == sa.bindparam("b_id"))
                    .where(table.c.revision == sa.bindparam("b_rev"))
                    .values(synced_revision=sa.bindparam("b_rev"), synced_at=now)
                )
                result = conn.execute(stmt, params)
            marked += max(result.rowcount, 0)
    return marked
