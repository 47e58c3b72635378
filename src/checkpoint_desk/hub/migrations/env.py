"""Alembic environment for the hub: run with a connection from hub.database.migrate()."""

from __future__ import annotations

from alembic import context

from checkpoint_desk.hub.database import VERSION_TABLE
from checkpoint_desk.hub.tables import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("hub migrations run through checkpoint_desk.hub.database.migrate()")

context.configure(
    connection=connection,
    target_metadata=metadata,
    version_table=VERSION_TABLE,
    render_as_batch=True,
)
with context.begin_transaction():
    context.run_migrations()
