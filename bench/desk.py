"""Desk benchmark: cold start to a ready window; scan-to-banner; Enter-to-committed.

    .venv/bin/python -m bench.desk [--visits 1000000] [--people 100000] [--samples 100]
        [--data-dir DIR]

Fills a station database with ``--visits`` visits (the services benchmark's filler,
``bench.store.fill``), then times, offscreen:

- cold start: a fresh ``python`` process that imports the desk, opens the database,
  builds and shows the main window and has painted it (median of 3);
- scan to banner: ``RegistrationLoop.scan`` (read the code, fill the form, banner
  waits for the temperature) plus the repaint;
- Enter to committed: ``RegistrationLoop.commit`` (checks, ``register_visit`` with
  WAL + synchronous=FULL, the banner, the table row) plus the repaint;
- the status bar's counts (today's counts, unsynced records), read on a pool thread
  just after a commit (so they do not hold up the window).

Budgets (DESIGN §8): cold start < 2 s, commit < 20 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

CHILD = """
import time, sys
began = time.perf_counter()
from pathlib import Path
from checkpoint_desk.paths import DataDir
from checkpoint_desk.ui.app import build_desk, no_camera_factory
desk = build_desk(DataDir(Path(sys.argv[1])), camera=no_camera_factory, lang="zh_CN")
desk.window.show()
desk.app.processEvents()
desk.window.grab()
print(f"{(time.perf_counter() - began) * 1000:.0f}", flush=True)
desk.close()
"""


def fill_station(root: Path, visits: int, people: int) -> None:
    from bench.store import PASSPHRASE, fill
    from checkpoint_desk.settings import Settings
    from checkpoint_desk.store.vault import create_vault

    root.mkdir(parents=True, exist_ok=True)
    vault = create_vault(root / "keys", PASSPHRASE)  # the desk unlocks with it (env)
    fill(root / "checkpoint.db", visits, people, max(people // 5, 1), vault)
    Settings.load(root / "settings.json").save()


def cold_start(root: Path) -> tuple[float, float]:
    """(wall ms from spawn to painted window, ms inside the process after start-up)."""
    began = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(root)],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    ).stdout
    wall = (time.perf_counter() - began) * 1000
    inside = float(out.strip().splitlines()[-1])
    return wall, inside


def loop_times(root: Path, samples: int) -> tuple[list[float], list[float], list[float]]:
    from checkpoint_desk.paths import DataDir
    from checkpoint_desk.ui.app import build_desk, no_camera_factory

    desk = build_desk(DataDir(root), camera=no_camera_factory, lang="zh_CN")
    desk.window.show()
    desk.app.processEvents()
    loop = desk.window.loop
    scans: list[float] = []
    commits: list[float] = []
    counts: list[float] = []
    for i in range(samples):
        text = f"https://hc.example.gov.cn/code?uid=BENCH-{i:06d}"
        began = time.perf_counter()
        loop.scan(text, "camera")
        desk.app.processEvents()
        scans.append((time.perf_counter() - began) * 1000)
        if desk.window.form.waiting_for_colour:
            loop.confirm_colour("green")
        desk.window.form.edits["name"].setText("张伟")
        desk.window.form.edits["temperature"].setText("365")
        began = time.perf_counter()
        loop.commit()
        desk.app.processEvents()
        commits.append((time.perf_counter() - began) * 1000)
        began = time.perf_counter()
        desk.session.day_counts()
        desk.session.unsynced_count()
        counts.append((time.perf_counter() - began) * 1000)
    desk.close()
    return scans, commits, counts


def report(label: str, times: list[float], budget: float | None = None) -> None:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    verdict = "" if budget is None else ("  OK" if p95 < budget else "  OVER BUDGET")
    print(f"{label:<34} median {statistics.median(times):7.1f} ms   p95 {p95:7.1f} ms{verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--visits", type=int, default=1_000_000)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--samples", type=int, default=100)
    parser.add_argument("--data-dir", type=Path, default=None, help="reuse a filled station")
    args = parser.parse_args()
    from bench.store import PASSPHRASE
    from checkpoint_desk.store.vault import ENV_PASSPHRASE

    os.environ.setdefault(ENV_PASSPHRASE, PASSPHRASE)  # the bench station's passphrase
    with tempfile.TemporaryDirectory(prefix="bench-desk-") as tmp:
        root = args.data_dir or Path(tmp) / "desk"
        if not (root / "checkpoint.db").exists():
            began = time.perf_counter()
            fill_station(root, args.visits, args.people)
            print(f"filled {args.visits:,} visits in {time.perf_counter() - began:.0f} s")
        starts = [cold_start(root) for _ in range(3)]
        report("cold start to painted window", [w for w, _ in starts], 2000)
        report("  of which after interpreter start", [i for _, i in starts])
        scans, commits, counts = loop_times(root, args.samples)
        report("scan to banner", scans)
        report("Enter to committed and shown", commits, 20)
        report("status bar counts (pool thread)", counts)


if __name__ == "__main__":
    main()
