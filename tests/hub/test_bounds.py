"""Values at the edges of every type, against a real hub on SQLite and PostgreSQL.

Issue 13, failures 6 and 8: a NUL in a name, a revision or seq of 2^63, a date that
leaves the calendar when moved to UTC. Each bad item is refused on its own with a
4xx reason, and the clean items of the same batch are stored.
"""

from __future__ import annotations

import copy
import json
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from sqlalchemy import Engine

from checkpoint_desk.domain.bounds import MAX_REVISION
from checkpoint_desk.hub.database import open_hub_database
from checkpoint_desk.hub.tables import audit, visit
from tests.support.desks import register_station
from tests.support.hubproc import HubProcess
from tests.support.samples import station_json, visit_json

PUSH = "/api/v1/push"
FAR_BEFORE = "0001-01-01T00:00:00+14:00"  # a year 0 in UTC
FAR_AFTER = "9999-12-31T23:59:59-14:00"  # a year 10000 in UTC


@pytest.fixture
def hub_engine(hub: HubProcess) -> Iterator[Engine]:
    engine = open_hub_database(hub.db_url)
    yield engine
    engine.dispose()


def push(hub: HubProcess, token: str, body: Any) -> httpx.Response:
    with httpx.Client(
        base_url=hub.url, headers={"Authorization": f"Bearer {token}"}, timeout=60
    ) as http:
        # ASCII JSON, so that a lone surrogate travels as its \\u escape
        return http.post(
            PUSH, content=json.dumps(body), headers={"Content-Type": "application/json"}
        )


def held_visits(engine: Engine, desk_id: uuid.UUID) -> dict[str, tuple[int, str]]:
    query = sa.select(visit.c.id, visit.c.revision, visit.c.note).where(
        visit.c.station_id == desk_id
    )
    with engine.connect() as conn:
        return {str(r.id): (r.revision, r.note) for r in conn.execute(query)}


def audit_json(desk_id: uuid.UUID, seq: int, **changes: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "uuid": str(uuid.uuid4()),
        "seq": seq,
        "at": "2026-11-28T08:00:00+00:00",
        "station_id": str(desk_id),
        "action": "visit_committed",
        "detail": {"visit": str(uuid.uuid4())},
        "prev_hash": "0" * 64,
        "hash": "1" * 64,
    }
    entry.update(changes)
    return entry


def _set(item: dict[str, Any], path: str, value: Any) -> None:
    *parents, last = path.split(".")
    target: Any = item
    for part in parents:
        target = target[int(part)] if part.isdigit() else target[part]
    target[last] = value


BAD_VISIT_VALUES = [
    # failure 6: NUL and other control characters
    pytest.param("name", "张\u0000伟", "name", id="nul-in-name"),
    pytest.param("note", "复测\u0000", "note", id="nul-in-note"),
    pytest.param("purpose", "探亲\u001b[2J", "purpose", id="escape-in-purpose"),
    pytest.param("scans.0.raw_text", "CKH1:\u0000", "raw_text", id="nul-in-raw-text"),
    pytest.param("scans.0.reasons", ["ok\u0000"], "reasons", id="nul-in-a-reason"),
    pytest.param("name", "张\ud800伟", "JSON", id="lone-surrogate-in-name"),
    # failure 8: integers past int64 (or past the sane maximum) and dates off the calendar
    pytest.param("revision", 2**63, "revision", id="revision-2^63"),
    pytest.param("revision", 2**63 - 1, "revision", id="revision-2^63-1"),
    pytest.param("revision", MAX_REVISION + 1, "revision", id="revision-over-max"),
    pytest.param("revision", 2**64 + 5, "revision", id="revision-2^64"),
    pytest.param("updated_at", FAR_BEFORE, "updated_at", id="updated-at-year-0"),
    pytest.param("at", FAR_AFTER, "at", id="at-year-10000"),
    pytest.param("nat_at", FAR_BEFORE, "nat_at", id="nat-at-year-0"),
    pytest.param("vaccine_last", "0001-01-01", "vaccine_last", id="vaccine-in-year-1"),
    pytest.param("scans.0.scanned_at", FAR_AFTER, "scanned_at", id="scan-year-10000"),
]


@pytest.mark.parametrize(("path", "value", "field"), BAD_VISIT_VALUES)
def test_a_bad_value_is_refused_on_its_own_and_the_batch_is_stored(
    hub: HubProcess, hub_engine: Engine, path: str, value: Any, field: str
) -> None:
    token = register_station(hub.db_url, "西门")
    desk_id = uuid.uuid4()
    visits = [visit_json(desk_id, note=f"clean {n}") for n in range(3)]
    bad = copy.deepcopy(visit_json(desk_id))
    _set(bad, path, value)
    visits.insert(1, bad)
    answer = push(hub, token, {"station": station_json(desk_id), "visits": visits})
    assert answer.status_code == 200, answer.text
    result = answer.json()
    assert [r["index"] for r in result["rejected"]] == [1]
    rejection = result["rejected"][0]
    assert rejection["uuid"] == bad["uuid"]
    assert field in rejection["reason"]
    assert {a["uuid"] for a in result["accepted"]} == {v["uuid"] for v in visits} - {bad["uuid"]}
    held = held_visits(hub_engine, desk_id)
    assert set(held) == {v["uuid"] for v in visits} - {bad["uuid"]}
    # The desk goes on: its next batch is stored too.
    later = visit_json(desk_id, note="later")
    again = push(hub, token, {"station": station_json(desk_id), "visits": [later]})
    assert again.status_code == 200
    assert later["uuid"] in held_visits(hub_engine, desk_id)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        pytest.param({"seq": 2**63}, "seq", id="seq-2^63"),
        pytest.param({"seq": MAX_REVISION + 1}, "seq", id="seq-over-max"),
        pytest.param({"at": FAR_BEFORE}, "at", id="at-year-0"),
        pytest.param({"action": "commit\u0000"}, "action", id="nul-in-action"),
        pytest.param({"detail": {"name": "张\u0000伟"}}, "detail", id="nul-in-detail"),
        pytest.param({"detail": {"count": 2**70}}, "detail", id="huge-int-in-detail"),
        pytest.param({"detail": {"a": {"b": {"c": {"d": {"e": 1}}}}}}, "detail", id="deep"),
        pytest.param({"detail": {f"k{n}": n for n in range(1000)}}, "detail", id="wide"),
    ],
)
def test_a_bad_audit_entry_is_refused_on_its_own(
    hub: HubProcess, hub_engine: Engine, changes: dict[str, Any], field: str
) -> None:
    token = register_station(hub.db_url, "西门")
    desk_id = uuid.uuid4()
    entries = [audit_json(desk_id, seq) for seq in (1, 2, 3)]
    entries[1].update(changes)
    answer = push(hub, token, {"station": station_json(desk_id), "audit": entries})
    assert answer.status_code == 200, answer.text
    result = answer.json()
    assert [r["index"] for r in result["rejected"]] == [1]
    assert field in result["rejected"][0]["reason"]
    with hub_engine.connect() as conn:
        seqs = conn.execute(
            sa.select(audit.c.seq).where(audit.c.station_id == desk_id).order_by(audit.c.seq)
        ).scalars()
        assert list(seqs) == [1, 3]


def test_revisions_past_int32_are_stored_and_the_record_stays_editable(
    hub: HubProcess, hub_engine: Engine
) -> None:
    """PostgreSQL's int4 column gave 503 past 2^31 − 1; 2^63 − 1 froze a record on SQLite."""
    token = register_station(hub.db_url, "西门")
    desk_id = uuid.uuid4()
    station = station_json(desk_id)
    record = str(uuid.uuid4())
    for revision, note in ((2**31, "past int32"), (2**40, "far past int32")):
        sent = visit_json(desk_id, uuid=record, revision=revision, note=note)
        answer = push(hub, token, {"station": station, "visits": [sent]})
        assert answer.status_code == 200, answer.text
        assert answer.json()["accepted"] == [
            {"kind": "visits", "uuid": record, "revision": revision}
        ]
        assert held_visits(hub_engine, desk_id) == {record: (revision, note)}
    frozen = visit_json(desk_id, uuid=record, revision=2**63 - 1, note="frozen")
    assert push(hub, token, {"station": station, "visits": [frozen]}).json()["rejected"]
    edit = visit_json(desk_id, uuid=record, revision=2**40 + 1, note="edited")
    assert push(hub, token, {"station": station, "visits": [edit]}).status_code == 200
    assert held_visits(hub_engine, desk_id) == {record: (2**40 + 1, "edited")}
    entry = audit_json(desk_id, 2**40)
    answer = push(hub, token, {"station": station, "audit": [entry]})
    assert answer.json()["accepted"] == [{"kind": "audit", "uuid": entry["uuid"], "revision": 1}]


@pytest.mark.parametrize(
    "station",
    [
        pytest.param({"name": "西门\u0000"}, id="nul-in-station-name"),
        pytest.param({"community": "济阳\u0007街道"}, id="bell-in-community"),
    ],
)
def test_a_station_header_with_control_characters_is_refused(
    hub: HubProcess, station: dict[str, Any]
) -> None:
    token = register_station(hub.db_url, "西门")
    header = {**station_json(uuid.uuid4()), **station}
    answer = push(hub, token, {"station": header, "visits": [visit_json(uuid.UUID(header["id"]))]})
    assert answer.status_code == 422, answer.text
    assert answer.json()["error"] == "invalid"
    assert "station" in answer.json()["reason"]
