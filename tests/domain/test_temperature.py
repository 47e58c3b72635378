"""Temperatures as volunteers type them; implausible values never get through."""

from __future__ import annotations

import pytest

from checkpoint_desk.domain.temperature import Temperature, format_temperature, parse_temperature
from checkpoint_desk.errors import ValidationError


@pytest.mark.parametrize(
    ("typed", "celsius"),
    [
        ("36.5", 36.5),
        ("36,5", 36.5),
        ("365", 36.5),
        ("36", 36.0),
        ("36.", 36.0),
        ("37.25", 37.3),  # rounded half up to a tenth
        ("36.5℃", 36.5),
        ("36.5C", 36.5),
        ("36.5 °c", 36.5),
        ("36.5度", 36.5),
        ("３６．５", 36.5),
        ("３６５", 36.5),
        ("34", 34.0),
        ("43.0", 43.0),
    ],
)
def test_celsius_forms(typed: str, celsius: float) -> None:
    assert parse_temperature(typed) == Temperature(celsius, converted=False)


@pytest.mark.parametrize(
    ("typed", "celsius"),
    [
        ("98.6", 37.0),
        ("98.6F", 37.0),
        ("98.6°F", 37.0),
        ("98.6 ℉", 37.0),
        ("986", 37.0),
        ("100", 37.8),
        ("104F", 40.0),
        ("93.2", 34.0),
        ("109.4", 43.0),
    ],
)
def test_fahrenheit_is_converted_and_marked(typed: str, celsius: float) -> None:
    assert parse_temperature(typed) == Temperature(celsius, converted=True)


@pytest.mark.parametrize("typed", ["33.9", "43.1", "45", "20", "440", "93.1", "109.5", "36.5F"])
def test_out_of_range_is_refused_saying_the_range(typed: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_temperature(typed)
    assert caught.value.code == "temperature_range"
    assert "34.0" in str(caught.value) and "43.0" in str(caught.value)


@pytest.mark.parametrize("typed", ["3650", "36500"])
def test_ambiguous_digits_are_refused_not_guessed(typed: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_temperature(typed)
    assert caught.value.code == "temperature_format"
    assert "ambiguous" in str(caught.value)


@pytest.mark.parametrize("typed", ["abc", "-36.5", "36.5.1", "36 5", "36.5K", "nan", "1e2"])
def test_unreadable(typed: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_temperature(typed)
    assert caught.value.code == "temperature_format"


def test_empty() -> None:
    with pytest.raises(ValidationError) as caught:
        parse_temperature(" ")
    assert caught.value.code == "temperature_empty"


def test_format_shows_one_decimal() -> None:
    assert format_temperature(Temperature(36.0)) == "36.0"
