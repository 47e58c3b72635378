"""Live pipeline on the 30 fps 1280×720 demo feed: frames decoded vs dropped, time from
a code entering the view to its report (budget 0.3 s), CPU share of one core, memory.

    .venv/bin/python -m bench.pipeline --seconds 60
    .venv/bin/python -m bench.pipeline --seconds 600   # the memory run (budget: flat)

Codes are the desk's demo codes (``codes.demo.demo_codes``: signed health, travel and
pass codes of 150–450 characters, a DCC and a URL), in turn, 3 s in view and 1 s
apart (each comes back after 56 s, outside the 10 s duplicate window, so every
appearance should be reported). ``--codes random`` shows six random Base45 codes of
``--length`` characters instead.
"""

from __future__ import annotations

import argparse
import random
import statistics
import threading
import time

import psutil

from checkpoint_desk.clock import utc_now
from checkpoint_desk.codes.demo import demo_codes
from checkpoint_desk.scanner.cascade import Cascade
from checkpoint_desk.scanner.decoders import available_decoders
from checkpoint_desk.scanner.demo_feed import DemoFeedSource
from checkpoint_desk.scanner.pipeline import ScanPipeline, ScanReport

BASE45 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"


def demo_texts(count: int, length: int, seed: int = 1) -> list[str]:
    rng = random.Random(seed)
    return [f"CKH1:{i}" + "".join(rng.choice(BASE45) for _ in range(length)) for i in range(count)]


def thread_cpu(process: psutil.Process) -> dict[int, float]:
    return {t.id: t.user_time + t.system_time for t in process.threads()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--fps", type=float, default=30.0)
    parser.add_argument("--codes", choices=("demo", "random"), default="demo")
    parser.add_argument("--length", type=int, default=300, help="Base45 characters a code")
    parser.add_argument("--budget-ms", type=float, default=None)
    args = parser.parse_args()

    process = psutil.Process()
    if args.codes == "demo":
        texts = [code.text for code in demo_codes(utc_now())]
    else:
        texts = demo_texts(6, args.length)
    feed = DemoFeedSource(texts, fps=args.fps, show_s=3.0, gap_s=1.0)
    ready, missing = available_decoders()
    cascade = Cascade(ready) if args.budget_ms is None else Cascade(ready, budget_ms=args.budget_ms)
    reports: list[tuple[ScanReport, float]] = []
    lock = threading.Lock()

    def on_code(report: ScanReport) -> None:
        with lock:
            reports.append((report, time.monotonic()))

    pipeline = ScanPipeline(feed, cascade, on_code=on_code)
    rss_start = process.memory_info().rss
    cpu_start = process.cpu_times()
    wall_start = time.monotonic()
    pipeline.start()
    ids = {t.name: t.native_id for t in threading.enumerate() if t.name.startswith("scan-")}
    per_thread_start = thread_cpu(process)
    rss_samples = []
    while time.monotonic() - wall_start < args.seconds:
        time.sleep(min(10.0, max(0.1, args.seconds - (time.monotonic() - wall_start))))
        rss_samples.append(process.memory_info().rss)
    per_thread_end = thread_cpu(process)
    wall = time.monotonic() - wall_start
    cpu_end = process.cpu_times()
    stop_started = time.monotonic()
    stopped = pipeline.stop(0.5)
    stop_ms = (time.monotonic() - stop_started) * 1000
    rss_end = process.memory_info().rss

    stats = pipeline.stats
    appeared = [a for a in feed.appearances if a.timestamp + 3.0 <= wall_start + wall]
    latencies = []
    missed = 0
    for appearance in appeared:
        later = [
            arrived
            for report, arrived in reports
            if report.text == appearance.text
            and arrived >= appearance.timestamp
            and arrived <= appearance.timestamp + 3.0
        ]
        if later:
            latencies.append(min(later) - appearance.timestamp)
        else:
            missed += 1
    wrong_texts = [report.text for report, _ in reports if report.text not in texts]
    wrong = len(wrong_texts)

    def share(name: str) -> float:
        tid = ids.get(name)
        if tid is None:
            return float("nan")
        return (per_thread_end.get(tid, 0.0) - per_thread_start.get(tid, 0.0)) / wall

    total_cpu = (cpu_end.user + cpu_end.system - cpu_start.user - cpu_start.system) / wall
    print(f"decoders: {[d.name for d in ready]} missing: {[str(m) for m in missing]}")
    lengths = sorted(len(t) for t in texts)
    print(
        f"run: {wall:.1f} s at {args.fps:.0f} fps 1280x720, {len(texts)} codes of "
        f"{lengths[0]}–{lengths[-1]} characters"
    )
    dropped_share = stats.frames_dropped / max(1, stats.frames_captured)
    print(
        f"frames: captured {stats.frames_captured}, decoded {stats.frames_decoded}, "
        f"dropped {stats.frames_dropped} ({dropped_share:.0%})"
    )
    print(f"decoded per second: {stats.frames_decoded / wall:.1f}")
    print(
        f"appearances: {len(appeared)}, reported {len(latencies)}, missed {missed}, "
        f"wrong text {wrong}, reports total {len(reports)}"
    )
    for text in wrong_texts:
        print(f"  wrong text: {text!r}")
    if latencies:
        latencies.sort()
        p95 = latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))]
        print(
            f"code in view → report: median {statistics.median(latencies) * 1000:.0f} ms, "
            f"p95 {p95 * 1000:.0f} ms, max {latencies[-1] * 1000:.0f} ms (budget 300 ms)"
        )
    print(
        f"CPU (share of one core): whole process {total_cpu:.0%}, decode thread "
        f"{share('scan-decode'):.0%}, capture thread (renders the demo feed) "
        f"{share('scan-capture'):.0%}"
    )
    mib = 1024 * 1024
    print(
        f"RSS: start {rss_start / mib:.1f} MiB, end {rss_end / mib:.1f} MiB, "
        f"samples {[round(r / mib, 1) for r in rss_samples]}"
    )
    print(f"stop(): {stop_ms:.1f} ms, threads ended: {stopped}")


if __name__ == "__main__":
    main()
