"""Evidence benchmark: the keyed audit trail and the clock check on the hot path.

    .venv/bin/python -m bench.evidence [--entries 5000] [--visits 0]

Makes a station (real migrations, a vault), appends ``--entries`` audit entries
with ``services.audit.record`` (HMAC under the vault, one commit each), signs an
anchor, verifies the whole chain, and times ``read_context`` (which holds the clock
against the newest time seen on every code read). Prints medians in ms.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from sqlmodel import Session

from checkpoint_desk.clock import utc_now
from checkpoint_desk.paths import DataDir
from checkpoint_desk.services.anchors import anchor_head, station_key, station_public_key
from checkpoint_desk.services.audit import record, verify_chain
from checkpoint_desk.services.codes import read_context
from checkpoint_desk.services.station import init_station


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=5000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = DataDir(Path(tmp) / "desk")
        engine, station = init_station(data_dir, "bench", passphrase="bench passphrase")
        start = utc_now()
        times = []
        for i in range(args.entries):
            moment = start + timedelta(seconds=i)
            began = time.perf_counter()
            with Session(engine) as session:
                record(session, "export", {"n": i}, station_id=station.id, clock=lambda m=moment: m)
                session.commit()
            times.append((time.perf_counter() - began) * 1000)
        began = time.perf_counter()
        anchor_head(engine, station_key(engine, data_dir.keys), "export")
        anchor_ms = (time.perf_counter() - began) * 1000
        began = time.perf_counter()
        with Session(engine) as session:
            check = verify_chain(session, station_public_key(data_dir.keys))
        verify_s = time.perf_counter() - began
        assert check.ok and check.entries == args.entries, check
        now = start + timedelta(seconds=args.entries)
        reads: dict[bool, list[float]] = {True: [], False: []}
        for _ in range(100):
            for check_clock in (True, False):
                began = time.perf_counter()
                read_context(data_dir, now, engine=engine, check_clock=check_clock)
                reads[check_clock].append((time.perf_counter() - began) * 1000)
        engine.dispose()
    print(f"audit record (HMAC, one commit each): median {statistics.median(times):.2f} ms")
    print(f"anchor (sign the head): {anchor_ms:.2f} ms")
    print(f"verify {args.entries} entries + anchor: {verify_s:.2f} s")
    with_check, without = statistics.median(reads[True]), statistics.median(reads[False])
    print(f"read_context: median {with_check:.2f} ms with the clock check, {without:.2f} without")


if __name__ == "__main__":
    main()
