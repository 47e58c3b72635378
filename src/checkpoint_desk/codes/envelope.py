"""The one envelope of every signed code (DESIGN §5): prefix → Base45 → zlib → COSE_Sign1.

Each layer is a function that either returns the next layer or raises
``EnvelopeError`` carrying a stable reason code; the scheme modules turn that into an
``invalid`` reading. Input is untrusted: sizes are capped before work is done
(text length, inflated size), and library errors of any kind become reasons.
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import base45
import cbor2
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.types import PublicKeyTypes
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

MAX_TEXT = 4296  # the most characters a QR code holds in alphanumeric mode
MAX_INFLATED = 64 * 1024  # a zlib bomb stops here

# COSE header labels and algorithm ids (RFC 9052 / 9053, RFC 8230).
HEADER_ALG = 1
HEADER_KID = 4
ALG_ES256 = -7
ALG_EDDSA = -8
ALG_ES384 = -35
ALG_ES512 = -36
ALG_PS256 = -37
COSE_SIGN1_TAG = 18
CWT_TAG = 61


class EnvelopeError(Exception):
    """One layer of the envelope could not be opened; ``reason`` is a stable code."""

    def __init__(self, reason: str, detail: str = "") -> None:
        self.reason = reason
        self.detail = detail
        super().__init__(f"{reason}: {detail}" if detail else reason)


@dataclass(frozen=True)
class CoseSign1:
    """A parsed COSE_Sign1 message (protected header kept as the signed bytes)."""

    protected_bytes: bytes
    protected: dict[Any, Any]
    unprotected: dict[Any, Any]
    payload: bytes
    signature: bytes

    @property
    def kid(self) -> bytes | None:
        """The key id: the protected header's, else the unprotected one's (DCC rule)."""
        for header in (self.protected, self.unprotected):
            kid = header.get(HEADER_KID)
            if isinstance(kid, bytes):
                return kid
        return None

    @property
    def alg(self) -> int | None:
        alg = self.protected.get(HEADER_ALG, self.unprotected.get(HEADER_ALG))
        return alg if isinstance(alg, int) else None

    def to_be_signed(self) -> bytes:
        """The Sig_structure the signature covers (RFC 9052 §4.4)."""
        return sig_structure(self.protected_bytes, self.payload)


def sig_structure(protected_bytes: bytes, payload: bytes) -> bytes:
    return bytes(cbor2.dumps(["Signature1", protected_bytes, b"", payload]))


def unprefix(text: str, prefix: str) -> str:
    """The Base45 text behind ``prefix``."""
    if len(text) > MAX_TEXT + len(prefix):
        raise EnvelopeError("too_large", f"{len(text)} characters")
    if not text.startswith(prefix):
        raise EnvelopeError("unknown_prefix")
    return text[len(prefix) :]


def b45decode(text: str) -> bytes:
    try:
        return bytes(base45.b45decode(text))
    except Exception as exc:  # untrusted input: any failure is a reason
        raise EnvelopeError("base45_invalid", str(exc)) from exc


def inflate(data: bytes, cap: int = MAX_INFLATED) -> bytes:
    """zlib-decompress ``data``, refusing output beyond ``cap`` bytes."""
    inflater = zlib.decompressobj()
    try:
        out = inflater.decompress(data, cap)
        if inflater.unconsumed_tail:
            raise EnvelopeError("too_large", f"inflates beyond {cap} bytes")
        out += inflater.flush()
    except zlib.error as exc:
        raise EnvelopeError("zlib_invalid", str(exc)) from exc
    if not inflater.eof or len(out) > cap:
        raise EnvelopeError("zlib_invalid", "truncated stream")
    return out


def cbor_loads(data: bytes) -> Any:
    try:
        return cbor2.loads(data)
    except Exception as exc:  # untrusted input: CBORDecodeError, RecursionError, …
        raise EnvelopeError("cbor_invalid", str(exc)) from exc


def parse_cose(data: bytes) -> CoseSign1:
    """Parse a (tagged or untagged, possibly CWT-tagged) COSE_Sign1 message."""
    value = cbor_loads(data)
    for _ in range(3):
        if isinstance(value, cbor2.CBORTag) and value.tag in (COSE_SIGN1_TAG, CWT_TAG):
            value = value.value
    if not isinstance(value, list | tuple) or len(value) != 4:
        raise EnvelopeError("cose_invalid", "not a COSE_Sign1 array")
    protected_bytes, unprotected, payload, signature = value
    if not isinstance(protected_bytes, bytes) or not isinstance(unprotected, Mapping):
        raise EnvelopeError("cose_invalid", "bad headers")
    if not isinstance(payload, bytes) or not isinstance(signature, bytes):
        raise EnvelopeError("cose_invalid", "payload or signature not bytes")
    protected = cbor_loads(protected_bytes) if protected_bytes else {}
    if not isinstance(protected, Mapping):
        raise EnvelopeError("cose_invalid", "protected header not a map")
    return CoseSign1(protected_bytes, dict(protected), dict(unprotected), payload, signature)


def parse_claims(payload: bytes) -> dict[Any, Any]:
    """The claims map inside the payload."""
    claims = cbor_loads(payload)
    if not isinstance(claims, Mapping):
        raise EnvelopeError("claims_invalid", "payload is not a map")
    return dict(claims)


def open_envelope(text: str, prefix: str) -> CoseSign1:
    """All layers from scanned text to the COSE message."""
    return parse_cose(inflate(b45decode(unprefix(text, prefix))))


def verify(message: CoseSign1, key: PublicKeyTypes) -> bool:
    """Whether ``message``'s signature holds for ``key`` (and its alg fits the key)."""
    data = message.to_be_signed()
    sig = message.signature
    alg = message.alg
    try:
        if isinstance(key, ec.EllipticCurvePublicKey):
            by_alg: dict[int, hashes.HashAlgorithm] = {
                ALG_ES256: hashes.SHA256(),
                ALG_ES384: hashes.SHA384(),
                ALG_ES512: hashes.SHA512(),
            }
            if alg is None:
                alg = {256: ALG_ES256, 384: ALG_ES384}.get(key.curve.key_size, ALG_ES512)
            if alg not in by_alg:
                return False
            hash_alg = by_alg[alg]
            size = (key.curve.key_size + 7) // 8
            if len(sig) != 2 * size:
                return False
            der = encode_dss_signature(
                int.from_bytes(sig[:size], "big"), int.from_bytes(sig[size:], "big")
            )
            key.verify(der, data, ec.ECDSA(hash_alg))
        elif isinstance(key, rsa.RSAPublicKey):
            if alg not in (None, ALG_PS256):
                return False
            # RFC 8230 fixes the salt at the hash length; some DCC signers used the
            # maximum. AUTO accepts either, as the DCC reference verifiers do.
            key.verify(
                sig,
                data,
                padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=padding.PSS.AUTO),
                hashes.SHA256(),
            )
        elif isinstance(key, Ed25519PublicKey):
            if alg not in (None, ALG_EDDSA) or len(sig) != 64:
                return False
            key.verify(sig, data)
        else:
            return False
    except (InvalidSignature, ValueError):
        return False
    return True
