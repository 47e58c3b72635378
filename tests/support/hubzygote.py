"""Test hubs forked from one process that has already imported the hub.

``checkpoint-hub serve`` spends about a second of CPU importing FastAPI, SQLAlchemy,
Alembic and the hub before it listens; the suite starts a hub process dozens of times
per worker. This "zygote" imports all that once, then forks a child per hub asked for.
The child runs the same entry point (``checkpoint_desk.hub.cli.main(["serve", ...])``)
with the test's environment and its own log, in its own process, killed and restarted
like any other: only the import work is shared.

Protocol: one JSON line per request on a Unix socket, one JSON line back.
``{"op": "spawn", "argv": [...], "env": {...}, "cwd": ..., "log": ...}`` → ``{"pid": N}``;
``{"op": "status", "pid": N}`` → ``{"returncode": int | None}`` (negative: the signal,
as ``subprocess`` says it); ``{"op": "quit"}`` kills the children still running and ends.
The zygote also ends when the process that started it is gone.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import select
import signal
import socket
import sys
import time
import traceback

# What ``serve`` loads before it listens; uvicorn's own parts are loaded by uvicorn.run.
PRELOAD = (
    "checkpoint_desk.hub.cli",
    "checkpoint_desk.hub.app",
    "checkpoint_desk.hub.database",
    "checkpoint_desk.hub.logs",
    "uvicorn",
    "uvicorn.config",
    "uvicorn.server",
    "uvicorn.main",
    "uvicorn.lifespan.on",
    "uvicorn.loops.asyncio",
    "uvicorn.loops.auto",
    "uvicorn.protocols.http.auto",
    "uvicorn.protocols.http.h11_impl",
    "uvicorn.protocols.http.httptools_impl",
    "uvicorn.protocols.websockets.auto",
    "psycopg",
)


def _preload() -> None:
    for name in PRELOAD:
        with contextlib.suppress(ImportError):
            importlib.import_module(name)


def _child(request: dict[str, object]) -> None:
    """In the forked child: become the hub. Never returns."""
    code = 1
    try:
        for sig in (signal.SIGCHLD, signal.SIGTERM, signal.SIGINT, signal.SIGPIPE):
            signal.signal(sig, signal.SIG_DFL)
        log = os.open(str(request["log"]), os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.dup2(log, 1)
        os.dup2(log, 2)
        os.close(log)
        os.close(null)
        env = request["env"]
        assert isinstance(env, dict)
        os.environ.clear()
        os.environ.update({str(k): str(v) for k, v in env.items()})
        time.tzset()
        os.chdir(str(request["cwd"]))
        argv = [str(a) for a in request["argv"]]  # type: ignore[attr-defined]
        sys.argv = ["checkpoint-hub", *argv]
        from checkpoint_desk.hub.cli import main

        code = main(argv)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except BaseException:
        traceback.print_exc()
    finally:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(code)


def serve(path: str) -> None:
    _preload()
    parent = os.getppid()
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(16)
    ended: dict[int, int] = {}
    running: set[int] = set()

    def reap() -> None:
        while running:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            running.discard(pid)
            ended[pid] = -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)

    try:
        while os.getppid() == parent:
            reap()
            ready, _, _ = select.select([listener], [], [], 0.5)
            if not ready:
                continue
            conn, _ = listener.accept()
            with conn, conn.makefile("rwb") as stream:
                line = stream.readline()
                if not line:
                    continue
                request = json.loads(line)
                if request["op"] == "spawn":
                    pid = os.fork()
                    if pid == 0:
                        listener.close()
                        conn.close()
                        _child(request)
                    running.add(pid)
                    answer: dict[str, object] = {"pid": pid}
                elif request["op"] == "status":
                    reap()
                    answer = {"returncode": ended.get(int(request["pid"]))}
                else:  # quit
                    stream.write(b"{}\n")
                    stream.flush()
                    return
                stream.write(json.dumps(answer).encode() + b"\n")
                stream.flush()
    finally:
        for pid in running:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        for pid in list(running):
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)
        listener.close()
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)


if __name__ == "__main__":
    serve(sys.argv[1])
