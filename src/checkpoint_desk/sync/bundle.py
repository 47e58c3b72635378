"""USB bundles on the desk: write the outbox sealed to the hub, apply its receipt.

Writing a bundle marks nothing: records are marked synced only by the receipt the hub
writes when it imports the bundle (``bundle receipt FILE``), signed by the hub the desk
pinned at enrolment, and only at the revision the receipt names.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from checkpoint_desk.clock import Clock, utc_now
from checkpoint_desk.errors import DataDirError
from checkpoint_desk.i18n import N_
from checkpoint_desk.store.station_key import has_station_key, load_station_key
from checkpoint_desk.store.vault import vault_of
from checkpoint_desk.sync import outbox
from checkpoint_desk.sync.bundle_file import (
    MAX_BUNDLE_ITEMS,
    BundleError,
    read_receipt,
    write_bundle,
)
from checkpoint_desk.sync.hub_pin import HubPin
from checkpoint_desk.sync.wire import KINDS, StationIn, WireModel


@dataclass(frozen=True)
class BundleWritten:
    path: Path
    counts: dict[str, int]


@dataclass(frozen=True)
class ReceiptApplied:
    acknowledged: int
    marked: int
    rejected: int


def export_bundle(
    engine: Engine,
    keys_dir: Path,
    hub: HubPin,
    station: StationIn,
    out: Path,
    *,
    clock: Clock = utc_now,
) -> BundleWritten:
    """Write the waiting records (up to ``MAX_BUNDLE_ITEMS``) to ``out``, sealed to
    ``hub`` and signed with the station key; on any failure nothing is left behind."""
    if not has_station_key(keys_dir):
        raise DataDirError(
            N_("This station has no signing key in {path}; bundles cannot be signed."),
            path=str(keys_dir),
        )
    key = load_station_key(keys_dir, vault_of(engine))
    items: dict[str, list[WireModel]] = {}
    room = MAX_BUNDLE_ITEMS
    for kind in KINDS:
        items[kind] = outbox.read_batch(engine, kind, None, room) if room else []
        room -= len(items[kind])
    try:
        header = write_bundle(out, key, hub, station, items, clock())
    except OSError as exc:
        raise DataDirError(
            N_("Cannot write {path}: {reason}"), path=str(out), reason=exc.strerror or str(exc)
        ) from exc
    return BundleWritten(out, dict(header.counts))


def apply_receipt(
    engine: Engine, station_id: uuid.UUID, hub: HubPin, path: Path, *, clock: Clock = utc_now
) -> ReceiptApplied:
    """Mark the records the receipt acknowledges (at their exact revision) synced.

    Only a receipt signed by the pinned ``hub`` counts (UntrustedHub otherwise).
    """
    receipt = read_receipt(path, hub)
    if receipt.station_id != str(station_id):
        raise BundleError(
            "foreign", N_("The receipt {path} is for another station."), path=str(path)
        )
    marked = outbox.mark_acknowledged(engine, receipt.accepted, clock=clock)
    return ReceiptApplied(len(receipt.accepted), marked, receipt.rejected_count)
