"""The Today page's parts, in process: each query, the template render, the whole.

Run against a hub ``bench/office.py`` filled (its SQLite cache, or the PostgreSQL URL
while it runs): ``python bench/office_today.py sqlite:////tmp/hubtoday-bench/sqlite/hub/hub.db``.
Each part runs ``ROUNDS`` times, the parts alternating; median wall and CPU
(``time.process_time``: this process only, not a PostgreSQL server's). "before" are
the queries the page ran before (a slot range over the counts' key, every anchor
grouped), for the ratio measured side by side.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa

from checkpoint_desk.clock import to_local, utc_now
from checkpoint_desk.hub.anchors import anchor, clock_skews
from checkpoint_desk.hub.database import make_hub_engine
from checkpoint_desk.hub.office import today as page
from checkpoint_desk.hub.office.chart import hourly_svg
from checkpoint_desk.hub.office.web import STYLE, _duration, _env, _local, _stale
from checkpoint_desk.hub.stations import list_stations
from checkpoint_desk.hub.tables import visit_count

ROUNDS = 7


def main() -> int:
    engine = make_hub_engine(sys.argv[1])
    day = to_local(utc_now()).date()
    starts, end = page._hour_starts(day)

    def counts_before() -> Any:
        query = (
            sa.select(visit_count.c.owner_id, sa.func.sum(visit_count.c.visits))
            .where(visit_count.c.slot >= starts[0], visit_count.c.slot < end)
            .group_by(visit_count.c.owner_id)
        )
        with engine.connect() as conn:
            return conn.execute(query).all()

    def skews_before() -> Any:
        newest = (
            sa.select(anchor.c.station_id, sa.func.max(anchor.c.id).label("id"))
            .group_by(anchor.c.station_id)
            .subquery()
        )
        query = sa.select(anchor.c.station_id, anchor.c.skew_s).join(
            newest, newest.c.id == anchor.c.id
        )
        with engine.connect() as conn:
            return conn.execute(query).all()

    found = page.today(engine, day)
    chart = hourly_svg(found.per_hour, found.hour_starts, "visits")

    def template(today: page.Today) -> str:
        def t(text: str) -> str:
            return text

        return _env.get_template("today.html").render(
            _=t, lang="en", style=STYLE, session=None, path="/office/", status=200,
            stale=lambda d: _stale(d, t), duration=lambda d: _duration(d, t), local=_local,
            today=today, chart=hourly_svg(today.per_hour, today.hour_starts, "visits"),
        )  # fmt: skip

    parts: dict[str, Callable[[], Any]] = {
        "counts (2 grouped reads)": lambda: page._counts(engine, day),
        "counts before (slot range)": counts_before,
        "latest shifts": lambda: page._latest_shifts(engine),
        "clock_skews (a seek each)": lambda: clock_skews(engine),
        "clock_skews before (grouped)": skews_before,
        "list_stations": lambda: list_stations(engine),
        "today()": lambda: page.today(engine, day),
        "chart + template render": lambda: template(found),
        "today() + render": lambda: template(page.today(engine, day)),
    }
    wall: dict[str, list[float]] = {k: [] for k in parts}
    cpu: dict[str, list[float]] = {k: [] for k in parts}
    for _ in range(ROUNDS):
        for name, part in parts.items():
            began_cpu, began = time.process_time(), time.perf_counter()
            part()
            wall[name].append((time.perf_counter() - began) * 1000)
            cpu[name].append((time.process_time() - began_cpu) * 1000)
    print(f"{engine.dialect.name}: {sum(found.per_hour):,} visits today, chart {len(chart)} B")
    for name in parts:
        print(
            f"  {name:30s} wall {statistics.median(wall[name]):7.1f} ms"
            f"  cpu {statistics.median(cpu[name]):7.1f} ms"
        )
    engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
