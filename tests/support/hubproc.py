"""A real ``checkpoint-hub serve`` process on 127.0.0.1 (for tests and benchmarks).

Each hub is its own process. By default it is forked from a per-test-process zygote
that has the hub imported already (``tests/support/hubzygote.py``: a second of CPU less
per start); ``CHECKPOINT_TEST_HUB_EXEC=1`` starts every hub as a fresh interpreter
instead, as it did before, and so does an environment the zygote cannot take over
(an ``LD_PRELOAD``, another ``PYTHONPATH``).
"""

from __future__ import annotations

import atexit
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

from tests.support.postgres import free_port

ADDRESS_IN_USE = "address already in use"  # uvicorn's words for EADDRINUSE
# Environment a forked child cannot change for itself after the interpreter started.
EXEC_ONLY = ("LD_PRELOAD", "PYTHONPATH", "PYTHONHASHSEED", "PYTHONDONTWRITEBYTECODE")


class Zygote:
    """The per-process forker of hubs (started on first use, ended at exit)."""

    _lock = threading.Lock()
    _running: Zygote | None = None

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="hubzygote-"))
        self.path = str(self.folder / "socket")
        self.env = dict(os.environ)
        self.owner = os.getpid()  # a forked copy of this process must not end it
        self.log = (self.folder / "zygote.log").open("ab")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.support.hubzygote", self.path],
            stdin=subprocess.DEVNULL,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            cwd=Path(__file__).resolve().parents[2],
        )
        deadline = time.monotonic() + 120
        while not os.path.exists(self.path):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(
                    "the hub zygote did not start:\n"
                    + (self.folder / "zygote.log").read_text(errors="replace")[-4000:]
                )
            time.sleep(0.02)

    @classmethod
    def shared(cls) -> Zygote:
        with cls._lock:
            if cls._running is None or cls._running.proc.poll() is not None:
                cls._running = cls()
                atexit.register(cls._running.quit)
            return cls._running

    def takes(self, env: dict[str, str]) -> bool:
        return all(env.get(k) == self.env.get(k) for k in EXEC_ONLY)

    def ask(self, request: dict[str, object]) -> dict[str, object]:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
            conn.settimeout(60)
            conn.connect(self.path)
            conn.sendall(json.dumps(request).encode() + b"\n")
            with conn.makefile("rb") as stream:
                answer: dict[str, object] = json.loads(stream.readline())
                return answer

    def spawn(self, argv: list[str], env: dict[str, str], log: Path) -> ForkedHub:
        answer = self.ask(
            {"op": "spawn", "argv": argv, "env": env, "cwd": os.getcwd(), "log": str(log)}
        )
        return ForkedHub(self, int(str(answer["pid"])))

    def quit(self) -> None:
        if os.getpid() != self.owner:
            return
        if self.proc.poll() is None:
            try:
                self.ask({"op": "quit"})
                self.proc.wait(timeout=30)
            except (OSError, ValueError, subprocess.TimeoutExpired):
                self.proc.kill()
        self.log.close()


class ForkedHub:
    """A hub child of the zygote, with what tests use of ``subprocess.Popen``."""

    def __init__(self, zygote: Zygote, pid: int) -> None:
        self.zygote = zygote
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            code = self.zygote.ask({"op": "status", "pid": self.pid})["returncode"]
            self.returncode = None if code is None else int(str(code))
        return self.returncode

    def send_signal(self, sig: int) -> None:
        if self.poll() is None:
            os.kill(self.pid, sig)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while (code := self.poll()) is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(f"hub pid {self.pid}", timeout or 0)
            time.sleep(0.02)
        return code


def _launch(argv: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes] | ForkedHub:
    if os.environ.get("CHECKPOINT_TEST_HUB_EXEC") != "1":
        zygote = Zygote.shared()
        if zygote.takes(env):
            return zygote.spawn(argv, env, log)
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "checkpoint_desk.hub.cli", *argv],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
        )


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
        self.proc: subprocess.Popen[bytes] | ForkedHub | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60.0) -> HubProcess:
        self.home.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "CHECKPOINT_HUB_HOME": str(self.home)}
        argv = ["serve", "--db", self.db_url, "--host", "127.0.0.1", "--port", str(self.port)]
        self.proc = _launch(argv, env, self.log_path)
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
