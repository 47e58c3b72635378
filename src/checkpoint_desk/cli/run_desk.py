"""``make run``: open the desk, in demo mode when no camera is found."""

from __future__ import annotations

import sys

from checkpoint_desk.cli import main


def camera_present() -> bool:
    """True when a video device exists (checked without opening it)."""
    from pathlib import Path

    return any(Path("/dev").glob("video*")) if sys.platform.startswith("linux") else True


if __name__ == "__main__":
    argv = sys.argv[1:]
    if "--demo" not in argv and not camera_present():
        print("No camera found: opening the desk in demo mode.")
        argv = ["--demo", *argv]
    sys.exit(main(argv))
