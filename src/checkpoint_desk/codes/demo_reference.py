"""The demo issuer's reference data (``resources/demo/``): keys to trust in demo mode,
and the demo's revoked passes and risk areas."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from functools import cache

from checkpoint_desk.codes.trust import TrustList
from checkpoint_desk.resources import resource_path


@dataclass(frozen=True)
class DemoReference:
    trust: TrustList
    revoked_passes: frozenset[str]
    risk_areas: frozenset[str]

    @classmethod
    def load(cls) -> DemoReference:
        return _load()


@cache
def _load() -> DemoReference:
    trust = TrustList.load(resource_path("demo", "trust-list.json"))
    # Marked demo in the file already; enforced here too, whatever the file says.
    trust.entries = {kid: replace(e, demo=True) for kid, e in trust.entries.items()}
    trust.path = None
    data = json.loads(resource_path("demo", "reference.json").read_text(encoding="utf-8"))
    return DemoReference(
        trust=trust,
        revoked_passes=frozenset(data.get("revoked_passes", ())),
        risk_areas=frozenset(data.get("risk_areas", ())),
    )
