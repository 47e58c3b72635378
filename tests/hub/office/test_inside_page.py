"""The office's Inside page over HTTP: counts by station from the inside index, a
station's list in pages of 300, longest inside first (issue 17)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import closing
from datetime import timedelta

import pytest
import sqlalchemy as sa

from checkpoint_desk.hub.database import open_hub_database
from checkpoint_desk.hub.office.users import add_user
from checkpoint_desk.hub.office_audit import office_audit
from tests.hub.office.test_pages import logged_in
from tests.support.gates import DAY, Gate, gate, visit
from tests.support.hubproc import HubProcess

CROWD = 305


@pytest.fixture(scope="module")
def crowded_hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[HubProcess, Gate]]:
    home = tmp_path_factory.mktemp("inside-hub")
    url = f"sqlite:///{home / 'hub.db'}"
    engine = open_hub_database(url)
    try:
        add_user(engine, "viewer", "viewer", "viewer password")
        add_user(engine, "manager", "manager", "manager password")
        west, east = gate(engine, "西门"), gate(engine, "东门")
        people = [
            visit((DAY + timedelta(minutes=n)).isoformat(), "in", f"人{n:03d}", None, f"139{n:08d}")
            for n in range(CROWD)
        ]
        for start in range(0, CROWD, 100):
            west.push(*people[start : start + 100])
        east.push(visit(DAY.isoformat(), "in", "东一", None, "13800000001"))
        east.push(visit((DAY + timedelta(hours=1)).isoformat(), "out", "东一", None, "13800000001"))
    finally:
        engine.dispose()
    hub = HubProcess(url, home).start()
    yield hub, west
    hub.stop()


def _names(page: str) -> list[str]:
    table = page.split('id="inside-people"', 1)[1].split("</table>", 1)[0]
    return re.findall(r"<tr><td>(人\d+)</td>", table)


def test_counts_by_station_and_the_list_in_pages(crowded_hub: tuple[HubProcess, Gate]) -> None:
    hub, west = crowded_hub
    http, _csrf = logged_in(hub, "viewer")
    with closing(http):
        whole = http.get("/office/inside")
        first = http.get(f"/office/inside?station={west.hub_station.id}")
        second = http.get(f"/office/inside?station={west.hub_station.id}&page=1")
        beyond = http.get(f"/office/inside?station={west.hub_station.id}&page=9")
    assert re.search(r'id="inside-total">305<', whole.text)
    assert re.search(r'data-station="西门">.*?<td class="num">305</td>', whole.text)
    assert re.search(r'data-station="东门">.*?<td class="num">0</td>', whole.text)
    assert _names(first.text) == [f"人{n:03d}" for n in range(300)]  # longest inside first
    assert "第 1–300 人，共 305 人" in first.text and "page=1" in first.text
    assert _names(second.text) == [f"人{n:03d}" for n in range(300, 305)]
    assert "第 301–305 人，共 305 人" in second.text and "page=0" in second.text
    assert "139****0304" in second.text  # masked
    assert _names(beyond.text) == []


def test_a_manager_sees_a_page_unmasked_and_it_is_audited(
    crowded_hub: tuple[HubProcess, Gate],
) -> None:
    hub, west = crowded_hub
    where = f"/office/inside?station={west.hub_station.id}&page=1"
    viewer, _ = logged_in(hub, "viewer")
    with closing(viewer):
        refused = viewer.get(where + "&full=true")
        plain = viewer.get(where)
    assert refused.status_code == 403
    assert "13900000304" not in plain.text and "full=true" not in plain.text
    manager, _ = logged_in(hub, "manager")
    with closing(manager):
        masked = manager.get(where)
        full = manager.get(where + "&full=true")
    assert "139****0304" in masked.text and "full=true" in masked.text
    assert "13900000304" in full.text and "139****0304" not in full.text
    engine = open_hub_database(hub.db_url)
    try:
        with engine.connect() as conn:
            trail = conn.execute(
                sa.select(office_audit.c.actor, office_audit.c.action, office_audit.c.detail)
            ).all()
    finally:
        engine.dispose()
    assert [(a, d) for a, act, d in trail if act == "office_unmask"] == [
        ("manager", {"page": "inside", "station": "西门", "rows": 5})
    ]
