"""``db check`` and ``db backup``."""

from __future__ import annotations

import argparse
from typing import Any

from checkpoint_desk.cli.context import CommandContext
from checkpoint_desk.errors import DatabaseError
from checkpoint_desk.i18n import N_, gettext
from checkpoint_desk.services.backup import backup_database
from checkpoint_desk.services.database import check_database

PROBLEM_TEXT = {
    "missing": N_("the database file is missing"),
    "not_sqlite": N_("the file is not an SQLite database"),
    "integrity": N_("the integrity check found damage"),
    "schema_unknown": N_("the schema is newer than this program, or missing"),
    "unreadable": N_("the database cannot be read"),
}


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    db = sub.add_parser("db", help="check or back up the station database")
    db_sub = db.add_subparsers(dest="db_command", metavar="check|backup", required=True)
    check = db_sub.add_parser("check", parents=[common], help="integrity and schema check")
    check.set_defaults(func=run_check)
    backup = db_sub.add_parser("backup", parents=[common], help="copy the database to backups/")
    backup.add_argument("--keep", type=int, default=20, help="backups to keep (default 20)")
    backup.set_defaults(func=run_backup)


def run_check(args: argparse.Namespace) -> int:
    ctx = CommandContext.from_args(args)
    ctx.data_dir.require_initialised()  # no database at all: exit 3 like every command
    result = check_database(ctx.data_dir.database)
    if ctx.json:
        ctx.emit(result.to_json())
    else:
        lines = [
            gettext("Database: {path}").format(path=result.path),
            gettext("Integrity: {result}").format(result="; ".join(result.integrity[:5]) or "-"),
            gettext("Schema: {schema} (this program: {head})").format(
                schema=result.schema or "-", head=result.head
            ),
        ]
        lines += [f"  {table}: {count}" for table, count in result.counts.items()]
        ctx.emit(None, "\n".join(lines))
    if not result.ok:
        raise DatabaseError(
            N_("Database check failed: {problems}"),
            problems="; ".join(gettext(PROBLEM_TEXT.get(p, p)) for p in result.problems),
        )
    return 0


def run_backup(args: argparse.Namespace) -> int:
    with CommandContext.from_args(args) as ctx:
        path = backup_database(ctx.engine(), ctx.data_dir.backups, keep=args.keep)
    ctx.emit({"path": str(path)}, str(path))
    return 0
