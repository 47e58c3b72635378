"""A supervisor corrects or deletes a visit from the recent-visits list (F9 or the
row's menu), with their PIN: the row, the counts and the outbox follow; a wrong PIN
changes nothing and loses nothing typed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlmodel import Session, select

from checkpoint_desk.store.models import AuditEntry, Visit
from checkpoint_desk.ui.app import Desk
from checkpoint_desk.ui.visit_edit_dialog import VisitEditDialog
from tests.ui.conftest import visits

SUPERVISOR_PIN = "4321"  # the demo station's supervisor


def register(desk: Desk, name: str, temperature: str) -> None:
    form = desk.window.form
    form.edits["name"].setText(name)
    form.edits["temperature"].setText(temperature)
    desk.window.loop.commit()


def open_editor(desk: Desk, qtbot: QtBot, row: int = 0) -> VisitEditDialog:
    window = desk.window
    window.recent.table.selectRow(row)
    qtbot.keyClick(window.form.edits["name"], Qt.Key.Key_F9)
    dialog = window.visit_editor
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=2000)
    return dialog


def audit_actions(desk: Desk) -> list[str]:
    with Session(desk.session.engine) as session:
        return [e.action for e in session.exec(select(AuditEntry))]


def test_a_wrong_pin_changes_nothing_then_the_supervisor_corrects_the_temperature(
    desk: Desk, qtbot: QtBot
) -> None:
    window = desk.window
    register(desk, "陈静", "385")
    window.disposition.denied_button.click()
    qtbot.waitUntil(lambda: window.status.facts.counts.stopped == 1, timeout=3000)
    dialog = open_editor(desk, qtbot)
    assert dialog.fields["name"].text() == "陈静"
    dialog.fields["temperature"].setText("365")
    qtbot.keyClicks(dialog.pin, "0000")
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    assert dialog.isVisible() and "PIN" in dialog.problem.text()
    assert dialog.fields["temperature"].text() == "365", "what was typed stays"
    assert dialog.pin.text() == ""
    [visit] = visits(desk)
    assert (visit.temperature_c, visit.verdict, visit.revision) == (38.5, "stop", 2)

    qtbot.keyClicks(dialog.pin, SUPERVISOR_PIN)
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2000)
    [visit] = visits(desk)
    assert (visit.temperature_c, visit.verdict, visit.revision) == (36.5, "pass", 3)
    assert visit.synced_revision is None or visit.synced_revision < visit.revision
    model = window.recent.model
    assert model.index(0, 4).data() == "36.5" and model.index(0, 5).data() == "Pass"
    qtbot.waitUntil(lambda: window.status.facts.counts.stopped == 0, timeout=3000)
    assert audit_actions(desk)[-1] == "visit_edit"


def test_the_supervisor_deletes_a_visit_from_the_rows_menu(desk: Desk, qtbot: QtBot) -> None:
    window = desk.window
    register(desk, "张伟", "365")
    register(desk, "李娜", "366")
    qtbot.waitUntil(lambda: window.status.facts.counts.entered == 2, timeout=3000)
    window.recent.table.selectRow(1)  # 张伟, the older one
    window.recent.edit_action.trigger()
    dialog = window.visit_editor
    assert dialog is not None and dialog.fields["name"].text() == "张伟"
    dialog.reason.setText("重复登记")
    qtbot.keyClicks(dialog.pin, SUPERVISOR_PIN)
    dialog.delete_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2000)
    names = [window.recent.model.row_at(i).name for i in range(window.recent.model.rowCount())]
    assert names == ["李娜"]
    qtbot.waitUntil(lambda: window.status.facts.counts.entered == 1, timeout=3000)
    with Session(desk.session.engine) as session:
        gone = session.exec(select(Visit).where(Visit.deleted_at.is_not(None))).one()  # type: ignore[union-attr]
    assert gone.revision == 2, "the tombstone goes to the hub"
    assert audit_actions(desk)[-1] == "visit_delete"


def test_a_correction_without_a_pin_or_a_change_says_so(desk: Desk, qtbot: QtBot) -> None:
    register(desk, "张伟", "365")
    dialog = open_editor(desk, qtbot)
    qtbot.keyClicks(dialog.pin, SUPERVISOR_PIN)
    dialog.save_button.click()
    assert "Nothing" in dialog.problem.text() and dialog.isVisible()
    dialog.fields["phone"].setText("12345")
    dialog.save_button.click()
    assert "PIN first" in dialog.problem.text() and dialog.isVisible()
    qtbot.keyClicks(dialog.pin, SUPERVISOR_PIN)
    dialog.save_button.click()
    assert "Phone" in dialog.problem.text() and dialog.isVisible()
    assert audit_actions(desk).count("visit_edit") == 0
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_while_a_stop_waits_its_disposition_comes_before_any_correction(
    desk: Desk, qtbot: QtBot
) -> None:
    window = desk.window
    register(desk, "陈静", "385")
    window.recent.edit_action.trigger()
    assert window.visit_editor is None, "the STOP on screen is answered first"
    assert "First choose what was done" in window.disposition.problem.text()
    window.disposition.denied_button.click()
    window.recent.edit_action.trigger()
    assert window.visit_editor is not None and window.visit_editor.isVisible()
