"""Taking in a station's items: validate one by one, upsert idempotently, acknowledge.

The upsert (``upsert.py``) is ``INSERT … ON CONFLICT (id) DO UPDATE … WHERE
excluded.revision > stored.revision`` on both SQLite and PostgreSQL, so replayed,
duplicated and out-of-order batches — and several hub processes on one PostgreSQL —
never store an item twice or move a revision backwards. Audit entries are
append-only: ``ON CONFLICT DO NOTHING``.

Every row belongs to the station (token) that first wrote it (``owner_id``): the
upsert changes only the sender's own rows, and an item whose uuid another station
holds is refused on its own (``not_owner``), never acknowledged.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from typing import Any

import sqlalchemy as sa
from pydantic import ValidationError as PydanticValidationError
from sqlalchemy import Connection, Engine
from sqlalchemy.dialects import postgresql, sqlite

from checkpoint_desk.clock import Clock, utc_now
from checkpoint_desk.codes.id_key import IdKey
from checkpoint_desk.domain.bounds import LINE_FORBIDDEN
from checkpoint_desk.hub import counts, presence
from checkpoint_desk.hub.database import writing
from checkpoint_desk.hub.person_keys import community_key, person_key, phone_key
from checkpoint_desk.hub.tables import SYNCED_TABLES, audit
from checkpoint_desk.hub.upsert import upsert_rows
from checkpoint_desk.sync.wire import (
    CONTROL_PATTERNS,
    ITEM_MODELS,
    KINDS,
    MAX_BATCH,
    Ack,
    AuditIn,
    Kind,
    OperatorIn,
    PushBatch,
    PushResult,
    Rejection,
    ShiftIn,
    VisitIn,
    WireModel,
)

_CONTROL = re.compile(f"[{LINE_FORBIDDEN}]")


@dataclass
class Sorted:
    """A batch's items split into the valid ones (per kind) and the refused ones."""

    items: dict[Kind, list[tuple[int, WireModel]]] = field(
        default_factory=lambda: {k: [] for k in KINDS}
    )
    rejected: list[Rejection] = field(default_factory=list)


def explain(exc: PydanticValidationError) -> str:
    """A pydantic error as one line: ``field: message; …`` (controls shown as ``?``)."""
    parts = []
    for error in exc.errors(include_url=False)[:5]:
        where = ".".join(str(p)[:64] for p in error["loc"]) or "item"
        message = error["msg"]
        if error["type"] == "string_pattern_mismatch" and (
            error.get("ctx", {}).get("pattern") in CONTROL_PATTERNS
        ):
            message = "control characters are not allowed"
        parts.append(f"{where}: {message}")
    return _CONTROL.sub("?", "; ".join(parts))[:1000]


def _raw_uuid(item: Any) -> uuid.UUID | None:
    if isinstance(item, dict) and isinstance(item.get("uuid"), str):
        try:
            return uuid.UUID(item["uuid"])
        except ValueError:
            return None
    return None


def sort_items(raw: dict[str, Any], *, limit: int | None = MAX_BATCH) -> Sorted:
    """Validate each item of each kind on its own; the bad ones become rejections.

    ``raw`` is the parsed JSON object; the caller has validated ``station``.
    """
    result = Sorted()
    for kind in KINDS:
        items = raw.get(kind, [])
        model = ITEM_MODELS[kind]
        if not isinstance(items, list):
            result.rejected.append(Rejection(kind=kind, index=-1, reason=f"{kind}: not a list"))
            continue
        for index, item in enumerate(items):
            if limit is not None and index >= limit:
                result.rejected.append(
                    Rejection(kind=kind, index=index, reason=f"more than {limit} {kind}")
                )
                continue
            try:
                # Re-read as JSON so that strict mode sees wire types (ISO strings).
                parsed = model.model_validate_json(json.dumps(item))
            except PydanticValidationError as exc:
                result.rejected.append(
                    Rejection(kind=kind, index=index, uuid=_raw_uuid(item), reason=explain(exc))
                )
                continue
            result.items[kind].append((index, parsed))
    return result


def sort_batch(batch: PushBatch) -> Sorted:
    """The same split for a batch that validated as a whole."""
    result = Sorted()
    for kind in KINDS:
        result.items[kind] = list(enumerate(getattr(batch, kind)))
    return result


def _visit_row(v: VisitIn, now: datetime, *, key: IdKey) -> dict[str, Any]:
    row = v.model_dump(exclude={"uuid", "scans", "vehicle_entry_id"})
    if v.vehicle_entry is None and v.vehicle_entry_id is not None:
        row["vehicle_entry"] = str(v.vehicle_entry_id)
    row["id"] = v.uuid
    row["received_at"] = now
    row["scans"] = [s.model_dump(mode="json") for s in v.scans]
    row["person_key"] = person_key(key, v.id_number, v.phone)
    row["phone_key"] = phone_key(key, v.phone) if v.phone else None
    return row


def _shift_row(s: ShiftIn, now: datetime) -> dict[str, Any]:
    row = s.model_dump(exclude={"uuid"})
    row["id"] = s.uuid
    row["received_at"] = now
    return row


def _operator_row(o: OperatorIn, now: datetime) -> dict[str, Any]:
    row = o.model_dump(exclude={"uuid"})
    row["id"] = o.uuid
    row["received_at"] = now
    return row


def _audit_row(
    a: AuditIn, station_id: uuid.UUID, owner_id: uuid.UUID, now: datetime
) -> dict[str, Any]:
    return {
        "id": a.uuid,
        "station_id": station_id,
        "owner_id": owner_id,
        "seq": a.seq,
        "at": a.at,
        "operator_id": a.operator_id,
        "action": a.action,
        "detail": a.detail,
        "prev_hash": a.prev_hash,
        "hash": a.hash,
        "received_at": now,
    }


def dialect_insert(conn: Connection, table: sa.Table) -> Any:
    if conn.dialect.name == "postgresql":
        return postgresql.insert(table)
    return sqlite.insert(table)


def _highest(items: Sequence[tuple[int, Any]]) -> list[Any]:
    """One item per uuid (the highest revision), in uuid order (no lock-order deadlocks)."""
    best: dict[uuid.UUID, Any] = {}
    for _, item in items:
        held = best.get(item.uuid)
        if held is None or item.revision > held.revision:
            best[item.uuid] = item
    return [best[k] for k in sorted(best)]


OWNER_CHUNK = 500
"""Uuids per ownership look-up (well under SQLite's bound-parameter limit)."""

NOT_OWNER = "not_owner: another station holds this uuid; it belongs to another station"


def _owners(conn: Connection, table: sa.Table, ids: list[uuid.UUID]) -> dict[uuid.UUID, Any]:
    """Who owns each of ``ids`` now (after the upsert: the sender or someone else)."""
    found: dict[uuid.UUID, Any] = {}
    for start in range(0, len(ids), OWNER_CHUNK):
        chunk = ids[start : start + OWNER_CHUNK]
        query = sa.select(table.c.id, table.c.owner_id).where(table.c.id.in_(chunk))
        found.update((r.id, r.owner_id) for r in conn.execute(query))
    return found


def _own_or_refuse(
    conn: Connection,
    table: sa.Table,
    kind: Kind,
    items: list[tuple[int, Any]],
    owner_id: uuid.UUID,
    revision: Callable[[Any], int],
) -> tuple[list[Ack], list[Rejection]]:
    owners = _owners(conn, table, sorted({item.uuid for _, item in items}))
    accepted: list[Ack] = []
    rejected: list[Rejection] = []
    for index, item in items:
        if owners.get(item.uuid) == owner_id:
            accepted.append(Ack(kind=kind, uuid=item.uuid, revision=revision(item)))
        else:
            rejected.append(Rejection(kind=kind, index=index, uuid=item.uuid, reason=NOT_OWNER))
    return accepted, rejected


def ingest(
    engine: Engine,
    owner_id: uuid.UUID,
    desk_station_id: uuid.UUID,
    sorted_items: Sorted,
    *,
    clock: Clock = utc_now,
) -> PushResult:
    """Store the valid items of one station; answer with what the hub now holds.

    ``owner_id`` is the hub station (token) sending, ``desk_station_id`` the desk id it
    is bound to. Items claiming another desk id, and items whose uuid another station
    owns, are refused; an item is acknowledged at the revision it was sent with when
    the hub holds that revision or a later one for this station.
    """
    now = clock()
    rejected = list(sorted_items.rejected)
    accepted: list[Ack] = []
    mine: dict[str, list[tuple[int, Any]]] = {}
    for kind in KINDS:
        mine[kind] = []
        item: Any
        for index, item in sorted_items.items[kind]:
            if item.station_id is not None and item.station_id != desk_station_id:
                rejected.append(
                    Rejection(
                        kind=kind,
                        index=index,
                        uuid=item.uuid,
                        reason="station_mismatch: the item belongs to another station",
                    )
                )
            else:
                mine[kind].append((index, item))
    key = community_key(engine)  # before the write lock (it may make the key)
    builders: dict[str, Callable[[Any, datetime], dict[str, Any]]] = {
        "operators": _operator_row,
        "shifts": _shift_row,
        "visits": partial(_visit_row, key=key),
    }
    with writing(engine) as conn:
        for synced_kind in ("operators", "shifts", "visits"):
            table = SYNCED_TABLES[synced_kind]
            items = _highest(mine[synced_kind])
            rows = [builders[synced_kind](item, now) for item in items]
            for built in rows:
                built["owner_id"] = owner_id
            # An edit may move a visit to another person: both people's last visits change.
            # An edit may move a visit to another quarter hour: both slots' counts change.
            edited = [v.uuid for v in items if v.revision > 1] if synced_kind == "visits" else []
            moved = presence.old_person_keys(conn, edited) if edited else set()
            was_in = counts.old_cells(conn, edited) if edited else set()
            upsert_rows(conn, table, rows)
            if synced_kind == "visits":
                presence.refresh(conn, moved | {r["person_key"] for r in rows if r["person_key"]})
                counts.refresh(conn, was_in | counts.cells_of((owner_id, r["at"]) for r in rows))
            # Every row of ours is now held at the sent revision or a later one (upsert.py).
            acks, refusals = _own_or_refuse(
                conn, table, synced_kind, mine[synced_kind], owner_id, lambda i: i.revision
            )
            accepted.extend(acks)
            rejected.extend(refusals)
        entries = {a.uuid: a for _, a in mine["audit"]}
        if entries:
            stmt = dialect_insert(conn, audit).on_conflict_do_nothing(index_elements=[audit.c.id])
            conn.execute(
                stmt,
                [_audit_row(entries[k], desk_station_id, owner_id, now) for k in sorted(entries)],
            )
            acks, refusals = _own_or_refuse(
                conn, audit, "audit", mine["audit"], owner_id, lambda _: 1
            )
            accepted.extend(acks)
            rejected.extend(refusals)
    return PushResult(accepted=accepted, rejected=rejected)
