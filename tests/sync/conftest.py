"""Hub fixtures (real hub processes on SQLite and PostgreSQL)."""

from tests.support.fixtures import (  # noqa: F401
    fresh_hub,
    hub,
    hub_db_url,
    postgres_server,
    sqlite_hub,
)
