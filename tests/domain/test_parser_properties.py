"""Properties: no text makes a parser fail with anything but ValidationError, and
what a parser returns parses again to itself."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checkpoint_desk.domain.idnumber import PROVINCE_CODES, parse_id_number
from checkpoint_desk.domain.names import name_initials
from checkpoint_desk.domain.phone import parse_phone
from checkpoint_desk.domain.plate import PROVINCES, parse_plate
from checkpoint_desk.domain.temperature import Temperature, format_temperature, parse_temperature
from checkpoint_desk.errors import ValidationError
from tests.domain.id_numbers import with_check

TODAY = date(2026, 11, 28)

# Text a person or a scanner might produce: digits, the parsers' own symbols, Chinese.
typed = st.text(
    alphabet=st.sampled_from("0123456789xX.,-+ ()#°℃℉CFcf度转挂警学港澳使领０１９Ｘ鲁京粤ZHDIO张三")
)
anything = st.text() | typed

PARSERS: list[Callable[[str], object]] = [
    lambda text: parse_id_number(text, TODAY),
    parse_phone,
    parse_plate,
    parse_temperature,
]


@pytest.mark.parametrize("parse", PARSERS, ids=["id", "phone", "plate", "temperature"])
@given(text=anything)
def test_parsers_raise_only_validation_errors(parse: Callable[[str], object], text: str) -> None:
    try:
        parse(text)
    except ValidationError as err:
        assert err.code and str(err)
        assert err.translated("zh_CN")


@given(text=st.text())
def test_name_initials_never_fail(text: str) -> None:
    assert name_initials(text) == name_initials(text).lower()


id_numbers = st.builds(
    lambda province, county, born, seq: with_check(f"{province}{county:04d}{born:%Y%m%d}{seq:03d}"),
    st.sampled_from(sorted(PROVINCE_CODES)),
    st.integers(0, 9999),
    st.dates(date(1900, 1, 1), TODAY),
    st.integers(0, 999),
)


@given(number=id_numbers)
def test_valid_id_numbers_round_trip(number: str) -> None:
    parsed = parse_id_number(number, TODAY)
    assert parsed.number == number
    assert parse_id_number(parsed.number, TODAY) == parsed
    assert parsed.birth_date.strftime("%Y%m%d") == number[6:14]


@given(number=id_numbers, position=st.integers(0, 17), digit=st.sampled_from("0123456789X"))
def test_any_single_changed_character_is_caught(number: str, position: int, digit: str) -> None:
    changed = number[:position] + digit + number[position + 1 :]
    if changed == number:
        return
    with pytest.raises(ValidationError):
        parse_id_number(changed, TODAY)


@given(number=id_numbers, position=st.integers(0, 16))
def test_any_swap_of_neighbours_is_caught(number: str, position: int) -> None:
    swapped = number[:position] + number[position + 1] + number[position] + number[position + 2 :]
    if swapped == number:
        return
    with pytest.raises(ValidationError):
        parse_id_number(swapped, TODAY)


@given(number=id_numbers.filter(lambda n: n[6:8] == "19"))
def test_fifteen_digit_form_upgrades_to_the_same_number(number: str) -> None:
    legacy = number[:6] + number[8:17]
    parsed = parse_id_number(legacy, TODAY)
    assert parsed.number == number and parsed.upgraded_from_15


@given(tenths=st.integers(340, 430))
def test_temperature_round_trips(tenths: int) -> None:
    temperature = Temperature(tenths / 10)
    assert parse_temperature(format_temperature(temperature)) == temperature


@given(text=anything)
def test_temperature_never_outside_the_plausible_range(text: str) -> None:
    try:
        value = parse_temperature(text)
    except ValidationError:
        return
    assert 34.0 <= value.celsius <= 43.0


@given(
    body=st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True),
    separator=st.sampled_from(["", " ", "-"]),
    prefix=st.sampled_from(["", "+86", "0086", "+86 "]),
)
def test_mobile_with_separators_normalises(body: str, separator: str, prefix: str) -> None:
    typed_number = prefix + separator.join((body[:3], body[3:7], body[7:]))
    assert parse_phone(typed_number).number == body
    assert parse_phone(parse_phone(typed_number).number).number == body


@given(text=anything)
def test_phone_and_plate_are_idempotent(text: str) -> None:
    for parse in (lambda t: parse_phone(t).number, parse_plate):
        try:
            once = parse(text)
        except ValidationError:
            continue
        assert parse(once) == once


@given(
    province=st.sampled_from(PROVINCES),
    authority=st.sampled_from("ABCDEFGHJKLMNPQRSTUVWXYZ"),
    serial=st.from_regex(r"[A-HJ-NP-Z0-9]{5}", fullmatch=True),
)
def test_ordinary_plates_typed_loosely_normalise(
    province: str, authority: str, serial: str
) -> None:
    assert parse_plate(f" {province}{authority.lower()}·{serial.lower()} ") == (
        f"{province}{authority}{serial}"
    )
