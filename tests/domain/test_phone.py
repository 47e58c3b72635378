"""Phones: mobiles as 11 digits, landlines as area-local, extensions refused."""

from __future__ import annotations

import pytest

from checkpoint_desk.domain.phone import Phone, parse_phone
from checkpoint_desk.errors import ValidationError


@pytest.mark.parametrize(
    "typed",
    [
        "13812345678",
        "138 1234 5678",
        "138-1234-5678",
        "+86 138 1234 5678",
        "+8613812345678",
        "0086-13812345678",
        "１３８１２３４５６７８",
    ],
)
def test_mobile_forms(typed: str) -> None:
    assert parse_phone(typed) == Phone("13812345678", "mobile")


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("0531-12345678", "0531-12345678"),
        ("053187654321", "0531-87654321"),
        ("0531 8765 4321", "0531-87654321"),
        ("(0531) 87654321", "0531-87654321"),
        ("010-1234567", "010-1234567"),
        ("01087654321", "010-87654321"),
        ("02187654321", "021-87654321"),
        ("0311-2345678", "0311-2345678"),
        ("+86 531 87654321", "0531-87654321"),
        ("0086 10 87654321", "010-87654321"),
    ],
)
def test_landline_forms(typed: str, number: str) -> None:
    assert parse_phone(typed) == Phone(number, "landline")


@pytest.mark.parametrize(
    "typed",
    [
        "12812345678",  # no mobile starts 12
        "1381234567",  # 10 digits
        "138123456789",  # 12 digits
        "87654321",  # landline without area code
        "053-187654321",  # split in the wrong place
        "0531-0234567",  # local number cannot start with 0
        "0531-123456",  # too short
        "+1 415 555 0100",  # not a Chinese number
        "电话",
        "138abcd5678",
    ],
)
def test_not_a_phone(typed: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_phone(typed)
    assert caught.value.code == "phone_format"


@pytest.mark.parametrize("typed", ["0531-87654321转123", "0531-87654321 ext. 12", "010-87654321#8"])
def test_extensions_are_refused_with_their_own_message(typed: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_phone(typed)
    assert caught.value.code == "phone_format"
    assert "extension" in str(caught.value)


def test_empty() -> None:
    with pytest.raises(ValidationError) as caught:
        parse_phone("  ")
    assert caught.value.code == "phone_empty"
