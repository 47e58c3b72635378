"""The context the desk reads codes in: its trust list, revoked passes, risk areas."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from checkpoint_desk.clock import ClockStatus
from checkpoint_desk.codes.context import ReadContext
from checkpoint_desk.codes.trust import TrustList
from checkpoint_desk.paths import DataDir
from checkpoint_desk.store.peek import CodeFacts, code_facts
from checkpoint_desk.store.peek import newest_seen as peek_newest_seen

if TYPE_CHECKING:
    from sqlalchemy import Engine


def revoked_pass_ids(facts: CodeFacts) -> frozenset[str]:
    """Ids of passes revoked here or in reference data pulled from the hub."""
    pulled = _codes(facts.reference.get("revocations"), "passes")
    return facts.revoked_passes | frozenset(pulled)


def risk_area_codes(facts: CodeFacts) -> frozenset[str]:
    """GB/T 2260 region codes of the risk areas in reference data."""
    return frozenset(_codes(facts.reference.get("risk_areas"), "codes"))


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

    The station's revocations and risk areas are read straight from its database
    file (``store.peek``), the engine's when one is given. With ``check_clock``
    (``now`` is the machine's clock, not a time asked about), ``now`` is held against
    the newest time the desk has seen (``clock_guard``): a clock behind it makes every
    reading carry ``clock_behind``, and is audited. Without a station there is nothing
    to hold it against, and no SQLAlchemy is loaded.
    """
    trust = trust if trust is not None else TrustList.load(data_dir.trust_list)
    revoked: frozenset[str] = frozenset()
    risk: frozenset[str] = frozenset()
    behind = False
    if engine is not None or data_dir.is_initialised():
        database = Path(str(engine.url.database)) if engine is not None else data_dir.database
        facts = code_facts(database)
        revoked, risk = revoked_pass_ids(facts), risk_area_codes(facts)
        if check_clock:
            behind = _clock_behind(data_dir, engine, now, trust)
    return ReadContext.for_desk(
        trust, now, demo=demo, revoked_passes=revoked, risk_areas=risk, clock_behind=behind
    )


def _clock_behind(
    data_dir: DataDir, engine: Engine | None, now: datetime, trust: TrustList
) -> bool:
    """Whether ``now`` reads behind what the station has seen. Without an engine (the
    ``read`` command) the database is peeked at; SQLAlchemy loads only to audit a clock
    that is behind."""
    if engine is None:
        newest = max(
            (t for t in (peek_newest_seen(data_dir.database), trust.updated_at) if t is not None),
            default=None,
        )
        if not ClockStatus(now=now, newest_seen=newest).behind:
            return False
    from checkpoint_desk.services.clock_guard import clock_status, note_clock_behind
    from checkpoint_desk.store.engine import open_database

    own = engine is None
    db = open_database(data_dir.database) if engine is None else engine
    try:
        status = clock_status(db, now, trust.updated_at)
        note_clock_behind(db, status)
        return status.behind
    finally:
        if own:
            db.dispose()


def _codes(payload: Any, key: str) -> Iterable[str]:
    """A list of codes, or a map holding one under ``key``."""
    if isinstance(payload, dict):
        payload = payload.get(key, ())
    if isinstance(payload, list):
        return [str(item) for item in payload]
    return []
