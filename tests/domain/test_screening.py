"""Screening: each rule stops on its own, a clean visitor passes, reasons read well."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from checkpoint_desk.domain.screening import ScreeningInput, ScreeningRules, screen
from checkpoint_desk.domain.verdict import Decision, Reason
from checkpoint_desk.settings import Settings

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
RULES = ScreeningRules()


def codes(**fields: object) -> list[str]:
    inp = ScreeningInput(now=NOW, **{"temperature_c": 36.5, **fields})  # type: ignore[arg-type]
    return screen(inp, RULES).reason_codes


def test_returning_resident_with_a_pass_and_a_temperature_passes() -> None:
    verdict = screen(ScreeningInput(now=NOW, temperature_c=36.5), RULES)
    assert verdict.decision is Decision.PASS and verdict.passed
    assert verdict.reasons == ()


def test_verified_green_code_with_fresh_test_passes() -> None:
    assert (
        codes(
            health_code="green",
            health_code_scanned=True,
            health_code_verified=True,
            travel_risk=False,
            nat_result="negative",
            nat_at=NOW - timedelta(days=2),
            nat_required=True,
        )
        == []
    )


def test_no_temperature_is_a_stop() -> None:
    verdict = screen(ScreeningInput(now=NOW), RULES)
    assert verdict.decision is Decision.STOP
    assert verdict.reason_codes == ["temperature_missing"]


@pytest.mark.parametrize(("temperature", "fever"), [(37.2, False), (37.3, True), (38.5, True)])
def test_fever_at_or_above_the_threshold(temperature: float, fever: bool) -> None:
    assert (codes(temperature_c=temperature) == ["fever"]) is fever


def test_fever_reason_carries_the_values_into_its_sentence() -> None:
    verdict = screen(ScreeningInput(now=NOW, temperature_c=37.8), RULES)
    assert verdict.reasons == (Reason.of("fever", temperature="37.8", threshold="37.3"),)
    assert verdict.reasons[0].text("en") == "Temperature 37.8 ℃ ≥ 37.3 ℃"
    assert verdict.reasons[0].text("zh_CN") == "体温 37.8 ℃ ≥ 37.3 ℃"


def test_threshold_comes_from_settings(tmp_path: Path) -> None:
    settings = Settings(tmp_path / "settings.json", {"fever_threshold_c": 37.0})
    rules = ScreeningRules.from_settings(settings)
    assert rules == ScreeningRules(fever_threshold_c=37.0, nat_validity_days=7)
    assert screen(ScreeningInput(now=NOW, temperature_c=37.1), rules).reason_codes == ["fever"]


@pytest.mark.parametrize(
    ("colour", "reason"), [("red", "health_code_red"), ("yellow", "health_code_yellow")]
)
def test_red_and_yellow_stop_whatever_their_source(colour: str, reason: str) -> None:
    assert codes(health_code=colour) == [reason]
    assert codes(health_code=colour.upper(), health_code_scanned=True) == [reason]


def test_scanned_code_must_be_verified_or_confirmed() -> None:
    assert codes(health_code="unknown", health_code_scanned=True) == ["health_code_unconfirmed"]
    assert codes(health_code="green", health_code_scanned=True) == ["health_code_unconfirmed"]
    confirmed = codes(health_code="green", health_code_scanned=True, health_code_confirmed=True)
    assert confirmed == []


def test_no_health_code_at_all_is_not_a_reason() -> None:
    assert codes(health_code="unknown") == []


def test_travel_risk() -> None:
    assert codes(travel_risk=True) == ["travel_risk"]
    assert codes(travel_risk=None) == []


def test_stale_test_states_the_validity() -> None:
    verdict = screen(
        ScreeningInput(now=NOW, temperature_c=36.5, nat_at=NOW - timedelta(days=7, hours=1)),
        RULES,
    )
    assert verdict.reasons == (Reason.of("nat_stale", days=7),)
    assert verdict.reasons[0].text("en") == "Nucleic-acid test older than 7 days"


def test_test_exactly_at_its_validity_still_counts() -> None:
    assert codes(nat_at=NOW - timedelta(days=7)) == []


def test_missing_test_stops_only_when_required() -> None:
    assert codes(nat_required=True) == ["nat_stale"]
    assert codes() == []


def test_naive_test_time_is_compared_without_crashing() -> None:
    naive = (NOW - timedelta(days=30)).replace(tzinfo=None)
    assert codes(nat_at=naive) == ["nat_stale"]


def test_positive_test() -> None:
    assert codes(nat_result="Positive", nat_at=NOW) == ["nat_positive"]
    assert codes(nat_result="negative", nat_at=NOW) == []


def test_deny_list() -> None:
    assert codes(deny_listed=True) == ["deny_list"]


@pytest.mark.parametrize(
    "reason",
    [
        "signature_invalid",
        "unknown_kid",
        "expired",
        "not_yet_valid",
        "revoked",
        "pass_expired",
        "not_decodable",
        "a_problem_added_later",
    ],
)
def test_code_problems_stop(reason: str) -> None:
    assert codes(code_reasons=(reason,)) == [reason]


def test_demo_notice_does_not_stop() -> None:
    assert codes(code_reasons=("demo_code",)) == []


def test_reasons_are_ordered_most_serious_first_without_duplicates() -> None:
    found = codes(
        temperature_c=None,
        health_code="yellow",
        travel_risk=True,
        deny_listed=True,
        code_reasons=("expired", "expired"),
    )
    assert found == [
        "deny_list",
        "expired",
        "health_code_yellow",
        "travel_risk",
        "temperature_missing",
    ]
    fever_first = codes(temperature_c=39.0, travel_risk=True, code_reasons=("revoked",))
    assert fever_first == ["revoked", "fever", "travel_risk"]


# -- the household rule (一户一天N人, issue 16 item 6) -----------------------------------
def test_the_household_rules_n_plus_first_exit_stops() -> None:
    rules = ScreeningRules(household_exit_quota=2)
    for before, decision in ((0, Decision.PASS), (1, Decision.PASS), (2, Decision.STOP)):
        verdict = screen(ScreeningInput(now=NOW, temperature_c=36.5, household_exits=before), rules)
        assert verdict.decision is decision, f"{before} exits before"
    stop = screen(ScreeningInput(now=NOW, temperature_c=36.5, household_exits=2), rules)
    assert stop.reasons == (Reason.of("household_quota", quota=2),)
    assert stop.reasons[0].text("en") == "Household has used its 2 exits for today"
    assert stop.reasons[0].text("zh_CN") == "本户今日 2 人次外出名额已用完"


def test_without_the_rule_or_without_a_household_nobody_is_counted() -> None:
    off = screen(ScreeningInput(now=NOW, temperature_c=36.5, household_exits=50), RULES)
    assert off.passed
    rules = ScreeningRules(household_exit_quota=1)
    assert screen(ScreeningInput(now=NOW, temperature_c=36.5, household_exits=None), rules).passed
