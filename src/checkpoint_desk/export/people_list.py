"""A list of people as a file: the evacuation roll call (CSV, printable PDF) and a
trace's contacts (CSV, XLSX).

The callers give the title, the lines under it, the column heads and the rows, all
already in the user's language and masked; this module only lays them out. CSV
cells are guarded against formulas like the ledger's (``csv_ledger``); the PDF is
set in the ledger's CJK font (``pdf_font``) with an empty column to tick each
person off on paper.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from checkpoint_desk.export.csv_ledger import BOM, FORMULA_STARTS
from checkpoint_desk.export.pdf_font import ReportFont


@dataclass(frozen=True)
class PeopleList:
    """What a list file shows; ``tick`` adds an empty column headed ``tick``."""

    title: str
    lines: tuple[str, ...]
    head: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    tick: str = ""


def _guarded(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def render_list_csv(people: PeopleList) -> bytes:
    """UTF-8 with a BOM (Excel shows Chinese), the head, then one line per person."""
    buffer = io.StringIO(newline="")
    buffer.write(BOM)
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(people.head)
    for row in people.rows:
        writer.writerow([_guarded(cell) for cell in row])
    return buffer.getvalue().encode("utf-8")


def render_list_xlsx(people: PeopleList) -> bytes:
    """One sheet: the title and lines, then the table (text cells only)."""
    import xlsxwriter

    from checkpoint_desk.export.xlsx_ledger import text_width

    output = io.BytesIO()
    book = xlsxwriter.Workbook(output, {"strings_to_numbers": False, "strings_to_formulas": False})
    bold = book.add_format({"bold": True, "font_size": 13})
    header = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    plain = book.add_format({"border": 1})
    sheet = book.add_worksheet(re.sub(r"[\[\]:*?/\\']", "", people.title)[:31] or "1")
    sheet.write_string(0, 0, people.title, bold)
    for i, line in enumerate(people.lines, start=1):
        sheet.write_string(i, 0, line)
    top = len(people.lines) + 2
    sheet.write_row(top, 0, people.head, header)
    for r, row in enumerate(people.rows, start=top + 1):
        for c, cell in enumerate(row):
            sheet.write_string(r, c, cell, plain)
    for c, head in enumerate(people.head):
        width = max([text_width(head), *(text_width(row[c]) for row in people.rows)])
        sheet.set_column(c, c, min(width + 2, 40))
    book.close()
    return output.getvalue()


def render_list_pdf(people: PeopleList, font: ReportFont) -> bytes:
    """A4 pages: the title, the lines, the table (head repeated on every page)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    output = io.BytesIO()
    common: dict[str, Any] = {"fontName": font.name, "wordWrap": "CJK"}
    title = ParagraphStyle("title", fontSize=18, leading=24, **common)
    body = ParagraphStyle("body", fontSize=10, leading=14, **common)
    cell = ParagraphStyle("cell", fontSize=10, leading=13, **common)
    head: Sequence[str] = (*people.head, people.tick) if people.tick else people.head
    data: list[list[Any]] = [[Paragraph(escape(h), cell) for h in head]]
    for row in people.rows:
        cells = [*row, ""] if people.tick else list(row)
        data.append([Paragraph(escape(c), cell) for c in cells])
    table = Table(data, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#9DB3CC")),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DDEBF7")),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 1), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 1), (-1, -1), 5),
            ]
        )
    )
    story: list[Any] = [Paragraph(escape(people.title), title), Spacer(1, 3 * mm)]
    story += [Paragraph(escape(line), body) for line in people.lines]
    story += [Spacer(1, 4 * mm), table]
    doc = SimpleDocTemplate(
        output,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=people.title,
        creator="Checkpoint Desk",
    )
    doc.build(story)
    return output.getvalue()
