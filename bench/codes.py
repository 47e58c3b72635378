"""Time to read and verify one code, per scheme: median and p95 in ms (budget < 5 ms).

Run: ``.venv/bin/python -m bench.codes [N]`` (N reads per scheme, default 500).
"""

from __future__ import annotations

import base64
import json
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from checkpoint_desk.codes.context import ReadContext
from checkpoint_desk.codes.demo import demo_codes
from checkpoint_desk.codes.reading import CodeReading
from checkpoint_desk.codes.registry import read_code
from checkpoint_desk.codes.trust import TrustList, entry_for_certificate

BUDGET_MS = 5.0
NOW = datetime.now(UTC)


def dcc_vector(name: str) -> tuple[str, ReadContext] | None:
    """A dgc-testdata vector's text and a context trusting its certificate."""
    for parent in Path(__file__).resolve().parents:
        path = parent / "shared" / "data" / "dgc-testdata" / "common" / "2DCode" / "raw" / name
        if path.is_file():
            v = json.loads(path.read_text(encoding="utf-8"))
            trust = TrustList()
            trust.add(entry_for_certificate(base64.b64decode(v["TESTCTX"]["CERTIFICATE"])))
            clock = datetime.fromisoformat(v["TESTCTX"]["VALIDATIONCLOCK"].replace("Z", "+00:00"))
            return v["PREFIX"], ReadContext(trust=trust, now=clock, skew=timedelta(0))
    return None


def measure(text: str, ctx: ReadContext, n: int) -> tuple[float, float, CodeReading]:
    reading = read_code(text, ctx)  # warm caches (trust list, imports)
    times = []
    for _ in range(n):
        start = time.perf_counter_ns()
        read_code(text, ctx)
        times.append((time.perf_counter_ns() - start) / 1e6)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1], reading


def main(argv: list[str]) -> int:
    n = int(argv[0]) if argv else 500
    demo = {c.name: c.text for c in demo_codes(NOW)}
    demo_ctx = ReadContext.for_desk(TrustList(), NOW, demo=True)
    cases: list[tuple[str, str, ReadContext]] = []
    for label, vector in (("HC1 ES256 (dgc CO3)", "CO3.json"), ("HC1 PS256 (dgc CO1)", "CO1.json")):
        found = dcc_vector(vector)
        if found:
            cases.append((label, *found))
    cases += [
        ("HC1 ES256 (demo)", demo["eu-dcc"], demo_ctx),
        ("CKH1 EdDSA", demo["health-green"], demo_ctx),
        ("CKT1 EdDSA", demo["travel-risk"], demo_ctx),
        ("CKP1 EdDSA", demo["pass-valid"], demo_ctx),
        ("CKH1 forged", demo["forged"], demo_ctx),
        ("unverified URL", demo["provincial-url"], demo_ctx),
    ]
    print(f"read_code + verify, {n} reads each (ms)")
    print(f"{'scheme':24} {'median':>8} {'p95':>8}  status")
    worst = 0.0
    for label, text, ctx in cases:
        median, p95, reading = measure(text, ctx, n)
        worst = max(worst, p95)
        print(
            f"{label:24} {median:8.3f} {p95:8.3f}  {reading.status.value} {list(reading.reasons)}"
        )
    print(
        f"worst p95 {worst:.3f} ms; budget {BUDGET_MS} ms: {'OK' if worst < BUDGET_MS else 'OVER'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
