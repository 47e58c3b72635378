"""Station signing keys (Ed25519) and key ids.

Each station gets a key pair at ``init``: it signs the passes the station issues and
the bundles it writes. The private key file is owner-only (0600).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.types import PublicKeyTypes

PRIVATE_KEY_FILE = "station-ed25519.pem"
PUBLIC_KEY_FILE = "station-ed25519.pub.pem"


def kid_for_public_key(public_key: PublicKeyTypes) -> bytes:
    """First 8 bytes of the SHA-256 of the key's SubjectPublicKeyInfo DER (DESIGN §5)."""
    der = public_key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return hashlib.sha256(der).digest()[:8]


def create_station_key(keys_dir: Path) -> Ed25519PrivateKey:
    """Make and save a new key pair; refuses to overwrite an existing one."""
    keys_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    private_path = keys_dir / PRIVATE_KEY_FILE
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    fd = os.open(private_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
        handle.flush()
        os.fsync(handle.fileno())
    (keys_dir / PUBLIC_KEY_FILE).write_bytes(
        key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )
    return key


def load_station_key(keys_dir: Path) -> Ed25519PrivateKey:
    """The station's private key."""
    key = serialization.load_pem_private_key((keys_dir / PRIVATE_KEY_FILE).read_bytes(), None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError("the station key is not an Ed25519 key")
    return key


def ensure_station_key(keys_dir: Path) -> Ed25519PrivateKey:
    """The station's key, created when there is none yet (an interrupted init)."""
    if (keys_dir / PRIVATE_KEY_FILE).is_file():
        return load_station_key(keys_dir)
    return create_station_key(keys_dir)
