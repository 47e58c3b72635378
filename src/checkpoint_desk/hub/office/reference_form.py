"""The reference-data form: what a publish would change, shown before it is made.

The text is JSON (the whole new payload, as ``checkpoint-hub reference set`` takes
it) or, for the list kinds, one entry a line: those entries are added to what the
hub serves now (ID numbers for the deny list, keyed by the hub before they are kept).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Engine

from checkpoint_desk.errors import ValidationError
from checkpoint_desk.hub.reference import keyed_deny_list, validate_payload
from checkpoint_desk.hub.tables import reference
from checkpoint_desk.i18n import N_

OFFICE_KINDS = ("deny_list", "risk_areas", "revocations", "settings", "trust_list")
LIST_FIELD = {"deny_list": "id_keys", "revocations": "passes", "risk_areas": "codes"}
MAX_TEXT = 2_000_000


@dataclass(frozen=True)
class Change:
    kind: str
    payload: dict[str, Any]
    added: list[str]
    removed: list[str]
    changed: list[str]

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def published(engine: Engine, kind: str) -> dict[str, Any]:
    """The payload last published for ``kind`` (``{}`` when none)."""
    with engine.connect() as conn:
        found = conn.execute(
            sa.select(reference.c.payload).where(reference.c.kind == kind)
        ).scalar_one_or_none()
    return dict(found) if isinstance(found, dict) else {}


def proposed(engine: Engine, kind: str, text: str) -> dict[str, Any]:
    """The payload the form's text makes, checked as a publish would check it."""
    if kind not in OFFICE_KINDS:
        raise ValidationError(
            "reference_kind",
            N_("Unknown kind of reference data: {kind} (one of {kinds})"),
            kind=kind,
            kinds=", ".join(OFFICE_KINDS),
        )
    text = text.strip()
    if len(text) > MAX_TEXT:
        raise ValidationError("reference_text", N_("The text is too long to publish."))
    if text.startswith("{"):
        try:
            payload: Any = json.loads(text)
        except ValueError as exc:
            raise ValidationError(
                "reference_payload",
                N_("The {kind} data is not valid: {reason}"),
                kind=kind,
                reason=str(exc),
            ) from exc
        if kind == "deny_list":
            payload = keyed_deny_list(engine, payload)
        return validate_payload(kind, payload)
    if kind not in LIST_FIELD:
        raise ValidationError("reference_text", N_("Give the {kind} data as JSON."), kind=kind)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        raise ValidationError("reference_text", N_("Nothing to publish: the text is empty."))
    if kind == "deny_list":
        lines = list(keyed_deny_list(engine, {"id_numbers": lines})["id_keys"])
    field = LIST_FIELD[kind]
    current = published(engine, kind)
    old = [str(x) for x in current.get(field, [])]
    merged = {**current, field: old + [x for x in dict.fromkeys(lines) if x not in set(old)]}
    return validate_payload(kind, merged)


def preview(engine: Engine, kind: str, text: str) -> Change:
    """What publishing ``text`` as ``kind`` would change."""
    new = proposed(engine, kind, text)
    old = published(engine, kind)
    added: list[str] = []
    removed: list[str] = []
    changed: list[str] = []
    for key in sorted(set(old) | set(new)):
        before, after = old.get(key), new.get(key)
        if before == after:
            continue
        if isinstance(before, list | type(None)) and isinstance(after, list | type(None)):
            was = {_text(x) for x in before or []}
            now = {_text(x) for x in after or []}
            added += sorted(now - was)
            removed += sorted(was - now)
        elif isinstance(before, dict | type(None)) and isinstance(after, dict | type(None)):
            b, a = before or {}, after or {}
            for name in sorted(set(b) | set(a)):
                if b.get(name) != a.get(name):
                    changed.append(f"{name}: {_text(b.get(name))} → {_text(a.get(name))}")
        else:
            changed.append(f"{key}: {_text(before)} → {_text(after)}")
    return Change(kind, new, added, removed, changed)


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if value is None:
        return "—"
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
