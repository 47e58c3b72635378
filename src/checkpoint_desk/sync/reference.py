"""Reference data pulled from the hub and kept for offline use.

Each kind is asked for with the ETag the desk holds; a 304 only refreshes
``fetched_at`` (the age the status bar shows is the time since the hub last
confirmed it). The trust list is also written to ``trust-list.json`` in the data
directory (merged, in the codes package's format: ``trust_file.py``), where the code
readers find it.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from pydantic import ValidationError as PydanticValidationError
from sqlalchemy import Engine
from sqlmodel import Session

from checkpoint_desk.clock import Clock, utc_now
from checkpoint_desk.errors import CheckpointError
from checkpoint_desk.i18n import N_
from checkpoint_desk.store.id_keys import ID_KEY_KIND, sealed_id_key
from checkpoint_desk.store.models import ReferenceData
from checkpoint_desk.store.vault import vault_of
from checkpoint_desk.sync.client import HubClient, HubError, HubRefused, HubUnreachable
from checkpoint_desk.sync.hub_pin import UntrustedHub
from checkpoint_desk.sync.trust_file import confirm_hub_trust, merge_hub_trust
from checkpoint_desk.sync.wire import REFERENCE_KINDS, REFERENCE_MODELS


def stored(engine: Engine, kind: str) -> ReferenceData | None:
    with Session(engine) as session:
        return session.get(ReferenceData, kind)


def age_of(engine: Engine, kind: str, *, clock: Clock = utc_now) -> float | None:
    """Seconds since the hub last confirmed ``kind``; None when never fetched."""
    row = stored(engine, kind)
    if row is None:
        return None
    fetched: datetime = row.fetched_at
    return (clock() - fetched).total_seconds()


def pull_reference(
    engine: Engine,
    client: HubClient,
    trust_list_file: Path,
    *,
    own_kid_hex: str | None = None,
    clock: Clock = utc_now,
) -> tuple[list[str], list[CheckpointError]]:
    """Fetch every kind that changed; returns the kinds updated and the problems met.

    Stops at the first sign that the hub is away (the rest would fail the same way).
    ``own_kid_hex`` is the station's own key id, never dropped from the trust file.
    """
    pulled: list[str] = []
    errors: list[CheckpointError] = []
    for kind in REFERENCE_KINDS:
        held = stored(engine, kind)
        try:
            fresh = client.reference(kind, held.etag if held else None)
        except HubUnreachable as exc:
            errors.append(exc)
            break
        except (HubError, UntrustedHub) as exc:
            errors.append(exc)
            continue
        now = clock()
        if fresh is None:
            if held is not None and kind == "trust_list":
                confirm_hub_trust(trust_list_file, now)
            if held is not None:
                with Session(engine) as session:
                    row = session.get(ReferenceData, kind)
                    if row is not None:
                        row.fetched_at = now
                        session.add(row)
                        session.commit()
            continue
        try:
            payload = REFERENCE_MODELS[kind].model_validate_json(json.dumps(fresh.payload))
        except PydanticValidationError:
            errors.append(
                HubRefused(
                    "bad_reference",
                    N_("The hub sent {kind} data this desk cannot read; kept the old one."),
                    kind=kind,
                )
            )
            continue
        data = payload.model_dump(mode="json")
        if kind == ID_KEY_KIND:  # a secret: kept only sealed with the vault
            data = sealed_id_key(vault_of(engine), data)
        if kind == "trust_list":
            previous = held.payload if held is not None else None
            merge_hub_trust(trust_list_file, previous, data, now, keep_kid_hex=own_kid_hex)
        with Session(engine) as session:
            row = session.get(ReferenceData, kind) or ReferenceData(kind=kind)
            row.etag = fresh.etag
            row.version = fresh.version
            row.fetched_at = now
            row.payload = data
            session.add(row)
            session.commit()
        pulled.append(kind)
    return pulled, errors
