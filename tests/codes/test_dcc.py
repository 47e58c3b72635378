"""EU DCC content as the screening rules see it, on the dgc-testdata vectors."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from checkpoint_desk.codes.issue import wrap
from checkpoint_desk.codes.reading import CodeReading, CodeStatus
from checkpoint_desk.codes.registry import read_code
from tests.codes.test_dcc_conformance import DATA, context, vector


def reading_of(name: str, *, via_cose: bool = False) -> CodeReading:
    v = vector(DATA / name)
    text = wrap(bytes.fromhex(v["COSE"]), "HC1:") if via_cose else v["PREFIX"]
    return read_code(text, context(v))


def test_vaccination_gives_doses_and_date() -> None:
    reading = reading_of("AT/2DCode/raw/1.json")
    assert reading.status is CodeStatus.GREEN and reading.verified
    assert reading.subject.name == "Gabriele Musterfrau-Gößinger"
    assert reading.subject.birth_date == "1998-02-26"
    assert (reading.screening.vaccine_doses, reading.screening.vaccine_last) == (
        1,
        date(2021, 2, 18),
    )
    assert reading.to_json()["claims"]["hcert"]["v"][0]["mp"] == "EU/1/20/1528"


def test_naat_test_gives_result_and_sample_time() -> None:
    reading = reading_of("AT/2DCode/raw/3.json")
    assert reading.screening.nat_result == "negative"
    assert reading.screening.nat_at == datetime(2021, 2, 20, 12, 34, 56, tzinfo=UTC)


def test_recovery_gives_valid_until() -> None:
    assert reading_of("AT/2DCode/raw/2.json").screening.recovered_until == date(2021, 10, 4)


def test_latest_of_several_vaccinations_counts() -> None:
    reading = reading_of("SK/2DCode/raw/3.json")
    assert reading.screening.vaccine_doses == 2
    assert reading.screening.vaccine_last == date(2021, 5, 19)


@pytest.mark.parametrize("name", ["CO6", "CO7", "CO8", "CO9", "CO10", "CO11"])
def test_signer_restricted_to_another_kind_is_refused(name: str) -> None:
    reading = reading_of(f"common/2DCode/raw/{name}.json", via_cose=True)
    assert (reading.status, reading.reasons) == (CodeStatus.INVALID, ("wrong_scheme",))


@pytest.mark.parametrize(("name", "reason"), [("CO16", "not_yet_valid"), ("CO17", "expired")])
def test_validation_clock_outside_the_code_validity(name: str, reason: str) -> None:
    reading = reading_of(f"common/2DCode/raw/{name}.json", via_cose=True)
    assert reading.reasons == (reason,)
    assert reading.status is not CodeStatus.GREEN
