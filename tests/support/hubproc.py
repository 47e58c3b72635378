"""A real ``checkpoint-hub serve`` process on 127.0.0.1 (for tests and benchmarks)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.support.postgres import free_port

ADDRESS_IN_USE = "address already in use"  # uvicorn's words for EADDRINUSE


class HubProcess:
    """``start()`` waits for ``/health``; ``kill()`` is SIGKILL; ``restart()`` keeps port."""

    def __init__(self, db_url: str, home: Path, port: int | None = None) -> None:
        self.db_url = db_url
        self.home = home
        self.port = port or free_port()
        # A port picked here may be taken (another pytest worker) before the hub binds
        # it: the first ``start()`` then tries another one; a port given is kept.
        self.port_given = port is not None
        self.log_path = home / "hub.log"
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60.0) -> HubProcess:
        self.home.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "CHECKPOINT_HUB_HOME": str(self.home)}
        log = self.log_path.open("ab")
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "checkpoint_desk.hub.cli",
                "serve",
                "--db",
                self.db_url,
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
        )
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                if not self.port_given and ADDRESS_IN_USE in self.log():
                    self.log_path.unlink(missing_ok=True)
                    self.port = free_port()
                    return self.start(deadline - time.monotonic())
                raise RuntimeError(f"hub exited ({self.proc.returncode}):\n{self.log()}")
            try:
                if httpx.get(f"{self.url}/health", timeout=2).status_code == 200:
                    self.port_given = True  # clients know the address now: restarts keep it
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        self.kill()
        raise RuntimeError(f"hub did not answer /health in {timeout} s:\n{self.log()}")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-4000:] if self.log_path.exists() else ""

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def kill(self) -> None:
        """SIGKILL: no clean shutdown, as in a power cut."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(timeout=30)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()

    def restart(self) -> HubProcess:
        self.kill()
        return self.start()
