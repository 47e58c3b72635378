"""Failure 9 (part): the hub's log after a failed statement holds no ID number or phone.

SQLAlchemy puts a failed statement's parameters in its error message, and the hub
logged that whole (mode 0644). Here a trigger makes the database refuse the insert
(a real failed statement, on SQLite and PostgreSQL), and every log the hub wrote is
read back.
"""

from __future__ import annotations

import stat
import uuid

import httpx

from checkpoint_desk.hub.database import make_hub_engine
from tests.support.desks import register_station
from tests.support.hubproc import HubProcess
from tests.support.samples import station_json, visit_json

ID_NUMBER = "37081119900101123X"
PHONE = "13812345678"
REFUSE = {
    "sqlite": [
        "CREATE TRIGGER refuse BEFORE INSERT ON hub_visit "
        "BEGIN SELECT RAISE(ABORT, 'the disk says no'); END"
    ],
    "postgresql": [
        "CREATE FUNCTION refuse() RETURNS trigger AS $$ "
        "BEGIN RAISE EXCEPTION 'the disk says no'; END $$ LANGUAGE plpgsql",
        "CREATE TRIGGER refuse BEFORE INSERT ON hub_visit FOR EACH ROW EXECUTE FUNCTION refuse()",
    ],
}


def test_a_failed_statement_leaves_no_id_number_or_phone_in_the_logs(
    fresh_hub: HubProcess,
) -> None:
    token = register_station(fresh_hub.db_url, "西门")
    engine = make_hub_engine(fresh_hub.db_url)
    with engine.begin() as conn:
        for statement in REFUSE[engine.dialect.name]:
            conn.exec_driver_sql(statement)
    engine.dispose()
    desk_id = uuid.uuid4()
    body = {
        "station": station_json(desk_id),
        "visits": [visit_json(desk_id, id_number=ID_NUMBER, phone=PHONE)],
    }
    answer = httpx.post(
        f"{fresh_hub.url}/api/v1/push",
        json=body,
        headers={"Authorization": f"Bearer {token}"},
        timeout=60,
    )
    assert answer.status_code == 503
    fresh_hub.stop()

    log_dir = fresh_hub.home / "logs"
    files = sorted(log_dir.glob("checkpoint-hub.log*"))
    assert files, "the hub wrote no log file"
    assert stat.S_IMODE(log_dir.stat().st_mode) == 0o700
    written = ""
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
        written += path.read_text(encoding="utf-8")
    assert "database error" in written  # the failed statement was logged …
    everything = written + fresh_hub.log_path.read_text(encoding="utf-8", errors="replace")
    assert ID_NUMBER not in everything  # … without the numbers (file and stderr)
    assert PHONE not in everything
