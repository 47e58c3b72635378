"""The context the desk reads codes in: its trust list, revoked passes, risk areas."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from checkpoint_desk.codes.context import ReadContext
from checkpoint_desk.codes.trust import TrustList
from checkpoint_desk.paths import DataDir
from checkpoint_desk.services.clock_guard import clock_status, note_clock_behind
from checkpoint_desk.store.engine import open_database
from checkpoint_desk.store.models import IssuedPass, ReferenceData


def revoked_pass_ids(engine: Engine) -> frozenset[str]:
    """Ids of passes revoked here or in reference data pulled from the hub."""
    with Session(engine) as session:
        local = session.exec(select(IssuedPass.id).where(col(IssuedPass.revoked_at).is_not(None)))
        ids = set(local)
        pulled = session.get(ReferenceData, "revocations")
    return frozenset(ids | set(_codes(pulled.payload if pulled else None, "passes")))


def risk_area_codes(engine: Engine) -> frozenset[str]:
    """GB/T 2260 region codes of the risk areas in reference data."""
    with Session(engine) as session:
        row = session.get(ReferenceData, "risk_areas")
    return frozenset(_codes(row.payload if row else None, "codes"))


def read_context(
    data_dir: DataDir,
    now: datetime,
    *,
    demo: bool = False,
    trust: TrustList | None = None,
    engine: Engine | None = None,
    check_clock: bool = True,
) -> ReadContext:
    """A ReadContext for this station; works without a station (empty trust list).

    With ``check_clock`` (``now`` is the machine's clock, not a time asked about),
    ``now`` is held against the newest time the desk has seen (``clock_guard``): a
    clock behind it makes every reading carry ``clock_behind``, and is audited.
    """
    trust = trust if trust is not None else TrustList.load(data_dir.trust_list)
    revoked: frozenset[str] = frozenset()
    risk: frozenset[str] = frozenset()
    behind = False
    own_engine = engine is None and data_dir.is_initialised()
    if own_engine:
        engine = open_database(data_dir.database)
    try:
        if engine is not None:
            revoked, risk = revoked_pass_ids(engine), risk_area_codes(engine)
            if check_clock:
                status = clock_status(engine, now, trust.updated_at)
                note_clock_behind(engine, status)
                behind = status.behind
    finally:
        if own_engine and engine is not None:
            engine.dispose()
    return ReadContext.for_desk(
        trust, now, demo=demo, revoked_passes=revoked, risk_areas=risk, clock_behind=behind
    )


def _codes(payload: Any, key: str) -> Iterable[str]:
    """A list of codes, or a map holding one under ``key``."""
    if isinstance(payload, dict):
        payload = payload.get(key, ())
    if isinstance(payload, list):
        return [str(item) for item in payload]
    return []
