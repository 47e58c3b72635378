"""The stations' audit anchors at the hub: signed chain heads, kept as evidence.

A desk sends its newest anchor at every sync (``POST /api/v1/anchors``). The hub
checks the signature against the key bound to the station, keeps the anchor
(``hub_anchor``, hub migration 0005) and answers with its own clock, the desk's
skew and whether the chain went back (a head lower than, or different from, one the
hub already holds: a deleted tail or a rewrite at the desk). ``GET
/api/v1/anchors/latest`` gives a desk the newest head the hub holds for it, so
``audit verify`` can check a chain whose local anchors were removed too.
"""

from __future__ import annotations

import base64
import logging
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from fastapi import APIRouter, Depends, HTTPException, Request
from pydantic import ValidationError as PydanticValidationError
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool

from checkpoint_desk.clock import Clock, utc_now
from checkpoint_desk.hub.database import writing
from checkpoint_desk.hub.stations import HubStation
from checkpoint_desk.hub.tables import metadata
from checkpoint_desk.hub.tables import station as registered
from checkpoint_desk.store.types import UTCDateTime
from checkpoint_desk.sync.anchor_wire import ANCHOR_PATH, AnchorAck, AnchorIn, anchor_message
from checkpoint_desk.sync.wire import API_PREFIX

log = logging.getLogger("checkpoint_desk.hub")

anchor = sa.Table(
    "hub_anchor",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("station_id", sa.Uuid, nullable=False, index=True),
    sa.Column("seq", sa.BigInteger, nullable=False),
    sa.Column("hash", sa.String(64), nullable=False),
    sa.Column("at", UTCDateTime, nullable=False),
    sa.Column("reason", sa.String(32), nullable=False),
    sa.Column("signature", sa.String(200), nullable=False),
    sa.Column("received_at", UTCDateTime, nullable=False),
    sa.Column("skew_s", sa.Float, nullable=False),
    sa.Column("regressed", sa.Boolean, nullable=False),
    sa.Index("ix_hub_anchor_station_id_id", "station_id", "id"),  # hub migration 0012
)


def _public_key(hub_station: HubStation) -> Ed25519PublicKey:
    try:
        key = serialization.load_pem_public_key((hub_station.public_key or "").encode("ascii"))
    except ValueError:
        key = None
    if not isinstance(key, Ed25519PublicKey):
        raise HTTPException(409, "the station has no key at the hub yet: push first")
    return key


def take_anchor(
    engine: Engine, hub_station: HubStation, body: AnchorIn, *, clock: Clock = utc_now
) -> AnchorAck:
    """Verify and keep ``body``; the answer says whether the station's chain went back."""
    if hub_station.desk_station_id != body.station_id:
        raise HTTPException(403, "this token speaks for another station")
    message = anchor_message(body.station_id, body.seq, body.hash, body.at, body.reason)
    try:
        _public_key(hub_station).verify(base64.b64decode(body.signature), message)
    except (InvalidSignature, ValueError) as exc:
        raise HTTPException(422, "the anchor's signature does not hold") from exc
    now = clock()
    with writing(engine) as conn:
        latest = conn.execute(
            sa.select(anchor.c.seq, anchor.c.hash)
            .where(anchor.c.station_id == body.station_id)
            .order_by(anchor.c.seq.desc(), anchor.c.id.desc())
            .limit(1)
        ).first()
        regressed = latest is not None and (
            body.seq < latest.seq or (body.seq == latest.seq and body.hash != latest.hash)
        )
        skew = (body.sent_at - now).total_seconds()
        conn.execute(
            anchor.insert().values(
                station_id=body.station_id,
                seq=body.seq,
                hash=body.hash,
                at=body.at,
                reason=body.reason,
                signature=body.signature,
                received_at=now,
                skew_s=skew,
                regressed=regressed,
            )
        )
    if regressed:
        log.warning("station %s: audit chain went back to %s", hub_station.name, body.seq)
    return AnchorAck(
        hub_at=now,
        skew_s=skew,
        regressed=regressed,
        latest_seq=latest.seq if latest is not None else None,
        latest_hash=latest.hash if latest is not None else None,
    )


def latest_anchor(engine: Engine, hub_station: HubStation) -> dict[str, Any] | None:
    """The highest head the hub holds for the station (its signature included)."""
    with engine.connect() as conn:
        row = conn.execute(
            sa.select(anchor)
            .where(anchor.c.station_id == hub_station.desk_station_id)
            .order_by(anchor.c.seq.desc(), anchor.c.id.asc())
            .limit(1)
        ).first()
    if row is None:
        return None
    return {
        "seq": row.seq,
        "hash": row.hash,
        "at": row.at.isoformat(),
        "reason": row.reason,
        "signature": row.signature,
    }


def clock_skews(engine: Engine) -> dict[str, float]:
    """Each station's clock skew at its last anchor (seconds, desk minus hub).

    A seek per registered station for its newest anchor (``ix_hub_anchor_station_id_id``),
    not a pass over every anchor kept: a desk posts one each sync round, every minute.
    """
    newest = (
        sa.select(anchor.c.skew_s)
        .where(anchor.c.station_id == registered.c.desk_station_id)
        .order_by(anchor.c.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    query = sa.select(registered.c.desk_station_id, newest.label("skew_s")).where(
        registered.c.desk_station_id.is_not(None)
    )
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return {str(row.desk_station_id): float(row.skew_s) for row in rows if row.skew_s is not None}


def router(station: Callable[..., HubStation], *, clock: Clock = utc_now) -> APIRouter:
    """The anchor endpoints, authenticated by the app's ``station`` dependency."""
    routes = APIRouter(prefix=API_PREFIX + ANCHOR_PATH, tags=["sync"])
    # A default, not Annotated: postponed annotations cannot name this local dependency.
    authenticated = Depends(station)

    @routes.post("", response_model=AnchorAck, responses={401: {}, 403: {}, 409: {}, 422: {}})
    async def post_anchor(request: Request, hub_station: HubStation = authenticated) -> AnchorAck:
        """Keep the station's signed audit head; answers with the hub's clock."""
        try:
            body = AnchorIn.model_validate_json(await request.body())
        except PydanticValidationError as exc:
            raise HTTPException(422, "the anchor is not valid") from exc
        engine: Engine = request.app.state.engine
        return await run_in_threadpool(take_anchor, engine, hub_station, body, clock=clock)

    @routes.get("/latest", responses={401: {}, 404: {}})
    def get_latest(request: Request, hub_station: HubStation = authenticated) -> dict[str, Any]:
        """The newest head the hub holds for this station."""
        found = latest_anchor(request.app.state.engine, hub_station)
        if found is None:
            raise HTTPException(404, "the hub holds no anchor for this station")
        return found

    return routes


__all__ = ["anchor", "clock_skews", "latest_anchor", "router", "take_anchor"]
