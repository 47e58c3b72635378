"""Test hubs forked from the zygote behave as exec'ed ones (tests/support/hubzygote.py)."""

from __future__ import annotations

import signal
from pathlib import Path

import httpx
import pytest

from tests.support.hubproc import ForkedHub, HubProcess


def test_a_forked_hub_serves_dies_by_signal_and_restarts_on_its_port(tmp_path: Path) -> None:
    hub = HubProcess(f"sqlite:///{tmp_path / 'hub.db'}", tmp_path / "hub").start()
    try:
        assert isinstance(hub.proc, ForkedHub), "the default is the zygote"
        first = hub.proc.pid
        assert httpx.get(f"{hub.url}/health", timeout=5).status_code == 200
        hub.kill()
        assert hub.proc.returncode == -signal.SIGKILL, "as subprocess says a signal"
        hub.restart()
        assert hub.proc.pid != first and hub.alive()
        assert httpx.get(f"{hub.url}/health", timeout=5).status_code == 200
    finally:
        hub.stop()
    # SIGTERM: uvicorn shuts down cleanly, then ends by the signal, as an exec'ed one does.
    assert hub.proc.returncode == -signal.SIGTERM
    assert "Application shutdown complete" in hub.log()


def test_a_hub_that_cannot_start_says_why(tmp_path: Path) -> None:
    (tmp_path / "not-a-dir").write_text("a file where the database's folder should be")
    hub = HubProcess(f"sqlite:///{tmp_path / 'not-a-dir' / 'hub.db'}", tmp_path / "hub")
    with pytest.raises(RuntimeError, match=r"hub exited \([1-9]"):
        hub.start(timeout=60)


def test_exec_mode_starts_a_fresh_interpreter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHECKPOINT_TEST_HUB_EXEC", "1")
    hub = HubProcess(f"sqlite:///{tmp_path / 'hub.db'}", tmp_path / "hub").start()
    try:
        assert not isinstance(hub.proc, ForkedHub)
    finally:
        hub.stop()
