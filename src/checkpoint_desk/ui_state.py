"""Remembered UI state (window geometry), kept in ``ui-state.json`` apart from settings.

Not a setting: nobody approves it, it is not audited, and a missing or unreadable
file simply gives the defaults (the window opens at its usual size).
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from checkpoint_desk.atomic_write import OWNER_ONLY, write_json_atomic

UI_STATE_VERSION = 1


class UiState(BaseModel):
    """What the desk remembers between runs."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    version: int = UI_STATE_VERSION
    window_geometry: str = Field("", pattern=r"^(?:[0-9a-f]{2})*$")
    """The main window's ``saveGeometry()``, hex; empty: never saved."""


def load_ui_state(path: Path) -> UiState:
    """The remembered state; defaults when the file is missing or unreadable."""
    try:
        return UiState.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, UnicodeDecodeError, ValidationError):
        return UiState()


def save_ui_state(path: Path, state: UiState) -> None:
    """Write ``state`` atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_json_atomic(path, state.model_dump(), mode=OWNER_ONLY)
