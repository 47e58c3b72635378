"""A scripted day at three gates, synced to a real hub: inside and trace at the hub.

Real desks (their own databases, vaults and keys) register visitors through the
desk's own ``register_visit``, enter by one gate and leave by another, sync at
different moments (one gate only at the end of the day), a supervisor deletes a
mistaken exit; then ``checkpoint-hub inside`` and ``trace`` answer the office. On
SQLite and on PostgreSQL 15 (issue 16, "Must hold").
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from checkpoint_desk.domain.screening import ScreeningRules
from checkpoint_desk.hub.cli import main as hub_main
from checkpoint_desk.services.drafts import VisitDraft
from checkpoint_desk.services.sync import sync_now
from checkpoint_desk.services.visit_edits import delete_visit
from checkpoint_desk.services.visits import register_visit
from tests.support.desks import Desk, enrol, make_desk, supervisor_approval
from tests.support.hubproc import HubProcess

# Yesterday, so the script's times are in the past of every clock involved.
DAY = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0) - timedelta(days=1)

ZHANG = ("张伟", "370811199001011236", "")
LI = ("李娜", "370802198505052284", "13912345678")
WANG = ("王强", "110101197001010016", "")
ZHAO = ("赵敏", "370811199202023217", "")
SUN = ("孙丽", "", "13700001111")  # no ID card: known by phone
ZHOU = ("周到", "370811198808088889", "")

# (minutes after 08:00, gate, direction, person)
SCRIPT = [
    (0, "西门", "in", ZHANG),
    (10, "西门", "in", LI),
    (25, "西门", "in", WANG),  # 25 minutes after 张伟, at his gate: a contact
    (40, "东门", "in", SUN),
    (45, "西门", "in", ZHOU),  # 45 minutes after 张伟: not
    (120, "东门", "out", ZHANG),  # 张伟 leaves by the east gate
    (130, "东门", "out", SUN),  # 10 minutes after 张伟 at that gate: a contact
    (200, "北门", "out", LI),  # a mistake, deleted below: 李娜 never left
    (300, "北门", "in", SUN),  # back in by the north gate
    (310, "东门", "out", WANG),
    (320, "西门", "in", ZHAO),
    (480, "东门", "in", ZHANG),  # 张伟 is back in the evening
]
MISTAKE = 7  # SCRIPT index of the exit the north gate's supervisor deletes


@dataclass
class Gates:
    hub: HubProcess
    desks: dict[str, Desk]


@pytest.fixture
def gates(fresh_hub: HubProcess, tmp_path: Path) -> Iterator[Gates]:
    desks: dict[str, Desk] = {}
    try:
        for name in ("西门", "东门", "北门"):
            desk = make_desk(tmp_path / name, f"{name}卡点")
            enrol(desk, fresh_hub, f"{name}卡点")
            desks[name] = desk
        yield Gates(fresh_hub, desks)
    finally:
        for desk in desks.values():
            desk.close()


def register(desk: Desk, minutes: int, direction: str, person: tuple[str, str, str]) -> uuid.UUID:
    name, id_number, phone = person
    done = register_visit(
        desk.engine,
        VisitDraft(
            direction=direction,
            name=name,
            id_number=id_number,
            phone=phone,
            temperature="36.5",
            confirmed_colour="green",
            at=DAY + timedelta(hours=8, minutes=minutes),
        ),
        station_id=desk.station.id,
        shift_id=None,
        rules=ScreeningRules(),
    )
    return done.visit_id


def sync(desk: Desk) -> None:
    report = sync_now(desk.engine, desk.data_dir, desk.settings)
    assert report.ok, report.errors
    assert desk.waiting() == 0


def gate_of(station: str) -> str:
    """The hub station's name without the suffix that keeps test names unique."""
    return station.rsplit("-", 1)[0]


def hub_json(
    hub: HubProcess, capsys: pytest.CaptureFixture[str], *argv: str
) -> list[dict[str, str]]:
    assert hub_main([*argv, "--db", hub.db_url, "--json"]) == 0
    answer: list[dict[str, str]] = json.loads(capsys.readouterr().out)
    return answer


@pytest.mark.slow
def test_a_day_at_three_gates_gives_the_hub_the_right_inside_and_trace(
    gates: Gates, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHECKPOINT_HUB_HOME", str(gates.hub.home))
    ids = []
    for n, (minutes, gate, direction, person) in enumerate(SCRIPT):
        ids.append(register(gates.desks[gate], minutes, direction, person))
        if n == 4:  # the west and north gates sync in the morning; the east one at night
            sync(gates.desks["西门"])
    sync(gates.desks["北门"])
    delete_visit(
        gates.desks["北门"].engine,
        ids[MISTAKE],
        approval=supervisor_approval(gates.desks["北门"]),
        reason="登记错了",
    )
    sync(gates.desks["北门"])
    sync(gates.desks["西门"])

    before_east = {p["name"] for p in hub_json(gates.hub, capsys, "inside")}
    assert before_east == {"张伟", "李娜", "王强", "周到", "孙丽", "赵敏"}  # east not synced yet

    sync(gates.desks["东门"])
    inside = hub_json(gates.hub, capsys, "inside")
    assert [(p["name"], gate_of(p["station"])) for p in inside] == [
        ("李娜", "西门卡点"),
        ("周到", "西门卡点"),
        ("孙丽", "北门卡点"),
        ("赵敏", "西门卡点"),
        ("张伟", "东门卡点"),
    ]
    li = inside[0]
    assert li["id_masked"] == "370802********2284"
    assert datetime.fromisoformat(li["since"]) == DAY + timedelta(hours=8, minutes=10)

    first, last = ((DAY + timedelta(hours=h)).astimezone().date().isoformat() for h in (8, 16))
    days = ["--from", first, "--to", last]  # local days
    contacts = hub_json(gates.hub, capsys, "trace", "--id", ZHANG[1], *days)
    assert [(c["name"], gate_of(c["station"])) for c in contacts] == [
        ("李娜", "西门卡点"),  # 10 minutes after him
        ("王强", "西门卡点"),  # 25 minutes after him
        ("孙丽", "东门卡点"),  # 10 minutes after he left by the east gate
    ]
    assert contacts[2]["phone_masked"] == "137****1111"
    assert datetime.fromisoformat(contacts[2]["overlap_with"]) == DAY + timedelta(hours=10)
    by_phone = hub_json(gates.hub, capsys, "trace", "--phone", SUN[2], *days)
    assert [(c["name"], gate_of(c["station"])) for c in by_phone] == [("张伟", "东门卡点")]
