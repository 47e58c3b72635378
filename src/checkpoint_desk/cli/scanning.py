"""``scan`` (decode images, folders of images, video files) and ``cameras``."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from checkpoint_desk.cli.context import CommandContext
from checkpoint_desk.cli.reading import STATUS_TEXT, add_reading_options, parse_at
from checkpoint_desk.codes.context import ReadContext
from checkpoint_desk.codes.registry import read_code
from checkpoint_desk.codes.trust import load_trust_source
from checkpoint_desk.i18n import N_, gettext
from checkpoint_desk.scanner.camera import list_cameras
from checkpoint_desk.scanner.cascade import Cascade
from checkpoint_desk.scanner.debounce import Debouncer
from checkpoint_desk.scanner.decoders import available_decoders
from checkpoint_desk.scanner.files import VideoFileSource, image_files
from checkpoint_desk.scanner.frames import Frame
from checkpoint_desk.scanner.images import VIDEO_SUFFIXES, ScanInputError, load_image
from checkpoint_desk.services.codes import read_context

OFFLINE_BUDGET_MS = 2000.0
"""Files are not live: every step of the cascade may run on each image."""


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    scan = sub.add_parser(
        "scan", parents=[common], help="decode QR codes in images, folders or video files"
    )
    scan.add_argument("paths", nargs="+", metavar="PATH")
    add_reading_options(scan)
    scan.set_defaults(func=run_scan)
    cameras = sub.add_parser("cameras", parents=[common], help="list the cameras on this machine")
    cameras.set_defaults(func=run_cameras)


def _warn(message: str) -> None:
    print(f"checkpoint-desk: {message}", file=sys.stderr)


class _Scanner:
    def __init__(self, ctx: CommandContext, reading: ReadContext) -> None:
        self.ctx = ctx
        self.reading = reading
        ready, missing = available_decoders()
        for problem in missing:
            _warn(
                gettext(N_("decoder {decoder} unavailable: {reason}")).format(
                    decoder=problem.decoder, reason=problem.reason
                )
            )
        self.cascade = Cascade(ready, budget_ms=OFFLINE_BUDGET_MS)
        self.inputs_read = 0
        self.codes_found = 0

    def emit(
        self, file: Path, frame: int, text: str, decoder: str, ms: float, corners: Any
    ) -> None:
        self.codes_found += 1
        reading = read_code(text, self.reading)
        # DESIGN §9: the reading's object, plus where and how the code was found.
        payload = reading.to_json() | {
            "file": str(file),
            "frame": frame,
            "text": text,
            "decoder": decoder,
            "ms": round(ms, 2),
            "corners": [[round(x, 1), round(y, 1)] for x, y in corners],
        }
        status = gettext(STATUS_TEXT[reading.status.value])
        self.ctx.emit(
            payload, f"{file}:{frame}\t{decoder}\t{ms:.1f} ms\t{reading.scheme}\t{status}\t{text}"
        )

    def image(self, path: Path) -> None:
        frame = Frame(load_image(path), 0, time.monotonic())
        self.inputs_read += 1
        result = self.cascade.decode(frame.gray())
        for code in result.codes:
            self.emit(path, 0, code.text, code.decoder, result.ms, code.corners)
        if not result.codes and not self.ctx.json:
            _warn(gettext(N_("{path}: no code found")).format(path=path))

    def video(self, path: Path) -> None:
        source = VideoFileSource(path)
        source.open()
        fps = source.fps if source.fps > 0 else 30.0
        # One line per code each time it comes into view (a 10 s window in video time).
        debouncer = Debouncer()
        found = 0
        try:
            while (frame := source.read()) is not None:
                result = self.cascade.decode(frame.gray())
                accepted = debouncer.observe((c.text for c in result.codes), frame.index / fps)
                for code in result.codes:
                    if code.text in accepted:
                        found += 1
                        self.emit(
                            path, frame.index, code.text, code.decoder, result.ms, code.corners
                        )
        finally:
            source.close()
        if source.frames_read == 0:
            raise ScanInputError(N_("{path}: the video has no readable frame"), path=str(path))
        self.inputs_read += 1
        if not found and not self.ctx.json:
            _warn(gettext(N_("{path}: no code found")).format(path=path))


def _expand(path: Path) -> Iterator[Path]:
    if path.is_dir():
        images = image_files(path)
        videos = sorted(p for p in path.iterdir() if p.suffix.lower() in VIDEO_SUFFIXES)
        if not images and not videos:
            raise ScanInputError(N_("{path}: no images or videos in this folder"), path=str(path))
        yield from images
        yield from videos
    else:
        yield path


def run_scan(args: argparse.Namespace) -> int:
    ctx = CommandContext.from_args(args)
    trust = load_trust_source(Path(args.trust)) if args.trust else None
    at = parse_at(args.at)
    context = read_context(
        ctx.data_dir, at, demo=bool(args.demo), trust=trust, check_clock=not args.at
    )
    scanner = _Scanner(ctx, context)
    started = time.perf_counter()
    for given in args.paths:
        try:
            for path in _expand(Path(given)):
                try:
                    if path.suffix.lower() in VIDEO_SUFFIXES:
                        scanner.video(path)
                    else:
                        scanner.image(path)
                except ScanInputError as exc:
                    _warn(exc.translated())
        except ScanInputError as exc:
            _warn(exc.translated())
    if scanner.inputs_read == 0:
        raise ScanInputError(N_("nothing could be read"))
    if not ctx.json:
        _warn(
            gettext(N_("{codes} code(s) in {inputs} file(s), {seconds:.1f} s")).format(
                codes=scanner.codes_found,
                inputs=scanner.inputs_read,
                seconds=time.perf_counter() - started,
            )
        )
    return 0


def run_cameras(args: argparse.Namespace) -> int:
    ctx = CommandContext.from_args(args)
    cameras = list_cameras()
    for camera in cameras:
        state = gettext(N_("works")) if camera.works else gettext(N_("cannot be opened"))
        ctx.emit(
            {"device": camera.device, "name": camera.name, "works": camera.works},
            f"{camera.device}\t{camera.name}\t{state}",
        )
    if not cameras and not ctx.json:
        _warn(gettext(N_("no camera found")))
    return 0
