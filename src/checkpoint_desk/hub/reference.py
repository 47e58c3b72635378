"""Reference data the hub publishes to desks, each kind with an ETag.

The trust list served to desks is the published list plus every bound station's
public key (stations sign the passes they issue), so a pass issued at one gate is
verified at every other.

The community's ID key (kind ``id_key``) is made by the hub the first time a station
asks for it. A deny list is published as plain ID numbers (``id_numbers``) and kept
and served only as their ``idk`` under that key; an unkeyed list (``id_hashes``) is
refused, and one stored before issue 14 is no longer served (re-publish the numbers).
"""

from __future__ import annotations

import json
import secrets
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from cryptography.hazmat.primitives import serialization
from pydantic import ValidationError as PydanticValidationError
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from checkpoint_desk.clock import Clock, utc_now
from checkpoint_desk.codes.id_key import ID_KEY_BYTES, IdKey
from checkpoint_desk.codes.keys import kid_for_public_key
from checkpoint_desk.domain.idnumber import parse_id_number
from checkpoint_desk.errors import ValidationError
from checkpoint_desk.hub.database import writing
from checkpoint_desk.hub.ingest import explain
from checkpoint_desk.hub.tables import audit, reference, station
from checkpoint_desk.i18n import N_
from checkpoint_desk.settings import MAX_HOUSEHOLD_EXIT_QUOTA
from checkpoint_desk.sync.wire import (
    REFERENCE_KINDS,
    REFERENCE_MODELS,
    ReferenceOut,
    etag_for,
)


def check_kind(kind: str) -> None:
    if kind not in REFERENCE_KINDS:
        raise ValidationError(
            "reference_kind",
            N_("Unknown kind of reference data: {kind} (one of {kinds})"),
            kind=kind,
            kinds=", ".join(REFERENCE_KINDS),
        )


def validate_payload(kind: str, payload: Any) -> dict[str, Any]:
    """The payload checked against its kind's schema, as plain JSON data."""
    check_kind(kind)
    try:
        model = REFERENCE_MODELS[kind].model_validate_json(json.dumps(payload))
    except PydanticValidationError as exc:
        raise ValidationError(
            "reference_payload",
            N_("The {kind} data is not valid: {reason}"),
            kind=kind,
            reason=explain(exc),
        ) from exc
    data: dict[str, Any] = model.model_dump(mode="json")
    if kind == "trust_list":
        for entry in data["keys"]:
            _check_kid(entry)
    if kind == "settings":
        _check_household_quota(data["values"])
    return data


def _check_household_quota(values: dict[str, Any]) -> None:
    """``household_exit_quota`` (the household rule, 一户一天N人): a whole number of
    exits per household and day, 0 (no rule) … ``MAX_HOUSEHOLD_EXIT_QUOTA``."""
    if "household_exit_quota" not in values:
        return
    quota = values["household_exit_quota"]
    if (
        isinstance(quota, bool)
        or not isinstance(quota, int)
        or not (0 <= quota <= MAX_HOUSEHOLD_EXIT_QUOTA)
    ):
        raise ValidationError(
            "reference_payload",
            N_("The {kind} data is not valid: {reason}"),
            kind="settings",
            reason=f"household_exit_quota must be a whole number from 0 to "
            f"{MAX_HOUSEHOLD_EXIT_QUOTA}, not {quota!r}",
        )


def _check_kid(entry: dict[str, Any]) -> None:
    """A trust entry's kid must be its key's (so desks look the right key up)."""
    try:
        key = serialization.load_pem_public_key(entry["public_key"].encode("ascii"))
    except ValueError as exc:
        raise ValidationError(
            "reference_payload",
            N_("The {kind} data is not valid: {reason}"),
            kind="trust_list",
            reason=f"{entry['kid']}: not a PEM public key",
        ) from exc
    if kid_for_public_key(key).hex() != entry["kid"]:
        raise ValidationError(
            "reference_payload",
            N_("The {kind} data is not valid: {reason}"),
            kind="trust_list",
            reason=f"{entry['kid']}: kid is not the key's",
        )


def publish(engine: Engine, kind: str, payload: Any, *, clock: Clock = utc_now) -> ReferenceOut:
    """Store a new version of one kind of reference data."""
    if kind == "deny_list":
        payload = keyed_deny_list(engine, payload, clock=clock)
    data = validate_payload(kind, payload)
    now = clock()
    with writing(engine) as conn:
        old = conn.execute(
            sa.select(reference.c.version).where(reference.c.kind == kind)
        ).scalar_one_or_none()
        version = (old or 0) + 1
        values = {"etag": etag_for(data), "version": version, "updated_at": now, "payload": data}
        if old is None:
            conn.execute(reference.insert().values(kind=kind, **values))
        else:
            conn.execute(reference.update().where(reference.c.kind == kind).values(**values))
    return ReferenceOut.model_validate({"kind": kind, **values})


def keyed_deny_list(engine: Engine, payload: Any, *, clock: Clock = utc_now) -> Any:
    """``{"id_numbers": [...]}`` as ``{"id_keys": [...]}`` under the community's ID key."""
    if not isinstance(payload, dict):
        return payload
    if "id_hashes" in payload:
        raise ValidationError(
            "reference_payload",
            N_(
                "A deny list of unkeyed hashes (id_hashes) gives the ID numbers away; "
                "publish the numbers as id_numbers and the hub keys them."
            ),
        )
    if "id_numbers" not in payload:
        return payload
    numbers = payload["id_numbers"]
    if not isinstance(numbers, list) or set(payload) != {"id_numbers"}:
        raise ValidationError(
            "reference_payload",
            N_("The {kind} data is not valid: {reason}"),
            kind="deny_list",
            reason='give {"id_numbers": [...]} only',
        )
    key = id_key(engine, clock=clock)
    keyed = sorted({key.of(parse_id_number(str(number)).number) for number in numbers})
    return {"id_keys": keyed}


def id_key(engine: Engine, *, clock: Clock = utc_now) -> IdKey:
    """The community's ID key, made (once, whichever hub process is first) when missing."""
    found = _stored_payload(engine, "id_key")
    if found is None:
        made = {"key": IdKey(secrets.token_bytes(ID_KEY_BYTES)).to_text()}
        try:
            with writing(engine) as conn:
                conn.execute(
                    reference.insert().values(
                        kind="id_key",
                        etag=etag_for(made),
                        version=1,
                        updated_at=clock(),
                        payload=made,
                    )
                )
        except IntegrityError:
            pass  # another process made it first: use theirs
        found = _stored_payload(engine, "id_key")
    assert found is not None
    return IdKey.from_text(str(found["key"]))


def _stored_payload(engine: Engine, kind: str) -> dict[str, Any] | None:
    with engine.connect() as conn:
        payload = conn.execute(
            sa.select(reference.c.payload).where(reference.c.kind == kind)
        ).scalar_one_or_none()
    return dict(payload) if payload is not None else None


def publish_file(engine: Engine, kind: str, path: Path, *, clock: Clock = utc_now) -> ReferenceOut:
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValidationError(
            "reference_file", N_("Cannot read {path}: {reason}"), path=str(path), reason=str(exc)
        ) from exc
    return publish(engine, kind, payload, clock=clock)


def _station_keys(engine: Engine) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        rows = conn.execute(
            sa.select(station.c.name, station.c.public_key)
            .where(station.c.public_key.is_not(None))
            .order_by(station.c.name)
        ).all()
    entries = []
    for name, pem in rows:
        key = serialization.load_pem_public_key(pem.encode("ascii"))
        entries.append(
            {
                "kid": kid_for_public_key(key).hex(),
                "issuer": name,
                "schemes": ["CKP1"],
                "public_key": pem,
                "demo": False,
            }
        )
    return entries


def _revoked_at_stations(engine: Engine) -> list[str]:
    """Pass ids the stations revoked (their ``pass_revoked`` audit entries, synced)."""
    with engine.connect() as conn:
        rows = conn.execute(sa.select(audit.c.detail).where(audit.c.action == "pass_revoked"))
        found = {
            str(detail["pass_id"])[:64]
            for (detail,) in rows
            if isinstance(detail, dict) and isinstance(detail.get("pass_id"), str)
        }
    return sorted(found)


def current(engine: Engine, kind: str) -> ReferenceOut | None:
    """What the hub serves for ``kind`` now, or None when it has nothing."""
    check_kind(kind)
    if kind == "id_key":
        id_key(engine)
    with engine.connect() as conn:
        row = conn.execute(sa.select(reference).where(reference.c.kind == kind)).first()
    payload: dict[str, Any]
    version: int
    updated_at: datetime
    if row is None:
        if kind not in ("trust_list", "revocations"):
            return None
        payload, version, updated_at = {}, 0, utc_now()
    else:
        payload = dict(row.payload)
        version, updated_at = row.version, row.updated_at
        if kind == "deny_list" and "id_keys" not in payload:
            return None  # unkeyed, from before issue 14: never served again
    if kind == "trust_list":
        published = {entry["kid"] for entry in payload.get("keys", [])}
        stations = [e for e in _station_keys(engine) if e["kid"] not in published]
        payload = {"keys": [*payload.get("keys", []), *stations]}
        if row is None and not stations:
            return None
    if kind == "revocations":
        # A pass revoked at any desk is revoked at every desk from their next sync.
        listed = [str(p) for p in payload.get("passes", [])]
        from_stations = [p for p in _revoked_at_stations(engine) if p not in set(listed)]
        payload = {"passes": [*listed, *from_stations]}
        if row is None and not from_stations:
            return None
    return ReferenceOut.model_validate(
        {
            "kind": kind,
            "etag": etag_for(payload),
            "version": version,
            "updated_at": updated_at,
            "payload": payload,
        }
    )
