"""Recent visits: the model passes Qt's model tester; search finds people."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from checkpoint_desk.services.today import VisitRow
from checkpoint_desk.ui.app import Desk
from checkpoint_desk.ui.recent_visits import RecentVisits, VisitSearchProxy, VisitTableModel


def row(name: str, search: str, verdict: str = "pass") -> VisitRow:
    return VisitRow(
        visit_id=uuid.uuid4(),
        at=datetime(2026, 11, 28, 8, 0, tzinfo=UTC),
        direction="in",
        name=name,
        id_masked="370811********1234",
        temperature_c=36.5,
        retest_temperature_c=None,
        verdict=verdict,
        reasons=("fever",) if verdict == "stop" else (),
        disposition="referred" if verdict == "stop" else None,
        search_text=search,
    )


def test_visit_table_model_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    model = VisitTableModel()
    model.set_rows([row("张伟", "张伟 zw"), row("李娜", "李娜 ln", "stop")])
    qtmodeltester.check(model, force_py=True)
    model.add_or_update(row("王芳", "王芳 wf"))
    qtmodeltester.check(model, force_py=True)


def test_search_proxy_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    model = VisitTableModel()
    proxy = VisitSearchProxy()
    proxy.setSourceModel(model)
    model.set_rows([row("张伟", "张伟 370811199001011234 zw"), row("李娜", "李娜 ln")])
    proxy.set_query("zw")
    qtmodeltester.check(proxy, force_py=True)
    assert proxy.rowCount() == 1


def test_search_by_pinyin_initials_id_and_name(qtbot: QtBot) -> None:
    recent = RecentVisits()
    qtbot.addWidget(recent)
    recent.model.set_rows(
        [
            row("张伟", "张伟 370811199001011234 13812345678 zw"),
            row("李娜", "李娜 110101199003077777 ln"),
        ]
    )
    recent.search.setText("zw")
    assert recent.proxy.rowCount() == 1
    assert recent.proxy.index(0, 2).data() == "张伟"
    recent.search.setText("1101011990")
    assert recent.proxy.index(0, 2).data() == "李娜"
    recent.search.setText("")
    assert recent.proxy.rowCount() == 2


def test_a_stop_row_says_why_and_what_was_done() -> None:
    model = VisitTableModel()
    model.set_rows([row("李娜", "", "stop")])
    text = model.index(0, 5).data()
    assert "Stopped" in text and "fever" in text and "referred" in text
    assert model.index(0, 5).data(Qt.ItemDataRole.ForegroundRole) is not None


def test_ctrl_f_searches_registered_visits(desk: Desk, qtbot: QtBot) -> None:
    window = desk.window
    window.form.edits["name"].setText("张伟")
    window.form.edits["temperature"].setText("365")
    window.loop.commit()
    window.form.edits["name"].setText("李娜")
    window.form.edits["temperature"].setText("366")
    window.loop.commit()
    qtbot.keyClick(window.form.edits["name"], Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.recent.search.hasFocus()
    qtbot.keyClicks(window.recent.search, "ln")
    qtbot.waitUntil(lambda: window.recent.proxy.rowCount() == 1, timeout=2000)
    assert window.recent.proxy.index(0, 2).data() == "李娜"
    qtbot.keyClick(window.recent.search, Qt.Key.Key_Escape)
    assert window.recent.search.text() == ""
    assert window.form.edits["name"].hasFocus()


def test_ctrl_f_finds_a_visit_by_plate(desk: Desk, qtbot: QtBot) -> None:
    window = desk.window
    window.form.edits["name"].setText("张伟")
    window.form.edits["plate"].setText("鲁H 12345")
    window.form.edits["temperature"].setText("365")
    window.loop.commit()
    window.form.edits["name"].setText("李娜")
    window.form.edits["temperature"].setText("366")
    window.loop.commit()
    qtbot.keyClicks(window.recent.search, "h12345")
    qtbot.waitUntil(lambda: window.recent.proxy.rowCount() == 1, timeout=2000)
    assert window.recent.proxy.index(0, 2).data() == "张伟"
