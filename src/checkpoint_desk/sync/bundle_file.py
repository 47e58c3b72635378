"""The USB bundle and receipt file formats (shared by the desk and the hub).

A bundle is ``MAGIC``, one line of header JSON, then the payload: the station's
records as zlib-compressed JSON. The header names the station and its Ed25519
public key and carries the signature over the exact compressed payload bytes; the
payload repeats the station, so the hub can check the header was not swapped.

A receipt is JSON listing the (kind, uuid, revision) the hub now holds, with a
SHA-256 digest over its canonical content: it catches a damaged or edited file, not
a forged one (the hub has no signing key of its own yet).
"""

from __future__ import annotations

import base64
import hashlib
import json
import zlib
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any, Literal

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from pydantic import AwareDatetime, Field
from pydantic import ValidationError as PydanticValidationError

from checkpoint_desk.errors import CheckpointError
from checkpoint_desk.i18n import N_
from checkpoint_desk.private_files import write_private
from checkpoint_desk.sync.wire import (
    Ack,
    Rejection,
    StationIn,
    WireModel,
    canonical_json,
)

MAGIC = b"CKBUNDLE1\n"
MAX_HEADER = 64 * 1024
MAX_PAYLOAD_JSON = 512 * 1024 * 1024  # decompressed; refuses zip bombs
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
    version: Literal[1]
    station_id: str
    station_name: str
    public_key: str
    created_at: AwareDatetime
    counts: dict[str, int]
    payload_sha256: str
    signature: str


class Receipt(WireModel):
    format: Literal["checkpoint-desk-receipt"]
    version: Literal[1]
    station_id: str
    bundle_sha256: str
    imported_at: AwareDatetime
    accepted: Annotated[list[Ack], Field(max_length=10_000_000)]
    rejected: list[Rejection]
    digest: str


def _public_pem(key: Ed25519PublicKey) -> str:
    return key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode("ascii")


def write_bundle(
    path: Path,
    key: Ed25519PrivateKey,
    station: StationIn,
    items: dict[str, list[WireModel]],
    created_at: datetime,
) -> BundleHeader:
    """Write a signed bundle of ``items`` (kind → list) to ``path`` atomically."""
    body: dict[str, Any] = {
        "station": station.model_dump(mode="json"),
        "created_at": created_at.isoformat(),
    }
    for kind, models in items.items():
        body[kind] = [m.model_dump(mode="json") for m in models]
    payload = zlib.compress(canonical_json(body), level=6)
    header = BundleHeader(
        format="checkpoint-desk-bundle",
        version=1,
        station_id=str(station.id),
        station_name=station.name,
        public_key=_public_pem(key.public_key()),
        created_at=created_at,
        counts={kind: len(models) for kind, models in items.items()},
        payload_sha256=hashlib.sha256(payload).hexdigest(),
        signature=base64.b64encode(key.sign(payload)).decode("ascii"),
    )
    head = header.model_dump_json().encode("utf-8") + b"\n"
    write_private(path, MAGIC + head + payload)  # a bundle holds whole records: 0600
    return header


def read_header(data: bytes) -> tuple[BundleHeader, bytes]:
    """Split a bundle into its header and compressed payload (nothing verified yet)."""
    if not data.startswith(MAGIC):
        raise BundleError("not_a_bundle", N_("This is not a Checkpoint Desk bundle file."))
    end = data.find(b"\n", len(MAGIC), len(MAGIC) + MAX_HEADER)
    if end < 0:
        raise BundleError("damaged", N_("The bundle file is damaged (no header)."))
    try:
        header = BundleHeader.model_validate_json(data[len(MAGIC) : end])
    except PydanticValidationError as exc:
        raise BundleError("damaged", N_("The bundle file is damaged (bad header).")) from exc
    return header, data[end + 1 :]


def verify_payload(header: BundleHeader, payload: bytes, public_key_pem: str) -> dict[str, Any]:
    """Check the signature with the key the hub registered; return the records."""
    try:
        key = serialization.load_pem_public_key(public_key_pem.encode("ascii"))
        signature = base64.b64decode(header.signature, validate=True)
    except ValueError as exc:
        raise BundleError("damaged", N_("The bundle file is damaged (bad signature).")) from exc
    if not isinstance(key, Ed25519PublicKey):
        raise BundleError("foreign", N_("The station's registered key is not an Ed25519 key."))
    try:
        key.verify(signature, payload)
    except InvalidSignature as exc:
        raise BundleError(
            "tampered",
            N_("The bundle's signature does not match its content: it was changed or damaged."),
        ) from exc
    decompressor = zlib.decompressobj()
    try:
        text = decompressor.decompress(payload, MAX_PAYLOAD_JSON)
    except zlib.error as exc:
        raise BundleError("damaged", N_("The bundle file is damaged (bad payload).")) from exc
    if decompressor.unconsumed_tail:
        raise BundleError("too_large", N_("The bundle is too large to import."))
    try:
        body = json.loads(text)
    except ValueError as exc:
        raise BundleError("damaged", N_("The bundle file is damaged (bad payload).")) from exc
    if not isinstance(body, dict):
        raise BundleError("damaged", N_("The bundle file is damaged (bad payload)."))
    return body


def receipt_digest(content: dict[str, Any]) -> str:
    return hashlib.sha256(canonical_json(content)).hexdigest()


def make_receipt(
    station_id: Any,
    bundle_sha256: str,
    imported_at: datetime,
    accepted: list[Ack],
    rejected: list[Rejection],
) -> dict[str, Any]:
    """The receipt as JSON data (write it as is: the digest covers these exact values)."""
    content: dict[str, Any] = {
        "format": RECEIPT_FORMAT,
        "version": 1,
        "station_id": str(station_id),
        "bundle_sha256": bundle_sha256,
        "imported_at": imported_at.isoformat(),
        "accepted": [a.model_dump(mode="json") for a in accepted],
        "rejected": [r.model_dump(mode="json") for r in rejected],
    }
    return {**content, "digest": receipt_digest(content)}


def read_receipt(path: Path) -> Receipt:
    """A receipt file whose digest holds; BundleError otherwise."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BundleError(
            "not_a_receipt", N_("Cannot read the receipt {path}."), path=str(path)
        ) from exc
    if not isinstance(raw, dict) or raw.get("format") != RECEIPT_FORMAT:
        raise BundleError("not_a_receipt", N_("{path} is not a bundle receipt."), path=str(path))
    digest = raw.pop("digest", None)
    if digest != receipt_digest(raw):
        raise BundleError(
            "tampered", N_("The receipt {path} was changed or damaged."), path=str(path)
        )
    try:
        return Receipt.model_validate_json(json.dumps({**raw, "digest": digest}))
    except PydanticValidationError as exc:
        raise BundleError(
            "not_a_receipt", N_("{path} is not a bundle receipt."), path=str(path)
        ) from exc
