"""Alembic environment: always run with a connection handed in by store.engine."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

from checkpoint_desk.store import models  # noqa: F401 - registers the tables

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("migrations run through checkpoint_desk.store.engine.upgrade()")

context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies tables
)
with context.begin_transaction():
    context.run_migrations()
