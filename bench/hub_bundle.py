"""USB bundle benchmark: export and import time, file size and the hub's peak memory.

1. A desk with ``--visits`` visits writes a sealed bundle (time, size); the hub imports
   it in a ``checkpoint-hub import-bundle`` process (wall time, peak RSS).
2. A bundle bomb: a signed, sealed bundle under a megabyte that inflates to
   ``--bomb-lines`` records; the hub must refuse it fast with bounded memory
   (issue 13: a 6.7 KB bundle once took 2.7 GB).

Usage: ``.venv/bin/python bench/hub_bundle.py [--visits N] [--bomb-lines N]``
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("CHECKPOINT_DESK_PASSPHRASE", "bench passphrase 测试口令")

from tests.support.bundles import bomb, measured_import
from tests.support.desks import add_visits, make_desk, supervisor_approval

from checkpoint_desk.codes.keys import PUBLIC_KEY_FILE
from checkpoint_desk.hub.database import open_hub_database
from checkpoint_desk.hub.identity import load_identity
from checkpoint_desk.hub.stations import add_station
from checkpoint_desk.services.sync import configure_hub, write_bundle
from checkpoint_desk.sync.hub_pin import enrolment_code


def hub_import(hub_home: Path, db_url: str, bundle: Path) -> str:
    """One import process, measured (CPU time is steadier than wall time here)."""
    done = measured_import(hub_home, db_url, bundle)
    return (
        f"{done.wall_s:.2f} s wall, {done.cpu_s:.2f} s CPU, peak {done.peak_mib:.0f} MiB, "
        f"exit {done.exit_code} {done.stderr.strip()}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--visits", type=int, default=20_000)
    parser.add_argument("--bomb-lines", type=int, default=2_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        hub_home, db_url = root / "hub", f"sqlite:///{root / 'hub' / 'hub.db'}"
        desk = make_desk(root / "desk", "西门卡点")
        add_visits(desk, args.visits)
        pem = (desk.data_dir.keys / PUBLIC_KEY_FILE).read_text("ascii")
        engine = open_hub_database(db_url)
        token = add_station(engine, "西门卡点", desk_station_id=desk.station.id, public_key=pem)[1]
        engine.dispose()
        code = enrolment_code(token, load_identity(hub_home).pin)
        approval = supervisor_approval(desk)
        configure_hub(desk.engine, desk.data_dir, desk.settings, None, code, approval=approval)

        bundle = root / "west.ckb"
        started, cpu = time.perf_counter(), time.process_time()
        write_bundle(desk.engine, desk.data_dir, bundle)
        exported, cpu = time.perf_counter() - started, time.process_time() - cpu
        size = bundle.stat().st_size
        print(
            f"export {args.visits} visits: {exported:.2f} s wall, {cpu:.2f} s CPU, "
            f"{size / 1e6:.2f} MB sealed"
        )
        baseline = root / "not-a-bundle.ckb"
        baseline.write_bytes(b"nothing")
        print(
            f"a refused non-bundle (the CLI's own start): {hub_import(hub_home, db_url, baseline)}"
        )
        print(f"import: {hub_import(hub_home, db_url, bundle)}")

        hostile = root / "bomb.ckb"
        hostile.write_bytes(bomb(desk, hub_home, args.bomb_lines))
        print(f"bomb: {hostile.stat().st_size / 1e3:.0f} KB, {args.bomb_lines:,} records inside")
        print(f"bomb import: {hub_import(hub_home, db_url, hostile)}")
        desk.close()


if __name__ == "__main__":
    main()
