"""The pass chime and the stop alarm; silent (and quiet about it) without audio."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QUrl

from checkpoint_desk.resources import resource_path

if TYPE_CHECKING:
    from PySide6.QtMultimedia import QSoundEffect


def audio_possible() -> bool:
    """False where there is surely no audio output (Linux without a sound card or a
    sound server), so QtMultimedia is never loaded just to complain about it."""
    if not sys.platform.startswith("linux"):
        return True
    runtime = Path(os.environ.get("XDG_RUNTIME_DIR", f"/run/user/{os.getuid()}"))
    servers = [runtime / "pulse" / "native", runtime / "pipewire-0"]
    return (
        any(Path("/dev/snd").glob("pcm*"))
        or bool(os.environ.get("PULSE_SERVER"))
        or any(p.exists() for p in servers)
    )


class Sounds(QObject):
    """Plays ``resources/sounds/pass.wav`` and ``stop.wav``.

    QtMultimedia is loaded lazily: with no audio device (CI, a server) or no
    multimedia backend the desk stays silent and says nothing about it; the banner
    carries the verdict anyway.
    """

    def __init__(self, enabled: bool = True, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.enabled = enabled
        self.last_played: str | None = None
        self.last_spoken: str | None = None
        self._effects: dict[str, QSoundEffect] = {}
        self._available: bool | None = None

    def _effect(self, name: str) -> QSoundEffect | None:
        if self._available is None and not audio_possible():
            self._available = False
        if self._available is False:
            return None
        if name in self._effects:
            return self._effects[name]
        try:
            from PySide6.QtMultimedia import QMediaDevices, QSoundEffect
        except ImportError:
            self._available = False
            return None
        if not QMediaDevices.audioOutputs():
            self._available = False
            return None
        self._available = True
        effect = QSoundEffect(self)
        effect.setSource(
            QUrl.fromLocalFile(str(resource_path("sounds", *f"{name}.wav".split("/"))))
        )
        effect.setVolume(0.8)
        self._effects[name] = effect
        return effect

    def play(self, name: str) -> None:
        """Play ``pass`` or ``stop`` when sound is on and a device exists."""
        if not self.enabled:
            return
        self.last_played = name
        effect = self._effect(name)
        if effect is not None:
            effect.play()

    def speak(self, phrase: str) -> None:
        """Say ``resources/sounds/voice/<phrase>.wav`` (``ui/voice.py``), never blocking."""
        self.last_spoken = phrase
        effect = self._effect(f"voice/{phrase}")
        if effect is not None:
            effect.play()
