"""Fixtures for hub and sync tests: a throwaway PostgreSQL, a hub process per backend.

Import them into a test package's conftest: ``from tests.support.fixtures import *``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.hubproc import HubProcess
from tests.support.postgres import PostgresMissing, PostgresServer

__all__ = ["fresh_hub", "hub", "hub_db_url", "postgres_server", "sqlite_hub"]

BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgres", id="postgres", marks=pytest.mark.postgres),
]


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """One PostgreSQL 15 server for the session; each hub gets its own database."""
    try:
        server = PostgresServer()
    except PostgresMissing as exc:
        pytest.fail(str(exc), pytrace=False)
    try:
        server.start()
    except BaseException:
        server.stop()
        raise
    yield server
    server.stop()


def _new_db_url(request: pytest.FixtureRequest, folder: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{folder / 'hub.db'}"
    server: PostgresServer = request.getfixturevalue("postgres_server")
    return server.create_database()


@pytest.fixture(params=BACKENDS)
def hub_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty hub database URL on SQLite or on PostgreSQL."""
    return _new_db_url(request, tmp_path / "hub")


@pytest.fixture(scope="module", params=BACKENDS)
def hub(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[HubProcess]:
    """A hub process on 127.0.0.1 shared by a module's tests (SQLite and PostgreSQL).

    Tests sharing it use their own stations (unique names) and look only at their
    own records.
    """
    home = tmp_path_factory.mktemp("hub")
    process = HubProcess(_new_db_url(request, home), home).start()
    yield process
    process.stop()


@pytest.fixture
def fresh_hub(hub_db_url: str, tmp_path: Path) -> Iterator[HubProcess]:
    """A hub process of the test's own, on an empty database (SQLite and PostgreSQL)."""
    process = HubProcess(hub_db_url, tmp_path / "hub").start()
    yield process
    process.stop()


@pytest.fixture
def sqlite_hub(tmp_path: Path) -> Iterator[HubProcess]:
    """A running hub process on SQLite only (desk-side tests)."""
    process = HubProcess(f"sqlite:///{tmp_path / 'hub' / 'hub.db'}", tmp_path / "hub").start()
    yield process
    process.stop()
