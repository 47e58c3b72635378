"""Settings: a typed model (``DeskSettings``) with ranges, stored as versioned JSON.

One ``Settings`` object owns the values in memory: readers hold it (``settings.values``
is typed, no casts), writers go through ``set``/``update`` and listeners registered with
``subscribe`` hear which keys changed (``ui/settings_signal.py`` turns that into a Qt
signal). User preferences live in ``settings.json``; remembered UI state (window
geometry, last camera) lives apart in ``ui-state.json`` and is not a setting.
"""

from __future__ import annotations

import json
import re
import types
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

import annotated_types
from pydantic import BaseModel, ConfigDict, Field, field_validator

from checkpoint_desk.atomic_write import OWNER_ONLY, write_json_atomic
from checkpoint_desk.errors import ValidationError
from checkpoint_desk.i18n import N_

THERMOMETER_PATTERN = (
    r"^(none|keyboard|serial:[^@\s]+(@(1200|2400|4800|9600|19200|38400|57600|115200))?)$"
)
"""Setting ``thermometer`` (``scanner/thermometer.py: parse_choice`` reads it)."""

THERMOMETER_WORDS = {"无": "none", "键盘": "keyboard", "串口:": "serial:", "串口：": "serial:"}
"""What a volunteer may type in Chinese for the thermometer setting; stored in English."""


def thermometer_setting(value: str) -> str:
    """The setting in its stored words: ``无`` → ``none``, ``键盘`` → ``keyboard``,
    ``串口:/dev/ttyUSB0`` → ``serial:/dev/ttyUSB0``; anything else as it was."""
    text = value.strip()
    for word, stored in THERMOMETER_WORDS.items():
        if text == word or (word.endswith((":", "：")) and text.startswith(word)):
            return stored + text[len(word) :]
    return text


MAX_HOUSEHOLD_EXIT_QUOTA = 99
"""Highest ``household_exit_quota`` (the hub checks a published one against it too)."""

SETTINGS_VERSION = 1
"""Version written to ``settings.json``; older files are migrated by ``_migrate``."""


class DeskSettings(BaseModel):
    """The declared settings: type, default, range and description of each."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    station: str = Field("", description=N_("Name of this checkpoint station"))
    community: str = Field("", description=N_("Community or grid the station belongs to"))
    fever_threshold_c: float = Field(
        37.3,
        ge=36.0,
        le=39.0,
        description=N_("Temperature (°C) at or above which a visitor is stopped"),
    )
    nat_validity_days: int = Field(
        7, ge=1, le=60, description=N_("Days a nucleic-acid test result stays valid")
    )
    no_code_stops: bool = Field(False, description=N_("Stop a visitor who shows no code at all"))
    duplicate_window_s: int = Field(
        10,
        ge=0,
        le=3600,
        description=N_("Seconds during which the same code is not registered again"),
    )
    retention_days: int = Field(
        28, ge=1, le=3650, description=N_("Days synced visits are kept before they are purged")
    )
    pass_max_days: int = Field(
        30,
        ge=1,
        le=3660,
        description=N_("Longest pass a volunteer may issue, in days (longer needs a supervisor)"),
    )
    idle_lock_min: int = Field(
        15, ge=1, le=240, description=N_("Minutes without input before the desk locks")
    )
    language: Literal["", "zh_CN", "en"] = Field(
        "", description=N_("Interface language (empty: the system's)")
    )
    theme: Literal["light", "dark"] = Field("light", description=N_("Colour theme"))
    font_scale: float = Field(1.0, ge=0.8, le=2.0, description=N_("Font size factor"))
    camera: str = Field("", description=N_("Camera index or device path (empty: the first one)"))
    export_folder: str = Field(
        "", description=N_("Folder for ledgers (empty: exports/ in the data directory)")
    )
    keep_raw_code_text: bool = Field(True, description=N_("Keep the raw text of scanned codes"))
    hub_url: str = Field("", description=N_("Address of the community hub"))
    hub_allow_plain_http: bool = Field(
        False,
        description=N_("Allow plain http:// to a hub on another machine (the office's decision)"),
    )
    sound: bool = Field(True, description=N_("Play a sound on every scan"))
    voice: bool = Field(True, description=N_("Speak the verdict in Mandarin (语音播报)"))
    lane_direction: Literal["in", "out"] = Field(
        "in",
        description=N_("Direction of this lane (an exit lane: out); each visitor starts with it"),
    )
    household_exit_quota: int = Field(
        0,
        ge=0,
        le=MAX_HOUSEHOLD_EXIT_QUOTA,
        description=N_("Exits per household and day (一户一天N人); the next stops (0: no rule)"),
    )
    thermometer: str = Field(
        "none",
        pattern=THERMOMETER_PATTERN,
        description=N_("Thermometer: none, keyboard (types like a keyboard) or serial:PORT[@BAUD]"),
    )

    @field_validator("thermometer", mode="before")
    @classmethod
    def _thermometer_words(cls, value: object) -> object:
        return thermometer_setting(value) if isinstance(value, str) else value


@dataclass(frozen=True)
class Setting:
    """One declared setting, read off ``DeskSettings`` (for forms and value checks)."""

    key: str
    type: type
    default: Any
    description: str
    choices: tuple[Any, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    pattern: str | None = None

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
        if self.pattern is not None and re.fullmatch(self.pattern, str(converted)) is None:
            raise ValidationError(
                "setting_type",
                N_("{key}: {value!r} is not a valid value."),
                key=self.key,
                value=value,
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


def _declared() -> tuple[Setting, ...]:
    found: list[Setting] = []
    for key, info in DeskSettings.model_fields.items():
        annotation: Any = info.annotation
        choices: tuple[Any, ...] = ()
        if get_origin(annotation) is Literal:
            choices = get_args(annotation)
            annotation = type(choices[0])
        assert isinstance(annotation, type) and not isinstance(annotation, types.GenericAlias)
        minimum: float | None = None
        maximum: float | None = None
        pattern: str | None = None
        for rule in info.metadata:
            pattern = getattr(rule, "pattern", None) or pattern
            if isinstance(rule, annotated_types.Ge):
                minimum = float(rule.ge)  # type: ignore[arg-type]
            elif isinstance(rule, annotated_types.Le):
                maximum = float(rule.le)  # type: ignore[arg-type]
        if annotation is int:  # "at least 1", not "at least 1.0"
            minimum = None if minimum is None else int(minimum)
            maximum = None if maximum is None else int(maximum)
        description = info.description or ""
        found.append(
            Setting(key, annotation, info.default, description, choices, minimum, maximum, pattern)
        )
    return tuple(found)


DECLARED: tuple[Setting, ...] = _declared()

BY_KEY: Mapping[str, Setting] = {s.key: s for s in DECLARED}

SettingValue = str | int | float | bool
"""What one setting holds (``Settings.get``; typed code reads ``Settings.values``)."""

Listener = Callable[[frozenset[str]], None]


def _migrate(raw: object) -> dict[str, Any]:
    """The stored values of any known file version, as the current version's keys.

    Version 0 (before versioning) was a flat object of values; version 1 nests them
    under ``values``. A newer version keeps the keys this desk knows.
    """
    if not isinstance(raw, dict):
        return {}
    if "version" not in raw and "values" not in raw:
        return dict(raw)  # version 0
    values = raw.get("values", {})
    return dict(values) if isinstance(values, dict) else {}


class Settings:
    """The owner of the current settings, backed by a JSON file."""

    def __init__(self, path: Path | None, values: Mapping[str, Any] | None = None) -> None:
        self._path = path
        checked = {k: BY_KEY[k].coerce(v) for k, v in (values or {}).items() if k in BY_KEY}
        self._values = DeskSettings(**checked)
        self._listeners: list[Listener] = []

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
        good: dict[str, Any] = {}
        for key, value in _migrate(raw).items():
            if key in BY_KEY:
                try:
                    good[key] = BY_KEY[key].coerce(value)
                except ValidationError:
                    continue  # a bad stored value falls back to the default
        return cls(path, good)

    @property
    def values(self) -> DeskSettings:
        """The current values, typed (a frozen snapshot)."""
        return self._values

    def __iter__(self) -> Iterator[str]:
        return iter(BY_KEY)

    def get(self, key: str) -> SettingValue:
        """One value by key (for code that handles settings generically)."""
        if key not in BY_KEY:
            raise ValidationError("setting_unknown", N_("Unknown setting: {key}"), key=key)
        value: SettingValue = getattr(self._values, key)
        return value

    def checked(self, changes: Mapping[str, Any]) -> dict[str, Any]:
        """``changes`` converted and checked, nothing applied (a bad one raises)."""
        for key in changes:
            if key not in BY_KEY:
                raise ValidationError("setting_unknown", N_("Unknown setting: {key}"), key=key)
        return {key: BY_KEY[key].coerce(value) for key, value in changes.items()}

    def update(self, changes: Mapping[str, Any]) -> dict[str, Any]:
        """Check all of ``changes``, then apply them (not saved until ``save()``).

        Returns the values that really changed; listeners hear their keys.
        """
        wanted = self.checked(changes)
        changed = {k: v for k, v in wanted.items() if getattr(self._values, k) != v}
        if changed:
            self._values = self._values.model_copy(update=changed)
            for listener in list(self._listeners):
                listener(frozenset(changed))
        return changed

    def set(self, key: str, value: Any) -> Any:
        """Validate and set one value (not saved until ``save()``); returns it."""
        self.update({key: value})
        return self.get(key)

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener(keys)`` after each change; returns the unsubscribe call."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def as_dict(self) -> dict[str, Any]:
        return self._values.model_dump()

    def save(self) -> None:
        """Write atomically (``atomic_write``), owner-only."""
        if self._path is None:
            return
        payload = {"version": SETTINGS_VERSION, "values": self.as_dict()}
        self._path.parent.mkdir(parents=True, exist_ok=True)
        write_json_atomic(self._path, payload, mode=OWNER_ONLY)
