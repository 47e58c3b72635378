"""What each scheme makes of a code: colour, subject, and every reason it is refused."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from checkpoint_desk.codes.context import ReadContext
from checkpoint_desk.codes.demo import demo_pass, health_code, travel_code
from checkpoint_desk.codes.issue import issue_code
from checkpoint_desk.codes.reading import CodeStatus
from checkpoint_desk.codes.registry import read_code
from checkpoint_desk.codes.trust import TrustList, entry_for_public_key
from tests.codes.conftest import NOW, Issuers


@pytest.mark.parametrize("colour", ["green", "yellow", "red"])
def test_health_code_colour_becomes_the_status(
    issuers: Issuers, ctx: ReadContext, colour: str
) -> None:
    reading = read_code(health_code(issuers.health, NOW, colour=colour), ctx)
    assert reading.status == CodeStatus(colour)
    assert reading.verified and reading.reasons == ()
    assert reading.issuer == "健康码中心"
    assert reading.subject.name == "张伟"
    assert reading.subject.id_masked == "110105********002X"
    assert reading.screening.health_colour == colour
    assert reading.screening.nat_result == "negative"
    assert reading.screening.nat_at == (NOW - timedelta(hours=20)).replace(microsecond=0)
    assert reading.screening.vaccine_doses == 3
    assert reading.to_json()["subject"] == {"name": "张伟", "id_masked": "110105********002X"}


def test_code_signed_by_an_unknown_key_is_never_green(issuers: Issuers, ctx: ReadContext) -> None:
    reading = read_code(health_code(issuers.stranger, NOW, colour="green"), ctx)
    assert reading.status is CodeStatus.INVALID
    assert reading.reasons == ("unknown_kid",)
    assert not reading.verified
    assert reading.screening.health_colour is None  # unverified claims are not screened


def test_forged_signature_under_a_trusted_kid(issuers: Issuers, ctx: ReadContext) -> None:
    kid = next(k for k, e in issuers.trust.entries.items() if e.schemes == ("CKH1",))
    text = health_code(issuers.stranger, NOW, colour="green", kid=kid)
    reading = read_code(text, ctx)
    assert (reading.status, reading.reasons) == (CodeStatus.INVALID, ("signature_invalid",))


def test_key_trusted_for_another_scheme_cannot_sign_health_codes(
    issuers: Issuers, ctx: ReadContext
) -> None:
    reading = read_code(health_code(issuers.station, NOW, colour="green"), ctx)
    assert reading.reasons == ("wrong_scheme",)
    assert reading.status is CodeStatus.INVALID


def test_expiry_honours_the_skew(issuers: Issuers, ctx: ReadContext) -> None:
    text = health_code(issuers.health, NOW, colour="green")  # exp = NOW + 1 day
    later = replace(ctx, now=NOW + timedelta(days=1, minutes=4))
    assert read_code(text, later).status is CodeStatus.GREEN
    much_later = replace(ctx, now=NOW + timedelta(days=1, minutes=6))
    expired = read_code(text, much_later)
    assert (expired.status, expired.reasons) == (CodeStatus.EXPIRED, ("expired",))
    assert expired.verified


def test_code_from_the_future_is_not_valid_yet(issuers: Issuers, ctx: ReadContext) -> None:
    text = health_code(issuers.health, NOW + timedelta(hours=3), colour="green")
    reading = read_code(text, ctx)
    assert (reading.status, reading.reasons) == (CodeStatus.INVALID, ("not_yet_valid",))


def test_positive_test_makes_a_green_code_red(issuers: Issuers, ctx: ReadContext) -> None:
    claims = {"iat": 0, "exp": 4102444800, "color": "green", "nat": {"result": "positive"}}
    reading = read_code(issue_code("CKH1:", claims, issuers.health), ctx)
    assert reading.status is CodeStatus.RED
    assert reading.screening.nat_result == "positive"


def test_travel_code_through_a_risk_area(issuers: Issuers, ctx: ReadContext) -> None:
    cities = [{"code": "110105", "name": "朝阳区"}, {"code": "420102", "name": "江岸区"}]
    text = travel_code(issuers.travel, NOW, cities=cities)
    assert read_code(text, ctx).status is CodeStatus.GREEN
    risky = read_code(text, replace(ctx, risk_areas=frozenset({"4201"})))
    assert risky.status is CodeStatus.YELLOW
    assert risky.screening.travel_risk is True
    assert [c.risk for c in risky.screening.cities] == [False, True]
    assert risky.subject.phone_masked == "138****8000"


def test_pass_valid_expired_and_revoked(issuers: Issuers, ctx: ReadContext) -> None:
    valid = demo_pass(issuers.station, NOW, pass_id="P1", start=-1, days=30)
    reading = read_code(valid, ctx)
    assert reading.status is CodeStatus.GREEN
    assert reading.screening.pass_id == "P1"
    assert reading.screening.pass_kind == "resident"
    assert reading.screening.address == "3号楼2单元"
    expired = read_code(demo_pass(issuers.station, NOW, pass_id="P2", start=-40, days=30), ctx)
    assert (expired.status, expired.reasons) == (CodeStatus.EXPIRED, ("pass_expired",))
    revoked = read_code(valid, replace(ctx, revoked_passes=frozenset({"P1"})))
    assert (revoked.status, revoked.reasons) == (CodeStatus.INVALID, ("revoked",))


def test_demo_keys_count_only_in_demo_mode(demo_ctx: ReadContext) -> None:
    from checkpoint_desk.codes.demo import DemoKeys

    text = health_code(DemoKeys.load().health, NOW, colour="green")
    assert read_code(text, demo_ctx).status is CodeStatus.GREEN
    # The demo trust list imported into a station's list is still not trusted.
    station = demo_ctx.trust.merged(TrustList())
    off = read_code(text, ReadContext(trust=station, now=NOW, demo=False))
    assert (off.status, off.reasons) == (CodeStatus.INVALID, ("unknown_kid", "demo_code"))
    plain = read_code(text, ReadContext(trust=TrustList(), now=NOW))
    assert plain.reasons == ("unknown_kid",)


@pytest.mark.parametrize(
    "text",
    [
        "https://jkm.example.gov.cn/h5/qr?code=ABC",
        "张伟 370811199001011234",
        "WIFI:S:guest;T:WPA;P:secret;;",
    ],
)
def test_anything_else_is_unverified(ctx: ReadContext, text: str) -> None:
    reading = read_code(text, ctx)
    assert (reading.scheme, reading.status, reading.reasons) == (
        "unverified",
        CodeStatus.UNVERIFIED,
        (),
    )
    assert reading.to_json()["text"] == text


@pytest.mark.parametrize("text", ["HC2:6BFOXN*TS0BI$ZD4N9:9S6RCVN5+O30K3/XIV0W23NTDE", "CKX1:ABC"])
def test_envelope_behind_an_unknown_prefix_is_invalid(ctx: ReadContext, text: str) -> None:
    reading = read_code(text, ctx)
    assert (reading.status, reading.reasons) == (CodeStatus.INVALID, ("unknown_prefix",))


def test_trust_list_age_is_part_of_the_reading(issuers: Issuers, ctx: ReadContext) -> None:
    later = replace(ctx, now=NOW + timedelta(hours=3))
    reading = read_code(health_code(issuers.health, NOW, colour="green"), later)
    assert reading.trust_list_age_s == pytest.approx(3 * 3600)


def test_trusted_entry_added_later_replaces_its_kid(issuers: Issuers) -> None:
    trust = TrustList()
    trust.add(entry_for_public_key(issuers.health.public_key(), "old", schemes=("CKH1",)))
    trust.add(entry_for_public_key(issuers.health.public_key(), "new", schemes=("CKH1",)))
    assert len(trust) == 1 and trust.version == 2
    reading = read_code(health_code(issuers.health, NOW, colour="green"), ReadContext(trust, NOW))
    assert reading.issuer == "new"
