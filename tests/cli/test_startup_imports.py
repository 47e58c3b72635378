"""A command imports only what it uses (issue 15: start fast).

Each case runs the real entry point in a fresh interpreter and looks at
``sys.modules`` when it exits: deterministic, unlike a timing.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from checkpoint_desk.codes.demo import DemoKeys, demo_codes, demo_pass
from checkpoint_desk.paths import DataDir
from checkpoint_desk.store.models import ReferenceData
from tests.conftest import FakeClock

# What ``sys.modules`` holds when the command ends, written to the file in argv[1].
CHILD = """
import atexit, json, sys
out = sys.argv[1]
atexit.register(lambda: open(out, "w").write(json.dumps(sorted(sys.modules))))
from {module} import main
sys.exit(main(sys.argv[2:]))
"""

# Heavy third-party packages and the layers a quick command has no use for.
WINDOW = {"PySide6", "shiboken6"}
CAMERA = {"cv2", "numpy", "zxingcpp", "pyzbar"}
DATABASE = {"sqlalchemy", "sqlmodel", "alembic"}
NETWORK = {"httpx", "httpcore"}
HUB = {"fastapi", "starlette", "uvicorn", "psycopg", "checkpoint_desk.hub"}
LEDGERS = {"reportlab", "xlsxwriter"}
PICTURES = {"PIL", "qrcode"}
NAMES = {"pypinyin"}
NOT_FOR_READING = WINDOW | CAMERA | DATABASE | NETWORK | HUB | LEDGERS | PICTURES | NAMES
NOT_FOR_VERSION = NOT_FOR_READING | {"cryptography", "cbor2", "pydantic", "checkpoint_desk.ui"}


def imported(
    tmp_path: Path, *args: str, module: str = "checkpoint_desk.cli"
) -> tuple[set[str], subprocess.CompletedProcess[str]]:
    """The packages (and ``checkpoint_desk`` layers) loaded by running ``args``."""
    dump = tmp_path / "modules.json"
    result = subprocess.run(
        [sys.executable, "-c", CHILD.format(module=module), str(dump), *args],
        capture_output=True,
        text=True,
        env={**os.environ, "CHECKPOINT_DESK_HOME": str(tmp_path / "home")},
        timeout=120,
    )
    names: set[str] = set()
    for name in json.loads(dump.read_text()):
        parts = name.split(".")
        names.add(parts[0])
        if parts[0] == "checkpoint_desk" and len(parts) > 1:
            names.add(".".join(parts[:2]))
    return names, result


def test_version_imports_no_heavy_package(tmp_path: Path) -> None:
    names, result = imported(tmp_path, "--version")
    assert result.returncode == 0, result.stderr
    assert "checkpoint-desk" in result.stdout
    assert names & NOT_FOR_VERSION == set()


def test_hub_version_imports_neither_server_nor_database(tmp_path: Path) -> None:
    names, result = imported(tmp_path, "--version", module="checkpoint_desk.hub.cli")
    assert result.returncode == 0, result.stderr
    assert "checkpoint-hub" in result.stdout
    assert names & (NOT_FOR_VERSION - {"checkpoint_desk.hub"}) == set()


def test_read_without_a_station_loads_only_the_code_readers(
    tmp_path: Path, clock: FakeClock
) -> None:
    text = next(c.text for c in demo_codes(clock()) if c.text.startswith("CKH1:"))
    at = clock().isoformat()
    names, result = imported(tmp_path, "read", text, "--demo", "--json", "--at", at)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["status"] == "green"
    assert names & NOT_FOR_READING == set()


def test_read_at_a_station_sees_its_revocations_without_sqlalchemy(
    tmp_path: Path, engine: Engine, data_dir: DataDir, clock: FakeClock
) -> None:
    """The station's reference data still counts; the database is only peeked at."""
    now = clock()
    text = demo_pass(DemoKeys.load().passes, now, pass_id="PHUB1", start=-1, days=10)
    with Session(engine) as session:
        session.add(ReferenceData(kind="revocations", payload={"passes": ["PHUB1"]}))
        session.commit()
    at = now.isoformat()
    names, result = imported(
        tmp_path, "read", text, "--demo", "--json", "--at", at, "--data-dir", str(data_dir.root)
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["reasons"] == ["revoked"]
    assert names & NOT_FOR_READING == set()


def test_read_on_the_machines_clock_at_a_station_checks_it_without_sqlalchemy(
    tmp_path: Path, engine: Engine, data_dir: DataDir
) -> None:
    """Without ``--at`` the clock is held against the newest time the station has seen
    (issue 14); that check peeks too: SQLAlchemy loaded again for it (1.97 s CPU)."""
    from datetime import UTC, datetime

    from sqlmodel import select

    from checkpoint_desk.store.models import Station, Visit

    now = datetime.now(UTC)
    with Session(engine) as session:  # a station with a record: there is a time to hold
        [station_id] = session.exec(select(Station.id)).all()
        session.add(Visit(station_id=station_id, at=now))
        session.commit()
    text = demo_pass(DemoKeys.load().passes, now, pass_id="PNOW1", start=-1, days=10)
    names, result = imported(
        tmp_path, "read", text, "--demo", "--json", "--data-dir", str(data_dir.root)
    )
    assert result.returncode == 0, result.stderr
    assert "clock_behind" not in json.loads(result.stdout)["reasons"]
    assert names & NOT_FOR_READING == set()


# The desk's real entry point, stopped when its event loop first turns (the window
# shown); what is loaded by then is written out like the commands' modules above.
DESK = """
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
out = sys.argv[1]
def shown():
    open(out, "w").write(json.dumps(sorted(sys.modules)))
    QApplication.instance().quit()
run = QApplication.exec  # a static method
def first_turn(*_):
    QTimer.singleShot(0, shown)
    return run()
QApplication.exec = first_turn
from checkpoint_desk.cli import main
sys.exit(main(sys.argv[2:]))
"""
NOT_FOR_THE_WINDOW = CAMERA | NETWORK | HUB | LEDGERS | NAMES | {"alembic"}


@pytest.mark.usefixtures("station_env")
def test_the_desk_window_appears_without_camera_hub_or_ledger_code(
    tmp_path: Path, data_dir: DataDir
) -> None:
    dump = tmp_path / "modules.json"
    result = subprocess.run(
        [sys.executable, "-c", DESK, str(dump), "--data-dir", str(data_dir.root)],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    loaded = set(json.loads(dump.read_text()))
    names = {n.split(".")[0] for n in loaded} | {
        ".".join(n.split(".")[:2]) for n in loaded if n.startswith("checkpoint_desk.")
    }
    assert "PySide6" in names
    assert names & NOT_FOR_THE_WINDOW == set()


# Issue 15: the window paints before the database layers load. The desk's own hook
# (``ui.app.MODULES_AT_FIRST_PAINT``) prints ``sys.modules`` at its first paint, then
# quits: what a volunteer waits for before seeing the sign-in page.
NOT_AT_FIRST_PAINT = (
    DATABASE | CAMERA | NETWORK | HUB | LEDGERS | NAMES | {"pydantic", "cryptography"}
)


@pytest.mark.usefixtures("station_env")
def test_the_desk_paints_its_first_page_before_the_database_layers_load(
    tmp_path: Path, data_dir: DataDir
) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "checkpoint_desk", "--data-dir", str(data_dir.root)],
        capture_output=True,
        text=True,
        env={
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "CHECKPOINT_DESK_MODULES_AT_FIRST_PAINT": "1",
        },
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    loaded = set(result.stdout.split())
    names = {n.split(".")[0] for n in loaded}
    assert "PySide6" in names, "the window was painted"
    assert "checkpoint_desk.ui.main_window" in loaded
    assert names & NOT_AT_FIRST_PAINT == set()
    assert not {n for n in loaded if n.startswith("checkpoint_desk.store.")} - {
        "checkpoint_desk.store.peek"
    }, "only the sqlite3 peek of the store"


# What the hub's server has loaded once its app is built and migrated: the desk's ORM
# models and the ledger renderers come with the first ledger asked for, not with each
# start (a test hub process starts dozens of times a run; a real one after each update).
HUB_APP = """
import json, sys
from checkpoint_desk.hub.app import create_app
create_app(sys.argv[2])
open(sys.argv[1], "w").write(json.dumps(sorted(sys.modules)))
"""
NOT_FOR_THE_HUB_SERVER = WINDOW | CAMERA | LEDGERS | PICTURES | NAMES | {"sqlmodel"}


def test_the_hub_server_starts_without_the_desk_models_or_ledger_code(tmp_path: Path) -> None:
    dump = tmp_path / "modules.json"
    result = subprocess.run(
        [sys.executable, "-c", HUB_APP, str(dump), f"sqlite:///{tmp_path / 'hub.db'}"],
        capture_output=True,
        text=True,
        env={**os.environ, "CHECKPOINT_HUB_HOME": str(tmp_path / "hub")},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    loaded = set(json.loads(dump.read_text()))
    names = {n.split(".")[0] for n in loaded}
    assert "fastapi" in names, "the app was built"
    assert names & NOT_FOR_THE_HUB_SERVER == set()
    desk_only = {"checkpoint_desk.store.models", "checkpoint_desk.export.ledger_rows"}
    assert loaded & desk_only == set()
    assert not {n for n in loaded if n.startswith("checkpoint_desk.ui")}
