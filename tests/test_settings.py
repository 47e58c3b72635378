"""Settings: typed values with ranges, one owner that tells who listens, old files load."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checkpoint_desk.errors import ValidationError
from checkpoint_desk.settings import SETTINGS_VERSION, Settings


def test_values_are_typed_and_ranged(tmp_path: Path) -> None:
    settings = Settings(tmp_path / "settings.json", {"fever_threshold_c": "37,5"})
    assert settings.values.fever_threshold_c == 37.5
    assert isinstance(settings.values.idle_lock_min, int)
    with pytest.raises(ValidationError) as refused:
        settings.set("idle_lock_min", 0)
    assert refused.value.code == "setting_range"
    assert settings.values.idle_lock_min == 15  # a refused value changes nothing


def test_listeners_hear_which_keys_changed(tmp_path: Path) -> None:
    settings = Settings(tmp_path / "settings.json")
    heard: list[frozenset[str]] = []
    stop = settings.subscribe(heard.append)
    settings.update({"theme": "dark", "sound": False, "language": ""})  # language unchanged
    settings.set("theme", "dark")  # no change: nobody is told
    stop()
    settings.set("sound", True)
    assert heard == [frozenset({"theme", "sound"})]


def test_a_bad_value_in_a_batch_changes_nothing(tmp_path: Path) -> None:
    settings = Settings(tmp_path / "settings.json")
    heard: list[frozenset[str]] = []
    settings.subscribe(heard.append)
    with pytest.raises(ValidationError):
        settings.update({"theme": "dark", "font_scale": 9})
    assert settings.values.theme == "light"
    assert heard == []


def test_saved_settings_load_again(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    settings = Settings(path)
    settings.update({"station": "东门", "retention_days": 14})
    settings.save()
    stored = json.loads(path.read_text(encoding="utf-8"))
    assert stored["version"] == SETTINGS_VERSION
    again = Settings.load(path)
    assert (again.values.station, again.values.retention_days) == ("东门", 14)


def test_a_settings_file_from_before_versioning_loads(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"station": "西门", "idle_lock_min": 5}), encoding="utf-8")
    loaded = Settings.load(path)
    assert (loaded.values.station, loaded.values.idle_lock_min) == ("西门", 5)


def test_a_version_1_file_loads_and_bad_values_fall_back(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    values = {"theme": "dark", "font_scale": 7, "hub_url": "http://127.0.0.1:1"}
    path.write_text(json.dumps({"version": 1, "values": values}), encoding="utf-8")
    loaded = Settings.load(path)
    assert loaded.values.theme == "dark"
    assert loaded.values.font_scale == 1.0
    assert loaded.values.hub_url == "http://127.0.0.1:1"
