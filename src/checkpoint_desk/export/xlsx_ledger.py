"""The ledger as an Excel workbook: a *Visits* sheet and a *Summary* sheet.

Visits: frozen header, auto-filter, widths that fit Chinese text, real Excel dates and
times, stopped rows and fever rows filled in different colours. Written with
xlsxwriter in ``constant_memory`` mode (rows streamed in order) so a 5,000-visit day
stays well inside the 2 s budget.
"""

from __future__ import annotations

import io
import unicodedata
import zipfile
from datetime import datetime, time
from typing import Any
from xml.etree import ElementTree as ET

import xlsxwriter

from checkpoint_desk.export.ledger_rows import COLUMNS, Ledger, LedgerRow
from checkpoint_desk.i18n import N_

STOP_FILL = "#FFC7CE"  # light red: stopped
FEVER_FILL = "#FFEB9C"  # amber: fever (takes precedence over the stop fill)
HEADER_FILL = "#DDEBF7"
MAX_WIDTH = 48
WIDTH_SAMPLE = 2000  # rows looked at to size the columns

_FONT = "Microsoft YaHei"  # shown with a Chinese font on Windows; others substitute
_KINDS = {
    "seq": "int",
    "date": "date",
    "time": "time",
    "passengers": "int",
    "temperature": "temp",
}
_NUM_FORMATS = {"date": "yyyy-mm-dd", "time": "hh:mm:ss", "temp": "0.0", "int": "0"}
_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def text_width(text: str) -> int:
    """Columns ``text`` needs: wide (CJK) characters count twice."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _widths(ledger: Ledger) -> list[int]:
    widths = [text_width(h) for h in ledger.headers()]
    fixed = {"date": 10, "time": 8, "temperature": 5, "seq": 5, "passengers": 3}
    for i, column in enumerate(COLUMNS):
        if column.key in fixed:
            widths[i] = max(widths[i], fixed[column.key])
            continue
        for row in ledger.rows[:WIDTH_SAMPLE]:
            widths[i] = max(widths[i], text_width(str(row.value(column.key))))
    return [min(w + 2, MAX_WIDTH) for w in widths]


class _Formats:
    """Cell formats for each kind of cell and each highlight."""

    def __init__(self, book: Any) -> None:
        base = {"font_name": _FONT, "font_size": 10, "valign": "top"}
        self.header = book.add_format(
            {**base, "bold": True, "bg_color": HEADER_FILL, "border": 1, "text_wrap": True}
        )
        self.title = book.add_format({**base, "bold": True, "font_size": 14})
        self.bold = book.add_format({**base, "bold": True})
        self.plain = book.add_format(base)
        self.note = book.add_format({**base, "italic": True})
        self.cells: dict[tuple[str, str], Any] = {}
        for state, fill in (("", None), ("stop", STOP_FILL), ("fever", FEVER_FILL)):
            for kind in ("text", "int", "date", "time", "temp"):
                spec: dict[str, Any] = dict(base)
                if kind in _NUM_FORMATS:
                    spec["num_format"] = _NUM_FORMATS[kind]
                if fill:
                    spec["bg_color"] = fill
                self.cells[(state, kind)] = book.add_format(spec)
        self.stop_legend = book.add_format({**base, "bg_color": STOP_FILL})
        self.fever_legend = book.add_format({**base, "bg_color": FEVER_FILL})


def _state(row: LedgerRow) -> str:
    return "fever" if row.fever else ("stop" if row.stopped else "")


def _write_visits(ledger: Ledger, sheet: Any, fmt: _Formats) -> None:
    for i, width in enumerate(_widths(ledger)):
        sheet.set_column(i, i, width)
    sheet.freeze_panes(1, 0)
    sheet.set_row(0, 30)
    sheet.write_row(0, 0, ledger.headers(), fmt.header)
    last = max(len(ledger.rows), 1)
    sheet.autofilter(0, 0, last, len(COLUMNS) - 1)
    kinds = [(c.key, _KINDS.get(c.key, "text")) for c in COLUMNS]
    cells = fmt.cells
    for r, row in enumerate(ledger.rows, start=1):
        state = _state(row)
        for c, (key, kind) in enumerate(kinds):
            style = cells[(state, kind)]
            if kind == "date":
                sheet.write_datetime(r, c, datetime.combine(row.date, time.min), style)
            elif kind == "time":
                sheet.write_datetime(r, c, row.time, style)
            elif kind in ("int", "temp"):
                value = row.value(key)
                if value is None:
                    sheet.write_blank(r, c, None, style)
                else:
                    sheet.write_number(r, c, value, style)
            else:
                text = row.value(key)
                if text:
                    sheet.write_string(r, c, text, style)
                else:
                    sheet.write_blank(r, c, None, style)
    if not ledger.rows:
        sheet.write_string(1, 0, ledger.empty_note, fmt.note)


def _write_summary(ledger: Ledger, book: Any, sheet: Any, fmt: _Formats) -> None:
    s = ledger.summary
    sheet.set_column(0, 0, 34)
    sheet.set_column(1, 1, 14)
    r = 0
    sheet.write_string(r, 0, f"{ledger.station} · {ledger.label('ledger')}", fmt.title)
    r += 1
    head = [
        (ledger.label("station"), " ".join(x for x in (ledger.community, ledger.station) if x)),
        (ledger.label("shift" if ledger.shift else "day"), ledger.period_label),
        (ledger.label("operators"), "、".join(ledger.operators)),
        (ledger.label("generated"), ledger.generated_at.astimezone().strftime("%Y-%m-%d %H:%M")),
        (ledger.label("privacy"), ledger.label("unmasked" if ledger.unmasked else "masked")),
    ]
    for key, value in head:
        sheet.write_string(r, 0, key, fmt.bold)
        sheet.write_string(r, 1, value, fmt.plain)
        r += 1
    r += 1

    def table(title: str, columns: tuple[str, str], items: list[tuple[str, int]]) -> int:
        nonlocal r
        sheet.write_string(r, 0, title, fmt.title)
        r += 1
        sheet.write_row(r, 0, columns, fmt.header)
        r += 1
        first = r
        for name, count in items:
            sheet.write_string(r, 0, name, fmt.plain)
            sheet.write_number(r, 1, count, fmt.plain)
            r += 1
        if not items:
            sheet.write_string(r, 0, "—", fmt.note)
            r += 1
        r += 1
        return first

    counts = [
        (ledger.label("total"), s.total),
        (ledger.label("in"), s.entered),
        (ledger.label("out"), s.left),
        (ledger.label("stopped"), s.stopped),
        (ledger.label("fever"), s.fever),
    ]
    table(ledger.label("counts"), ("", ""), counts)
    hours = [(f"{h:02d}:00–{h + 1:02d}:00", n) for h, n in enumerate(s.per_hour)]
    first_hour = table(
        ledger.label("per_hour"), (ledger.label("hour"), ledger.label("visits")), hours
    )
    table(
        ledger.label("per_operator"),
        (ledger.label("operator"), ledger.label("visits")),
        list(s.per_operator),
    )
    table(
        ledger.label("per_reason"),
        (ledger.label("reason"), ledger.label("visits")),
        [(text, n) for _code, text, n in s.per_reason],
    )
    table(
        ledger.label("per_disposition"),
        (ledger.label("disposition"), ledger.label("visits")),
        list(s.per_disposition),
    )
    r = _write_lane(ledger, sheet, fmt, r)
    sheet.write_string(r, 0, ledger.label("legend"), fmt.title)
    sheet.write_string(r + 1, 0, ledger.label("legend_stop"), fmt.stop_legend)
    sheet.write_string(r + 2, 0, ledger.label("legend_fever"), fmt.fever_legend)
    chart = book.add_chart({"type": "column"})
    name = sheet.get_name()
    chart.add_series(
        {
            "name": ledger.label("per_hour"),
            "categories": [name, first_hour, 0, first_hour + 23, 0],
            "values": [name, first_hour, 1, first_hour + 23, 1],
            "fill": {"color": "#4472C4"},
        }
    )
    chart.set_title({"name": ledger.label("per_hour")})
    chart.set_legend({"none": True})
    chart.set_size({"width": 640, "height": 300})
    sheet.insert_chart(1, 3, chart)


def _write_lane(ledger: Ledger, sheet: Any, fmt: _Formats, r: int) -> int:
    """How fast the lane moved, per hour and per operator; returns the next free row."""
    s = ledger.summary
    columns = [ledger.label(k) for k in ("visits", "median_s", "p90_s", "stops_count")]
    for title, first, lines in (
        ("lane_per_hour", "hour", [(f"{x.hour:02d}:00", x) for x in s.lane_per_hour]),
        ("lane_per_operator", "operator", [(x.operator or "", x) for x in s.lane_per_operator]),
    ):
        sheet.write_string(r, 0, ledger.label(title), fmt.title)
        sheet.write_row(r + 1, 0, [ledger.label(first), *columns], fmt.header)
        r += 2
        for label, line in lines:
            sheet.write_string(r, 0, label, fmt.plain)
            values = (line.visits, line.median_s, line.p90_s, line.stops)
            for c, value in enumerate(values, start=1):
                if value is None:
                    sheet.write_string(r, c, "—", fmt.plain)
                else:
                    sheet.write_number(r, c, value, fmt.plain)
            r += 1
        if not lines:
            sheet.write_string(r, 0, "—", fmt.note)
            r += 1
        r += 1
    return r


def render_xlsx(ledger: Ledger) -> bytes:
    """The workbook's bytes."""
    output = io.BytesIO()
    book = xlsxwriter.Workbook(output, {"constant_memory": True, "strings_to_numbers": False})
    book.set_properties(
        {
            "title": f"{ledger.station} {ledger.period_label}",
            "subject": ledger.label("ledger"),
            "author": ledger.station,
            "comments": "Checkpoint Desk",
        }
    )
    fmt = _Formats(book)
    visits = book.add_worksheet(ledger.t(N_("Visits")))
    summary = book.add_worksheet(ledger.t(N_("Summary")))
    _write_visits(ledger, visits, fmt)
    _write_summary(ledger, book, summary, fmt)
    book.close()
    return output.getvalue()


def count_xlsx_rows(data: bytes) -> int:
    """Visit rows in a ledger workbook: rows after the header whose first cell is a number."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            sheet = archive.read("xl/worksheets/sheet1.xml")
    except (zipfile.BadZipFile, KeyError) as exc:
        raise ValueError("not a ledger workbook") from exc
    count = 0
    try:
        for _event, element in ET.iterparse(io.BytesIO(sheet)):
            if element.tag != f"{_NS}row":
                continue
            if int(element.get("r", "0")) > 1:
                first = element.find(f"{_NS}c")
                if (
                    first is not None
                    and first.get("r", "").startswith("A")
                    and first.get("t", "n") == "n"
                    and first.find(f"{_NS}v") is not None
                ):
                    count += 1
            element.clear()
    except ET.ParseError as exc:
        raise ValueError("damaged workbook") from exc
    return count
