"""A trace's contacts as a file for the office: CSV (UTF-8 with BOM) or XLSX.

Numbers masked, times local; the file name says when it was made, never whom it is
about (it may sit on a shared drive).
"""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path

from checkpoint_desk.clock import to_local
from checkpoint_desk.errors import ValidationError
from checkpoint_desk.export.atomic import write_file_atomic
from checkpoint_desk.export.csv_ledger import BOM, FORMULA_STARTS
from checkpoint_desk.hub.insight import Contact
from checkpoint_desk.i18n import N_, gettext

TRACE_FORMATS = ("csv", "xlsx")
HEADER = (
    N_("Name"),
    N_("ID number"),
    N_("Phone"),
    N_("Registered at"),
    N_("Station"),
    N_("Near the visit at"),
)


def _cells(contact: Contact) -> list[str]:
    name = contact.name
    if name.startswith(FORMULA_STARTS):
        name = "'" + name  # a typed name must not run as a formula (as the ledger does)
    return [
        name,
        contact.id_masked,
        contact.phone_masked,
        _local(contact.at),
        contact.station,
        _local(contact.overlap_with),
    ]


def _local(value: datetime) -> str:
    return to_local(value).strftime("%Y-%m-%d %H:%M:%S")


def render_trace(contacts: list[Contact], fmt: str, lang: str) -> bytes:
    header = [gettext(h, lang) for h in HEADER]
    rows = [_cells(c) for c in contacts]
    if fmt == "csv":
        buffer = io.StringIO()
        buffer.write(BOM)
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)
        return buffer.getvalue().encode("utf-8")
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(
        out, {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False}
    )
    sheet = book.add_worksheet(gettext(N_("Contacts"), lang)[:31])
    bold = book.add_format({"bold": True})
    sheet.write_row(0, 0, header, bold)
    for n, row in enumerate(rows, 1):
        sheet.write_row(n, 0, row)
    sheet.set_column(0, len(header) - 1, 20)
    book.close()
    return out.getvalue()


def write_trace(
    contacts: list[Contact], fmt: str, out_dir: Path, *, lang: str, made_at: datetime
) -> Path:
    """Write ``trace-<local time>.FMT`` in ``out_dir``; returns its path."""
    if fmt not in TRACE_FORMATS:
        raise ValidationError(
            "trace_format", N_("A trace is written as csv or xlsx, not {format}."), format=fmt
        )
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"trace-{to_local(made_at).strftime('%Y%m%d-%H%M%S')}.{fmt}"
    write_file_atomic(target, render_trace(contacts, fmt, lang))
    return target
