"""Operator PINs and office passwords kept as scrypt hashes, never as themselves.

``scrypt$n$r$p$salt_b64$hash_b64``: the cost travels with each hash, so a stored hash
keeps working if the cost for new ones changes.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1


def hash_pin(pin: str) -> str:
    """``scrypt$n$r$p$salt_b64$hash_b64`` with a fresh random salt."""
    salt = secrets.token_bytes(16)
    digest = _scrypt(pin, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return "$".join(
        ("scrypt", str(SCRYPT_N), str(SCRYPT_R), str(SCRYPT_P), _b64(salt), _b64(digest))
    )


def pin_matches(pin: str, stored: str) -> bool:
    """Compare ``pin`` with a stored hash in constant time."""
    try:
        scheme, n, r, p, salt_b64, hash_b64 = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(hash_b64)
        digest = _scrypt(pin, base64.b64decode(salt_b64), int(n), int(r), int(p))
    except ValueError:
        return False
    return hmac.compare_digest(digest, expected)


def unmatchable_hash() -> str:
    """A hash that costs what a new one costs to check and that no secret matches
    (its digest is random bytes), made without running scrypt: what a login checks
    against when the name is unknown, so the answer takes as long."""
    return "$".join(
        ("scrypt", str(SCRYPT_N), str(SCRYPT_R), str(SCRYPT_P),
         _b64(secrets.token_bytes(16)), _b64(secrets.token_bytes(32)))
    )  # fmt: skip


def _scrypt(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=2**26, dklen=32)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
