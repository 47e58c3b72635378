"""Wire-format samples: a station header and visits as JSON data."""

from __future__ import annotations

import uuid
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey


def public_pem(key: Ed25519PrivateKey | None = None) -> str:
    key = key or Ed25519PrivateKey.generate()
    return (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode("ascii")
    )


def station_json(
    station_id: uuid.UUID, name: str = "西门卡点", key: str | None = None
) -> dict[str, Any]:
    return {"id": str(station_id), "name": name, "community": "济阳街道", "public_key": key}


def visit_json(station_id: uuid.UUID, **changes: Any) -> dict[str, Any]:
    visit: dict[str, Any] = {
        "uuid": str(uuid.uuid4()),
        "revision": 1,
        "updated_at": "2026-11-28T08:00:00+00:00",
        "station_id": str(station_id),
        "at": "2026-11-28T08:00:00+00:00",
        "direction": "in",
        "name": "张伟",
        "id_number": "37081119900101123X",
        "phone": "13812345678",
        "temperature_c": 36.5,
        "health_code": "green",
        "verdict": "pass",
        "reasons": [],
        "scans": [
            {
                "uuid": str(uuid.uuid4()),
                "scanned_at": "2026-11-28T08:00:00+00:00",
                "scheme": "CKH1",
                "verified": True,
                "status": "green",
            }
        ],
    }
    visit.update(changes)
    return visit
