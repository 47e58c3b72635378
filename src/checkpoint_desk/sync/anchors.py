"""Sending the audit chain's newest signed head to the hub during a sync round.

The hub's answer carries its clock: it is kept on the anchor (``hub_at``), which is
one of the times the desk's clock guard knows it has seen. A hub that finds the
chain went back (``regressed``) is reported as an error of the round.
"""

from __future__ import annotations

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from checkpoint_desk.clock import Clock, utc_now
from checkpoint_desk.errors import CheckpointError
from checkpoint_desk.i18n import N_
from checkpoint_desk.store.models import AuditAnchor
from checkpoint_desk.sync.anchor_wire import AnchorAck, AnchorIn
from checkpoint_desk.sync.client import HubClient, HubError
from checkpoint_desk.sync.wire import StationIn


class ChainWentBack(HubError):
    """The hub holds a later head of this station's audit chain than the desk sent."""


def send_anchor(
    engine: Engine, client: HubClient, station: StationIn, *, clock: Clock = utc_now
) -> list[CheckpointError]:
    """Post the newest anchor; keep the hub's clock on it. Returns the round's errors."""
    with Session(engine) as session:
        newest = session.exec(select(AuditAnchor).order_by(col(AuditAnchor.id).desc())).first()
        if newest is None:
            return []
        body = AnchorIn(
            station_id=station.id,
            seq=newest.seq,
            hash=newest.hash,
            at=newest.at,
            reason=newest.reason,
            kid=newest.kid,
            signature=newest.signature,
            sent_at=clock(),
        )
        try:
            ack: AnchorAck | None = client.post_anchor(body)
        except HubError as exc:
            return [exc]
        if ack is None:
            return []
        newest.hub_at = ack.hub_at
        session.add(newest)
        session.commit()
    if ack.regressed:
        return [
            ChainWentBack(
                N_(
                    "The hub holds a later audit head (entry {seq}) than this desk: "
                    "entries were removed here. Run: checkpoint-desk audit verify"
                ),
                seq=ack.latest_seq,
            )
        ]
    return []
