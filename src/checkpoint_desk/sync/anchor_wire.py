"""The audit anchor on the wire: what the station signs and the hub keeps.

An anchor is the head of a station's audit chain, ``(seq, hash)``, with the time it
was taken and why (``export``, ``sync`` …), signed with the station's Ed25519 key
over ``anchor_message``. The hub verifies it against the key bound to the station
and answers with its own clock, so the desk learns the hub's time and the hub the
desk's clock skew.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Annotated
from uuid import UUID

from pydantic import AwareDatetime, Field, StringConstraints

from checkpoint_desk.sync.wire import Hex64, Text32, WireModel

ANCHOR_PATH = "/anchors"
Signature = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9+/=]{1,200}$")]
KidHex = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{16}$")]


def anchor_message(station_id: UUID, seq: int, head: str, at: datetime, reason: str) -> bytes:
    """The exact bytes an anchor's signature covers."""
    body = {
        "anchor": 1,
        "station_id": str(station_id),
        "seq": seq,
        "hash": head,
        "at": at.isoformat(),
        "reason": reason,
    }
    return json.dumps(body, sort_keys=True, separators=(",", ":")).encode("utf-8")


class AnchorIn(WireModel):
    """A signed head of the station's audit chain, as the desk sends it."""

    station_id: UUID
    seq: Annotated[int, Field(ge=0, le=2**62)]
    hash: Hex64
    at: AwareDatetime
    reason: Text32
    kid: KidHex
    signature: Signature
    sent_at: AwareDatetime  # the desk's clock as it sent this (the hub's skew reading)


class AnchorAck(WireModel):
    """The hub's answer: its clock, the desk's skew, and whether the chain went back."""

    hub_at: AwareDatetime
    skew_s: float
    regressed: bool
    latest_seq: int | None = None
    latest_hash: Hex64 | None = None
