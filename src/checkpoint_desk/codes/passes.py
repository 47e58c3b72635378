"""Issuing passes (``CKP1:``): the claims a station signs for a resident or visitor."""

from __future__ import annotations

import base64
import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from checkpoint_desk.codes.issue import SigningKey, issue_code
from checkpoint_desk.codes.schemes.passes import KINDS, PREFIX
from checkpoint_desk.domain.idnumber import normalise_id_text


def new_pass_id() -> str:
    """A short, unguessable id printed in the code and on the card (e.g. ``P7KQ2M4XJ``)."""
    return "P" + base64.b32encode(secrets.token_bytes(5)).decode("ascii")


def id_hash(id_number: str) -> str:
    """SHA-256 hex of the normalised ID number (look-ups without the number itself)."""
    return hashlib.sha256(normalise_id_text(id_number).encode("ascii")).hexdigest()


@dataclass(frozen=True)
class PassClaims:
    """What a pass says about its holder; ``to_cbor()`` gives the signed claims."""

    pass_id: str
    issuer: str
    name: str
    id_masked: str
    id_hash: str
    kind: str
    address: str
    issued_at: datetime
    expires_at: datetime

    def to_cbor(self) -> dict[str, object]:
        if self.kind not in KINDS:
            raise ValueError(f"unknown pass kind {self.kind!r}")
        return {
            "iss": self.issuer,
            "iat": int(self.issued_at.timestamp()),
            "exp": int(self.expires_at.timestamp()),
            "pid": self.pass_id,
            "sub": {"name": self.name, "idm": self.id_masked, "idh": self.id_hash},
            "addr": self.address,
            "kind": self.kind,
        }


def pass_code(claims: PassClaims, key: SigningKey) -> str:
    """The ``CKP1:`` text of a pass (deterministic for Ed25519: a reprint matches)."""
    return issue_code(PREFIX, claims.to_cbor(), key)
