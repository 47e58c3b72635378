"""Issuing passes (``CKP1:``): the claims a station signs for a resident or visitor."""

from __future__ import annotations

import base64
import secrets
from dataclasses import dataclass
from datetime import datetime

from checkpoint_desk.codes.issue import SigningKey, issue_code
from checkpoint_desk.codes.schemes.passes import KINDS, PREFIX


def new_pass_id() -> str:
    """A short, unguessable id printed in the code and on the card (e.g. ``P7KQ2M4XJ``)."""
    return "P" + base64.b32encode(secrets.token_bytes(5)).decode("ascii")


@dataclass(frozen=True)
class PassClaims:
    """What a pass says about its holder; ``to_cbor()`` gives the signed claims.

    The holder is matched by what the volunteer can check against the ID card: the
    name and the masked number. No unkeyed hash of the number is ever carried.
    """

    pass_id: str
    issuer: str
    name: str
    id_masked: str
    id_key: str | None  # ``idk`` (codes/id_key.py); None when the station has no ID key
    kind: str
    address: str
    issued_at: datetime
    expires_at: datetime

    def to_cbor(self) -> dict[str, object]:
        if self.kind not in KINDS:
            raise ValueError(f"unknown pass kind {self.kind!r}")
        subject = {"name": self.name, "idm": self.id_masked}
        if self.id_key:
            subject["idk"] = self.id_key
        return {
            "iss": self.issuer,
            "iat": int(self.issued_at.timestamp()),
            "exp": int(self.expires_at.timestamp()),
            "pid": self.pass_id,
            "sub": subject,
            "addr": self.address,
            "kind": self.kind,
        }


def pass_code(claims: PassClaims, key: SigningKey) -> str:
    """The ``CKP1:`` text of a pass (deterministic for Ed25519: a reprint matches)."""
    return issue_code(PREFIX, claims.to_cbor(), key)
