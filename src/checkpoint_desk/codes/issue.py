"""Signing our own codes: claims → COSE_Sign1 → zlib → Base45 → prefix."""

from __future__ import annotations

import zlib
from typing import Any

import base45
import cbor2
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

from checkpoint_desk.codes.envelope import (
    ALG_EDDSA,
    ALG_ES256,
    COSE_SIGN1_TAG,
    HEADER_ALG,
    HEADER_KID,
    sig_structure,
)
from checkpoint_desk.codes.keys import kid_for_public_key

SigningKey = Ed25519PrivateKey | ec.EllipticCurvePrivateKey


def sign_cose(claims: dict[Any, Any], key: SigningKey, kid: bytes | None = None) -> bytes:
    """A tagged COSE_Sign1 over the CBOR of ``claims``, signed with ``key``.

    ``kid`` defaults to the DESIGN §5 key id of ``key``'s public key.
    """
    if kid is None:
        kid = kid_for_public_key(key.public_key())
    alg = ALG_EDDSA if isinstance(key, Ed25519PrivateKey) else ALG_ES256
    protected = bytes(cbor2.dumps({HEADER_ALG: alg, HEADER_KID: kid}))
    payload = bytes(cbor2.dumps(claims))
    to_sign = sig_structure(protected, payload)
    if isinstance(key, Ed25519PrivateKey):
        signature = key.sign(to_sign)
    else:
        r, s = decode_dss_signature(key.sign(to_sign, ec.ECDSA(hashes.SHA256())))
        signature = r.to_bytes(32, "big") + s.to_bytes(32, "big")
    return bytes(cbor2.dumps(cbor2.CBORTag(COSE_SIGN1_TAG, [protected, {}, payload, signature])))


def wrap(cose: bytes, prefix: str) -> str:
    """The QR text of a COSE message: ``prefix`` + Base45(zlib(cose))."""
    encoded: bytes = base45.b45encode(zlib.compress(cose, 9))
    return prefix + encoded.decode("ascii")


def issue_code(
    prefix: str, claims: dict[Any, Any], key: SigningKey, kid: bytes | None = None
) -> str:
    """Sign ``claims`` and wrap them behind ``prefix`` (e.g. ``CKP1:``)."""
    return wrap(sign_cose(claims, key, kid), prefix)
