"""Importing a station's USB bundle at the hub and writing its receipt.

Refused with a reason: a file that is not a bundle or is damaged; a bundle from a
station the hub does not know, or whose key differs from the one registered for that
station ("foreign"); a bundle whose signature does not hold ("tampered"). Importing
the same bundle again stores nothing twice and gives the same acknowledgements.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError as PydanticValidationError
from sqlalchemy import Engine

from checkpoint_desk.clock import Clock, utc_now
from checkpoint_desk.errors import ValidationError
from checkpoint_desk.hub.database import writing
from checkpoint_desk.hub.ingest import dialect_insert, ingest, sort_items
from checkpoint_desk.hub.stations import normalise_public_key, station_for_desk
from checkpoint_desk.hub.tables import bundle_receipt
from checkpoint_desk.i18n import N_
from checkpoint_desk.settings import write_json_atomic
from checkpoint_desk.sync.bundle_file import BundleError, make_receipt, read_header, verify_payload
from checkpoint_desk.sync.wire import StationIn

MAX_BUNDLE_BYTES = 256 * 1024 * 1024


@dataclass(frozen=True)
class BundleImport:
    station_name: str
    accepted: int
    rejected: int
    receipt_path: Path
    receipt: dict[str, Any]


def default_receipt_path(bundle: Path) -> Path:
    return bundle.with_name(bundle.name + ".receipt.json")


def import_bundle(
    engine: Engine, path: Path, receipt_path: Path | None = None, *, clock: Clock = utc_now
) -> BundleImport:
    """Verify and ingest ``path``; write the receipt (default: beside the bundle)."""
    try:
        if path.stat().st_size > MAX_BUNDLE_BYTES:
            raise BundleError("too_large", N_("The bundle is too large to import."))
        data = path.read_bytes()
    except OSError as exc:
        raise BundleError(
            "unreadable", N_("Cannot read {path}: {reason}"), path=str(path), reason=exc.strerror
        ) from exc
    header, payload = read_header(data)
    try:
        desk_id = uuid.UUID(header.station_id)
    except ValueError as exc:
        raise BundleError("damaged", N_("The bundle file is damaged (bad header).")) from exc
    known = station_for_desk(engine, desk_id)
    if known is None:
        raise BundleError(
            "foreign",
            N_("The bundle comes from a station this hub does not know ({name})."),
            name=header.station_name,
        )
    if not known.public_key:
        raise BundleError(
            "foreign",
            N_(
                "The hub has no key for station {name}: it must sync once over the "
                "network, or be added with --station-id and --public-key."
            ),
            name=known.name,
        )
    try:
        claimed_key = normalise_public_key(header.public_key)
    except ValidationError as exc:
        raise BundleError("damaged", N_("The bundle file is damaged (bad header).")) from exc
    if claimed_key != known.public_key:
        raise BundleError(
            "foreign",
            N_("The bundle was signed with a key that is not station {name}'s."),
            name=known.name,
        )
    if hashlib.sha256(payload).hexdigest() != header.payload_sha256:
        raise BundleError(
            "tampered",
            N_("The bundle's signature does not match its content: it was changed or damaged."),
        )
    body = verify_payload(header, payload, known.public_key)
    try:
        inner = StationIn.model_validate_json(json.dumps(body.get("station")))
    except PydanticValidationError as exc:
        raise BundleError("damaged", N_("The bundle file is damaged (bad payload).")) from exc
    if inner.id != desk_id:
        raise BundleError(
            "tampered",
            N_("The bundle's header and content name different stations."),
        )
    result = ingest(engine, desk_id, sort_items(body, limit=None), clock=clock)
    now = clock()
    bundle_sha = hashlib.sha256(data).hexdigest()
    values = {
        "bundle_sha256": bundle_sha,
        "station_id": desk_id,
        "created_at": header.created_at,
        "imported_at": now,
        "accepted": len(result.accepted),
        "rejected": len(result.rejected),
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
    receipt = make_receipt(desk_id, bundle_sha, now, result.accepted, result.rejected)
    target = receipt_path or default_receipt_path(path)
    write_json_atomic(target, receipt)
    return BundleImport(known.name, len(result.accepted), len(result.rejected), target, receipt)
