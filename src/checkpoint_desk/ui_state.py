"""Remembered UI state (``ui-state.json``), kept apart from settings.

What the volunteer last chose with the header toggles (language, theme) and the main
window's geometry. Not a setting: nobody approves it, it is not audited, and a missing
or unreadable file simply gives the defaults.
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
    language: str = Field("", max_length=16)
    """The language last chosen with the header toggle; empty: never chosen."""
    theme: str = Field("", max_length=16)
    """The theme last chosen with the header toggle; empty: never chosen."""
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


def remember(path: Path, **changed: str) -> None:
    """Change some of the remembered values, keeping the others."""
    save_ui_state(path, load_ui_state(path).model_copy(update=changed))
