"""The live pipeline on a video, the demo feed, and cameras that fail, go blank or stall."""

from __future__ import annotations

import itertools
import threading
import time
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest

from checkpoint_desk.scanner.camera import CameraSource
from checkpoint_desk.scanner.cascade import Cascade
from checkpoint_desk.scanner.demo_feed import DemoFeedSource, qr_image
from checkpoint_desk.scanner.files import VideoFileSource
from checkpoint_desk.scanner.frames import Frame, SourceState
from checkpoint_desk.scanner.pipeline import ScanPipeline, ScanReport
from tests.scanner.conftest import wait_for

W, H = 640, 480


def _frame_with(text: str | None) -> np.ndarray[Any, np.dtype[np.uint8]]:
    frame = np.full((H, W, 3), 90, dtype=np.uint8)
    if text is not None:
        code = qr_image(text, box=6)
        h, w = code.shape
        frame[60 : 60 + h, 150 : 150 + w] = code[:, :, None]
    return frame


def write_video(path: Path, timeline: list[str | None]) -> None:
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"MJPG"), 30.0, (W, H))
    assert writer.isOpened()
    for text in timeline:
        writer.write(_frame_with(text))
    writer.release()


class Collector:
    def __init__(self) -> None:
        self.codes: list[ScanReport] = []
        self.states: list[tuple[SourceState, str]] = []
        self.frames = 0
        self.lock = threading.Lock()

    def on_code(self, report: ScanReport) -> None:
        with self.lock:
            self.codes.append(report)

    def on_state(self, state: SourceState, detail: str) -> None:
        with self.lock:
            self.states.append((state, detail))

    def on_frame(self, frame: Frame, corners: object) -> None:
        self.frames += 1

    def saw(self, state: SourceState) -> bool:
        with self.lock:
            return any(s is state for s, _ in self.states)


def _pipeline(source: Any, cascade: Cascade, got: Collector, **kw: Any) -> ScanPipeline:
    return ScanPipeline(
        source,
        cascade,
        on_code=got.on_code,
        on_state=got.on_state,
        on_frame=got.on_frame,
        **kw,
    )


def test_video_is_read_frame_exactly_one_report_per_code(
    tmp_path: Path, live_cascade: Cascade
) -> None:
    timeline: list[str | None] = (
        [None] * 10 + ["CKH1:FIRST"] * 30 + [None] * 10 + ["CKT1:SECOND"] * 30 + [None] * 5
    )
    timeline += ["CKH1:FIRST"] * 20  # back again within the duplicate window
    video = tmp_path / "codes.avi"
    write_video(video, timeline)
    got = Collector()
    pipeline = _pipeline(VideoFileSource(video), live_cascade, got)
    pipeline.start()
    assert pipeline.wait(60)
    assert [(r.text, r.frame_index) for r in got.codes] == [
        ("CKH1:FIRST", 10),
        ("CKT1:SECOND", 50),
    ]
    assert got.codes[0].frame_size == (W, H)
    stats = pipeline.stats
    assert stats.frames_decoded == len(timeline) and stats.frames_dropped == 0
    assert got.saw(SourceState.ENDED)
    assert pipeline.stop()


def test_corrupt_video_is_reported_not_raised(tmp_path: Path, live_cascade: Cascade) -> None:
    video = tmp_path / "broken.avi"
    video.write_bytes(b"RIFF\x00\x00\x00\x00AVI garbage" * 10)
    got = Collector()
    pipeline = _pipeline(VideoFileSource(video), live_cascade, got)
    pipeline.start()
    assert pipeline.wait(10)
    assert got.codes == []
    assert got.states and got.states[-1][0] in (SourceState.NONE, SourceState.ENDED)


def test_demo_feed_reports_each_code_once(live_cascade: Cascade) -> None:
    texts = ["CKH1:DEMO-GREEN-001", "CKT1:DEMO-TRAVEL-002", "CKP1:DEMO-PASS-003"]
    feed = DemoFeedSource(texts, show_s=1.0, gap_s=0.3, realtime=False)
    got = Collector()
    pipeline = _pipeline(feed, live_cascade, got)
    pipeline.start()
    assert wait_for(lambda: len(got.codes) >= 3, timeout=60)
    pipeline.stop()
    assert [r.text for r in got.codes] == texts
    assert got.saw(SourceState.DEMO)
    # Reported on the first frame showing the code (or the one after).
    first_frames = {a.text: a.frame_index for a in feed.appearances}
    for report in got.codes:
        assert 0 <= report.frame_index - first_frames[report.text] <= 1


class FakeCamera:
    """A cv2.VideoCapture stand-in: scripted frames, failures and blank reads."""

    def __init__(self, script: list[str]) -> None:
        self.script = script  # "code", "blank-frame", "fail"
        self.released = False

    def isOpened(self) -> bool:
        return True

    def set(self, prop: int, value: float) -> bool:
        return True

    def read(self) -> tuple[bool, Any]:
        step = self.script.pop(0) if self.script else "fail"
        time.sleep(0.002)
        if step == "code":
            return True, _frame_with("CKP1:CAMERA-PASS")
        if step == "blank-frame":
            return True, np.zeros((0, 0, 3), np.uint8)
        return False, None

    def release(self) -> None:
        self.released = True


class CameraBench:
    """Hands out fake cameras in turn; ``None`` in the list means "cannot open" (busy)."""

    def __init__(self, cameras: list[FakeCamera | None]) -> None:
        self.cameras = cameras
        self.opened = 0

    def __call__(self, device: int | str) -> Any:
        self.opened += 1
        camera = self.cameras.pop(0) if self.cameras else None
        return camera if camera is not None else _Closed()


class _Closed:
    def isOpened(self) -> bool:
        return False

    def release(self) -> None:
        pass


@pytest.mark.parametrize("fault", ["fail", "blank-frame"])
def test_camera_lost_mid_stream_is_reported_and_reconnected(
    fault: str, live_cascade: Cascade
) -> None:
    first = FakeCamera(["code"] * 3 + [fault] * 40)
    second = FakeCamera(["code"] * 1000)
    bench = CameraBench([first, None, second])  # lost, then busy once, then back
    source = CameraSource(0, capture_factory=bench, backoff_s=0.01, max_backoff_s=0.05)
    got = Collector()
    pipeline = _pipeline(source, live_cascade, got)
    pipeline.start()
    try:
        assert wait_for(lambda: got.saw(SourceState.RECONNECTING))
        assert wait_for(lambda: [s for s, _ in got.states][-1:] == [SourceState.LIVE])
        assert first.released
        assert bench.opened >= 3
        assert [r.text for r in got.codes] == ["CKP1:CAMERA-PASS"]  # one report, not two
    finally:
        assert pipeline.stop(2.0)


def test_camera_that_never_opens_is_reported_with_growing_backoff() -> None:
    clock = [0.0]
    bench = CameraBench([])
    source = CameraSource(0, capture_factory=bench, backoff_s=1.0, clock=lambda: clock[0])
    source.open()
    assert source.state is SourceState.RECONNECTING
    attempts = []
    for step in range(400):
        clock[0] = step * 0.1
        before = bench.opened
        assert source.read() is None
        if bench.opened > before:
            attempts.append(clock[0])
    gaps = [round(b - a, 1) for a, b in itertools.pairwise(attempts)]
    assert gaps[:4] == [2.0, 4.0, 8.0, 8.0]


class StallingSource:
    """Gives a few frames, then blocks in read() until released (a hung driver)."""

    live = True

    def __init__(self) -> None:
        self.release = threading.Event()
        self.reads = 0
        self.closed = threading.Event()

    @property
    def state(self) -> SourceState:
        return SourceState.LIVE

    @property
    def detail(self) -> str:
        return ""

    def open(self) -> None:
        pass

    def read(self) -> Frame | None:
        self.reads += 1
        if self.reads > 3:
            self.release.wait()
            return None
        return Frame(_frame_with(None), self.reads, time.monotonic())

    def close(self) -> None:
        self.closed.set()

    def describe(self) -> str:
        return "stalling camera"


def test_stalled_source_is_reported_and_stop_does_not_wait_for_it(
    live_cascade: Cascade,
) -> None:
    source = StallingSource()
    got = Collector()
    pipeline = _pipeline(source, live_cascade, got, stall_s=0.2)
    pipeline.start()
    assert wait_for(lambda: got.saw(SourceState.RECONNECTING))
    started = time.monotonic()
    pipeline.stop(0.5)
    assert time.monotonic() - started < 2.0  # budget 0.5 s; generous for a shared machine
    source.release.set()  # the abandoned capture thread then closes the source
    assert source.closed.wait(5)


def test_stop_returns_promptly_on_the_realtime_demo_feed(live_cascade: Cascade) -> None:
    pipeline = ScanPipeline(DemoFeedSource(["CKH1:X"]), live_cascade, on_code=lambda r: None)
    pipeline.start()
    assert wait_for(lambda: pipeline.stats.frames_decoded > 3)
    started = time.monotonic()
    assert pipeline.stop(0.5)
    assert time.monotonic() - started < 2.0


def test_source_for_picks_the_right_source(tmp_path: Path) -> None:
    from checkpoint_desk.scanner.sources import (
        CameraSource,
        DemoFeedSource,
        ImageFolderSource,
        VideoFileSource,
        source_for,
    )

    video = tmp_path / "clip.avi"
    video.write_bytes(b"x")
    assert isinstance(source_for(None), CameraSource)
    camera = source_for("2")
    assert isinstance(camera, CameraSource) and camera.device == 2
    assert isinstance(source_for(str(video)), VideoFileSource)
    assert isinstance(source_for(str(tmp_path)), ImageFolderSource)
    device = source_for("/dev/video7")
    assert isinstance(device, CameraSource) and device.device == "/dev/video7"
    assert isinstance(source_for("0", demo_texts=["CKH1:X"]), DemoFeedSource)


def test_image_folder_source_skips_unreadable_files(tmp_path: Path, live_cascade: Cascade) -> None:
    from checkpoint_desk.scanner.files import ImageFolderSource

    cv2.imwrite(str(tmp_path / "a.png"), _frame_with("CKP1:FOLDER-A"))
    (tmp_path / "b.png").write_bytes(b"")
    cv2.imwrite(str(tmp_path / "c.png"), _frame_with("CKP1:FOLDER-C"))
    source = ImageFolderSource(tmp_path)
    got = Collector()
    pipeline = _pipeline(source, live_cascade, got)
    pipeline.start()
    assert pipeline.wait(30)
    assert [(r.text, r.frame_index) for r in got.codes] == [
        ("CKP1:FOLDER-A", 0),
        ("CKP1:FOLDER-C", 2),
    ]
    assert [p.name for p, _ in source.skipped] == ["b.png"]


def test_forget_codes_lets_the_same_code_be_reported_again(live_cascade: Cascade) -> None:
    feed = DemoFeedSource(["CKH1:AGAIN"], show_s=1000.0, realtime=False)
    got = Collector()
    pipeline = _pipeline(feed, live_cascade, got)
    pipeline.start()
    try:
        assert wait_for(lambda: len(got.codes) == 1)
        assert wait_for(lambda: pipeline.stats.frames_decoded > got.codes[0].frame_index + 5)
        assert len(got.codes) == 1  # still in view: not again
        pipeline.forget_codes()
        assert wait_for(lambda: len(got.codes) == 2)
    finally:
        pipeline.stop(2.0)


def test_a_failing_callback_does_not_end_scanning(live_cascade: Cascade) -> None:
    texts = ["CKH1:FIRST-FAILS", "CKH1:SECOND-ARRIVES"]
    feed = DemoFeedSource(texts, show_s=0.5, gap_s=0.2, realtime=False)
    seen: list[str] = []

    def on_code(report: ScanReport) -> None:
        seen.append(report.text)
        if len(seen) == 1:
            raise RuntimeError("a bug in the UI's slot")

    pipeline = ScanPipeline(feed, live_cascade, on_code=on_code)
    pipeline.start()
    try:
        assert wait_for(lambda: len(seen) >= 2, timeout=30)
    finally:
        pipeline.stop(2.0)
    assert seen[:2] == texts


def test_replayed_frames_report_where_the_code_first_shows(live_cascade: Cascade) -> None:
    from checkpoint_desk.scanner.replay import FrameListSource

    blank, code = _frame_with(None), _frame_with("CKP1:REPLAYED")
    source = FrameListSource([blank, blank, code, code, blank, code])
    got = Collector()
    pipeline = _pipeline(source, live_cascade, got)
    pipeline.start()
    assert pipeline.wait(30)
    assert [(r.text, r.frame_index) for r in got.codes] == [("CKP1:REPLAYED", 2)]
    assert got.saw(SourceState.ENDED)
