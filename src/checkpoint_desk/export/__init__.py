"""Daily and shift ledgers: CSV, XLSX, PDF. No Qt."""
