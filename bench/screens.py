"""Phone screens at a slant, small and dense: each decoder alone and the cascade, one run.

    .venv/bin/python -m bench.screens [--count 400] [--seed 1] [--empty 100]

Frames from ``scanner.screen_shots`` (1280×720; the demo issuer's signed health,
travel and pass codes of 406–497 characters at 170–250 px, roll ±25°, tilt to 35°,
screen-grid moiré, glare, gamma, blur, noise, JPEG 45–85, printed notices behind).
For each decoder (one plain decode of the frame) and for the cascade (the live
budget on the wall clock as on the desk, the same budget on the decoding thread's
CPU clock, which is what one free core gives on this shared machine, and no
budget): frames read, wrong texts, ms per frame (CPU and wall) median / p95;
then the same on ``--empty`` frames of the same rooms with no phone (nothing may be
read; their time is the cost of a frame with nothing in view). The frame budget
(DESIGN §8): 30 fps at 1280×720 on one core with frames dropped, a code in view
reported within 0.3 s.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime

from checkpoint_desk.codes.demo import demo_codes
from checkpoint_desk.scanner.cascade import DEFAULT_BUDGET_MS, DEFAULT_PLAN, Cascade
from checkpoint_desk.scanner.decoded import GrayFrame
from checkpoint_desk.scanner.decoders import available_decoders
from checkpoint_desk.scanner.screen_shots import ScreenShot, empty_shots, screen_shots

WITHOUT_BUSY = tuple(step for step in DEFAULT_PLAN if not step[1].startswith("busy"))
"""The plan as it was before the busy steps (for comparison in the same run)."""

Read = Callable[[GrayFrame], tuple[list[str], str | None]]


def phone_texts() -> list[str]:
    """The demo issuer's health, travel and pass codes, signed at a fixed time."""
    now = datetime(2026, 12, 1, 8, tzinfo=UTC)
    return [c.text for c in demo_codes(now) if c.scheme in ("CKH1", "CKT1", "CKP1")]


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def run(name: str, read: Read, shots: list[ScreenShot], empty: list[GrayFrame]) -> None:
    hits, wrong, cpu, wall, steps = 0, 0, [], [], Counter[str]()
    for shot in shots:
        started, started_cpu = time.perf_counter(), time.thread_time()
        texts, step = read(shot.gray)
        cpu.append((time.thread_time() - started_cpu) * 1000)
        wall.append((time.perf_counter() - started) * 1000)
        if shot.text in texts:
            hits += 1
            steps[step or name] += 1
        wrong += sum(t != shot.text for t in texts)
    idle, ghosts = [], 0
    for gray in empty:
        started_cpu = time.thread_time()
        ghosts += len(read(gray)[0])
        idle.append((time.thread_time() - started_cpu) * 1000)
    print(
        f"| {name} | {hits}/{len(shots)} ({hits / len(shots):.0%}) | {wrong} | "
        f"{statistics.median(cpu):.1f} / {_p95(cpu):.1f} | "
        f"{statistics.median(wall):.1f} / {_p95(wall):.1f} | "
        f"{statistics.median(idle):.1f} / {_p95(idle):.1f} | {ghosts} |"
    )
    if len(steps) > 1:
        print(f"|   by step: {', '.join(f'{k} {v}' for k, v in steps.most_common())} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=400)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--empty", type=int, default=100)
    parser.add_argument("--budget-ms", type=float, default=DEFAULT_BUDGET_MS)
    args = parser.parse_args()

    started = time.perf_counter()
    shots = list(screen_shots(phone_texts(), args.count, seed=args.seed))
    empty = list(empty_shots(args.empty, seed=args.seed))
    made_ms = (time.perf_counter() - started) * 1000 / (args.count + args.empty)
    ready, missing = available_decoders()
    print(f"{args.count} frames (seed {args.seed}) + {args.empty} empty, {made_ms:.0f} ms each")
    print(f"missing backends: {[str(m) for m in missing]}")
    print(
        "| decoder | frames read | wrong texts | CPU ms median / p95 | wall ms median / p95 "
        "| empty: CPU ms | empty: read |"
    )
    print("|---|---|---|---|---|---|---|")
    for decoder in ready:
        run(decoder.name, lambda g, d=decoder: ([c.text for c in d.decode(g)], None), shots, empty)
    budget = args.budget_ms
    for label, cascade in (
        (f"cascade ({budget:.0f} ms budget, wall clock)", Cascade(ready, budget_ms=budget)),
        (
            f"cascade ({budget:.0f} ms budget, CPU clock: one core)",
            Cascade(ready, budget_ms=budget, clock=time.thread_time),
        ),
        ("cascade (no budget)", Cascade(ready, budget_ms=10_000)),
        (
            f"plan without the busy steps ({budget:.0f} ms, CPU clock)",
            Cascade(ready, plan=WITHOUT_BUSY, budget_ms=budget, clock=time.thread_time),
        ),
    ):

        def read(gray: GrayFrame, c: Cascade = cascade) -> tuple[list[str], str | None]:
            result = c.decode(gray)
            return [code.text for code in result.codes], result.step

        run(label, read, shots, empty)


if __name__ == "__main__":
    main()
