"""The ledger's summary sheet (XLSX) and report (PDF) show how fast the lane moved."""

from __future__ import annotations

import io

import openpyxl
import pytest
from pypdf import PdfReader
from sqlalchemy import Engine

from checkpoint_desk.export.ledger_rows import build_ledger
from checkpoint_desk.export.pdf_font import find_report_font
from checkpoint_desk.export.pdf_ledger import render_pdf
from checkpoint_desk.export.xlsx_ledger import render_xlsx
from checkpoint_desk.store.models import Station
from tests.conftest import FakeClock
from tests.support.insight_day import DAY, InsightDay, script_day


@pytest.fixture
def day(station_env: tuple[Engine, Station], clock: FakeClock) -> InsightDay:
    engine, station = station_env
    return script_day(engine, station, clock)


def _rows_after(sheet: object, title: str) -> list[list[object]]:
    values = [list(r) for r in sheet.iter_rows(values_only=True)]  # type: ignore[attr-defined]
    start = next(i for i, r in enumerate(values) if r[0] == title)
    rows = []
    for r in values[start + 2 :]:
        if r[0] is None:
            break
        rows.append(r[:5])
    return rows


def test_summary_sheet_has_the_lane_per_hour_and_operator(day: InsightDay) -> None:
    ledger = build_ledger(day.engine, day=DAY, lang="en")
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(ledger)))
    summary = book["Summary"]
    assert _rows_after(summary, "Lane per hour: seconds per visitor") == [
        ["08:00", 5, 14, 30, 1],
        ["12:00", 1, 9, 9, 0],
        ["14:00", 2, 11, 40, 0],
        ["18:00", 4, 18, 25, 0],
    ]
    assert _rows_after(summary, "Lane per operator: seconds per visitor") == [
        ["李强", 6, 18, 40, 0],
        ["王芳", 6, 10, 30, 1],
    ]


def test_report_has_the_lane_in_chinese(day: InsightDay) -> None:
    data = render_pdf(build_ledger(day.engine, day=DAY, lang="zh_CN"), find_report_font())
    text = "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
    assert "每小时通行效率" in text and "各登记员通行效率" in text and "中位秒数" in text
    assert "14.0" in text and "40.0" in text
