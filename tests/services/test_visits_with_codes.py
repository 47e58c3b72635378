"""The demo codes, read by the real readers, give the verdicts a volunteer expects."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from checkpoint_desk.codes.context import ReadContext
from checkpoint_desk.codes.demo import demo_codes
from checkpoint_desk.codes.reading import CodeReading
from checkpoint_desk.codes.registry import read_code
from checkpoint_desk.codes.trust import TrustList
from checkpoint_desk.domain.screening import ScreeningRules
from checkpoint_desk.services.visits import VisitDraft, register_visit
from checkpoint_desk.store.models import Person, Scan, Shift, Station, Visit
from tests.conftest import FakeClock


@pytest.fixture
def readings(clock: FakeClock) -> dict[str, CodeReading]:
    context = ReadContext.for_desk(TrustList(), clock.now, demo=True)
    return {code.name: read_code(code.text, context) for code in demo_codes(clock.now)}


@pytest.mark.parametrize(
    ("codes", "colour", "verdict", "reasons"),
    [
        (["health-green", "travel-clear"], None, "pass", []),
        (["health-red"], None, "stop", ["health_code_red"]),
        (["test-stale"], None, "stop", ["nat_stale"]),
        (["health-green", "travel-risk"], None, "stop", ["travel_risk"]),
        (["pass-valid"], None, "pass", []),
        (["pass-revoked"], None, "stop", ["revoked"]),
        (["forged"], None, "stop", ["signature_invalid"]),
        (["provincial-url"], None, "stop", ["health_code_unconfirmed"]),
        (["provincial-url"], "green", "pass", []),
        (["provincial-url"], "yellow", "stop", ["health_code_yellow"]),
    ],
)
def test_demo_codes_registered(
    engine: Engine,
    station: Station,
    shift: Shift,
    clock: FakeClock,
    readings: dict[str, CodeReading],
    codes: list[str],
    colour: str | None,
    verdict: str,
    reasons: list[str],
) -> None:
    draft = VisitDraft(
        name="张伟",
        temperature="36.5",
        readings=[readings[name] for name in codes],
        confirmed_colour=colour,
        source="camera",
    )
    done = register_visit(
        engine, draft, station_id=station.id, shift_id=shift.id, rules=ScreeningRules(),
        clock=clock,
    )  # fmt: skip
    assert done.verdict.decision.value == verdict
    assert done.verdict.reason_codes == reasons
    with Session(engine) as session:
        visit = session.get(Visit, done.visit_id)
        scans = session.exec(select(Scan).where(Scan.visit_id == done.visit_id)).all()
        person = session.get(Person, done.person_id)
    assert visit is not None and visit.reasons == reasons
    assert sorted(s.scheme for s in scans) == sorted(readings[n].scheme for n in codes)
    assert person is not None
    if codes == ["pass-valid"]:
        assert person.resident


def test_dcc_vaccination_is_kept(
    engine: Engine, station: Station, shift: Shift, clock: FakeClock,
    readings: dict[str, CodeReading],
) -> None:  # fmt: skip
    done = register_visit(
        engine, VisitDraft(temperature="36.5", readings=[readings["eu-dcc"]]),
        station_id=station.id, shift_id=shift.id, rules=ScreeningRules(), clock=clock,
    )  # fmt: skip
    with Session(engine) as session:
        visit = session.get(Visit, done.visit_id)
        person = session.get(Person, done.person_id)
    assert visit is not None and visit.vaccine_doses
    assert person is not None and person.name  # the name comes from the certificate
