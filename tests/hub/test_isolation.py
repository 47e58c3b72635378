"""Every row at the hub belongs to the station that wrote it (issue 13, failures 1 and 2).

Two stations with their own valid tokens, a real hub process, SQLite and PostgreSQL.
"""

from __future__ import annotations

import base64
import json
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Engine

from checkpoint_desk.hub.database import open_hub_database
from checkpoint_desk.hub.tables import audit, shift, visit
from checkpoint_desk.sync.sealing import PUSH_CONTEXT, SIGNATURE_HEADER
from tests.support.desks import register_station
from tests.support.hubproc import HubProcess
from tests.support.samples import public_pem, station_json, visit_json

PUSH = "/api/v1/push"


@pytest.fixture
def hub_engine(hub: HubProcess) -> Iterator[Engine]:
    engine = open_hub_database(hub.db_url)
    yield engine
    engine.dispose()


class Station:
    """A station as the hub sees it: a token, a desk id and a key."""

    def __init__(self, hub: HubProcess, name: str, desk_id: uuid.UUID | None = None) -> None:
        self.hub = hub
        self.token = register_station(hub.db_url, name)
        self.desk_id = desk_id or uuid.uuid4()
        self.key = Ed25519PrivateKey.generate()
        self.header = station_json(self.desk_id, name, public_pem(self.key))

    def send(self, **items: list[dict[str, Any]]) -> httpx.Response:
        body = json.dumps({"station": self.header, **items}).encode("utf-8")
        signature = base64.b64encode(self.key.sign(PUSH_CONTEXT + body)).decode("ascii")
        headers = {
            "Authorization": f"Bearer {self.token}",
            "Content-Type": "application/json",
            SIGNATURE_HEADER: signature,
        }
        with httpx.Client(base_url=self.hub.url, headers=headers, timeout=60) as http:
            return http.post(PUSH, content=body)

    def push(self, **items: list[dict[str, Any]]) -> dict[str, Any]:
        answer = self.send(**items)
        assert answer.status_code == 200, answer.text
        result: dict[str, Any] = answer.json()
        return result


def acked(result: dict[str, Any]) -> set[str]:
    return {a["uuid"] for a in result["accepted"]}


def refused(result: dict[str, Any]) -> dict[str, str]:
    return {r["uuid"]: r["reason"] for r in result["rejected"] if r.get("uuid")}


def row(engine: Engine, table: sa.Table, item_id: str) -> Any:
    with engine.connect() as conn:
        return conn.execute(sa.select(table).where(table.c.id == uuid.UUID(item_id))).one()


def audit_json(desk_id: uuid.UUID, **changes: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "uuid": str(uuid.uuid4()),
        "seq": 1,
        "at": "2026-11-28T08:00:00+00:00",
        "station_id": str(desk_id),
        "action": "visit_registered",
        "detail": {},
        "prev_hash": "0" * 64,
        "hash": "a" * 64,
    }
    entry.update(changes)
    return entry


def test_a_station_cannot_overwrite_another_stations_visit(
    hub: HubProcess, hub_engine: Engine
) -> None:
    west, east = Station(hub, "西门"), Station(hub, "东门")
    genuine = visit_json(west.desk_id, note="genuine")
    assert acked(west.push(visits=[genuine])) == {genuine["uuid"]}

    hijack = visit_json(
        east.desk_id, uuid=genuine["uuid"], revision=99, note="HIJACKED", id_number=None
    )
    result = east.push(visits=[hijack, visit_json(east.desk_id)])

    assert genuine["uuid"] not in acked(result)
    assert "another station" in refused(result)[genuine["uuid"]]
    assert len(acked(result)) == 1  # the rest of the batch is taken
    held = row(hub_engine, visit, genuine["uuid"])
    assert (held.station_id, held.revision, held.note) == (west.desk_id, 1, "genuine")
    assert held.id_number == genuine["id_number"]


def test_a_preplanted_uuid_is_refused_to_its_real_owner_not_acknowledged(
    hub: HubProcess, hub_engine: Engine
) -> None:
    west, east = Station(hub, "西门"), Station(hub, "东门")
    planted = visit_json(east.desk_id, revision=1000, note="planted")
    east.push(visits=[planted])

    genuine = visit_json(west.desk_id, uuid=planted["uuid"], note="genuine")
    result = west.push(visits=[genuine])

    # Acknowledged-but-not-stored would let the desk mark it synced and purge it.
    assert planted["uuid"] not in acked(result)
    assert "another station" in refused(result)[planted["uuid"]]


def test_tombstones_and_shifts_of_another_station_are_refused(
    hub: HubProcess, hub_engine: Engine
) -> None:
    west, east = Station(hub, "西门"), Station(hub, "东门")
    genuine = visit_json(west.desk_id)
    operator_id = str(uuid.uuid4())
    west_shift = {
        "uuid": str(uuid.uuid4()),
        "revision": 1,
        "updated_at": "2026-11-28T08:00:00+00:00",
        "station_id": str(west.desk_id),
        "operator_id": operator_id,
        "opened_at": "2026-11-28T08:00:00+00:00",
    }
    west.push(visits=[genuine], shifts=[west_shift])

    tombstone = visit_json(
        east.desk_id, uuid=genuine["uuid"], revision=2, deleted_at="2026-11-28T09:00:00+00:00"
    )
    closed = {**west_shift, "station_id": str(east.desk_id), "revision": 5}
    closed["closed_at"] = "2026-11-28T09:00:00+00:00"
    result = east.push(visits=[tombstone], shifts=[closed])

    assert acked(result) == set()
    assert set(refused(result)) == {genuine["uuid"], west_shift["uuid"]}
    assert row(hub_engine, visit, genuine["uuid"]).deleted_at is None
    assert row(hub_engine, shift, west_shift["uuid"]).closed_at is None


def test_audit_entries_of_another_station_are_refused_not_swallowed(
    hub: HubProcess, hub_engine: Engine
) -> None:
    west, east = Station(hub, "西门"), Station(hub, "东门")
    planted = audit_json(east.desk_id, action="planted")
    assert acked(east.push(audit=[planted])) == {planted["uuid"]}

    genuine = audit_json(west.desk_id, uuid=planted["uuid"], action="visit_registered")
    result = west.push(audit=[genuine])

    assert acked(result) == set()
    assert "another station" in refused(result)[planted["uuid"]]
    assert row(hub_engine, audit, planted["uuid"]).action == "planted"
    # The same entry sent again by its owner is still acknowledged (idempotent).
    assert acked(east.push(audit=[planted])) == {planted["uuid"]}


def test_a_token_claiming_another_desks_id_does_not_lock_that_desk_out(
    hub: HubProcess, hub_engine: Engine
) -> None:
    """Failure 2: a token first to claim west's desk id gains nothing over west's rows."""
    west = Station(hub, "西门")
    squatter = Station(hub, "东门", desk_id=west.desk_id)
    planted = visit_json(west.desk_id, note="squatted")
    assert acked(squatter.push(visits=[planted])) == {planted["uuid"]}

    genuine = visit_json(west.desk_id, note="genuine")
    result = west.push(visits=[genuine])
    assert acked(result) == {genuine["uuid"]}
    assert row(hub_engine, visit, genuine["uuid"]).note == "genuine"

    # Neither can touch the other's rows, though both name the same desk id.
    over = west.push(visits=[{**planted, "revision": 2, "note": "west?"}])
    assert planted["uuid"] in refused(over)
    back = squatter.push(visits=[{**genuine, "revision": 2, "note": "squatter?"}])
    assert genuine["uuid"] in refused(back)
    assert row(hub_engine, visit, genuine["uuid"]).note == "genuine"

    # The desk id with west's own key stays west's: a third token cannot take it.
    thief = Station(hub, "北门", desk_id=west.desk_id)
    thief.header = west.header
    assert thief.send().status_code == 403  # it cannot sign with west's key
    thief.key = west.key  # and even holding it, the identity is taken
    answer = thief.send()
    assert answer.status_code == 409
    assert answer.json()["error"] == "station_claimed"
