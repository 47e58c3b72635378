"""The desk's outbox: what waits, and what an acknowledgement marks."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import Session

from checkpoint_desk.services.audit import record
from checkpoint_desk.sync import outbox
from checkpoint_desk.sync.wire import Ack, VisitIn
from tests.support.desks import Desk, add_shift, add_visits, edit_visit, make_desk


def desk_with_visits(tmp_path: Path, count: int) -> tuple[Desk, list[object]]:
    desk = make_desk(tmp_path / "desk", "西门卡点")
    return desk, list(add_visits(desk, count, shift_id=add_shift(desk)))


def test_batches_walk_the_outbox_in_key_order(tmp_path: Path) -> None:
    desk, ids = desk_with_visits(tmp_path, 25)
    seen = []
    after = None
    while batch := outbox.read_batch(desk.engine, "visits", after, 10):
        seen.extend(v.uuid for v in batch)  # type: ignore[attr-defined]
        after = outbox.key_of(batch[-1])
    assert sorted(seen) == sorted(ids)
    assert seen == sorted(seen)
    desk.close()


def test_visits_carry_the_person_and_validate_on_the_wire(tmp_path: Path) -> None:
    desk, ids = desk_with_visits(tmp_path, 10)
    batch = outbox.read_batch(desk.engine, "visits", None, None)
    first = next(v for v in batch if v.uuid == ids[0])  # type: ignore[attr-defined]
    again = VisitIn.model_validate_json(first.model_dump_json())
    assert again.name == "张伟0"
    assert again.id_number == "37081119900101123X"
    assert again.station_id == desk.station.id
    desk.close()


def test_only_the_acknowledged_revision_is_marked(tmp_path: Path) -> None:
    desk, ids = desk_with_visits(tmp_path, 3)
    sent = outbox.read_batch(desk.engine, "visits", None, None)
    # The volunteer edits one visit while its batch is on the way to the hub.
    edit_visit(desk, ids[0], "复测 37.0")  # type: ignore[arg-type]
    acks = [Ack(kind="visits", uuid=v.uuid, revision=v.revision) for v in sent]  # type: ignore[attr-defined]
    assert outbox.mark_acknowledged(desk.engine, acks) == 2
    waiting = outbox.read_batch(desk.engine, "visits", None, None)
    assert [(v.uuid, v.revision) for v in waiting] == [(ids[0], 2)]  # type: ignore[attr-defined]
    assert outbox.waiting_count(desk.engine) == 1
    desk.close()


def test_operators_travel_without_pin_hashes(tmp_path: Path) -> None:
    desk, _ = desk_with_visits(tmp_path, 1)
    (operator,) = outbox.read_batch(desk.engine, "operators", None, None)
    wire = operator.model_dump()
    assert wire["name"] == "王芳"
    assert not any("pin" in key for key in wire)
    desk.close()


def test_audit_entries_wait_until_acknowledged(tmp_path: Path) -> None:
    desk, _ = desk_with_visits(tmp_path, 1)
    with Session(desk.engine) as session:
        entry = record(session, "export", {"day": "2026-11-28"}, station_id=desk.station.id)
        session.commit()
        entry_id = entry.id
    (waiting,) = outbox.read_batch(desk.engine, "audit", None, None)
    assert waiting.uuid == entry_id  # type: ignore[attr-defined]
    outbox.mark_acknowledged(desk.engine, [Ack(kind="audit", uuid=entry_id, revision=1)])
    assert outbox.read_batch(desk.engine, "audit", None, None) == []
    desk.close()
