"""The scanner layer's pipeline as the desk's camera: source, decoders, callbacks.

``scanner_factory(spec)`` gives the ``CameraWorker`` a pipeline over the camera,
video file, image folder or demo feed that ``spec`` names (``--camera``, the
``camera`` setting); the pipeline's callbacks are adapted to the worker's.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from checkpoint_desk.i18n import gettext
from checkpoint_desk.scanner.cascade import Cascade
from checkpoint_desk.scanner.decoded import Corners
from checkpoint_desk.scanner.decoders import available_decoders
from checkpoint_desk.scanner.frames import Frame, FrameSource, SourceState
from checkpoint_desk.scanner.pipeline import ScanPipeline as ScannerPipeline
from checkpoint_desk.scanner.pipeline import ScanReport
from checkpoint_desk.scanner.sources import list_cameras, source_for
from checkpoint_desk.ui.camera_worker import (
    CameraState,
    OnCode,
    OnFrame,
    OnState,
    PipelineFactory,
    ScanEvent,
    ScanPipeline,
)


class NoDecoder:
    """No decoding library works here: the camera cannot read codes; say why."""

    def __init__(self, on_state: OnState, reasons: str) -> None:
        self._on_state = on_state
        self._reasons = reasons

    def start(self) -> None:
        self._on_state(CameraState.NONE, self._reasons)

    def stop(self) -> None:
        return None


def scanner_factory(
    spec: str | None, *, demo_texts: Sequence[str] | None = None
) -> PipelineFactory:
    """A pipeline factory for ``spec`` (camera index, device, video file, folder), or
    the demo feed showing ``demo_texts``."""
    return pipeline_factory(lambda: source_for(spec, demo_texts=demo_texts))


def pipeline_factory(open_source: Callable[[], FrameSource]) -> PipelineFactory:
    """A pipeline factory over the frame source ``open_source()`` makes."""

    def make(on_code: OnCode, on_frame: OnFrame, on_state: OnState) -> ScanPipeline:
        decoders, missing = available_decoders()
        if not decoders:
            return NoDecoder(on_state, "; ".join(str(m) for m in missing))

        def code(report: ScanReport) -> None:
            on_code(ScanEvent(report.text, report.decoder, tuple(report.corners)))

        def frame(shot: Frame, found: tuple[Corners, ...]) -> None:
            on_frame(shot.image, found[0] if found else ())

        def state(value: SourceState, detail: str) -> None:
            on_state(str(value.value), gettext(detail) if detail else "")

        return ScannerPipeline(
            open_source(),
            Cascade(decoders),
            on_code=code,
            on_frame=frame,
            on_state=state,
        )

    return make


def camera_choices() -> list[tuple[str, str]]:
    """(spec, label) of the cameras found here, for "Choose camera…"."""
    return [(str(info.device), info.name) for info in list_cameras(timeout_s=1.0)]
