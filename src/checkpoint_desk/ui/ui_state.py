"""Remembered UI state (``ui-state.json``), kept apart from settings.

What the volunteer last chose with the header toggles (language, theme) — not a
supervisor's setting, so no PIN, no audit; a missing or damaged file means "nothing
remembered".
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from checkpoint_desk.settings import write_json_atomic

UI_STATE_VERSION = 1


@dataclass
class UiState:
    language: str = ""
    theme: str = ""

    @classmethod
    def load(cls, path: Path) -> UiState:
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError, UnicodeDecodeError):
            return cls()
        values = raw.get("values", {}) if isinstance(raw, dict) else {}
        if not isinstance(values, dict):
            return cls()
        return cls(
            language=str(values.get("language", "") or ""),
            theme=str(values.get("theme", "") or ""),
        )

    def save(self, path: Path) -> None:
        write_json_atomic(path, {"version": UI_STATE_VERSION, "values": asdict(self)})
