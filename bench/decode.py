"""Decoders and the cascade on ../shared/data/qr-photos, and on 1280×720 frames.

    .venv/bin/python -m bench.decode

Per decoder (one plain decode per image) and for the cascade: images read correctly
per sample folder, wrong texts, median and p95 ms per image; then ms per 1280×720
frame with no code in view and with one (a demo-feed frame).

"Correct" compares with the NAME.txt beside each photo, line ends normalised (the
.txt files have LF, the symbols CRLF). qrcode-2/16 holds two symbols; reading the
inner one is not a wrong text.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np

from checkpoint_desk.scanner.cascade import Cascade
from checkpoint_desk.scanner.decoded import Decoded, GrayFrame
from checkpoint_desk.scanner.decoders import available_decoders
from checkpoint_desk.scanner.demo_feed import DemoFeedSource

PHOTOS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "qr-photos"
if not PHOTOS.is_dir():
    PHOTOS = Path(__file__).resolve().parents[3] / "shared" / "data" / "qr-photos"
SECOND_SYMBOLS = {"qrcode-2/16": "[内側QRコード]"}


def _norm(text: str) -> str:
    return text.replace("\r\n", "\n")


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def run(name: str, decode: Callable[[GrayFrame], list[Decoded]], photos: list[Path]) -> None:
    per_folder: dict[str, int] = {}
    wrong: list[str] = []
    times: list[float] = []
    for png in photos:
        gray = np.asarray(cv2.imread(str(png), cv2.IMREAD_GRAYSCALE), dtype=np.uint8)
        expected = _norm(png.with_suffix(".txt").read_text(encoding="utf-8"))
        key = f"{png.parent.name}/{png.stem}"
        started = time.perf_counter()
        found = decode(gray)
        times.append((time.perf_counter() - started) * 1000)
        texts = [_norm(d.text) for d in found]
        per_folder.setdefault(png.parent.name, 0)
        if expected in texts:
            per_folder[png.parent.name] += 1
        second = SECOND_SYMBOLS.get(key)
        wrong += [
            f"{key}: {t[:30]!r}"
            for t in texts
            if t != expected and not (second and t.startswith(second))
        ]
    folders = " ".join(f"{k}={v}" for k, v in sorted(per_folder.items()))
    print(
        f"| {name} | {sum(per_folder.values())}/{len(photos)} | {folders} | {len(wrong)} | "
        f"{statistics.median(times):.2f} | {_percentile(times, 0.95):.2f} |"
    )
    for line in wrong[:5]:
        print(f"|   wrong: {line} |")


def frame_timing(cascade: Cascade) -> None:
    feed = DemoFeedSource(["CKH1:" + "6BFOXN%TS3DH3ZSUZK+.V0ETD%65NL-AH" * 9], realtime=False)
    feed.open()
    with_code = [feed.render(0.5 + i * 0.1).copy() for i in range(20)]
    without = [feed.render(3.5 + i * 0.02).copy() for i in range(20)]  # the gap: no card
    for label, frames in (("1280×720, no code", without), ("1280×720, one code", with_code)):
        grays = [np.asarray(cv2.cvtColor(f, cv2.COLOR_BGR2GRAY), np.uint8) for f in frames]
        for decoder_name, decode in [
            *((d.name, d.decode) for d in cascade_decoders),
            ("cascade", lambda g: list(cascade.decode(g).codes)),
        ]:
            times, reads = [], 0
            for gray in grays * 3:
                started = time.perf_counter()
                reads += bool(decode(gray))
                times.append((time.perf_counter() - started) * 1000)
            print(
                f"| {label} | {decoder_name} | {statistics.median(times):.1f} | "
                f"{_percentile(times, 0.95):.1f} | {reads}/{len(times)} |"
            )


ready, missing = available_decoders()
cascade_decoders = ready

if __name__ == "__main__":
    photos = sorted(PHOTOS.glob("*/*.png"))
    if not photos:
        sys.exit(f"no photos at {PHOTOS}")
    print(f"missing backends: {[str(m) for m in missing]}")
    print("| decoder | read | per folder | wrong texts | median ms | p95 ms |")
    print("|---|---|---|---|---|---|")
    for decoder in ready:
        run(decoder.name, decoder.decode, photos)
    cascade = Cascade(ready)
    run(
        f"cascade ({cascade.budget_ms:.0f} ms budget)",
        lambda g: list(cascade.decode(g).codes),
        photos,
    )
    unbounded = Cascade(ready, budget_ms=10_000)
    run("cascade (no budget)", lambda g: list(unbounded.decode(g).codes), photos)
    print()
    print("| frame | decoder | median ms | p95 ms | frames read |")
    print("|---|---|---|---|---|")
    frame_timing(cascade)
