"""Resident ID numbers: every failure has its own code, legacy numbers are upgraded."""

from __future__ import annotations

from datetime import date

import pytest

from checkpoint_desk.domain.idnumber import IdNumber, is_valid_id_number, parse_id_number
from checkpoint_desk.errors import ValidationError
from tests.domain.id_numbers import with_check

TODAY = date(2026, 11, 28)


def code_of(text: str) -> str:
    with pytest.raises(ValidationError) as caught:
        parse_id_number(text, TODAY)
    return caught.value.code


def test_the_standards_own_example_is_valid() -> None:
    parsed = parse_id_number("11010519491231002X", TODAY)
    assert parsed == IdNumber("11010519491231002X", "110105", date(1949, 12, 31), "female", False)


def test_sex_follows_the_seventeenth_digit() -> None:
    male = with_check("37081119900101123")
    assert parse_id_number(male, TODAY).sex == "male"
    assert parse_id_number(with_check("37081119900101124"), TODAY).sex == "female"


@pytest.mark.parametrize(
    "typed",
    [
        "11010519491231002x",
        " 110105 1949 1231 002X ",
        "110105-19491231-002X",
        "１１０１０５１９４９１２３１００２Ｘ",
        "１１０１０５１９４９１２３１００２ｘ",
    ],
)
def test_typing_variants_normalise(typed: str) -> None:
    assert parse_id_number(typed, TODAY).number == "11010519491231002X"


def test_fifteen_digit_number_is_upgraded_with_its_check_character() -> None:
    parsed = parse_id_number("110105491231002", TODAY)
    assert parsed.number == "11010519491231002X"
    assert parsed.birth_date == date(1949, 12, 31)
    assert parsed.upgraded_from_15


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "id_empty"),
        ("   ", "id_empty"),
        ("张三", "id_characters"),
        ("11010519491231002Y", "id_characters"),
        ("1101051949X231002X", "id_characters"),
        ("11010549123100X", "id_characters"),
        ("1101051949123100", "id_length"),
        ("11010519491231002X1", "id_length"),
        ("91010519491231002X", "id_region"),
        ("00010519491231002X", "id_region"),
        ("19010519491231002X", "id_region"),
    ],
)
def test_shape_failures_have_their_own_codes(text: str, code: str) -> None:
    assert code_of(text) == code


@pytest.mark.parametrize(
    "first17",
    [
        "11010519490230002",  # 30 February
        "11010519491301002",  # month 13
        "11010518991231002",  # before 1900
        "11010520261129002",  # tomorrow
        "11010530000101002",  # far future
    ],
)
def test_birth_date_must_be_real_and_plausible(first17: str) -> None:
    assert code_of(with_check(first17)) == "id_birth_date"


def test_born_today_is_accepted() -> None:
    assert parse_id_number(with_check("11010520261128002"), TODAY).birth_date == TODAY


def test_wrong_check_character_names_the_expected_one() -> None:
    with pytest.raises(ValidationError) as caught:
        parse_id_number("110105194912310021", TODAY)
    assert caught.value.code == "id_checksum"
    assert "should be X" in str(caught.value)
    assert "X" in caught.value.translated("zh_CN")


def test_transposed_digits_are_caught() -> None:
    assert code_of("11010519491213002X") == "id_checksum"
    assert code_of("11001519491231002X") == "id_checksum"


def test_is_valid_id_number() -> None:
    assert is_valid_id_number("11010519491231002X", TODAY)
    assert not is_valid_id_number("11010519491231002", TODAY)
    assert not is_valid_id_number("", TODAY)
