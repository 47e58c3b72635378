"""What a scheme needs besides the text: trusted keys, the time, and reference data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from checkpoint_desk.codes.demo_reference import DemoReference
from checkpoint_desk.codes.trust import TrustList

DEFAULT_SKEW = timedelta(minutes=5)


@dataclass(frozen=True)
class ReadContext:
    """Everything a reading depends on, so a reading is a pure function of it.

    ``skew`` is the clock tolerance for ``iat``/``exp``; ``demo`` trusts demo keys;
    ``revoked_passes`` holds pass ids; ``risk_areas`` holds GB/T 2260 region codes
    (a prefix such as ``4201`` covers every district under it). ``clock_behind``:
    the desk's clock reads earlier than a time it has already seen, so no time check
    can be trusted and every reading carries the reason ``clock_behind``.
    """

    trust: TrustList
    now: datetime
    skew: timedelta = DEFAULT_SKEW
    demo: bool = False
    revoked_passes: frozenset[str] = frozenset()
    risk_areas: frozenset[str] = frozenset()
    clock_behind: bool = False

    @classmethod
    def for_desk(
        cls,
        trust: TrustList,
        now: datetime,
        *,
        demo: bool = False,
        revoked_passes: frozenset[str] = frozenset(),
        risk_areas: frozenset[str] = frozenset(),
        clock_behind: bool = False,
    ) -> ReadContext:
        """A context that, when ``demo``, also trusts the demo issuer and knows the
        demo's revoked passes and risk areas."""
        if demo:
            reference = DemoReference.load()
            trust = trust.merged(reference.trust)
            revoked_passes |= reference.revoked_passes
            risk_areas |= reference.risk_areas
        return cls(
            trust=trust,
            now=now,
            demo=demo,
            revoked_passes=revoked_passes,
            risk_areas=risk_areas,
            clock_behind=clock_behind,
        )

    def is_risk_area(self, region_code: str) -> bool:
        return any(region_code.startswith(code) for code in self.risk_areas if code)
