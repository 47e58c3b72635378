"""Use-cases the UI and CLI call; the only writers of the database. No Qt."""
