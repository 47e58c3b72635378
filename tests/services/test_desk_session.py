"""The desk session: today's rows and counters as the window shows them, without Qt."""

from __future__ import annotations

from sqlalchemy import Engine

from checkpoint_desk.paths import DataDir
from checkpoint_desk.services.desk_session import DeskSession
from checkpoint_desk.services.drafts import VisitDraft
from checkpoint_desk.services.roles import approve
from checkpoint_desk.services.shift_session import ShiftSession
from checkpoint_desk.services.shifts import close_shift
from checkpoint_desk.services.visit_edits import delete_visit
from checkpoint_desk.settings import Settings
from checkpoint_desk.store.models import Operator, Shift, Station
from tests.conftest import FakeClock
from tests.services.conftest import make_id


def test_today_rows_find_whole_numbers_and_leave_deleted_visits_out(
    engine: Engine,
    station: Station,
    shift: Shift,
    supervisor: Operator,
    data_dir: DataDir,
    clock: FakeClock,
) -> None:
    desk = DeskSession(
        engine, data_dir, Settings.load(data_dir.settings_file), station, clock=clock
    )
    kept = desk.register(
        VisitDraft(
            name="张伟", id_number=make_id(7), phone="13812345678", plate="鲁H12345",
            temperature="365",
        ),
        shift_id=shift.id,
    )  # fmt: skip
    gone = desk.register(VisitDraft(name="李娜", temperature="385"), shift_id=shift.id)
    [first, second] = desk.today_rows()
    assert (first.name, second.name) == ("李娜", "张伟")  # newest first
    assert second.id_masked != make_id(7) and make_id(7) not in second.id_masked
    for key in (make_id(7).lower(), "13812345678", "鲁h12345", "zw"):
        assert key in second.search_text
    assert second.operator_name == "王芳"
    assert desk.day_counts().stopped == 1

    approval = approve(engine, supervisor.id, "987654", clock=clock)
    delete_visit(engine, gone.visit_id, approval=approval, reason="重复", clock=clock)
    assert [row.visit_id for row in desk.today_rows()] == [kept.visit_id]
    assert (desk.day_counts().entered, desk.day_counts().stopped) == (1, 0)
    shifts = ShiftSession(engine, data_dir, station, settings=Settings(None), clock=clock)
    assert shifts.shift_counts(shift.id) == (1, 0, 0)
    unsynced = desk.unsynced_count()
    assert unsynced == 2  # the tombstone still has to reach the hub
    assert close_shift(engine, shift.id, "", clock=clock).unsynced == unsynced
