"""Sealing bytes to the hub's X25519 key (shared by the desk and the hub).

The ODK encrypted-submission pattern: every sealed message gets a fresh random
AES-256-GCM key; that key is wrapped for the hub with a key agreed between a fresh
ephemeral X25519 key and the hub's X25519 key (HKDF-SHA256). Only the hub's private
key opens it. Layout::

    MAGIC | ephemeral public key (32) | wrap nonce (12) | wrapped key (48)
          | nonce (12) | AES-GCM ciphertext of the message

``context`` is associated data (what the message is: a push, a bundle), so a sealed
push cannot be passed off as a bundle.
"""

from __future__ import annotations

import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from checkpoint_desk.errors import CheckpointError
from checkpoint_desk.i18n import N_

MAGIC = b"CKSEAL1"
_HEAD = len(MAGIC) + 32 + 12 + 48 + 12
CONTENT_TYPE = "application/vnd.checkpoint-desk.sealed"
PUSH_CONTEXT = b"checkpoint-desk push v1"
BUNDLE_CONTEXT = b"checkpoint-desk bundle v2"
SIGNATURE_HEADER = "X-Station-Signature"
"""A push's Ed25519 signature by the station key, over ``PUSH_CONTEXT`` + the body."""


class SealError(CheckpointError):
    """A sealed message that this key cannot open (not for us, damaged, edited)."""

    exit_code = 2


def _wrapping_key(shared: bytes, ephemeral: bytes, recipient: bytes) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=ephemeral + recipient,
        info=b"checkpoint-desk seal v1",
    ).derive(shared)


def seal(recipient: X25519PublicKey, message: bytes, context: bytes) -> bytes:
    """``message`` encrypted for ``recipient`` under a fresh key."""
    data_key = AESGCM.generate_key(bit_length=256)
    ephemeral = X25519PrivateKey.generate()
    eph_raw = ephemeral.public_key().public_bytes_raw()
    kek = _wrapping_key(ephemeral.exchange(recipient), eph_raw, recipient.public_bytes_raw())
    wrap_nonce, nonce = os.urandom(12), os.urandom(12)
    wrapped = AESGCM(kek).encrypt(wrap_nonce, data_key, context)
    body = AESGCM(data_key).encrypt(nonce, message, context)
    return MAGIC + eph_raw + wrap_nonce + wrapped + nonce + body


def open_sealed(key: X25519PrivateKey, sealed: bytes, context: bytes) -> bytes:
    """The message, or SealError when it was not sealed to ``key`` or was changed."""
    if len(sealed) < _HEAD + 16 or not sealed.startswith(MAGIC):
        raise SealError(N_("The data is not sealed for this hub."))
    at = len(MAGIC)
    eph_raw = sealed[at : at + 32]
    wrap_nonce = sealed[at + 32 : at + 44]
    wrapped = sealed[at + 44 : at + 92]
    nonce = sealed[at + 92 : at + 104]
    try:
        ephemeral = X25519PublicKey.from_public_bytes(eph_raw)
        kek = _wrapping_key(key.exchange(ephemeral), eph_raw, key.public_key().public_bytes_raw())
        data_key = AESGCM(kek).decrypt(wrap_nonce, wrapped, context)
        return AESGCM(data_key).decrypt(nonce, sealed[_HEAD:], context)
    except (InvalidTag, ValueError) as exc:
        raise SealError(
            N_("The sealed data is not for this hub, or it was changed or damaged.")
        ) from exc
