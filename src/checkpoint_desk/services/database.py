"""``db check``: is the database whole, and is its schema the one this program knows?"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from checkpoint_desk.errors import DatabaseError
from checkpoint_desk.i18n import N_
from checkpoint_desk.store.engine import head_revision, script_directory

COUNTED_TABLES = ("station", "operator", "shift", "person", "vehicle", "visit", "scan", "pass")


@dataclass
class DatabaseCheck:
    """What ``db check`` found. ``ok`` only when every check passed."""

    path: Path
    integrity: list[str] = field(default_factory=list)
    schema: str | None = None
    head: str = ""
    upgrade_needed: bool = False
    counts: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_json(self) -> dict[str, object]:
        return {
            "ok": self.ok,
            "path": str(self.path),
            "integrity": self.integrity,
            "schema": self.schema,
            "head": self.head,
            "upgrade_needed": self.upgrade_needed,
            "counts": self.counts,
            "problems": self.problems,
        }


def check_database(path: Path) -> DatabaseCheck:
    """Run ``PRAGMA integrity_check`` read-only and compare the schema with the head.

    Never migrates or writes: a damaged file is reported, not touched. ``problems``
    holds stable machine codes (``missing``, ``empty``, ``not_sqlite``, ``integrity``,
    ``schema_unknown`` (newer than this program, or no schema), ``unreadable``). An
    older known schema is not a problem: it is upgraded when the desk opens it.
    """
    check = DatabaseCheck(path=path, head=head_revision())
    if not path.is_file():
        check.problems.append("missing")
        return check
    try:
        with path.open("rb") as handle:
            header = handle.read(16)
        if not header:
            check.problems.append("empty")  # never "ok with 0 stations"
            return check
        if header != b"SQLite format 3\x00":
            check.problems.append("not_sqlite")
            return check
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
            check.integrity = [str(row[0]) for row in conn.execute("PRAGMA integrity_check")]
            if check.integrity != ["ok"]:
                check.problems.append("integrity")
            check.schema = _schema(conn)
            if check.schema != check.head:
                known = {r.revision for r in script_directory().walk_revisions()}
                if check.schema in known:
                    check.upgrade_needed = True  # done when the desk next opens it
                else:
                    check.problems.append("schema_unknown")
            for table in COUNTED_TABLES:
                try:
                    row = conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()
                    check.counts[table] = int(row[0])
                except sqlite3.OperationalError:
                    continue  # a table an older schema does not have yet
    except (OSError, sqlite3.Error) as exc:
        check.integrity.append(str(exc))
        if "integrity" not in check.problems:
            check.problems.append("unreadable")
    return check


def _schema(conn: sqlite3.Connection) -> str | None:
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError:
        return None
    return str(row[0]) if row else None


@contextmanager
def database_errors() -> Iterator[None]:
    """Turn a failed write (disk full, locked too long, damaged file) into DatabaseError.

    The transaction has been rolled back by then: nothing of the act was kept.
    """
    try:
        yield
    except DBAPIError as exc:
        raise DatabaseError(
            N_("The database could not be written: {reason}. Nothing was saved."),
            reason=str(exc.orig),
        ) from exc
