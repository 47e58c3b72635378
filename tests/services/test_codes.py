"""The station's reading context: its trust list, revoked passes and risk areas."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlmodel import Session

from checkpoint_desk.codes.demo import DemoKeys, demo_pass, travel_code
from checkpoint_desk.codes.reading import CodeStatus
from checkpoint_desk.codes.registry import read_code
from checkpoint_desk.paths import DataDir
from checkpoint_desk.services.codes import read_context
from checkpoint_desk.store.models import ReferenceData
from tests.conftest import FakeClock


def test_reference_data_from_the_hub_reaches_the_reading(
    engine: Engine, data_dir: DataDir, clock: FakeClock
) -> None:
    keys = DemoKeys.load()
    now = clock()
    pass_text = demo_pass(keys.passes, now, pass_id="PHUB1", start=-1, days=10)
    trip = travel_code(keys.travel, now, cities=[{"code": "370105", "name": "天桥区"}])
    before = read_context(data_dir, now, demo=True, engine=engine)
    assert read_code(pass_text, before).status is CodeStatus.GREEN
    assert read_code(trip, before).status is CodeStatus.GREEN
    with Session(engine) as session:
        session.add(ReferenceData(kind="revocations", payload={"passes": ["PHUB1"]}))
        session.add(ReferenceData(kind="risk_areas", payload=["3701"]))
        session.commit()
    after = read_context(data_dir, now, demo=True)  # opens the station database itself
    assert read_code(pass_text, after).reasons == ("revoked",)
    assert read_code(trip, after).status is CodeStatus.YELLOW
    assert len(after.trust) == 5  # the station's own key and the four demo signers
