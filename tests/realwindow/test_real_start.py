"""The real ``main()`` under Xvfb with no window manager (a kiosk session): the desk
takes the keyboard itself, so its F-keys work without anyone clicking into it first."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.realwindow.conftest import REAL_X

pytestmark = pytest.mark.skipif(not REAL_X, reason="real X11 window: run `make pytest-realwindow`")


def _theme(data_dir: Path) -> str:
    try:
        return str(json.loads((data_dir / "ui-state.json").read_text())["theme"])
    except (OSError, ValueError, KeyError):
        return ""


def test_f6_works_in_the_desk_as_started_without_a_click(tmp_path: Path) -> None:
    """Seen by hand: typing reached the form but F5–F10 did nothing until a click, as
    nothing gave the window focus (no window manager) and Qt's window shortcuts need
    an active window."""
    data_dir = tmp_path / "desk"
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO / "src"),
        "QT_QPA_PLATFORM": "xcb",
        "CHECKPOINT_DESK_PASSPHRASE": "kiosk-pass-123",
    }
    subprocess.run(["xdotool", "mousemove", "0", "0"], check=True)  # not over the window
    errors = tmp_path / "stderr.txt"
    with errors.open("wb") as stderr:
        desk = subprocess.Popen(
            [sys.executable, "-m", "checkpoint_desk", "--demo", "--data-dir", str(data_dir)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
    try:
        deadline = time.monotonic() + 90
        # F6 does nothing until the station is open (its shortcuts are made then): press
        # it once a second until the theme has switched, or give up.
        while _theme(data_dir) != "dark" and time.monotonic() < deadline:
            assert desk.poll() is None, errors.read_text(errors="replace")
            subprocess.run(["xdotool", "key", "F6"], check=True)
            time.sleep(1.0)
        assert _theme(data_dir) == "dark", "F6 never reached the desk's window"
    finally:
        desk.terminate()
        try:
            desk.wait(timeout=20)
        except subprocess.TimeoutExpired:
            desk.kill()
            desk.wait()
