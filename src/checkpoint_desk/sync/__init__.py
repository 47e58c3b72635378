"""Hub client: outbox push, reference pull, bundle files, wire schemas. No Qt."""
