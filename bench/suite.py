"""Test-suite benchmark: the same tests in one pytest process and on xdist workers.

    .venv/bin/python -m bench.suite [--rounds 1] [--workers logical] [PATH ...]

Runs ``pytest -q PATH ...`` (default: the whole offscreen suite) alternately as
``make pytest`` runs it (``-n WORKERS --dist loadfile``) and in one process
(``-n 0``), so both see the same load on the shared machine, and prints each run's
wall time and CPU time (user + system of pytest and every process it waited for:
workers, hub processes, CLI runs; a PostgreSQL server detaches and is not counted).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time


def run(paths: list[str], workers: str) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds and exit status of one pytest run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", workers]
        + (["--dist", "loadfile"] if workers != "0" else [])
        + paths,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        stdout=subprocess.DEVNULL,
        check=False,
    )
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=["tests"])
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--workers", default="logical", help="as pytest-xdist's -n")
    args = parser.parse_args(argv)
    print(f"pytest {' '.join(args.paths)}; load {os.getloadavg()[0]:.1f}")
    print(f"{'run':<16}{'wall s':>9}{'CPU s':>9}  exit")
    failed = False
    for _ in range(args.rounds):
        for label, workers in ((f"-n {args.workers}", args.workers), ("one process", "0")):
            wall, cpu, status = run(args.paths, workers)
            failed |= status != 0
            print(f"{label:<16}{wall:9.1f}{cpu:9.1f}  {status}", flush=True)
    print(f"load {os.getloadavg()[0]:.1f}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
