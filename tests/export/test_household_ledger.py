"""The household (一户一天N人's key) is a ledger column: CSV, XLSX, the PDF's stops."""

from __future__ import annotations

import csv
import io

import openpyxl
from pypdf import PdfReader
from sqlalchemy import Engine

from checkpoint_desk.export.csv_ledger import render_csv
from checkpoint_desk.export.ledger_rows import build_ledger
from checkpoint_desk.export.pdf_font import find_report_font
from checkpoint_desk.export.pdf_ledger import render_pdf
from checkpoint_desk.export.xlsx_ledger import render_xlsx
from checkpoint_desk.store.models import Station
from tests.export.conftest import DAY, local
from tests.export.factories import make_operator, make_shift, make_visit


def _household_day(engine: Engine, station: Station) -> None:
    wang = make_operator(engine, station, "王芳")
    shift = make_shift(engine, station, wang, local(7), None)
    make_visit(engine, station, at=local(8), shift=shift, direction="out", household="5-1-302")
    make_visit(
        engine,
        station,
        at=local(9),
        shift=shift,
        name="李娜",
        direction="out",
        household="5-1-302",
        verdict="stop",
        reasons=["household_quota"],
    )
    make_visit(engine, station, at=local(10), shift=shift, name="王五")  # no household


def _csv(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_the_csv_ledger_has_a_household_column_in_both_languages(
    station_env: tuple[Engine, Station],
) -> None:
    engine, station = station_env
    _household_day(engine, station)
    for lang, head in (("zh_CN", "户"), ("en", "Household")):
        rows = _csv(render_csv(build_ledger(engine, day=DAY, lang=lang)))
        at = rows[0].index(head)
        assert rows[0][at - 1] in ("去往地址", "Destination")
        assert [r[at] for r in rows[1:]] == ["5-1-302", "5-1-302", ""]


def test_the_xlsx_ledger_has_a_household_column(station_env: tuple[Engine, Station]) -> None:
    engine, station = station_env
    _household_day(engine, station)
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(build_ledger(engine, day=DAY))))
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[1]]
    at = header.index("户") + 1
    assert [sheet.cell(row=r, column=at).value for r in (2, 3)] == ["5-1-302", "5-1-302"]


def test_the_pdf_lists_the_household_of_each_stop(station_env: tuple[Engine, Station]) -> None:
    engine, station = station_env
    _household_day(engine, station)
    data = render_pdf(build_ledger(engine, day=DAY, lang="zh_CN"), find_report_font())
    text = "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages)
    assert "5-1-302" in text
    assert "本户今日外出名额已用完" in text and "{quota}" not in text, "the stop's words, filled"
