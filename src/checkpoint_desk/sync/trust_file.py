"""The hub's trust list merged into the desk's trust-list file (``DataDir.trust_list``).

The file is the codes package's format (``checkpoint-desk/trust-list``: keys by base64
kid). Entries the hub served last time and no longer serves are removed; entries the
desk added itself (``trust import``, its own key) are kept. The station's own key is
never removed.
"""

from __future__ import annotations

import base64
import json
from datetime import datetime
from pathlib import Path
from typing import Any

from checkpoint_desk.atomic_write import OWNER_ONLY, write_json_atomic

FORMAT = "checkpoint-desk/trust-list"


def _kid_b64(kid_hex: str) -> str:
    return base64.b64encode(bytes.fromhex(kid_hex)).decode("ascii")


def _read(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return {"format": FORMAT, "version": 0, "updated_at": None, "keys": {}}
    if not isinstance(data.get("keys"), dict):
        data["keys"] = {}
    return data


def merge_hub_trust(
    path: Path,
    previous: dict[str, Any] | None,
    served: dict[str, Any],
    now: datetime,
    *,
    keep_kid_hex: str | None = None,
) -> None:
    """Write the hub's ``served`` trust list into ``path`` (replacing ``previous``)."""
    data = _read(path)
    keys: dict[str, Any] = dict(data["keys"])
    keep = _kid_b64(keep_kid_hex) if keep_kid_hex else None
    for entry in (previous or {}).get("keys", []):
        kid = _kid_b64(entry["kid"])
        if kid != keep:
            keys.pop(kid, None)
    for entry in served.get("keys", []):
        keys[_kid_b64(entry["kid"])] = {
            "public_key": entry["public_key"],
            "issuer": entry["issuer"],
            "schemes": list(entry["schemes"]),
            "valid_from": entry.get("valid_from"),
            "valid_until": entry.get("valid_until"),
            "demo": bool(entry.get("demo", False)),
        }
    data["keys"] = keys
    data["version"] = int(data.get("version") or 0) + 1
    data["updated_at"] = now.isoformat()
    path.parent.mkdir(parents=True, exist_ok=True)
    write_json_atomic(path, data, mode=OWNER_ONLY)


def confirm_hub_trust(path: Path, now: datetime) -> None:
    """The hub says the list is unchanged: record when it was last confirmed."""
    if not path.is_file():
        return
    data = _read(path)
    data["updated_at"] = now.isoformat()
    path.parent.mkdir(parents=True, exist_ok=True)
    write_json_atomic(path, data, mode=OWNER_ONLY)
