"""A hub's enrolment code scanned at the registration form registers nobody."""

from __future__ import annotations

import uuid

from checkpoint_desk.services.desk_loop import DeskLoop, EnterStep, Phase, Scan, ScanStep, Shown

CODE = (
    "CKE1.ckst_Ab3-x_Y9.q2Vt8kN0aZ-_Lm3Pq7Rs1Tu5Vw9Xy2Ab4Cd6Ef8Gh0"
    ".Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0Fe9Dc8Ba7"
)


def test_an_enrolment_code_is_not_a_visitor() -> None:
    loop = DeskLoop()
    for source in ("wedge", "camera"):
        step = loop.scan(Scan(CODE, source, "", needs_colour=True), 1000.0)
        assert step is ScanStep.ENROLMENT
        assert loop.visitor.empty and not loop.queued
        assert loop.shown is Shown.ENROLMENT
        assert loop.phase is Phase.READY
        assert loop.enter(1001.0) is EnterStep.NOTHING  # Enter registers nobody either


def test_an_enrolment_code_during_a_visitor_leaves_them_as_they_are() -> None:
    loop = DeskLoop()
    visitor = Scan("https://hc.example.gov.cn/code?uid=ABC-123456", "camera", "", True)
    assert loop.scan(visitor, 1000.0) is ScanStep.TAKEN
    assert loop.scan(Scan(f"  {CODE}\n", "wedge"), 1001.0) is ScanStep.ENROLMENT
    assert loop.visitor.texts == (visitor.text,) and not loop.queued


def test_a_stop_stays_when_an_enrolment_code_is_scanned() -> None:
    stop = uuid.uuid4()
    loop = DeskLoop.restarted(DeskLoop(), pending_stop=stop)
    assert loop.scan(Scan(CODE, "wedge"), 1000.0) is ScanStep.ENROLMENT
    assert loop.pending_stop == stop and loop.shown is Shown.STOP and not loop.queued
