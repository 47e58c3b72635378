"""``operator add``: a station set up headless, the PIN from the environment."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest

from checkpoint_desk.cli import main
from checkpoint_desk.services.operators import verify_pin
from checkpoint_desk.store.engine import open_database
from checkpoint_desk.store.vault import unlock_vault
from tests.conftest import TEST_PASSPHRASE


def test_operator_add_and_list(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    home = str(tmp_path / "desk")
    assert main(["init", "--station", "西门", "--data-dir", home]) == 0
    monkeypatch.setenv("CHECKPOINT_DESK_PIN", "2468")
    capsys.readouterr()
    assert (
        main(["operator", "add", "王芳", "--role", "supervisor", "--json", "--data-dir", home]) == 0
    )
    added = json.loads(capsys.readouterr().out)
    assert added["role"] == "supervisor"
    vault = unlock_vault(tmp_path / "desk" / "keys", TEST_PASSPHRASE)  # a sign-in is audited
    engine = open_database(tmp_path / "desk" / "checkpoint.db", vault=vault)
    assert verify_pin(engine, uuid.UUID(added["id"]), "2468").name == "王芳"
    engine.dispose()
    monkeypatch.setenv("CHECKPOINT_DESK_PIN", "12")
    assert main(["operator", "add", "李四", "--data-dir", home]) == 2
    assert "4 to 12 digits" in capsys.readouterr().err
    assert main(["operator", "list", "--json", "--data-dir", home]) == 0
    assert [o["name"] for o in json.loads(capsys.readouterr().out)] == ["王芳"]
