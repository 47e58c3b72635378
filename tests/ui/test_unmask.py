"""Full numbers on screen only with a supervisor's PIN, and each showing is audited."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from sqlmodel import Session, select

from checkpoint_desk.services.visits import VisitDraft, register_visit
from checkpoint_desk.store.models import AuditEntry
from checkpoint_desk.ui.app import Desk
from checkpoint_desk.ui.demo import DEMO_PIN
from checkpoint_desk.ui.unmask_dialog import UnmaskDialog
from tests.conftest import FakeClock
from tests.services.conftest import make_id

ID = make_id(51)


def test_unmask_needs_a_supervisor_pin_and_is_audited(
    desk: Desk, qtbot: QtBot, clock: FakeClock
) -> None:
    done = register_visit(
        desk.session.engine,
        VisitDraft(name="赵六", id_number=ID, phone="13812340000", temperature="36.5"),
        station_id=desk.session.station.id,
        shift_id=None,
        rules=desk.session.rules(),
        clock=clock,
    )
    desk.window.recent.model.set_rows(desk.session.today_rows())
    [row] = [r for r in desk.session.today_rows() if r.visit_id == done.visit_id]
    assert ID not in row.id_masked  # the list shows it masked

    dialog = UnmaskDialog(desk.session, desk.shifts, done.visit_id)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.pin, DEMO_PIN)  # the demo volunteer's PIN
    qtbot.keyClick(dialog.pin, "\r")
    assert ID not in dialog.shown.text() and "supervisor" in dialog.shown.text()
    qtbot.keyClicks(dialog.pin, "4321")  # the demo supervisor's
    qtbot.keyClick(dialog.pin, "\r")
    assert ID in dialog.shown.text() and "13812340000" in dialog.shown.text()
    assert dialog.pin.text() == ""
    with Session(desk.session.engine) as session:
        entries = list(session.exec(select(AuditEntry).where(AuditEntry.action == "unmask")))
    assert len(entries) == 1 and entries[0].detail["person"] == str(done.person_id)
