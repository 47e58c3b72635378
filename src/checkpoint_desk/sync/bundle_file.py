"""The USB bundle and receipt file formats (shared by the desk and the hub).

A bundle is ``MAGIC``, one line of header JSON, then the sealed payload
(``sealing.py``: a fresh AES-256-GCM key per bundle, wrapped for the hub's X25519
key). Sealed inside: zlib-compressed JSON lines, the station first, then one record
per line (``{"kind": …, "item": …}``), so the hub reads it item by item with caps.
The header names the station, its Ed25519 public key and the hub it is sealed for,
and carries the station's signature over the header and the sealed bytes. Nothing
of a person is outside the seal; the file is 0600 and written under a hidden
``.part`` name that holds only sealed bytes and is removed on any failure.

A receipt is JSON listing the (kind, uuid, revision) the hub now holds, signed with
the hub's Ed25519 key; the desk checks it with the key pinned at enrolment.
"""

from __future__ import annotations

import base64
import json
import zlib
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any, Literal

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from pydantic import AwareDatetime, Field
from pydantic import ValidationError as PydanticValidationError

from checkpoint_desk.atomic_write import OWNER_ONLY, write_atomic
from checkpoint_desk.errors import CheckpointError
from checkpoint_desk.i18n import N_
from checkpoint_desk.sync.hub_pin import RECEIPT_CONTEXT, HubPin
from checkpoint_desk.sync.sealing import BUNDLE_CONTEXT, seal
from checkpoint_desk.sync.wire import (
    Ack,
    Rejection,
    StationIn,
    WireModel,
    canonical_json,
)

MAGIC = b"CKBUNDLE2\n"
MAX_HEADER = 64 * 1024
MAX_BUNDLE_ITEMS = 200_000
"""Most records in one bundle (about four weeks of a busy gate); the rest waits."""
MAX_PAYLOAD_JSON = 256 * 1024 * 1024
"""Most bytes a bundle may decompress to (a zip bomb stops here)."""
MAX_LINE = 256 * 1024
"""Longest record line (a visit with ten long raw code texts is far below)."""
MAX_RECEIPT_BYTES = 64 * 1024 * 1024
MAX_LISTED_REJECTIONS = 1000
"""Rejections listed in a receipt (all are counted)."""
BUNDLE_FORMAT = "checkpoint-desk-bundle"
RECEIPT_FORMAT = "checkpoint-desk-receipt"


class BundleError(CheckpointError):
    """A bundle or receipt file is refused; ``code`` says why for machines."""

    exit_code = 2

    def __init__(self, code: str, message: str, **args_: object) -> None:
        self.code = code
        super().__init__(message, **args_)


class BundleHeader(WireModel):
    format: Literal["checkpoint-desk-bundle"]
    version: Literal[2]
    station_id: str
    station_name: str
    public_key: str
    created_at: AwareDatetime
    counts: dict[str, int]
    hub: str
    signature: str


class Receipt(WireModel):
    format: Literal["checkpoint-desk-receipt"]
    version: Literal[2]
    station_id: str
    bundle_sha256: str
    imported_at: AwareDatetime
    accepted: Annotated[list[Ack], Field(max_length=MAX_BUNDLE_ITEMS)]
    rejected: Annotated[list[Rejection], Field(max_length=MAX_LISTED_REJECTIONS)]
    rejected_count: int
    signature: str


def _public_pem(key: Ed25519PublicKey) -> str:
    return key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode("ascii")


def _signed_part(header: dict[str, Any], sealed: bytes) -> bytes:
    unsigned = {k: v for k, v in header.items() if k != "signature"}
    return BUNDLE_CONTEXT + b"\n" + canonical_json(unsigned) + b"\n" + sealed


def _payload(station: StationIn, items: dict[str, list[WireModel]], created_at: datetime) -> bytes:
    """The compressed record lines (in memory only: never on disk unsealed)."""
    packer = zlib.compressobj(6)
    first = {"station": station.model_dump(mode="json"), "created_at": created_at.isoformat()}
    parts = [packer.compress(canonical_json(first) + b"\n")]
    for kind, models in items.items():
        for model in models:
            line = canonical_json({"kind": kind, "item": model.model_dump(mode="json")})
            parts.append(packer.compress(line + b"\n"))
    parts.append(packer.flush())
    return b"".join(parts)


def write_bundle(
    path: Path,
    key: Ed25519PrivateKey,
    hub: HubPin,
    station: StationIn,
    items: dict[str, list[WireModel]],
    created_at: datetime,
) -> BundleHeader:
    """Write ``items`` sealed to ``hub`` and signed with ``key`` to ``path`` (0600)."""
    sealed = seal(hub.sealer(), _payload(station, items, created_at), BUNDLE_CONTEXT)
    fields: dict[str, Any] = {
        "format": BUNDLE_FORMAT,
        "version": 2,
        "station_id": str(station.id),
        "station_name": station.name,
        "public_key": _public_pem(key.public_key()),
        "created_at": created_at.isoformat(),
        "counts": {kind: len(models) for kind, models in items.items()},
        "hub": hub.fingerprint,
    }
    unsigned = BundleHeader.model_validate_json(json.dumps({**fields, "signature": ""}))
    signature = key.sign(_signed_part(unsigned.model_dump(mode="json"), sealed))
    header = unsigned.model_copy(update={"signature": base64.b64encode(signature).decode()})
    head = MAGIC + header.model_dump_json().encode("utf-8") + b"\n"
    write_atomic(path, head + sealed, mode=OWNER_ONLY)
    return header


def read_header(data: bytes) -> tuple[BundleHeader, bytes]:
    """Split a bundle into its header and sealed payload (nothing verified yet)."""
    if not data.startswith(MAGIC):
        if data.startswith(b"CKBUNDLE1\n"):
            raise BundleError(
                "old_format",
                N_("This bundle is of the old, unsealed kind: write a new one at the desk."),
            )
        raise BundleError("not_a_bundle", N_("This is not a Checkpoint Desk bundle file."))
    end = data.find(b"\n", len(MAGIC), len(MAGIC) + MAX_HEADER)
    if end < 0:
        raise BundleError("damaged", N_("The bundle file is damaged (no header)."))
    try:
        header = BundleHeader.model_validate_json(data[len(MAGIC) : end])
    except PydanticValidationError as exc:
        raise BundleError("damaged", N_("The bundle file is damaged (bad header).")) from exc
    return header, data[end + 1 :]


def verify_signature(header: BundleHeader, sealed: bytes, public_key_pem: str) -> None:
    """The station's signature over the header and sealed bytes, or BundleError."""
    try:
        key = serialization.load_pem_public_key(public_key_pem.encode("ascii"))
        signature = base64.b64decode(header.signature, validate=True)
    except ValueError as exc:
        raise BundleError("damaged", N_("The bundle file is damaged (bad signature).")) from exc
    if not isinstance(key, Ed25519PublicKey):
        raise BundleError("foreign", N_("The station's registered key is not an Ed25519 key."))
    try:
        key.verify(signature, _signed_part(header.model_dump(mode="json"), sealed))
    except InvalidSignature as exc:
        raise BundleError(
            "tampered",
            N_("The bundle's signature does not match its content: it was changed or damaged."),
        ) from exc


def _too_large() -> BundleError:
    return BundleError("too_large", N_("The bundle is too large to import."))


def _damaged() -> BundleError:
    return BundleError("damaged", N_("The bundle file is damaged (bad payload)."))


def record_lines(payload: bytes) -> Iterator[Any]:
    """Each JSON line of a decompressed payload, read with caps (never all at once)."""
    unpacker = zlib.decompressobj()
    pending = b""
    total = 0
    data = payload
    while True:
        try:
            chunk = unpacker.decompress(data, 1024 * 1024)
        except zlib.error as exc:
            raise _damaged() from exc
        data = unpacker.unconsumed_tail
        total += len(chunk)
        if total > MAX_PAYLOAD_JSON:
            raise _too_large()
        pending += chunk
        *lines, pending = pending.split(b"\n")
        if len(pending) > MAX_LINE:
            raise _too_large()
        for line in lines:
            try:
                yield json.loads(line)
            except (ValueError, RecursionError) as exc:
                raise _damaged() from exc
        if not data and not chunk:
            break
    if pending.strip() or not unpacker.eof:
        raise _damaged()


def receipt_content(
    station_id: Any,
    bundle_sha256: str,
    imported_at: datetime,
    accepted: list[Ack],
    rejected: list[Rejection],
    rejected_count: int,
) -> dict[str, Any]:
    """What the hub signs (``hub.identity``): the receipt without its signature."""
    return {
        "format": RECEIPT_FORMAT,
        "version": 2,
        "station_id": str(station_id),
        "bundle_sha256": bundle_sha256,
        "imported_at": imported_at.isoformat(),
        "accepted": [a.model_dump(mode="json") for a in accepted[:MAX_BUNDLE_ITEMS]],
        "rejected": [r.model_dump(mode="json") for r in rejected[:MAX_LISTED_REJECTIONS]],
        "rejected_count": rejected_count,
    }


def read_receipt(path: Path, hub: HubPin) -> Receipt:
    """A receipt the pinned hub signed; BundleError or UntrustedHub otherwise."""
    try:
        if path.stat().st_size > MAX_RECEIPT_BYTES:
            raise BundleError(
                "not_a_receipt", N_("{path} is not a bundle receipt."), path=str(path)
            )
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BundleError(
            "not_a_receipt", N_("Cannot read the receipt {path}."), path=str(path)
        ) from exc
    if not isinstance(raw, dict) or raw.get("format") != RECEIPT_FORMAT:
        raise BundleError("not_a_receipt", N_("{path} is not a bundle receipt."), path=str(path))
    signature = raw.pop("signature", None)
    hub.verify(RECEIPT_CONTEXT, raw, signature if isinstance(signature, str) else None)
    try:
        return Receipt.model_validate_json(json.dumps({**raw, "signature": signature}))
    except PydanticValidationError as exc:
        raise BundleError(
            "not_a_receipt", N_("{path} is not a bundle receipt."), path=str(path)
        ) from exc
