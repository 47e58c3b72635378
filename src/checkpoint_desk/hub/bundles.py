"""Importing a station's USB bundle at the hub and writing its signed receipt.

Refused with a reason: a file that is not a bundle or is damaged; a bundle from a
station the hub does not know, or whose key differs from the one registered for that
station ("foreign"); a bundle whose signature does not hold ("tampered"); one sealed
for another hub. The payload is opened with the hub's X25519 key, decompressed with
a cap and read record by record, stored a thousand at a time (memory stays bounded
whatever the bundle claims). Importing the same bundle again stores nothing twice and
gives the same acknowledgements.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError as PydanticValidationError
from sqlalchemy import Engine

from checkpoint_desk.atomic_write import OWNER_ONLY, write_json_atomic
from checkpoint_desk.clock import Clock, utc_now
from checkpoint_desk.errors import ValidationError
from checkpoint_desk.hub.database import writing
from checkpoint_desk.hub.identity import HubIdentity
from checkpoint_desk.hub.ingest import dialect_insert, ingest, sort_items
from checkpoint_desk.hub.stations import HubStation, normalise_public_key, stations_for_desk
from checkpoint_desk.hub.tables import bundle_receipt
from checkpoint_desk.i18n import N_
from checkpoint_desk.sync.bundle_file import (
    MAX_BUNDLE_ITEMS,
    MAX_LISTED_REJECTIONS,
    BundleError,
    BundleHeader,
    read_header,
    receipt_content,
    record_lines,
    verify_signature,
)
from checkpoint_desk.sync.hub_pin import RECEIPT_CONTEXT
from checkpoint_desk.sync.sealing import BUNDLE_CONTEXT, SealError
from checkpoint_desk.sync.wire import KINDS, MAX_BATCH, Ack, Rejection, StationIn

MAX_BUNDLE_BYTES = 64 * 1024 * 1024
"""Largest bundle file read (sealed and compressed: some 200,000 records)."""


@dataclass(frozen=True)
class BundleImport:
    station_name: str
    accepted: int
    rejected: int
    receipt_path: Path
    receipt: dict[str, Any]


def default_receipt_path(bundle: Path) -> Path:
    return bundle.with_name(bundle.name + ".receipt.json")


def _sender(engine: Engine, header: BundleHeader) -> HubStation:
    """The bound station whose id and key the header names."""
    try:
        desk_id = uuid.UUID(header.station_id)
        claimed_key = normalise_public_key(header.public_key)
    except (ValueError, ValidationError) as exc:
        raise BundleError("damaged", N_("The bundle file is damaged (bad header).")) from exc
    bound = stations_for_desk(engine, desk_id)
    if not bound:
        raise BundleError(
            "foreign",
            N_("The bundle comes from a station this hub does not know ({name})."),
            name=header.station_name,
        )
    keyed = [s for s in bound if s.public_key]
    if not keyed:
        raise BundleError(
            "foreign",
            N_(
                "The hub has no key for station {name}: it must sync once over the "
                "network, or be added with --station-id and --public-key."
            ),
            name=bound[0].name,
        )
    matching = [s for s in keyed if s.public_key == claimed_key]
    if not matching:
        raise BundleError(
            "foreign",
            N_("The bundle was signed with a key that is not station {name}'s."),
            name=keyed[0].name,
        )
    return matching[0]


def _chunks(lines: Iterator[Any], desk_id: uuid.UUID) -> Iterator[dict[str, list[Any]]]:
    """Groups of up to MAX_BATCH records per kind, as ``sort_items`` takes them."""
    try:
        first = next(lines)
        inner = StationIn.model_validate_json(json.dumps(first.get("station")))
    except (StopIteration, AttributeError, PydanticValidationError) as exc:
        raise BundleError("damaged", N_("The bundle file is damaged (bad payload).")) from exc
    if inner.id != desk_id:
        raise BundleError(
            "tampered", N_("The bundle's header and content name different stations.")
        )
    group: dict[str, list[Any]] = {kind: [] for kind in KINDS}
    held = 0
    for count, line in enumerate(lines, start=1):
        if count > MAX_BUNDLE_ITEMS:
            raise BundleError("too_large", N_("The bundle is too large to import."))
        kind = line.get("kind") if isinstance(line, dict) else None
        if kind not in group:
            raise BundleError("damaged", N_("The bundle file is damaged (bad payload)."))
        group[kind].append(line.get("item"))
        held += 1
        if held >= MAX_BATCH:
            yield group
            group, held = {kind: [] for kind in KINDS}, 0
    if held:
        yield group


def import_bundle(
    engine: Engine,
    identity: HubIdentity,
    path: Path,
    receipt_path: Path | None = None,
    *,
    clock: Clock = utc_now,
) -> BundleImport:
    """Verify, open and ingest ``path``; write the signed receipt (default: beside it)."""
    try:
        if path.stat().st_size > MAX_BUNDLE_BYTES:
            raise BundleError("too_large", N_("The bundle is too large to import."))
        data = path.read_bytes()
    except OSError as exc:
        raise BundleError(
            "unreadable", N_("Cannot read {path}: {reason}"), path=str(path), reason=exc.strerror
        ) from exc
    header, sealed = read_header(data)
    known = _sender(engine, header)
    assert known.public_key is not None and known.desk_station_id is not None
    verify_signature(header, sealed, known.public_key)
    try:
        payload = identity.open(sealed, BUNDLE_CONTEXT)
    except SealError as exc:
        raise BundleError(
            "not_for_this_hub",
            N_("The bundle is sealed for another hub, or it was changed or damaged."),
        ) from exc
    bundle_sha = hashlib.sha256(data).hexdigest()
    del data, sealed
    # First pass: the caps (size, line length, record count) before anything is stored,
    # so a refused bundle leaves nothing half-imported.
    for _ in _chunks(record_lines(payload), known.desk_station_id):
        pass
    accepted: list[Ack] = []
    rejected: list[Rejection] = []
    rejected_count = 0
    for group in _chunks(record_lines(payload), known.desk_station_id):
        result = ingest(engine, known.id, known.desk_station_id, sort_items(group), clock=clock)
        accepted.extend(result.accepted)
        rejected_count += len(result.rejected)
        rejected.extend(result.rejected[: max(0, MAX_LISTED_REJECTIONS - len(rejected))])
    now = clock()
    values = {
        "bundle_sha256": bundle_sha,
        "station_id": known.desk_station_id,
        "owner_id": known.id,
        "created_at": header.created_at,
        "imported_at": now,
        "accepted": len(accepted),
        "rejected": rejected_count,
    }
    with writing(engine) as conn:
        stmt = dialect_insert(conn, bundle_receipt)
        conn.execute(
            stmt.on_conflict_do_update(
                index_elements=[bundle_receipt.c.bundle_sha256],
                set_={"imported_at": now, "accepted": values["accepted"]},
            ),
            values,
        )
    content = receipt_content(
        known.desk_station_id, bundle_sha, now, accepted, rejected, rejected_count
    )
    receipt = {**content, "signature": identity.sign(RECEIPT_CONTEXT, content)}
    target = receipt_path or default_receipt_path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_json_atomic(target, receipt, mode=OWNER_ONLY)
    return BundleImport(known.name, len(accepted), rejected_count, target, receipt)
