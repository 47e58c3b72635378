"""Remembered UI state (``ui-state.json``), kept apart from settings.

What the volunteer last chose with the header toggles (language, theme) and the main
window's geometry. Not a setting: nobody approves it, it is not audited, and a missing
or unreadable file simply gives the defaults.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

UI_STATE_VERSION = 1

_HEX = re.compile(r"(?:[0-9a-f]{2})*")


@dataclass(frozen=True)
class UiState:
    """What the desk remembers between runs.

    A plain dataclass checked by hand (not pydantic): the desk reads it to draw its
    first page, before the heavier layers are imported (issue 15).
    """

    version: int = UI_STATE_VERSION
    language: str = ""
    """The language last chosen with the header toggle; empty: never chosen."""
    theme: str = ""
    """The theme last chosen with the header toggle; empty: never chosen."""
    window_geometry: str = ""
    """The main window's ``saveGeometry()``, hex; empty: never saved."""
    font_scale: float = 0.0
    """The font scale the desk last ran with (a setting, remembered here so the first
    page is drawn at that size before the settings load); 0: not known."""

    def __post_init__(self) -> None:
        for name in ("language", "theme"):
            value = getattr(self, name)
            if not isinstance(value, str) or len(value) > 16:
                raise ValueError(name)
        if not isinstance(self.window_geometry, str) or not _HEX.fullmatch(self.window_geometry):
            raise ValueError("window_geometry")
        if isinstance(self.version, bool) or not isinstance(self.version, int):
            raise ValueError("version")
        scale = self.font_scale
        if isinstance(scale, bool) or not isinstance(scale, int | float) or not 0 <= scale <= 4:
            raise ValueError("font_scale")


_KEYS = frozenset(f.name for f in fields(UiState))


def load_ui_state(path: Path) -> UiState:
    """The remembered state; defaults when the file is missing or unreadable."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(raw, dict):
            return UiState()
        return UiState(**{k: v for k, v in raw.items() if k in _KEYS})
    except (OSError, ValueError, UnicodeDecodeError, TypeError):
        return UiState()


def save_ui_state(path: Path, state: UiState) -> None:
    """Write ``state`` atomically."""
    from checkpoint_desk.atomic_write import OWNER_ONLY, write_json_atomic  # when saving

    path.parent.mkdir(parents=True, exist_ok=True)
    write_json_atomic(path, asdict(state), mode=OWNER_ONLY)


def remember(path: Path, **changed: str | float) -> None:
    """Change some of the remembered values, keeping the others (a bad value raises
    ValueError)."""
    values: dict[str, Any] = {**asdict(load_ui_state(path)), **changed}
    save_ui_state(path, UiState(**values))
