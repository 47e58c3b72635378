"""SQLModel tables, engine set-up, queries and Alembic migrations. No Qt."""
