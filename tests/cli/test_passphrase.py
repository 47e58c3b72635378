"""The station passphrase on the command line: asked, checked, refused in words."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from checkpoint_desk.cli import main
from checkpoint_desk.store.vault import DEMO_PASSPHRASE, ENV_PASSPHRASE, unlock_vault
from tests.conftest import TEST_PASSPHRASE


@pytest.fixture
def home(cli_home: Path) -> Path:
    return cli_home  # what ``init --station 西门`` makes


def run(
    home: Path, env_value: bytes | None, stdin: bytes = b""
) -> subprocess.CompletedProcess[bytes]:
    """``operator list`` in a child process with the passphrase given as raw bytes."""
    env = {k.encode(): v.encode() for k, v in os.environ.items() if k != ENV_PASSPHRASE}
    if env_value is not None:
        env[ENV_PASSPHRASE.encode()] = env_value
    return subprocess.run(
        [sys.executable, "-m", "checkpoint_desk.cli", "operator", "list", "--data-dir", str(home)],
        env=env,
        input=stdin,
        capture_output=True,
        timeout=120,
        check=False,
    )


def test_the_right_passphrase_opens_and_a_wrong_one_changes_nothing(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert unlock_vault(home / "keys", TEST_PASSPHRASE) is not None
    before = (home / "checkpoint.db").read_bytes()
    monkeypatch.setenv(ENV_PASSPHRASE, TEST_PASSPHRASE + "x")
    capsys.readouterr()
    assert main(["operator", "list", "--data-dir", str(home)]) == 2
    err = capsys.readouterr().err
    assert "Wrong passphrase" in err and err.count("\n") == 1
    assert (home / "checkpoint.db").read_bytes() == before


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (b"", b"empty"),
        (b"x" * 1025, b"too long"),
        (b"\xff\xfe secret", b"UTF-8"),
    ],
)
def test_bad_passphrases_from_the_environment(home: Path, value: bytes, message: bytes) -> None:
    done = run(home, value)
    assert done.returncode == 2 and message in done.stderr
    assert b"Traceback" not in done.stderr and done.stderr.count(b"\n") == 1


def test_passphrase_from_standard_input(home: Path) -> None:
    assert run(home, None, TEST_PASSPHRASE.encode() + b"\n").returncode == 0
    bad = run(home, None, b"\xc3\x28 not utf-8\n")
    assert bad.returncode == 2 and b"UTF-8" in bad.stderr and b"Traceback" not in bad.stderr
    nothing = run(home, None, b"")
    assert nothing.returncode == 2 and ENV_PASSPHRASE.encode() in nothing.stderr


def test_demo_station_uses_the_documented_demo_passphrase(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(ENV_PASSPHRASE)
    home = tmp_path / "demo"
    assert main(["--demo", "init", "--station", "演示", "--data-dir", str(home)]) == 0
    assert unlock_vault(home / "keys", DEMO_PASSPHRASE) is not None
    assert main(["operator", "list", "--data-dir", str(home)]) == 0  # not asked


@pytest.mark.parametrize(
    ("pin", "message"),
    [(b"\xff\xfe12", b"UTF-8"), (b"", b"4 to 12 digits"), (b"1" * 200, b"4 to 12 digits")],
)
def test_bad_supervisor_pins_are_refused_in_words(home: Path, pin: bytes, message: bytes) -> None:
    env = {k.encode(): v.encode() for k, v in os.environ.items()}
    env[b"CHECKPOINT_DESK_PIN"] = pin
    done = subprocess.run(
        [sys.executable, "-m", "checkpoint_desk.cli", "pass", "revoke", "PNOTHERE",
         "--supervisor", "刘主任", "--data-dir", str(home)],
        env=env, capture_output=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 2 and message in done.stderr
    assert b"Traceback" not in done.stderr and done.stderr.count(b"\n") == 1
