"""The context the desk reads codes in: its trust list, revoked passes, risk areas."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from checkpoint_desk.codes.context import ReadContext
from checkpoint_desk.codes.trust import TrustList
from checkpoint_desk.paths import DataDir
from checkpoint_desk.store.peek import CodeFacts, code_facts

if TYPE_CHECKING:
    from sqlalchemy import Engine


def revoked_pass_ids(engine: Engine) -> frozenset[str]:
    """Ids of passes revoked here or in reference data pulled from the hub."""
    return _revoked(code_facts(_database_of(engine)))


def risk_area_codes(engine: Engine) -> frozenset[str]:
    """GB/T 2260 region codes of the risk areas in reference data."""
    return _risk_areas(code_facts(_database_of(engine)))


def read_context(
    data_dir: DataDir,
    now: datetime,
    *,
    demo: bool = False,
    trust: TrustList | None = None,
    engine: Engine | None = None,
) -> ReadContext:
    """A ReadContext for this station; works without a station (empty trust list).

    The station's revocations and risk areas are read straight from its database
    file (``store.peek``), the engine's when one is given: ``read`` and ``scan``
    need no SQLAlchemy.
    """
    trust = trust if trust is not None else TrustList.load(data_dir.trust_list)
    revoked: frozenset[str] = frozenset()
    risk: frozenset[str] = frozenset()
    database = _database_of(engine) if engine is not None else data_dir.database
    if engine is not None or data_dir.is_initialised():
        facts = code_facts(database)
        revoked, risk = _revoked(facts), _risk_areas(facts)
    return ReadContext.for_desk(trust, now, demo=demo, revoked_passes=revoked, risk_areas=risk)


def _database_of(engine: Engine) -> Path:
    return Path(str(engine.url.database))


def _revoked(facts: CodeFacts) -> frozenset[str]:
    return facts.revoked_passes | frozenset(_codes(facts.reference.get("revocations"), "passes"))


def _risk_areas(facts: CodeFacts) -> frozenset[str]:
    return frozenset(_codes(facts.reference.get("risk_areas"), "codes"))


def _codes(payload: Any, key: str) -> Iterable[str]:
    """A list of codes, or a map holding one under ``key``."""
    if isinstance(payload, dict):
        payload = payload.get(key, ())
    if isinstance(payload, list):
        return [str(item) for item in payload]
    return []
