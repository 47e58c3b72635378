"""A vehicle's occupants are grouped in every ledger: adjacent rows, its label, its plate."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from sqlalchemy import Engine

from checkpoint_desk.export.csv_ledger import render_csv
from checkpoint_desk.export.ledger_rows import Ledger, build_ledger
from checkpoint_desk.export.pdf_font import find_report_font
from checkpoint_desk.export.pdf_ledger import render_pdf
from checkpoint_desk.export.xlsx_ledger import render_xlsx
from checkpoint_desk.store.models import Station
from tests.export.conftest import DAY, local
from tests.export.factories import make_visit
from tests.export.test_pdf_ledger import _text

ENTRY = "3f6d2c1e-5b7a-4c9e-8d21-0a1b2c3d4e5f"


@pytest.fixture
def vehicle_day(station_env: tuple[Engine, Station]) -> Engine:
    """A car of three (the last stopped), a walker registered between two of them, an
    old row with a typed passenger count."""
    engine, station = station_env
    car = {"plate": "鲁H12345", "vehicle_entry": ENTRY}
    make_visit(engine, station, at=local(8, 0), name="张伟", **car)  # type: ignore[arg-type]
    make_visit(engine, station, at=local(8, 1), name="步行", id_number=None, phone=None)
    make_visit(engine, station, at=local(8, 2), name="王芳", id_number=None, **car)  # type: ignore[arg-type]
    make_visit(
        engine, station, at=local(8, 3), name="李娜", id_number=None, temperature=38.2,
        verdict="stop", reasons=["fever"], **car,  # type: ignore[arg-type]
    )  # fmt: skip
    make_visit(engine, station, at=local(9, 0), name="老账", plate="鲁A00001", passengers=2)
    return engine


def _ledger(engine: Engine, lang: str = "en") -> Ledger:
    return build_ledger(engine, day=DAY, lang=lang)


def test_the_occupants_are_adjacent_labelled_and_count_each_other(vehicle_day: Engine) -> None:
    ledger = _ledger(vehicle_day)
    assert [r.name for r in ledger.rows] == ["张伟", "王芳", "李娜", "步行", "老账"]
    assert [r.vehicle for r in ledger.rows] == ["Vehicle 1"] * 3 + ["", ""]
    assert [r.passengers for r in ledger.rows] == [2, 2, 2, 0, 2], "old rows keep theirs"
    assert [r.seq for r in ledger.rows] == [1, 2, 3, 4, 5]
    (car,) = ledger.vehicles
    assert (car.plate, car.occupants, car.stopped_by) == ("鲁H12345", 3, ("李娜",))


def test_csv_and_xlsx_show_the_vehicle_beside_the_plate(vehicle_day: Engine) -> None:
    ledger = _ledger(vehicle_day, "zh_CN")
    lines = list(csv.reader(io.StringIO(render_csv(ledger).decode("utf-8-sig"))))
    head = lines[0]
    plate, vehicle = head.index("车牌号"), head.index("车辆")
    assert vehicle == plate + 1
    body = [line for line in lines[1:] if line and line[0].isdigit()]
    assert [(line[plate], line[vehicle]) for line in body[:3]] == [("鲁H12345", "车辆 1")] * 3
    sheet = openpyxl.load_workbook(io.BytesIO(render_xlsx(ledger)))["登记明细"]
    cells = [[c.value for c in row] for row in sheet.iter_rows(min_row=2, max_row=4)]
    assert all(row[vehicle] == "车辆 1" and row[plate] == "鲁H12345" for row in cells)


def test_the_pdf_lists_the_vehicle_and_who_stopped_it(vehicle_day: Engine) -> None:
    text = _text(render_pdf(_ledger(vehicle_day, "zh_CN"), find_report_font()))
    table = text[text.index("被拦截的车辆") :].splitlines()
    assert table[1] == "共 1 辆车，其中 1 辆被拦截"
    first = table.index("车辆 1")
    assert table[first : first + 4] == ["车辆 1", "鲁H12345", "3", "拦截：李娜"], "who stopped it"
