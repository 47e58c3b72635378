"""The hub a desk trusts: its public keys, pinned at enrolment (``sync --enrol CODE``).

``checkpoint-hub add-station`` prints an enrolment code::

    CKE1.<station token>.<hub Ed25519 key>.<hub X25519 key>      (keys: base64url, raw)

The desk keeps the token in ``hub-token`` and the keys in ``hub-pin.json`` (both 0600).
It marks nothing synced that the pinned Ed25519 key did not sign (push answers and
bundle receipts) and seals what it sends (pushes, bundles) to the pinned X25519 key,
so a fake hub gets neither acknowledgements that count nor a readable ID number.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

from checkpoint_desk.atomic_write import OWNER_ONLY, write_atomic
from checkpoint_desk.domain.enrolment_code import CODE_PREFIX, compact
from checkpoint_desk.errors import CheckpointError, DataDirError, ValidationError
from checkpoint_desk.i18n import N_
from checkpoint_desk.sync.wire import Ack, canonical_json

PIN_FILE = "hub-pin.json"
_TOKEN = re.compile(r"[A-Za-z0-9_-]+")  # what add-station hands out (ckst_ + urlsafe)
ACK_CONTEXT = b"checkpoint-hub acknowledgement v1\n"
RECEIPT_CONTEXT = b"checkpoint-hub receipt v2\n"
REFERENCE_CONTEXT = b"checkpoint-hub reference v1\n"
REFERENCE_SIGNATURE_HEADER = "X-Hub-Signature"
"""The hub's signature over ``{kind, etag}`` of served reference data (the ETag is the
SHA-256 of the payload, which the desk recomputes)."""


class UntrustedHub(CheckpointError):
    """An answer that the pinned hub did not sign: nothing is marked synced."""

    exit_code = 6


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass(frozen=True)
class HubPin:
    """The hub's public keys (raw 32-byte Ed25519 and X25519)."""

    sign_key: bytes
    seal_key: bytes

    @property
    def fingerprint(self) -> str:
        """What the office reads aloud to check a desk: 4 groups of 4 hex digits."""
        digest = hashlib.sha256(b"checkpoint-hub\n" + self.sign_key + self.seal_key).hexdigest()
        return "-".join(digest[i : i + 4] for i in range(0, 16, 4))

    def verifier(self) -> Ed25519PublicKey:
        return Ed25519PublicKey.from_public_bytes(self.sign_key)

    def sealer(self) -> X25519PublicKey:
        return X25519PublicKey.from_public_bytes(self.seal_key)

    def verify(self, context: bytes, content: Any, signature: str | None) -> None:
        """UntrustedHub unless ``signature`` is the pinned hub's over ``content``."""
        try:
            raw = base64.b64decode(signature or "", validate=True)
            self.verifier().verify(raw, context + canonical_json(content))
        except (InvalidSignature, binascii.Error, ValueError) as exc:
            raise UntrustedHub(
                N_(
                    "The answer is not signed by this station's hub (fingerprint "
                    "{fingerprint}): nothing was marked synced."
                ),
                fingerprint=self.fingerprint,
            ) from exc


def ack_content(desk_station_id: object, accepted: list[Ack]) -> dict[str, Any]:
    """What the hub signs in a push answer: the station and what the hub holds."""
    return {
        "station_id": str(desk_station_id),
        "accepted": [a.model_dump(mode="json") for a in accepted],
    }


@dataclass(frozen=True)
class Enrolment:
    token: str
    pin: HubPin


def enrolment_code(token: str, pin: HubPin) -> str:
    return ".".join((CODE_PREFIX, token, _b64(pin.sign_key), _b64(pin.seal_key)))


def parse_enrolment(code: str) -> Enrolment:
    """The token and hub keys of an enrolment code; ValidationError if it is not one
    (``enrolment_code``) or is one cut short or mangled (``enrolment_damaged``).
    Whitespace anywhere is ignored (a code copied across lines, a scanner's CR LF)."""
    text = compact(code)
    parts = text.split(".")
    if not text.startswith(CODE_PREFIX):
        raise ValidationError(
            "enrolment_code",
            N_("This is not an enrolment code from checkpoint-hub add-station."),
        )
    try:
        if len(parts) != 4 or parts[0] != CODE_PREFIX or not _TOKEN.fullmatch(parts[1]):
            raise ValueError(code)
        sign, seal = _unb64(parts[2]), _unb64(parts[3])
        Ed25519PublicKey.from_public_bytes(sign)
        X25519PublicKey.from_public_bytes(seal)
    except (ValueError, binascii.Error) as exc:
        raise ValidationError(
            "enrolment_damaged",
            N_(
                "This enrolment code is cut short or damaged: scan it again, or copy the "
                "whole code from the office's Stations page."
            ),
        ) from exc
    return Enrolment(parts[1], HubPin(sign, seal))


def pin_path(root: Path) -> Path:
    return root / PIN_FILE


def save_pin(root: Path, pin: HubPin) -> None:
    """Keep the hub's keys in an owner-only file (replaced atomically)."""
    path = pin_path(root)
    data = {"sign_key": _b64(pin.sign_key), "seal_key": _b64(pin.seal_key)}
    try:
        write_atomic(path, json.dumps(data).encode("utf-8"), mode=OWNER_ONLY)
    except OSError as exc:
        raise DataDirError(
            N_("Cannot save the hub's keys in {path}: {reason}"),
            path=str(path),
            reason=exc.strerror or str(exc),
        ) from exc


def load_pin(root: Path) -> HubPin | None:
    """The pinned hub keys, or None before enrolment."""
    path = pin_path(root)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return HubPin(_unb64(data["sign_key"]), _unb64(data["seal_key"]))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DataDirError(N_("The hub's keys in {path} are damaged."), path=str(path)) from exc
