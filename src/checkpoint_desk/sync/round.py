"""One sync round: push the outbox in batches, then pull reference data."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from sqlalchemy import Engine

from checkpoint_desk.clock import Clock, utc_now
from checkpoint_desk.codes.keys import kid_for_public_key
from checkpoint_desk.errors import CheckpointError
from checkpoint_desk.sync import outbox
from checkpoint_desk.sync.client import HubClient, HubError, HubRefused, HubUnreachable
from checkpoint_desk.sync.hub_pin import UntrustedHub
from checkpoint_desk.sync.reference import pull_reference
from checkpoint_desk.sync.wire import KINDS, MAX_BATCH, PushBatch, Rejection, StationIn


@dataclass(frozen=True)
class SyncReport:
    """What a round did. ``errors`` carry translatable messages (``.translated()``)."""

    pushed: int = 0
    acknowledged: int = 0
    rejected: int = 0
    pulled_kinds: tuple[str, ...] = ()
    errors: tuple[CheckpointError, ...] = ()
    rejections: tuple[Rejection, ...] = field(default=(), repr=False)
    waiting: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_json(self) -> dict[str, Any]:
        return {
            "pushed": self.pushed,
            "acknowledged": self.acknowledged,
            "rejected": self.rejected,
            "pulled": list(self.pulled_kinds),
            "waiting": self.waiting,
            "errors": [str(e) for e in self.errors],
            "rejections": [r.model_dump(mode="json") for r in self.rejections[:50]],
        }


def push_outbox(
    engine: Engine,
    client: HubClient,
    station: StationIn,
    *,
    batch_size: int = MAX_BATCH,
    clock: Clock = utc_now,
) -> SyncReport:
    """Push every waiting record in batches; marks only what the hub acknowledged.

    A batch the hub finds too large is sent again in smaller ones. Stops at the first
    other error (the rest stays waiting for the next round). With
    nothing waiting it still sends the station alone, which registers the desk's id
    and public key with the hub (needed before USB bundles are accepted) and checks
    the token.
    """
    pushed = acknowledged = 0
    rejections: list[Rejection] = []
    errors: list[CheckpointError] = []
    for kind in KINDS:
        after: Any = None
        size = batch_size
        while not errors:
            items = outbox.read_batch(engine, kind, after, size)
            if not items:
                break
            try:
                result = client.push(PushBatch.model_construct(station=station, **{kind: items}))  # type: ignore[arg-type]
            except HubRefused as exc:
                if exc.code == "too_large" and size > 1:
                    size = max(1, size // 4)  # records with long raw code texts: smaller batches
                    continue
                errors.append(exc)
                break
            except (HubError, UntrustedHub) as exc:
                errors.append(exc)
                break
            pushed += len(items)
            acknowledged += outbox.mark_acknowledged(engine, result.accepted, clock=clock)
            rejections.extend(result.rejected)
            after = outbox.key_of(items[-1])
    if pushed == 0 and not errors:
        try:
            client.push(PushBatch.model_construct(station=station))
        except (HubError, UntrustedHub) as exc:
            errors.append(exc)
    return SyncReport(
        pushed=pushed,
        acknowledged=acknowledged,
        rejected=len(rejections),
        errors=tuple(errors),
        rejections=tuple(rejections),
    )


def _kid_hex(station: StationIn) -> str | None:
    if not station.public_key:
        return None
    key = serialization.load_pem_public_key(station.public_key.encode("ascii"))
    return kid_for_public_key(key).hex()


def sync_round(
    engine: Engine,
    client: HubClient,
    station: StationIn,
    trust_list_file: Path,
    *,
    batch_size: int = MAX_BATCH,
    clock: Clock = utc_now,
) -> SyncReport:
    """Push, then pull (unless the hub turned out to be away)."""
    pushed = push_outbox(engine, client, station, batch_size=batch_size, clock=clock)
    pulled: list[str] = []
    errors = list(pushed.errors)
    if not any(isinstance(e, (HubUnreachable, UntrustedHub)) for e in errors):
        pulled, pull_errors = pull_reference(
            engine, client, trust_list_file, own_kid_hex=_kid_hex(station), clock=clock
        )
        errors.extend(pull_errors)
    return SyncReport(
        pushed=pushed.pushed,
        acknowledged=pushed.acknowledged,
        rejected=pushed.rejected,
        pulled_kinds=tuple(pulled),
        errors=tuple(errors),
        rejections=pushed.rejections,
        waiting=outbox.waiting_count(engine),
    )
