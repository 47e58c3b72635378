"""The ledger as CSV: UTF-8 with a BOM (so Excel shows Chinese), one row per visit."""

from __future__ import annotations

import csv
import io

from checkpoint_desk.export.ledger_rows import COLUMNS, Ledger, LedgerRow

BOM = "\ufeff"
# A typed name or note starting with these would run as a formula in Excel
# ("CSV injection"); such cells get a leading apostrophe, as Excel itself does.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMERIC_KEYS = frozenset({"seq", "passengers"})


def _cell(row: LedgerRow, key: str) -> str:
    if key == "date":
        return row.date.isoformat()
    if key == "time":
        return row.time.isoformat(timespec="seconds")
    if key == "temperature":
        return f"{row.temperature:.1f}" if row.temperature is not None else ""
    text = str(row.value(key))
    if key not in NUMERIC_KEYS and text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def render_csv(ledger: Ledger) -> bytes:
    """The file's bytes: header in the ledger's language, then one line per visit.

    An empty day is the header alone (the manifest says 0 rows).
    """
    buffer = io.StringIO(newline="")
    buffer.write(BOM)
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(ledger.headers())
    keys = [c.key for c in COLUMNS]
    for row in ledger.rows:
        writer.writerow([_cell(row, key) for key in keys])
    return buffer.getvalue().encode("utf-8")


def count_csv_rows(data: bytes) -> int:
    """Visit rows in a ledger CSV (lines after the header)."""
    text = data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    return max(len(rows) - 1, 0)
