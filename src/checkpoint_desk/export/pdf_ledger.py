"""The printable daily or shift report (PDF) made with reportlab.

One or more A4 pages: station, period and operators; the summary counts; an hourly
bar chart; visits per operator and per reason; every stop with its disposition; and
a signature line for the handover. Set in a Chinese font found by ``pdf_font``.
"""

from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from checkpoint_desk.export.ledger_rows import Ledger
from checkpoint_desk.export.pdf_font import ReportFont
from checkpoint_desk.i18n import N_

PAGE_WIDTH = A4[0] - 30 * mm
GRID = colors.HexColor("#9DB3CC")
HEAD = colors.HexColor("#DDEBF7")
STOP = colors.HexColor("#FFC7CE")
BAR = colors.HexColor("#4472C4")


class _Styles:
    def __init__(self, font: str) -> None:
        common: dict[str, Any] = {"fontName": font, "wordWrap": "CJK"}
        self.title = ParagraphStyle("title", fontSize=18, leading=24, **common)
        self.h2 = ParagraphStyle("h2", fontSize=12.5, leading=18, spaceBefore=8, **common)
        self.body = ParagraphStyle("body", fontSize=9.5, leading=13, **common)
        self.cell = ParagraphStyle("cell", fontSize=8.5, leading=11, **common)
        self.note = ParagraphStyle(
            "note", fontSize=11, leading=15, textColor=colors.HexColor("#555555"), **common
        )


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text), style)


def _table(data: list[list[Any]], widths: list[float], font: str, header: bool = True) -> Table:
    table = Table(data, colWidths=widths, repeatRows=1 if header else 0)
    commands: list[Any] = [
        ("FONT", (0, 0), (-1, -1), font, 9),
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), HEAD))
    table.setStyle(TableStyle(commands))
    return table


def _hour_chart(ledger: Ledger, font: str) -> Drawing:
    """Visits per hour as 24 bars."""
    drawing = Drawing(PAGE_WIDTH, 60 * mm)
    chart = VerticalBarChart()
    chart.x, chart.y = 12 * mm, 10 * mm
    chart.width, chart.height = PAGE_WIDTH - 18 * mm, 38 * mm
    chart.data = [list(ledger.summary.per_hour)]
    chart.bars[0].fillColor = BAR
    chart.bars[0].strokeColor = None
    chart.valueAxis.valueMin = 0
    top = max(ledger.summary.per_hour) if ledger.rows else 0
    chart.valueAxis.valueMax = max(top, 4)
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7
    chart.categoryAxis.categoryNames = [f"{h:02d}" for h in range(24)]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 7
    drawing.add(chart)
    drawing.add(String(12 * mm, 55 * mm, ledger.label("per_hour"), fontName=font, fontSize=10))
    return drawing


def _story(ledger: Ledger, font: str) -> list[Any]:
    st = _Styles(font)
    s = ledger.summary
    story: list[Any] = [
        _p(f"{ledger.station} · {ledger.label('ledger')}", st.title),
        Spacer(1, 3 * mm),
    ]
    info = [
        [ledger.label("station"), " ".join(x for x in (ledger.community, ledger.station) if x)],
        [ledger.label("shift" if ledger.shift else "day"), ledger.period_label],
        [ledger.label("operators"), "、".join(ledger.operators) or "—"],
        [ledger.label("generated"), ledger.generated_at.astimezone().strftime("%Y-%m-%d %H:%M")],
        [ledger.label("privacy"), ledger.label("unmasked" if ledger.unmasked else "masked")],
    ]
    story.append(
        _table(
            [[_p(k, st.body), _p(v, st.body)] for k, v in info],
            [40 * mm, PAGE_WIDTH - 40 * mm],
            font,
            header=False,
        )
    )
    story.append(_p(ledger.label("counts"), st.h2))
    keys = ("total", "in", "out", "stopped", "fever")
    values = (s.total, s.entered, s.left, s.stopped, s.fever)
    story.append(
        _table(
            [[ledger.label(k) for k in keys], [str(v) for v in values]],
            [PAGE_WIDTH / 5] * 5,
            font,
        )
    )
    if not ledger.rows:
        story += [Spacer(1, 4 * mm), _p(ledger.empty_note, st.note)]
    story += [Spacer(1, 4 * mm), _hour_chart(ledger, font)]
    pairs = (
        ("per_operator", "operator", list(s.per_operator)),
        ("per_reason", "reason", [(text, n) for _c, text, n in s.per_reason]),
        ("per_disposition", "disposition", list(s.per_disposition)),
    )
    for title, column, items in pairs:
        if not items:
            continue
        rows = [[ledger.label(column), ledger.label("visits")]]
        rows += [[_p(name, st.cell), str(n)] for name, n in items]
        story.append(
            KeepTogether(
                [
                    _p(ledger.label(title), st.h2),
                    _table(rows, [PAGE_WIDTH - 30 * mm, 30 * mm], font),
                ]
            )
        )
    story += _lane_tables(ledger, font, st)
    story.append(_p(ledger.label("stops"), st.h2))
    if ledger.stops:
        head = [
            ledger.t(N_("Time")),
            ledger.t(N_("Name")),
            ledger.t(N_("ID number")),
            ledger.t(N_("Household")),
            ledger.t(N_("Temperature (℃)")),
            ledger.t(N_("Result")),
            ledger.t(N_("Disposition")),
        ]
        stop_rows: list[list[Any]] = [[_p(h, st.cell) for h in head]]
        for row in ledger.stops:
            stamp = row.at.strftime("%H:%M" if ledger.shift is None else "%m-%d %H:%M")
            temp = f"{row.temperature:.1f}" if row.temperature is not None else ""
            stop_rows.append(
                [
                    stamp,
                    _p(row.name, st.cell),
                    _p(row.id_number, st.cell),
                    _p(row.household, st.cell),
                    temp,
                    _p(row.result, st.cell),
                    _p(row.disposition, st.cell),
                ]
            )
        widths = [16 * mm, 18 * mm, 39 * mm, 20 * mm, 15 * mm]
        rest = PAGE_WIDTH - sum(widths)
        story.append(_table(stop_rows, [*widths, rest * 0.55, rest * 0.45], font))
    else:
        story.append(_p(ledger.label("no_stops"), st.body))
    stopped = [line for line in ledger.vehicles if line.stopped_by]
    vehicles: list[Any] = []  # kept on one page: a heading never ends a page alone
    if ledger.vehicles:  # the summary lists the stopped ones; CSV / XLSX have them all
        heading = ledger.t(N_("{vehicles} vehicles, {stopped} stopped")).format(
            vehicles=len(ledger.vehicles), stopped=len(stopped)
        )
        vehicles += [_p(ledger.label("vehicles_stopped"), st.h2), _p(heading, st.body)]
    if stopped:
        head = [ledger.t(N_("Vehicle")), ledger.t(N_("Plate")), ledger.t(N_("Occupants"))]
        vehicle_rows: list[list[Any]] = [[_p(h, st.cell) for h in [*head, ledger.t(N_("Result"))]]]
        for line in stopped:
            result = ledger.t(N_("Stop: {names}")).format(names="、".join(line.stopped_by))
            cells = (line.vehicle, line.plate, str(line.occupants), result)
            vehicle_rows.append([_p(cell, st.cell) for cell in cells])
        widths = [25 * mm, 30 * mm, 20 * mm]
        vehicles.append(_table(vehicle_rows, [*widths, PAGE_WIDTH - sum(widths)], font))
    if vehicles:
        story.append(KeepTogether(vehicles))
    story += [Spacer(1, 12 * mm), _signature(ledger, font)]
    return story


def _lane_tables(ledger: Ledger, font: str, st: _Styles) -> list[Any]:
    """How fast the lane moved, per hour and per operator (seconds per visitor)."""
    s = ledger.summary
    head = [ledger.label(k) for k in ("visits", "median_s", "p90_s", "stops_count")]
    shown: list[Any] = []
    for title, first, lines in (
        ("lane_per_hour", "hour", [(f"{x.hour:02d}:00", x) for x in s.lane_per_hour]),
        ("lane_per_operator", "operator", [(x.operator or "", x) for x in s.lane_per_operator]),
    ):
        if not lines:
            continue
        rows: list[list[Any]] = [[_p(h, st.cell) for h in (ledger.label(first), *head)]]
        for label, x in lines:
            seconds = ["—" if v is None else f"{v:.1f}" for v in (x.median_s, x.p90_s)]
            rows.append([_p(label, st.cell), str(x.visits), *seconds, str(x.stops)])
        rest = (PAGE_WIDTH - 50 * mm) / 4
        shown.append(
            KeepTogether(
                [_p(ledger.label(title), st.h2), _table(rows, [50 * mm, *[rest] * 4], font)]
            )
        )
    return shown


def _signature(ledger: Ledger, font: str) -> KeepTogether:
    line = "_" * 18
    cells = [
        [
            ledger.t(N_("Handed over by")) + f"  {line}",
            ledger.t(N_("Received by")) + f"  {line}",
            ledger.t(N_("Date and time")) + f"  {line}",
        ]
    ]
    table = Table(cells, colWidths=[PAGE_WIDTH / 3] * 3)
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), font, 10)]))
    return KeepTogether([table])


def render_pdf(ledger: Ledger, font: ReportFont) -> bytes:
    """The report's bytes."""
    output = io.BytesIO()
    title = f"{ledger.station} {ledger.period_label}"

    def footer(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(font.name, 8)
        text = ledger.t(N_("{station} · {period} · page {page}")).format(
            station=ledger.station, period=ledger.period_label, page=doc.page
        )
        canvas.drawString(15 * mm, 10 * mm, text)
        canvas.restoreState()

    doc = SimpleDocTemplate(
        output,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=18 * mm,
        title=title,
        author=ledger.station,
        subject=ledger.label("ledger"),
        creator="Checkpoint Desk",
    )
    doc.build(_story(ledger, font.name), onFirstPage=footer, onLaterPages=footer)
    return output.getvalue()
