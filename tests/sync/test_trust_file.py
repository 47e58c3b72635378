"""The hub's trust list merged into the desk's trust-list file."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import load_pem_public_key

from checkpoint_desk.codes.keys import kid_for_public_key
from checkpoint_desk.sync.trust_file import merge_hub_trust
from tests.support.samples import public_pem

NOW = datetime(2026, 11, 28, 8, 0, tzinfo=UTC)


def entry(issuer: str) -> dict[str, Any]:
    pem = public_pem(Ed25519PrivateKey.generate())
    kid = kid_for_public_key(load_pem_public_key(pem.encode())).hex()
    return {"kid": kid, "issuer": issuer, "schemes": ["CKP1"], "public_key": pem}


def b64(kid_hex: str) -> str:
    return base64.b64encode(bytes.fromhex(kid_hex)).decode()


def test_hub_entries_replace_the_last_ones_and_local_ones_stay(tmp_path: Path) -> None:
    path = tmp_path / "trust-list.json"
    local = {"public_key": "PEM", "issuer": "imported by hand", "schemes": ["CKH1"]}
    path.write_text(
        json.dumps({"format": "checkpoint-desk/trust-list", "version": 4, "keys": {"AAAA": local}}),
        "utf-8",
    )
    own, west, east = entry("本卡点"), entry("西门"), entry("东门")
    first = {"keys": [own, west]}
    merge_hub_trust(path, None, first, NOW, keep_kid_hex=own["kid"])
    data = json.loads(path.read_text("utf-8"))
    assert set(data["keys"]) == {"AAAA", b64(own["kid"]), b64(west["kid"])}
    assert data["version"] == 5

    # The hub dropped West (revoked) and its own copy of this station's key.
    merge_hub_trust(path, first, {"keys": [east]}, NOW, keep_kid_hex=own["kid"])
    data = json.loads(path.read_text("utf-8"))
    assert set(data["keys"]) == {"AAAA", b64(own["kid"]), b64(east["kid"])}
    assert data["keys"][b64(east["kid"])]["issuer"] == "东门"
