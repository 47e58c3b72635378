"""Every demo code reads as its manifest says, from its text and from its PNG."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from checkpoint_desk.codes.context import ReadContext
from checkpoint_desk.codes.demo import demo_codes, write_demo_codes
from checkpoint_desk.codes.reading import CodeStatus
from checkpoint_desk.codes.registry import read_code
from checkpoint_desk.codes.trust import TrustList
from tests.codes.conftest import NOW

REQUIRED = {
    "health-green",
    "health-yellow",
    "health-red",
    "test-fresh",
    "test-stale",
    "travel-clear",
    "travel-risk",
    "pass-valid",
    "pass-expired",
    "pass-revoked",
    "forged",
    "unknown-kid",
    "provincial-url",
    "eu-dcc",
}


@pytest.fixture(scope="module")
def manifest(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, object]]:
    out = tmp_path_factory.mktemp("demo")
    path = write_demo_codes(out, NOW)
    return out, json.loads(path.read_text(encoding="utf-8"))


def test_manifest_lists_every_path(manifest: tuple[Path, dict[str, object]]) -> None:
    _, data = manifest
    codes = data["codes"]
    assert isinstance(codes, list)
    assert {c["name"] for c in codes} == REQUIRED
    for code in codes:
        assert set(code) >= {"file", "text", "scheme", "expected_status", "expected_reasons"}


def test_every_demo_png_reads_as_its_manifest_says(
    manifest: tuple[Path, dict[str, object]],
) -> None:
    out, data = manifest
    ctx = ReadContext.for_desk(TrustList(), NOW, demo=True)
    codes = data["codes"]
    assert isinstance(codes, list)
    for code in codes:
        found = zxingcpp.read_barcodes(Image.open(out / code["file"]).convert("L"))
        assert [r.text for r in found] == [code["text"]], code["name"]
        reading = read_code(found[0].text, ctx)
        assert reading.scheme == code["scheme"], code["name"]
        assert reading.status.value == code["expected_status"], code["name"]
        assert list(reading.reasons) == code["expected_reasons"], code["name"]


def test_demo_codes_stay_valid_relative_to_their_time() -> None:
    later = NOW + timedelta(days=400)
    ctx = ReadContext.for_desk(TrustList(), later, demo=True)
    for code in demo_codes(later):
        reading = read_code(code.text, ctx)
        assert (reading.status.value, reading.reasons) == (
            code.expected_status,
            code.expected_reasons,
        ), code.name


def test_outside_demo_mode_no_demo_code_is_green() -> None:
    ctx = ReadContext.for_desk(TrustList(), NOW, demo=False)
    for code in demo_codes(NOW):
        assert read_code(code.text, ctx).status is not CodeStatus.GREEN, code.name


def test_stale_test_and_risk_city_are_facts_for_the_screening() -> None:
    from checkpoint_desk.domain.screening import ScreeningInput, ScreeningRules, screen

    ctx = ReadContext.for_desk(TrustList(), NOW, demo=True)
    by_name = {c.name: read_code(c.text, ctx) for c in demo_codes(NOW)}
    rules = ScreeningRules()

    def reasons(name: str) -> list[str]:
        s = by_name[name].screening
        inp = ScreeningInput(
            now=NOW,
            temperature_c=36.5,
            health_code=s.health_colour or "unknown",
            health_code_verified=by_name[name].verified,
            health_code_scanned=s.health_colour is not None,
            travel_risk=s.travel_risk,
            nat_result=s.nat_result,
            nat_at=s.nat_at,
            code_reasons=by_name[name].reasons,
        )
        return screen(inp, rules).reason_codes

    assert reasons("test-fresh") == []
    assert "nat_stale" in reasons("test-stale")
    assert reasons("travel-risk") == ["travel_risk"]
    assert reasons("health-red") == ["health_code_red"]
    assert reasons("forged") == ["signature_invalid"]
