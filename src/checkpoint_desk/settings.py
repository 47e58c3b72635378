"""Settings: declared once with type, default and description; stored as JSON.

User preferences live in ``settings.json``; remembered UI state (window geometry,
last camera) lives apart in ``ui-state.json`` and is not a setting.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checkpoint_desk.errors import ValidationError
from checkpoint_desk.i18n import N_

SETTINGS_VERSION = 1


@dataclass(frozen=True)
class Setting:
    """One declared setting."""

    key: str
    type: type
    default: Any
    description: str
    choices: tuple[Any, ...] = ()
    minimum: float | None = None
    maximum: float | None = None

    def coerce(self, value: Any) -> Any:
        """``value`` converted to this setting's type, or a ValidationError."""
        try:
            if self.type is bool and isinstance(value, str):
                lowered = value.strip().lower()
                if lowered not in ("1", "0", "true", "false", "yes", "no", "on", "off"):
                    raise ValueError(value)
                converted: Any = lowered in ("1", "true", "yes", "on")
            elif self.type is float and isinstance(value, str):
                converted = float(value.replace(",", "."))
            else:
                converted = self.type(value)
        except (TypeError, ValueError) as exc:
            raise ValidationError(
                "setting_type",
                N_("{key}: {value!r} is not a valid value."),
                key=self.key,
                value=value,
            ) from exc
        if self.choices and converted not in self.choices:
            raise ValidationError(
                "setting_choice",
                N_("{key}: choose one of {choices}."),
                key=self.key,
                choices=", ".join(map(str, self.choices)),
            )
        if self.minimum is not None and converted < self.minimum:
            raise ValidationError(
                "setting_range",
                N_("{key}: at least {minimum}."),
                key=self.key,
                minimum=self.minimum,
            )
        if self.maximum is not None and converted > self.maximum:
            raise ValidationError(
                "setting_range",
                N_("{key}: at most {maximum}."),
                key=self.key,
                maximum=self.maximum,
            )
        return converted


DECLARED: tuple[Setting, ...] = (
    Setting("station", str, "", N_("Name of this checkpoint station")),
    Setting("community", str, "", N_("Community or grid the station belongs to")),
    Setting(
        "fever_threshold_c",
        float,
        37.3,
        N_("Temperature (°C) at or above which a visitor is stopped"),
        minimum=36.0,
        maximum=39.0,
    ),
    Setting(
        "nat_validity_days",
        int,
        7,
        N_("Days a nucleic-acid test result stays valid"),
        minimum=1,
        maximum=60,
    ),
    Setting(
        "no_code_stops",
        bool,
        False,
        N_("Stop a visitor who shows no code at all"),
    ),
    Setting(
        "duplicate_window_s",
        int,
        10,
        N_("Seconds during which the same code is not registered again"),
        minimum=0,
        maximum=3600,
    ),
    Setting(
        "retention_days",
        int,
        28,
        N_("Days synced visits are kept before they are purged"),
        minimum=1,
        maximum=3650,
    ),
    Setting(
        "pass_max_days",
        int,
        30,
        N_("Longest pass a volunteer may issue, in days (longer needs a supervisor)"),
        minimum=1,
        maximum=3660,
    ),
    Setting(
        "idle_lock_min",
        int,
        15,
        N_("Minutes without input before the desk locks"),
        minimum=1,
        maximum=240,
    ),
    Setting(
        "language",
        str,
        "",
        N_("Interface language (empty: the system's)"),
        choices=("", "zh_CN", "en"),
    ),
    Setting("theme", str, "light", N_("Colour theme"), choices=("light", "dark")),
    Setting("font_scale", float, 1.0, N_("Font size factor"), minimum=0.8, maximum=2.0),
    Setting("camera", str, "", N_("Camera index or device path (empty: the first one)")),
    Setting(
        "export_folder", str, "", N_("Folder for ledgers (empty: exports/ in the data directory)")
    ),
    Setting("keep_raw_code_text", bool, True, N_("Keep the raw text of scanned codes")),
    Setting("hub_url", str, "", N_("Address of the community hub")),
    Setting(
        "hub_allow_plain_http",
        bool,
        False,
        N_("Allow plain http:// to a hub on another machine (the office's decision)"),
    ),
    Setting("sound", bool, True, N_("Play a sound on every scan")),
)

BY_KEY: Mapping[str, Setting] = {s.key: s for s in DECLARED}


class Settings:
    """Current values of the declared settings, backed by a JSON file."""

    def __init__(self, path: Path | None, values: Mapping[str, Any] | None = None) -> None:
        self._path = path
        self._values: dict[str, Any] = {s.key: s.default for s in DECLARED}
        for key, value in (values or {}).items():
            if key in BY_KEY:
                self._values[key] = BY_KEY[key].coerce(value)

    @classmethod
    def load(cls, path: Path) -> Settings:
        """Read ``path``; a missing file gives the defaults, unknown keys are ignored."""
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls(path)
        except (OSError, ValueError, UnicodeDecodeError) as exc:
            raise ValidationError(
                "settings_file",
                N_("The settings file {path} cannot be read: {reason}"),
                path=str(path),
                reason=str(exc),
            ) from exc
        values = raw.get("values", {}) if isinstance(raw, dict) else {}
        good: dict[str, Any] = {}
        for key, value in values.items() if isinstance(values, dict) else ():
            if key in BY_KEY:
                try:
                    good[key] = BY_KEY[key].coerce(value)
                except ValidationError:
                    continue  # a bad stored value falls back to the default
        return cls(path, good)

    def __getitem__(self, key: str) -> Any:
        return self._values[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def get(self, key: str) -> Any:
        return self._values[key]

    def set(self, key: str, value: Any) -> Any:
        """Validate and set one value (not saved until ``save()``); returns it."""
        if key not in BY_KEY:
            raise ValidationError("setting_unknown", N_("Unknown setting: {key}"), key=key)
        self._values[key] = BY_KEY[key].coerce(value)
        return self._values[key]

    def as_dict(self) -> dict[str, Any]:
        return dict(self._values)

    def save(self) -> None:
        """Write atomically (temp file, fsync, rename)."""
        if self._path is None:
            return
        payload = {"version": SETTINGS_VERSION, "values": self._values}
        write_json_atomic(self._path, payload)


def write_json_atomic(path: Path, payload: object) -> None:
    """Write JSON to ``path`` so that a crash leaves the old or the new file, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(payload, handle, ensure_ascii=False, indent=2, sort_keys=True)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
