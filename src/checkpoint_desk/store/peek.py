"""A few rows read without SQLAlchemy, for what must start fast (``read``, ``scan``).

The file is opened read-only and never migrated or unlocked: these rows hold no
secret and their columns are the same in every schema since 0001. SQLAlchemy and
SQLModel take longer to import than ``read`` may take in all (issue 15).
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from checkpoint_desk.errors import DatabaseError
from checkpoint_desk.i18n import N_


@dataclass(frozen=True)
class CodeFacts:
    """What the station knows that changes how a code reads."""

    revoked_passes: frozenset[str]
    """Ids of passes revoked here (``pass.revoked_at`` set)."""
    reference: dict[str, Any]
    """Payloads of the reference data that bear on codes, by kind."""


CODE_REFERENCE_KINDS = ("revocations", "risk_areas")


def code_facts(path: Path) -> CodeFacts:
    """The revoked passes and code-related reference data in the database at ``path``."""
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
            revoked = conn.execute("SELECT id FROM pass WHERE revoked_at IS NOT NULL").fetchall()
            marks = ",".join("?" * len(CODE_REFERENCE_KINDS))
            rows = conn.execute(
                f"SELECT kind, payload FROM reference_data WHERE kind IN ({marks})",
                CODE_REFERENCE_KINDS,
            ).fetchall()
    except sqlite3.Error as exc:
        raise DatabaseError(
            N_("Cannot open the database {path}: {reason}. Run: checkpoint-desk db check"),
            path=str(path),
            reason=str(exc),
        ) from exc
    return CodeFacts(
        revoked_passes=frozenset(str(pid) for (pid,) in revoked),
        reference={kind: json.loads(text) for kind, text in rows if text is not None},
    )


@dataclass(frozen=True)
class StationGlance:
    """What the desk shows before its database layers load (the sign-in page)."""

    name: str
    community: str
    operators: tuple[tuple[str, str], ...]
    """(id as stored, name) of the active operators, by name (the sign-in page's order)."""
    shift_open: bool
    """A shift was left open: the desk resumes it without a PIN."""


def station_glance(path: Path) -> StationGlance | None:
    """The station's name, operators and open shift, or None when there is no
    readable database yet (a new or demo station: the desk makes it first)."""
    if not path.is_file():
        return None
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
            station = conn.execute("SELECT name, community FROM station").fetchone()
            operators = conn.execute(
                "SELECT id, name FROM operator WHERE active ORDER BY name"
            ).fetchall()
            shift = conn.execute("SELECT 1 FROM shift WHERE closed_at IS NULL").fetchone()
    except sqlite3.Error:
        return None  # an old or damaged file: the desk's real opening says what is wrong
    if station is None:
        return None
    return StationGlance(
        name=str(station[0] or ""),
        community=str(station[1] or ""),
        operators=tuple((str(i), str(n)) for i, n in operators),
        shift_open=shift is not None,
    )


# The newest time the desk has seen (``services/clock_guard.newest_seen`` asks the same
# with SQLAlchemy): the audit trail moves forward, so its newest time is among its last
# entries. Times are stored as UTC without a zone ("YYYY-MM-DD HH:MM:SS.ffffff").
NEWEST_SEEN_QUERIES = (
    "SELECT max(at) FROM visit",
    "SELECT max(opened_at) FROM shift",
    "SELECT max(at) FROM (SELECT at FROM audit_entry ORDER BY seq DESC LIMIT 50)",
    "SELECT max(hub_at) FROM (SELECT hub_at FROM audit_anchor ORDER BY id DESC LIMIT 50)",
)


def newest_seen(path: Path) -> datetime | None:
    """The newest of the station's visits, shifts, audit entries and the hub's clock at
    its last sync; None for an empty station."""
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
            found = [conn.execute(query).fetchone()[0] for query in NEWEST_SEEN_QUERIES]
    except sqlite3.Error as exc:
        raise DatabaseError(
            N_("Cannot open the database {path}: {reason}. Run: checkpoint-desk db check"),
            path=str(path),
            reason=str(exc),
        ) from exc
    times = [datetime.fromisoformat(str(t)).replace(tzinfo=UTC) for t in found if t is not None]
    return max(times, default=None)
