"""Station signing keys (Ed25519): file names and key ids.

Each station gets a key pair at ``init``: it signs the passes the station issues and
the bundles it writes. The private key is kept sealed with the vault
(``store/station_key.py``); ``PRIVATE_KEY_FILE`` is the plain PKCS#8 file of
stations from before issue 14, sealed and removed at their first unlock.
"""

from __future__ import annotations

import hashlib

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.types import PublicKeyTypes

PRIVATE_KEY_FILE = "station-ed25519.pem"
PUBLIC_KEY_FILE = "station-ed25519.pub.pem"


def kid_for_public_key(public_key: PublicKeyTypes) -> bytes:
    """First 8 bytes of the SHA-256 of the key's SubjectPublicKeyInfo DER (DESIGN §5)."""
    der = public_key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return hashlib.sha256(der).digest()[:8]
