"""The Excel ledger, opened with openpyxl as the office would open it."""

from __future__ import annotations

import io
from datetime import date, datetime, time

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

from checkpoint_desk.export.ledger_rows import build_ledger
from checkpoint_desk.export.xlsx_ledger import (
    FEVER_FILL,
    STOP_FILL,
    count_xlsx_rows,
    render_xlsx,
    text_width,
)
from tests.export.conftest import DAY, Day


def _open(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def _fill(sheet: Worksheet, row: int) -> str:
    colour = sheet.cell(row=row, column=5).fill.fgColor.rgb
    return str(colour)[-6:].upper() if sheet.cell(row=row, column=5).fill.fill_type else ""


def test_visits_sheet_cells_and_highlights(busy_day: Day) -> None:
    book = _open(render_xlsx(build_ledger(busy_day.engine, day=DAY, lang="zh_CN")))
    assert book.sheetnames == ["登记明细", "汇总"]
    sheet = book["登记明细"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:V7"
    assert [c.value for c in sheet[1]][:3] == ["序号", "日期", "时间"]
    assert sheet.max_row == 7
    assert sheet["A2"].value == 1
    assert isinstance(sheet["B2"].value, datetime) and sheet["B2"].value.date() == DAY
    assert sheet["B2"].number_format == "yyyy-mm-dd"
    assert sheet["C2"].value == time(8, 5)
    assert sheet["F2"].value == "370811********1234"
    assert sheet["G2"].value == "138****5678"
    assert sheet["K3"].value == 37.8
    assert sheet["S4"].value == "拦截：健康码黄码"
    # stop rows and fever rows are filled, in different colours; passes are not
    assert _fill(sheet, 3) == FEVER_FILL[1:]
    assert _fill(sheet, 4) == STOP_FILL[1:]
    assert FEVER_FILL != STOP_FILL
    assert _fill(sheet, 2) == "" and _fill(sheet, 5) == ""
    # columns wide enough for the Chinese text they hold
    width_q = sheet.column_dimensions["S"].width
    assert width_q is not None and width_q >= text_width("拦截：体温 37.8 ℃ ≥ 37.3 ℃")


def test_summary_sheet_totals_match_the_ledger(busy_day: Day) -> None:
    ledger = build_ledger(busy_day.engine, day=DAY, lang="en")
    book = _open(render_xlsx(ledger))
    sheet = book["Summary"]
    values: dict[object, object] = {}
    for row in sheet.iter_rows(values_only=True):
        values.setdefault(row[0], row[1])  # first occurrence: the counts table
    assert values["Number of visits"] == 6
    assert values["In"] == 5 and values["Out"] == 1
    assert values["Stopped"] == 2 and values["Fever"] == 1
    assert values["08:00–09:00"] == 2 and values["23:00–24:00"] == 1
    assert values["王芳"] == 4 and values["李强"] == 2
    assert values["Health code is yellow"] == 1
    assert values["Referred to medical staff"] == 1
    assert values["ID numbers and phones"] == "masked"
    assert sheet._charts, "the hourly chart is missing"


def test_empty_day_has_a_note_row(busy_day: Day) -> None:
    data = render_xlsx(build_ledger(busy_day.engine, day=date(2027, 1, 1), lang="en"))
    sheet = _open(data)["Visits"]
    assert sheet["A1"].value == "No."
    assert sheet["A2"].value == "No visits on this day."
    assert count_xlsx_rows(data) == 0


def test_row_count_read_back_from_the_file(busy_day: Day) -> None:
    assert count_xlsx_rows(render_xlsx(build_ledger(busy_day.engine, day=DAY))) == 6
