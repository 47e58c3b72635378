"""Plates: every GA 36-2018 form the desk meets, normalised; the rest refused."""

from __future__ import annotations

import pytest

from checkpoint_desk.domain.plate import PROVINCES, is_valid_plate, parse_plate
from checkpoint_desk.errors import ValidationError


def test_thirty_one_provinces() -> None:
    assert len(set(PROVINCES)) == len(PROVINCES) == 31


@pytest.mark.parametrize(
    ("typed", "plate"),
    [
        ("鲁H12345", "鲁H12345"),
        ("鲁h 12345", "鲁H12345"),
        ("鲁H·12345", "鲁H12345"),
        ("鲁H-1234A", "鲁H1234A"),
        ("鲁Ｈ１２３４５", "鲁H12345"),
        ("京AD12345", "京AD12345"),  # small new-energy
        ("京AFA2345", "京AFA2345"),
        ("京A12345D", "京A12345D"),  # large new-energy
        ("沪B1234挂", "沪B1234挂"),
        ("京A0001警", "京A0001警"),
        ("鲁H1234学", "鲁H1234学"),
        ("粤Z1234港", "粤Z1234港"),
        ("粤Z 1234 澳", "粤Z1234澳"),
        ("沪A1234领", "沪A1234领"),
        ("使014578", "使014578"),
        ("使 014·578", "使014578"),
    ],
)
def test_accepted_forms(typed: str, plate: str) -> None:
    assert parse_plate(typed) == plate
    assert parse_plate(plate) == plate


@pytest.mark.parametrize(
    "typed",
    [
        "鲁H1234",  # too short
        "鲁H123456",  # ordinary plates have 5 after the letter
        "港H12345",  # not a province
        "H12345",
        "鲁112345",  # authority must be a letter
        "京AD1234A",  # small NEV ends in 4 digits
        "京A1234AD",  # large NEV has 5 digits
        "鲁H1234港",  # cross-border plates are 粤Z
        "使01457",
        "鲁H1234挂1",
    ],
)
def test_refused_forms(typed: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_plate(typed)
    assert caught.value.code == "plate_format"
    assert not is_valid_plate(typed)


def test_letters_i_and_o_get_a_hint() -> None:
    with pytest.raises(ValidationError) as caught:
        parse_plate("鲁HO12I4")
    assert caught.value.code == "plate_format"
    assert "I and O" in str(caught.value)


def test_empty() -> None:
    with pytest.raises(ValidationError) as caught:
        parse_plate(" · ")
    assert caught.value.code == "plate_empty"
