"""Fixtures for reading codes: a fixed time, trusted test keys, a demo context."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from checkpoint_desk.codes.context import ReadContext
from checkpoint_desk.codes.trust import TrustList, entry_for_public_key

NOW = datetime(2026, 11, 28, 8, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Issuers:
    """Keys a test signs with; ``trust`` trusts the first three for their scheme."""

    health: Ed25519PrivateKey
    travel: Ed25519PrivateKey
    station: Ed25519PrivateKey
    stranger: Ed25519PrivateKey
    trust: TrustList


@pytest.fixture
def issuers() -> Issuers:
    health, travel, station = (Ed25519PrivateKey.generate() for _ in range(3))
    trust = TrustList()
    trust.add(entry_for_public_key(health.public_key(), "健康码中心", schemes=("CKH1",)), now=NOW)
    trust.add(entry_for_public_key(travel.public_key(), "行程卡", schemes=("CKT1",)), now=NOW)
    trust.add(entry_for_public_key(station.public_key(), "西门卡点", schemes=("CKP1",)), now=NOW)
    return Issuers(health, travel, station, Ed25519PrivateKey.generate(), trust)


@pytest.fixture
def ctx(issuers: Issuers) -> ReadContext:
    return ReadContext(trust=issuers.trust, now=NOW)


@pytest.fixture
def demo_ctx() -> ReadContext:
    return ReadContext.for_desk(TrustList(), NOW, demo=True)
