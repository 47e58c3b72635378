"""The CSV ledger: UTF-8 with BOM, header in the UI language, one row per visit."""

from __future__ import annotations

import csv
import io
from datetime import date

from sqlmodel import Session, select

from checkpoint_desk.export.csv_ledger import count_csv_rows, render_csv
from checkpoint_desk.export.ledger_rows import build_ledger
from checkpoint_desk.store.models import Visit
from tests.export.conftest import DAY, Day


def _read(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "no UTF-8 BOM: Excel would garble the Chinese"
    return list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))


def test_csv_rows_match_the_database(busy_day: Day) -> None:
    rows = _read(render_csv(build_ledger(busy_day.engine, day=DAY, lang="zh_CN")))
    header, body = rows[0], rows[1:]
    assert header == [
        "序号", "日期", "时间", "方向", "姓名", "身份证号", "联系电话", "车牌号", "车辆",
        "同行人数", "体温(℃)", "健康码", "行程码", "核酸检测", "疫苗", "来访事由", "去往地址", "户",
        "结果", "处置", "登记人", "备注",
    ]  # fmt: skip
    with Session(busy_day.engine) as session:
        stops_in_db = sum(
            v.verdict == "stop" for v in session.exec(select(Visit)).all() if v.at.date() == DAY
        )
    assert len(body) == 6
    col = {name: i for i, name in enumerate(header)}
    assert sum(r[col["结果"]].startswith("拦截") for r in body) == stops_in_db == 2
    first = body[0]
    assert first[col["日期"]] == "2026-11-28" and first[col["时间"]] == "08:05:00"
    assert first[col["车牌号"]] == "鲁H12345" and first[col["同行人数"]] == "2"
    assert first[col["身份证号"]] == "370811********1234"
    assert first[col["联系电话"]] == "138****5678"
    assert body[1][col["体温(℃)"]] == "37.8"
    assert body[4][col["备注"]] == "送快递"
    assert not any("370811199001011234" in cell for row in body for cell in row)


def test_csv_header_in_english(busy_day: Day) -> None:
    rows = _read(render_csv(build_ledger(busy_day.engine, day=DAY, lang="en")))
    assert rows[0][:4] == ["No.", "Date", "Time", "Direction"]
    assert rows[1][3] == "In"


def test_unmasked_csv_has_full_numbers(busy_day: Day) -> None:
    rows = _read(render_csv(build_ledger(busy_day.engine, day=DAY, lang="en", unmasked=True)))
    assert rows[1][5] == "370811199001011234" and rows[1][6] == "13812345678"


def test_empty_day_is_header_only(busy_day: Day) -> None:
    data = render_csv(build_ledger(busy_day.engine, day=date(2027, 1, 1), lang="en"))
    assert len(_read(data)) == 1
    assert count_csv_rows(data) == 0


def test_typed_text_cannot_become_an_excel_formula(busy_day: Day) -> None:
    from tests.export.factories import make_visit

    make_visit(
        busy_day.engine,
        busy_day.station,
        at=busy_day.morning.opened_at,
        name='=HYPERLINK("http://x")',
        note="+1 同行",
    )
    rows = _read(render_csv(build_ledger(busy_day.engine, day=DAY, lang="en")))
    assert rows[1][4] == '\'=HYPERLINK("http://x")'
    assert rows[1][-1] == "'+1 同行"  # the note, last
