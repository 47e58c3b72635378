"""Start-up benchmark: the desk's cold start beside a bare PySide6 window; quick commands.

    .venv/bin/python -m bench.startup [--runs 7] [--before OTHER_CHECKOUT/src]

Prints, as medians of ``--runs`` fresh processes (wall time from spawn):

- **desk**: ``checkpoint-desk --data-dir STATION`` (the real ``main()``: parse,
  show the window, unlock and open the database behind it, build the desk) until
  the window has been painted once (the sign-in page, "opening the station…"), and
  until the station is open and the whole desk painted, on an empty station made
  by ``checkpoint-desk init``;
- **floor**: a bare PySide6 window with as many widgets as the desk's first paint,
  and one with as many as the whole desk, shown and painted the same way; desk and
  floor runs alternate, so all see the same load on the shared machine, and the
  ratios are the measure (goal: first paint ≤ 2 × floor);
- ``checkpoint-desk --version`` (goal ≤ 0.25 s) beside ``python -c pass``;
- ``checkpoint-desk read TEXT`` on a signed health code at that station (goal
  ≤ 0.6 s).

Offscreen Qt; "painted" means ``QWidget.grab()`` returned for every shown top-level
window in the first turn of the event loop. CPU times are the child's own until the
line it printed (``/proc/PID/stat``).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PASSPHRASE = "bench startup passphrase"
# An installed desk has its modules compiled (pip writes the .pyc files); a checkout
# run with PYTHONDONTWRITEBYTECODE compiles ours on every start (≈5 % of the desk's
# start), so the children cache bytecode in the bench's temporary folder (filled by
# the warm-up run).
ENV = {
    **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
    "QT_QPA_PLATFORM": "offscreen",
    "QT_LOGGING_RULES": "qt.qpa.*=false",
    "CHECKPOINT_DESK_PASSPHRASE": PASSPHRASE,
}

# Runs the real entry point; when the event loop first turns, paints the shown
# windows and prints how many widgets they hold; then, once the window says the
# station is open (its ``stationOpen`` property), paints again, prints "open N" and
# quits (the desk then closes).
DESK = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

def paint():
    shown = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    for window in shown:
        window.grab()
    return shown, sum(1 + len(w.findChildren(QWidget)) for w in shown)

def painted():
    print(f"painted {paint()[1]}", flush=True)
    QTimer.singleShot(0, opened)

def opened():
    windows = QApplication.topLevelWidgets()
    # A desk from before issue 15's opening page (--before) is whole at its first paint.
    opening = any(hasattr(w, "station_open") for w in windows)
    if opening and not any(w.property("stationOpen") for w in windows):
        QTimer.singleShot(5, opened)
        return
    shown, count = paint()
    print(f"open {count}", flush=True)
    QApplication.instance().quit()

run = QApplication.exec  # a static method
def exec_and_paint(*_):
    QTimer.singleShot(0, painted)
    return run()
QApplication.exec = exec_and_paint

from checkpoint_desk.cli import main
sys.exit(main(sys.argv[1:]))
"""

# The floor: PySide6 alone, a main window holding the same number of widgets
# (labels, line edits, buttons and a table, in a few layouts), painted the same way.
BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (QApplication, QGridLayout, QLabel, QLineEdit, QMainWindow,
    QPushButton, QTableWidget, QWidget)

app = QApplication(sys.argv[:1])
window = QMainWindow()
central = QWidget()
grid = QGridLayout(central)
kinds = (QLabel, QLineEdit, QPushButton)
table = QTableWidget(10, 8)
grid.addWidget(table, 0, 0)
total = 2 + len(table.findChildren(QWidget)) + 1
for i in range(max(int(sys.argv[1]) - total, 0)):
    widget = kinds[i % 3](f"widget {i}") if i % 3 != 1 else QLineEdit()
    grid.addWidget(widget, 1 + i // 6, i % 6)
window.setCentralWidget(central)
window.resize(1366, 768)
window.show()

def painted():
    window.grab()
    print(f"painted {1 + len(window.findChildren(QWidget))}", flush=True)
    app.quit()

QTimer.singleShot(0, painted)
app.exec()
"""


def _cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _cpu_of(pid: int) -> float:
    """CPU seconds a running process has used so far (user + system, /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


Mark = tuple[float, int, float]
"""(seconds from spawn to the line, widgets painted, the child's CPU seconds until
then: less sensitive than wall time to the other engineers' load)."""


def until_painted(argv: list[str], env: dict[str, str] | None = None) -> dict[str, Mark]:
    """The child's "painted N" and (the desk) "open N" lines, each as a Mark."""
    marks: dict[str, Mark] = {}
    with tempfile.TemporaryFile("w+") as errors:
        began = time.perf_counter()
        child = subprocess.Popen(
            argv, stdout=subprocess.PIPE, stderr=errors, text=True, env=env or ENV
        )
        assert child.stdout is not None
        for line in child.stdout:
            word, _, count = line.partition(" ")
            if word in ("painted", "open"):
                elapsed = time.perf_counter() - began
                marks[word] = (elapsed, int(count), _cpu_of(child.pid))
        code = child.wait(timeout=60)
        if "painted" not in marks:
            errors.seek(0)
            raise SystemExit(f"ended without painting (exit {code}):\n{errors.read()}")
    return marks


def wall(argv: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one run of ``argv``."""
    cpu = _cpu()
    began = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True, env=ENV, timeout=120)
    return time.perf_counter() - began, _cpu() - cpu


def show(label: str, runs: list[tuple[float, float]], note: str = "") -> tuple[float, float]:
    """Print the median wall time (the runs' spread) and median CPU time."""
    times = sorted(t for t, _ in runs)
    wall_s, cpu_s = statistics.median(times), statistics.median(c for _, c in runs)
    spread = " ".join(f"{t:.2f}" for t in times)
    print(f"{label:<34} {wall_s:6.2f} s  CPU {cpu_s:5.2f} s  [{spread}]  {note}")
    return wall_s, cpu_s


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument(
        "--before",
        metavar="SRC",
        help="also time the desk of another checkout's src/ (say, main's) in the same runs",
    )
    args = parser.parse_args()
    py = sys.executable
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        ENV["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
        station = Path(tmp) / "desk"
        cli = [py, "-m", "checkpoint_desk"]
        subprocess.run([*cli, "init", "--station", "基准卡点", "--data-dir", str(station)],
                       check=True, capture_output=True, env=ENV)  # fmt: skip
        desk_argv = [py, "-c", DESK, "--data-dir", str(station), "--lang", "zh_CN"]
        warm = until_painted(desk_argv)  # warm the caches; count the widgets
        first, whole = warm["painted"][1], warm["open"][1]
        floors = {first: [py, "-c", BARE, str(first)], whole: [py, "-c", BARE, str(whole)]}
        desk_runs: dict[str, list[tuple[float, float]]] = {"painted": [], "open": []}
        bare_runs: dict[int, list[tuple[float, float]]] = {n: [] for n in floors}
        before_runs: list[tuple[float, float]] = []
        before_env = {**ENV, "PYTHONPATH": str(args.before)} if args.before else None
        if before_env is not None:
            until_painted(desk_argv, before_env)  # its bytecode cached too
        for _ in range(args.runs):
            marks = until_painted(desk_argv)
            for word, runs in desk_runs.items():
                runs.append((marks[word][0], marks[word][2]))
            if before_env is not None:
                mark = until_painted(desk_argv, before_env)["open"]
                before_runs.append((mark[0], mark[2]))
            for count, argv in floors.items():
                mark = until_painted(argv)["painted"]
                bare_runs[count].append((mark[0], mark[2]))
        print(f"load average {os.getloadavg()[0]:.1f}, {args.runs} runs each, medians")
        painted = show("desk cold start to first paint", desk_runs["painted"], f"({first} widgets)")
        opened = show("desk: station open, desk painted", desk_runs["open"], f"({whole} widgets)")
        compared = [("first paint", painted), ("station open", opened)]
        if before_runs:
            before = show("desk before (--before), painted", before_runs, str(args.before))
            compared.append(("before", before))
        for count in floors:
            floor = show(f"bare PySide6 window, {count} widgets", bare_runs[count])
            for label, desk in compared:
                ratio = f"{desk[0] / floor[0]:6.2f}    CPU {desk[1] / floor[1]:5.2f}"
                print(f"{'  ratio ' + label + ' / this':<34} {ratio}")

        text = _health_code()
        read_argv = [*cli, "read", text, "--demo", "--data-dir", str(station)]
        wall(read_argv)  # warm-up
        for label, argv, note in (
            ("checkpoint-desk --version", [*cli, "--version"], "(goal <= 0.25 s)"),
            ("python -c pass", [py, "-c", "pass"], ""),
            ("checkpoint-desk read TEXT", read_argv, "(goal <= 0.6 s)"),
        ):
            show(label, [wall(argv) for _ in range(args.runs)], note)


def _health_code() -> str:
    from checkpoint_desk.clock import utc_now
    from checkpoint_desk.codes.demo import demo_codes

    return next(c.text for c in demo_codes(utc_now()) if c.text.startswith("CKH1:"))


if __name__ == "__main__":
    main()
