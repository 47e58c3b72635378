"""The community's ID key: keyed hashes (``idk``) of ID numbers in codes and reference data.

An unsalted hash of an ID number gives the number away: the region and the last four
are printed on every card, so only the birth date is missing and ~30,000 guesses find
it. ``idk`` is HMAC-SHA256 of the normalised number under a 32-byte key that the hub
issues to enrolled stations with the reference data (kind ``id_key``) and each desk
keeps sealed in its vault; without the key, an ``idk`` says nothing. Demo stations use
the public ``DEMO_ID_KEY`` (demo data is made up).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
from dataclasses import dataclass, field

from checkpoint_desk.domain.idnumber import normalise_id_text

ID_KEY_BYTES = 32


@dataclass(frozen=True)
class IdKey:
    """A community ID key; ``of(number)`` is the ``idk`` of an ID number."""

    secret: bytes = field(repr=False)

    def __post_init__(self) -> None:
        if len(self.secret) != ID_KEY_BYTES:
            raise ValueError(f"an ID key has {ID_KEY_BYTES} bytes")

    def of(self, id_number: str) -> str:
        """HMAC-SHA256 hex of the normalised ID number."""
        message = normalise_id_text(id_number).encode("ascii")
        return hmac.new(self.secret, message, hashlib.sha256).hexdigest()

    def to_text(self) -> str:
        return base64.b64encode(self.secret).decode("ascii")

    @classmethod
    def from_text(cls, text: str) -> IdKey:
        """The key from its base64 text; ValueError when it is not one."""
        try:
            return cls(base64.b64decode(text.encode("ascii"), validate=True))
        except (binascii.Error, UnicodeError) as exc:
            raise ValueError("an ID key is base64 text") from exc


# Public on purpose: only demo stations use it, and demo data is made up.
DEMO_ID_KEY = IdKey(hashlib.sha256(b"checkpoint-desk demo ID key").digest())
