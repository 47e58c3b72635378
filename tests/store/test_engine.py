"""Opening the database: durable pragmas, migrations from empty, clear failures."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from checkpoint_desk.errors import DatabaseError
from checkpoint_desk.store.engine import (
    SCHEMA_HEAD,
    current_revision,
    head_revision,
    open_database,
)


def test_created_by_migration_with_durable_pragmas(tmp_path: Path) -> None:
    engine = open_database(tmp_path / "a.db", create=True)
    assert current_revision(engine) == head_revision()
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    engine.dispose()


def test_missing_database_is_not_created_silently(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="does not exist"):
        open_database(tmp_path / "none.db")
    assert not (tmp_path / "none.db").exists()


def test_corrupt_file_is_refused_and_kept(tmp_path: Path) -> None:
    path = tmp_path / "bad.db"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(DatabaseError, match="not a Checkpoint Desk database"):
        open_database(path)
    assert path.read_bytes() == b"this is not a database" * 100


def test_newer_schema_is_refused(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'ffff_future'"))
    url = engine.url.database
    assert url is not None
    engine.dispose()
    with pytest.raises(DatabaseError, match="newer version"):
        open_database(Path(url))


def test_the_fast_path_knows_the_newest_migration() -> None:
    """Opening an up-to-date database skips Alembic by comparing with SCHEMA_HEAD."""
    assert head_revision() == SCHEMA_HEAD, "a new migration must update SCHEMA_HEAD"


def test_opening_an_up_to_date_database_does_not_load_alembic(
    engine: Engine, tmp_path: Path
) -> None:
    import subprocess
    import sys

    url = engine.url.database
    assert url is not None
    probe = (
        "import sys; from pathlib import Path; "
        "from checkpoint_desk.store.engine import open_database; "
        f"open_database(Path({url!r})).dispose(); "
        "print('alembic' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
