"""Hostile bundles for tests and benchmarks."""

from __future__ import annotations

import base64
import json
import zlib
from pathlib import Path
from typing import Any

from checkpoint_desk.codes.keys import PUBLIC_KEY_FILE, load_station_key
from checkpoint_desk.hub.identity import load_identity
from checkpoint_desk.sync.bundle_file import MAGIC, BundleHeader, _signed_part
from checkpoint_desk.sync.sealing import BUNDLE_CONTEXT, seal
from checkpoint_desk.sync.wire import canonical_json
from tests.support.desks import Desk


def bomb(desk: Desk, hub_home: Path, lines: int) -> bytes:
    """A bundle the desk's own key signed whose payload inflates to ``lines`` records."""
    line = b'{"item":{},"kind":"audit"}\n'
    first = canonical_json({"station": {"id": str(desk.station.id), "name": "x"}}) + b"\n"
    packer = zlib.compressobj(9)
    parts = [packer.compress(first)]
    block = line * 100_000
    parts.extend(packer.compress(block) for _ in range(lines // 100_000))
    parts.append(packer.flush())
    sealed = seal(load_identity(hub_home).pin.sealer(), b"".join(parts), BUNDLE_CONTEXT)
    key = load_station_key(desk.data_dir.keys)
    pem = (desk.data_dir.keys / PUBLIC_KEY_FILE).read_text("ascii")
    header: dict[str, Any] = {
        "format": "checkpoint-desk-bundle",
        "version": 2,
        "station_id": str(desk.station.id),
        "station_name": "西门卡点",
        "public_key": pem,
        "created_at": "2026-11-28T08:00:00Z",
        "counts": {"audit": lines},
        "hub": "x",
        "signature": "",
    }
    unsigned = BundleHeader.model_validate_json(json.dumps(header))
    signature = key.sign(_signed_part(unsigned.model_dump(mode="json"), sealed))
    signed = unsigned.model_copy(update={"signature": base64.b64encode(signature).decode()})
    return MAGIC + signed.model_dump_json().encode() + b"\n" + sealed
