"""The hub's HTTP API against a real hub process, on SQLite and on PostgreSQL."""

from __future__ import annotations

import base64
import contextlib
import json
import socket
import threading
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Engine

from checkpoint_desk.hub.database import open_hub_database
from checkpoint_desk.hub.reference import publish
from checkpoint_desk.hub.tables import visit
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


def client(hub: HubProcess, token: str | None) -> httpx.Client:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return httpx.Client(base_url=hub.url, headers=headers, timeout=60)


def push(
    hub: HubProcess, token: str, body: Any, key: Ed25519PrivateKey | None = None
) -> httpx.Response:
    """POST a push; with ``key``, signed as a desk signs it (its station key)."""
    data = json.dumps(body).encode("utf-8")
    headers = {"Content-Type": "application/json"}
    if key is not None:
        signature = key.sign(PUSH_CONTEXT + data)
        headers[SIGNATURE_HEADER] = base64.b64encode(signature).decode("ascii")
    with client(hub, token) as http:
        return http.post(PUSH, content=data, headers=headers)


def stored(engine: Engine, desk_id: uuid.UUID) -> dict[uuid.UUID, tuple[int, str]]:
    """The visits the hub holds for one desk station."""
    query = sa.select(visit.c.id, visit.c.revision, visit.c.note).where(
        visit.c.station_id == desk_id
    )
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return {r.id: (r.revision, r.note) for r in rows}


def test_health_and_docs(hub: HubProcess) -> None:
    health = httpx.get(f"{hub.url}/health").json()
    assert health["status"] == "ok"
    assert httpx.get(f"{hub.url}/docs").status_code == 200
    spec = httpx.get(f"{hub.url}/openapi.json").json()
    body = spec["paths"][PUSH]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert body == {"$ref": "#/components/schemas/PushBatch"}
    assert "VisitIn" in spec["components"]["schemas"]


def test_missing_or_wrong_token_is_401(hub: HubProcess) -> None:
    register_station(hub.db_url, "西门")
    station = station_json(uuid.uuid4())
    for token in (None, "not-a-token"):
        with client(hub, token) as http:
            answer = http.post(PUSH, json={"station": station})
            assert answer.status_code == 401
            assert answer.json()["error"] == "unauthorised"
            assert http.get("/api/v1/reference/risk_areas").status_code == 401


def test_push_stores_and_a_replay_changes_nothing(hub: HubProcess, hub_engine: Engine) -> None:
    token = register_station(hub.db_url, "西门")
    desk_id = uuid.uuid4()
    visits = [visit_json(desk_id) for _ in range(3)]
    body = {"station": station_json(desk_id), "visits": visits}
    first = push(hub, token, body)
    assert first.status_code == 200, first.text
    assert {a["uuid"] for a in first.json()["accepted"]} == {v["uuid"] for v in visits}
    second = push(hub, token, body)
    assert second.json() == first.json()
    assert len(stored(hub_engine, desk_id)) == 3


def test_out_of_order_revisions_keep_the_highest(hub: HubProcess, hub_engine: Engine) -> None:
    token = register_station(hub.db_url, "西门")
    desk_id = uuid.uuid4()
    visit_id = str(uuid.uuid4())
    station = station_json(desk_id)
    newer = visit_json(desk_id, uuid=visit_id, revision=3, note="third")
    older = visit_json(desk_id, uuid=visit_id, revision=2, note="second")
    assert push(hub, token, {"station": station, "visits": [newer]}).status_code == 200
    late = push(hub, token, {"station": station, "visits": [older]}).json()
    # The hub holds a later revision: the old one is acknowledged but not stored.
    assert late["accepted"] == [{"kind": "visits", "uuid": visit_id, "revision": 2}]
    assert stored(hub_engine, desk_id) == {uuid.UUID(visit_id): (3, "third")}
    # Duplicates inside one batch: the highest revision wins, stored once.
    both = [visit_json(desk_id, uuid=visit_id, revision=r, note=f"r{r}") for r in (5, 4, 5)]
    assert push(hub, token, {"station": station, "visits": both}).status_code == 200
    assert stored(hub_engine, desk_id) == {uuid.UUID(visit_id): (5, "r5")}


def test_one_invalid_visit_is_reported_and_the_rest_taken(
    hub: HubProcess, hub_engine: Engine
) -> None:
    token = register_station(hub.db_url, "西门")
    desk_id = uuid.uuid4()
    visits = [visit_json(desk_id) for _ in range(5)]
    visits[2]["temperature_c"] = "hot"
    visits[3]["revision"] = "5"  # a string is not a revision: no silent coercion
    answer = push(hub, token, {"station": station_json(desk_id), "visits": visits})
    assert answer.status_code == 200
    result = answer.json()
    assert len(result["accepted"]) == 3
    rejected = {r["index"]: r for r in result["rejected"]}
    assert set(rejected) == {2, 3}
    assert rejected[2]["uuid"] == visits[2]["uuid"]
    assert "temperature_c" in rejected[2]["reason"]
    assert "revision" in rejected[3]["reason"]
    assert len(stored(hub_engine, desk_id)) == 3


@pytest.mark.parametrize(
    ("body", "status", "error"),
    [
        (b"{not json", 400, "malformed_json"),
        (b"\xff\xfe", 400, "malformed_json"),
        (b"[" * 100_000, 400, "malformed_json"),
        (b'{"station": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", 400, "malformed_json"),
        (b"[]", 422, "invalid"),
        (b'{"station": "west gate"}', 422, "invalid"),
        (b'{"station": {"id": 5, "name": "x"}}', 422, "invalid"),
        (
            b'{"station": {"id": "6f1c0b3e-7a40-4bd4-9d6f-1b2f1c9a0b11", "name": "x"}, "x": 1}',
            422,
            "invalid",
        ),
    ],
)
def test_malformed_bodies_get_a_reason_and_the_hub_keeps_serving(
    hub: HubProcess, body: bytes, status: int, error: str
) -> None:
    token = register_station(hub.db_url, "西门")
    with client(hub, token) as http:
        answer = http.post(PUSH, content=body, headers={"Content-Type": "application/json"})
        assert answer.status_code == status
        assert answer.json()["error"] == error
        assert answer.json()["reason"]
    assert httpx.get(f"{hub.url}/health").status_code == 200


def test_items_of_the_wrong_shape_are_refused_one_by_one(hub: HubProcess) -> None:
    token = register_station(hub.db_url, "西门")
    desk_id = uuid.uuid4()
    body = {"station": station_json(desk_id), "visits": [7, visit_json(desk_id)], "shifts": "x"}
    result = push(hub, token, body).json()
    assert len(result["accepted"]) == 1
    kinds = sorted((r["kind"], r["index"]) for r in result["rejected"])
    assert kinds == [("shifts", -1), ("visits", 0)]


def _raw_request(port: int, head: bytes, chunks: Iterator[bytes]) -> tuple[bytes, int]:
    """Send ``head`` then ``chunks`` while reading the answer; returns it and bytes sent."""
    answer = bytearray()
    sock = socket.create_connection(("127.0.0.1", port), timeout=60)

    def read() -> None:
        try:
            while data := sock.recv(65536):
                answer.extend(data)
        except OSError:
            pass

    reader = threading.Thread(target=read)
    reader.start()
    sent = 0
    try:
        sock.sendall(head)
        for chunk in chunks:
            if answer:
                break
            sock.sendall(chunk)
            sent += len(chunk)
    except OSError:
        pass
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_WR)
    reader.join(60)
    sock.close()
    return bytes(answer), sent


FIFTY_MB = 50 * 1024 * 1024


def test_a_50_mb_body_is_refused_without_reading_it(hub: HubProcess) -> None:
    token = register_station(hub.db_url, "西门")
    head = (
        b"POST /api/v1/push HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json\r\n"
        + f"Authorization: Bearer {token}\r\nContent-Length: {FIFTY_MB}\r\n\r\n".encode()
    )
    answer, sent = _raw_request(hub.port, head, iter([b"[" * 65536] * 800))
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert sent < FIFTY_MB

    chunk = b"[" * (1024 * 1024)
    framed = b"%x\r\n" % len(chunk) + chunk + b"\r\n"
    head = (
        b"POST /api/v1/push HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json\r\n"
        + f"Authorization: Bearer {token}\r\nTransfer-Encoding: chunked\r\n\r\n".encode()
    )
    answer, sent = _raw_request(hub.port, head, iter([framed] * 50))
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert sent < FIFTY_MB
    assert httpx.get(f"{hub.url}/health").status_code == 200


def test_another_stations_token_cannot_write_as_this_station(
    hub: HubProcess, hub_engine: Engine
) -> None:
    west = register_station(hub.db_url, "西门")
    east = register_station(hub.db_url, "东门")
    west_id, east_id = uuid.uuid4(), uuid.uuid4()
    assert push(hub, west, {"station": station_json(west_id)}).status_code == 200
    # East's token claiming to be West is refused outright.
    claimed = push(hub, east, {"station": station_json(west_id), "visits": [visit_json(west_id)]})
    assert claimed.status_code == 409
    assert claimed.json()["error"] == "station_claimed"
    # East, bound to itself, cannot slip West's visits into its batch.
    mixed = push(
        hub,
        east,
        {"station": station_json(east_id), "visits": [visit_json(east_id), visit_json(west_id)]},
    ).json()
    assert len(mixed["accepted"]) == 1
    assert mixed["rejected"][0]["reason"].startswith("station_mismatch")
    # And East's token cannot later speak for another desk station either.
    other = push(hub, east, {"station": station_json(uuid.uuid4())})
    assert other.status_code == 403
    assert other.json()["error"] == "station_mismatch"
    assert len(stored(hub_engine, west_id)) == 0
    assert len(stored(hub_engine, east_id)) == 1


def test_a_changed_station_key_is_refused(hub: HubProcess) -> None:
    token = register_station(hub.db_url, "西门")
    desk_id = uuid.uuid4()
    first, second = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    station = station_json(desk_id, key=public_pem(first))
    assert push(hub, token, {"station": station}, first).status_code == 200
    unsigned = push(hub, token, {"station": station})
    assert unsigned.status_code == 403  # the token alone is not enough
    assert unsigned.json()["error"] == "signature_invalid"
    answer = push(hub, token, {"station": station_json(desk_id, key=public_pem(second))}, second)
    assert answer.status_code == 403
    assert answer.json()["error"] == "key_mismatch"


def test_reference_data_with_etag(fresh_hub: HubProcess) -> None:
    hub = fresh_hub
    token = register_station(hub.db_url, "西门")
    hub_engine = open_hub_database(hub.db_url)
    with client(hub, token) as http:
        assert http.get("/api/v1/reference/risk_areas").status_code == 404
        assert http.get("/api/v1/reference/nonsense").status_code == 404
        publish(hub_engine, "risk_areas", {"codes": ["420106"], "names": {"420106": "武昌区"}})
        first = http.get("/api/v1/reference/risk_areas")
        assert first.status_code == 200
        assert first.json()["payload"]["codes"] == ["420106"]
        etag = first.headers["ETag"]
        again = http.get("/api/v1/reference/risk_areas", headers={"If-None-Match": etag})
        assert again.status_code == 304
        publish(hub_engine, "risk_areas", {"codes": ["4201"]})
        changed = http.get("/api/v1/reference/risk_areas", headers={"If-None-Match": etag})
        assert changed.status_code == 200
        assert changed.json()["version"] == 2
    hub_engine.dispose()


def test_the_trust_list_carries_every_stations_pass_key(hub: HubProcess) -> None:
    west = register_station(hub.db_url, "西门")
    east = register_station(hub.db_url, "东门")
    west_key, east_key = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    west_pem, east_pem = public_pem(west_key), public_pem(east_key)
    for token, pem, key in ((west, west_pem, west_key), (east, east_pem, east_key)):
        answer = push(hub, token, {"station": station_json(uuid.uuid4(), key=pem)}, key)
        assert answer.status_code == 200
    with client(hub, west) as http:
        keys = http.get("/api/v1/reference/trust_list").json()["payload"]["keys"]
    by_key = {k["public_key"]: k for k in keys}
    assert by_key[east_pem]["issuer"].startswith("东门")
    assert by_key[east_pem]["schemes"] == ["CKP1"]
    assert by_key[west_pem]["issuer"].startswith("西门")


def test_concurrent_pushes_of_the_same_records_store_each_once(
    hub: HubProcess, hub_engine: Engine
) -> None:
    token = register_station(hub.db_url, "西门")
    desk_id = uuid.uuid4()
    ids = [str(uuid.uuid4()) for _ in range(200)]
    station = station_json(desk_id)
    assert push(hub, token, {"station": station}).status_code == 200
    failures: list[str] = []

    def pusher(revision: int) -> None:
        body = {
            "station": station,
            "visits": [
                visit_json(desk_id, uuid=i, revision=revision, note=f"r{revision}") for i in ids
            ],
        }
        answer = push(hub, token, body)
        if answer.status_code != 200 or len(answer.json()["accepted"]) != len(ids):
            failures.append(answer.text[:300])

    threads = [threading.Thread(target=pusher, args=(r,)) for r in (1, 3, 2, 3, 1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures
    held = stored(hub_engine, desk_id)
    assert len(held) == 200
    assert set(held.values()) == {(3, "r3")}
