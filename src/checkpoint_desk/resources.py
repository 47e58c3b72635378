"""Plain resource files, found the same way from a checkout, a wheel or a frozen app."""

from __future__ import annotations

import sys
from importlib.resources import files
from pathlib import Path


def resources_root() -> Path:
    """The ``resources/`` folder.

    A frozen app (PyInstaller) carries it beside the executable's data; an installed
    wheel carries it as ``checkpoint_desk/_resources``; a checkout has it at the top.
    """
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    packaged = Path(str(files("checkpoint_desk"))) / "_resources"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "resources"


def resource_path(*parts: str) -> Path:
    """A file under ``resources/``, e.g. ``resource_path("sounds", "pass.wav")``."""
    return resources_root().joinpath(*parts)
