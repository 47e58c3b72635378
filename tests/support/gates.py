"""Hub stations for insight tests: gates that push visits through the hub's ingest."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Engine

from checkpoint_desk.hub.ingest import ingest, sort_items
from checkpoint_desk.hub.stations import HubStation, add_station, bind
from checkpoint_desk.sync.wire import PushResult
from tests.support.samples import visit_json

ZHANG = "370811199001011236"
LI = "370802198505052284"
WANG = "110101197001010016"
ZHAO = "370811199202023217"
SUN = "370811200003034568"
DAY = datetime(2026, 11, 28, tzinfo=UTC)


def at(hour: int, minute: int = 0) -> str:
    return (DAY + timedelta(hours=hour, minutes=minute)).isoformat()


@dataclass
class Gate:
    engine: Engine
    hub_station: HubStation
    desk_id: uuid.UUID

    def push(self, *visits: dict[str, Any]) -> PushResult:
        result = ingest(
            self.engine,
            self.hub_station.id,
            self.desk_id,
            sort_items({"visits": [visit_json(self.desk_id, **v) for v in visits]}),
        )
        assert not result.rejected, result.rejected
        return result


def gate(engine: Engine, name: str, community: str = "济阳街道") -> Gate:
    hub_station, _ = add_station(engine, name)
    desk_id = uuid.uuid4()
    bound = bind(engine, hub_station, desk_id, None, community=community)
    return Gate(engine, bound, desk_id)


def visit(
    when: str,
    direction: str,
    name: str,
    id_number: str | None,
    phone: str | None = None,
    **more: Any,
) -> dict[str, Any]:
    return {
        "uuid": str(uuid.uuid4()),
        "at": when,
        "updated_at": when,
        "direction": direction,
        "name": name,
        "id_number": id_number,
        "phone": phone,
        **more,
    }
