"""A throwaway PostgreSQL server for tests and benchmarks (Debian's postgresql-15).

``initdb`` into a temp dir and ``pg_ctl start`` on a free loopback port; as root the
server runs as the ``postgres`` system user (PostgreSQL refuses to run as root).
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

import psycopg

BIN_DIRS = (Path("/usr/lib/postgresql/15/bin"),)
MISSING = (
    "PostgreSQL 15 server binaries (initdb, pg_ctl) not found in /usr/lib/postgresql/15/bin: "
    "install the Debian package postgresql-15 (`make test` installs it when run as root)"
)


class PostgresMissing(RuntimeError):
    pass


def find_bindir() -> Path:
    for candidate in BIN_DIRS:
        if (candidate / "initdb").is_file() and (candidate / "pg_ctl").is_file():
            return candidate
    raise PostgresMissing(MISSING)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class PostgresServer:
    """``start()``, ``create_database()`` → SQLAlchemy URL, ``stop()``."""

    def __init__(self, *, durable: bool = False) -> None:
        self.bindir = find_bindir()
        self.durable = durable
        self.root = Path(tempfile.mkdtemp(prefix="checkpoint-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self.port = 0
        self._prefix: list[str] = []
        if os.geteuid() == 0:
            user = "postgres"
            try:
                entry = pwd.getpwnam(user)
            except KeyError:
                user, entry = "nobody", pwd.getpwnam("nobody")
            os.chown(self.root, entry.pw_uid, entry.pw_gid)
            self._prefix = ["runuser", "-u", user, "--"]
        os.chmod(self.root, 0o700)

    def _run(self, *args: str) -> None:
        result = subprocess.run(
            [*self._prefix, *args],
            cwd=self.root,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        if result.returncode != 0:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise RuntimeError(
                f"{args[0]} failed ({result.returncode}): {result.stderr.strip()}\n{log}"
            )

    def start(self) -> PostgresServer:
        self._run(
            str(self.bindir / "initdb"),
            "-D",
            str(self.data),
            "-A",
            "trust",
            "-U",
            "postgres",
            "-E",
            "UTF8",
            "--no-locale",
            "--no-sync",
        )
        # A free port may be taken (another pytest worker) before the server binds it:
        # then another one is tried.
        for attempt in range(3):
            self.port = free_port()
            try:
                self._start_on_port()
                break
            except RuntimeError as exc:
                if attempt == 2 or "already in use" not in str(exc):
                    raise
        return self

    def _start_on_port(self) -> None:
        options = [
            f"-p {self.port}",
            f"-k {self.root}",
            "-c listen_addresses=127.0.0.1",
            "-c max_connections=300",
        ]
        if not self.durable:
            options += ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]
        self._run(
            str(self.bindir / "pg_ctl"),
            "-D",
            str(self.data),
            "-l",
            str(self.log),
            "-w",
            "-t",
            "60",
            "-o",
            " ".join(options),
            "start",
        )

    def create_database(self, name: str | None = None) -> str:
        """A new empty database; returns its ``postgresql+psycopg://`` URL."""
        name = name or f"hub_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(
            host="127.0.0.1", port=self.port, user="postgres", dbname="postgres", autocommit=True
        ) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{name}"

    def stop(self) -> None:
        if self.port:
            with contextlib.suppress(RuntimeError):
                self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "fast", "stop")
        shutil.rmtree(self.root, ignore_errors=True)
