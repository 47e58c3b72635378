"""The registration loop by keystrokes: from a code in view to a committed visit.

    .venv/bin/python -m bench.loop [--visitors 20]

Runs the demo desk's real window (offscreen) and drives it the way a volunteer does:
key events into the focused widget, counted, and the camera (the physical edge,
replaced by a stand-in that "sees" a code). Three lanes:

- returning resident with a pass: the pass comes into view, the volunteer types the
  temperature and Enter (goal: one scan, a temperature, Enter);
- the same, the resident scanning while the last PASS is still fresh (< the minimum
  verdict time): the scan is queued and Enter takes it;
- special-care lane (no phone): Ctrl+N, the ID number typed, the name filled from
  the person's last visit, the temperature, Enter.

Prints keystrokes per visit and the desk's own seconds (machine time from the code in
view, or the first key, to the committed visit; a person's typing is not in it), and
an estimate with 0.25 s per keystroke for the volunteer.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false;qt.multimedia.*=false")
os.environ.setdefault("CHECKPOINT_DESK_PASSPHRASE", "bench passphrase")

KEY_S = 0.25  # a volunteer's keystroke, for the estimate


class ViewCamera:
    """Stands in for the camera: ``see(text)`` is a code decoded in view."""

    def __init__(self) -> None:
        self.on_code: Callable[..., None] | None = None

    def factory(self, on_code: Callable[..., None], on_frame: object, on_state: object) -> object:
        self.on_code = on_code
        return self

    def start(self) -> None:
        return None

    def stop(self) -> None:
        return None

    def see(self, text: str) -> None:
        from checkpoint_desk.ui.camera_worker import ScanEvent

        assert self.on_code is not None
        self.on_code(ScanEvent(text, "bench", ()))


class Volunteer:
    """Presses keys on the focused widget and counts them."""

    def __init__(self, app: object) -> None:
        self.app = app
        self.keys = 0

    def press(self, key: object, modifier: object = None, text: str = "") -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest
        from PySide6.QtWidgets import QApplication

        target = QApplication.focusWidget()
        assert target is not None, "no widget has the focus"
        QTest.keyClick(target, key, modifier or Qt.KeyboardModifier.NoModifier)
        self.keys += 1

    def type(self, text: str) -> None:
        for char in text:
            self.press(char)


def run(visitors: int) -> None:
    from PySide6.QtCore import Qt

    from checkpoint_desk.codes.demo import demo_codes
    from checkpoint_desk.domain.idnumber import check_character
    from checkpoint_desk.paths import DataDir
    from checkpoint_desk.ui.app import build_desk

    camera = ViewCamera()
    with tempfile.TemporaryDirectory() as tmp:
        desk = build_desk(DataDir(Path(tmp) / "desk"), demo=True, camera=camera.factory)
        desk.window.show()
        desk.app.processEvents()
        loop = desk.window.loop
        seconds = [1000.0]
        loop.now = lambda: seconds[0]  # the state machine's clock, moved per visitor
        resident = next(c.text for c in demo_codes(desk.session.clock()) if c.name == "pass-valid")
        committed: list[object] = []
        loop.visit_committed.connect(committed.append)

        def key_time() -> float:
            seconds[0] += 0.2  # a person's keystrokes, not a scanner's
            return seconds[0]

        desk.wedge.key_clock = key_time

        def lane(name: str, visit: Callable[[Volunteer], float]) -> None:
            keys: list[int] = []
            machine: list[float] = []
            for _ in range(visitors):
                volunteer = Volunteer(desk.app)
                before = len(committed)
                machine.append(visit(volunteer))
                desk.app.processEvents()
                assert len(committed) == before + 1, f"{name}: no visit committed"
                keys.append(volunteer.keys)
            human = statistics.median(keys) * KEY_S
            print(
                f"{name:<44} {statistics.median(keys):4.0f} keys   "
                f"desk {statistics.median(machine) * 1000:6.1f} ms   "
                f"≈ {human + statistics.median(machine):4.1f} s with the volunteer"
            )

        def with_pass(volunteer: Volunteer, *, fresh: bool = False) -> float:
            # The next resident steps up. The demo has one valid pass: the model's
            # duplicate window is off in the fresh lane, as if each were another person.
            seconds[0] += 0.5 if fresh else 30.0
            loop.model.duplicate_window_s = 0.0 if fresh else 10.0
            began = time.perf_counter()
            camera.see(resident)
            desk.app.processEvents()
            if fresh:
                volunteer.press(Qt.Key.Key_Return)  # "next visitor scanned · Enter takes it"
            elapsed = time.perf_counter() - began
            volunteer.type("365")
            began = time.perf_counter()
            volunteer.press(Qt.Key.Key_Return)
            desk.app.processEvents()
            return elapsed + time.perf_counter() - began

        first17 = "37081119850312123"
        id_number = first17 + check_character(first17)
        # The special-care visitor was here before (name and address on file).
        form = desk.window.form
        form.edits["name"].setText("张伟")
        form.edits["id_number"].setText(id_number)
        form.edits["temperature"].setText("365")
        loop.commit()
        seconds[0] += 30

        def special_care(volunteer: Volunteer) -> float:
            seconds[0] += 30.0
            began = time.perf_counter()
            volunteer.press(Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
            volunteer.type(id_number)
            volunteer.type("365")
            volunteer.press(Qt.Key.Key_Return)
            desk.app.processEvents()
            return time.perf_counter() - began

        lane("returning resident with a pass", with_pass)
        lane("  … scanning while the last PASS is fresh", lambda v: with_pass(v, fresh=True))
        lane("special-care lane (Ctrl+N, ID number)", special_care)
        desk.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--visitors", type=int, default=20)
    args = parser.parse_args()
    run(args.visitors)


if __name__ == "__main__":
    main()
