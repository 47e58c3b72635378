"""EU DCC conformance: every vector in dgc-testdata reproduces its EXPECTEDRESULTS.

One test per (file, step), so a failure names both. Each step runs our own code on
the vector's own input for that layer, with the vector's certificate as the only
trusted key and its VALIDATIONCLOCK as the time (no clock skew); a ``read`` case
runs the whole chain through ``read_code`` and checks it agrees.

Not reproduced: EXPECTEDENCODE (re-encoding the JSON to byte-identical CBOR depends on
the encoder's map order and length forms; a verifier never encodes) and the stray
``EXPECTEDRESULTS: true`` inside ES 1001-1003's results. The misspelt
``EXPTECTEDEXPIRED`` (BG 1-4, ES 201-203) is read as the expiration check: all seven
are within iat..exp at their clock.
"""

from __future__ import annotations

import base64
import io
import json
import re
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import qrcode
import zxingcpp
from PIL import Image, UnidentifiedImageError

from checkpoint_desk.cli import main
from checkpoint_desk.codes.context import ReadContext
from checkpoint_desk.codes.envelope import (
    EnvelopeError,
    b45decode,
    cbor_loads,
    inflate,
    parse_claims,
    parse_cose,
    unprefix,
    verify,
)
from checkpoint_desk.codes.reading import CodeStatus
from checkpoint_desk.codes.registry import read_code
from checkpoint_desk.codes.schemes.dcc import (
    CWT_EXP,
    CWT_IAT,
    dcc_kind,
    hcert_of,
    key_usage_allows,
    schema_problems,
)
from checkpoint_desk.codes.signed import epoch, plain, time_reasons
from checkpoint_desk.codes.trust import TrustList, entry_for_certificate

# ``../shared/data`` seen from the checkout (a worktree sits one level deeper).
DATA = next(
    (
        p / "shared" / "data" / "dgc-testdata"
        for p in Path(__file__).resolve().parents
        if (p / "shared" / "data" / "dgc-testdata").is_dir()
    ),
    Path("/nonexistent"),
)
VECTORS = sorted(DATA.glob("*/2DCode/raw/*.json"))
# PNGs known not to show their JSON's code: the JSON's own 2DCODE image is the reference.
PNG_MISMATCH = {("ES", "2101"), ("ES", "2102"), ("ES", "2103"), ("GR", "3")}
STEPS = {
    "EXPECTEDUNPREFIX": "unprefix",
    "EXPECTEDB45DECODE": "base45",
    "EXPECTEDCOMPRESSION": "compression",
    "EXPECTEDDECODE": "decode",
    "EXPECTEDVERIFY": "verify",
    "EXPECTEDEXPIRATIONCHECK": "expiration",
    "EXPTECTEDEXPIRED": "expiration",  # sic, upstream's spelling
    "EXPECTEDSCHEMAVALIDATION": "schema",
    "EXPECTEDVALIDJSON": "validjson",
    "EXPECTEDVALIDOBJECT": "validobject",
    "EXPECTEDPICTUREDECODE": "picture",
    "EXPECTEDKEYUSAGE": "keyusage",
}


@cache
def vector(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def vector_id(path: Path) -> str:
    return f"{path.parts[-4]}/{path.stem}"


# Vectors that contradict themselves upstream: strict xfail, so a fix upstream shows.
BROKEN = {
    "FR/test_pcr_ok-decode": "its CBOR's sc/dr are 2 h later than its JSON's (local time "
    "written with a Z upstream)",
}


def cases() -> list[Any]:
    out = []
    for path in VECTORS:
        expected = vector(path)["EXPECTEDRESULTS"]
        for key, step in STEPS.items():
            if key in expected:
                name = f"{vector_id(path)}-{step}"
                marks = (
                    [pytest.mark.xfail(reason=BROKEN[name], strict=True)] if name in BROKEN else []
                )
                out.append(pytest.param(path, step, expected[key], id=name, marks=marks))
        if "PREFIX" in vector(path) and "COSE" in vector(path):
            out.append(pytest.param(path, "read", None, id=f"{vector_id(path)}-read"))
    return out


def clock(v: dict[str, Any]) -> datetime:
    """VALIDATIONCLOCK (fractions beyond microseconds are dropped)."""
    text = re.sub(r"(\.\d{6})\d+", r"\1", v["TESTCTX"]["VALIDATIONCLOCK"]).replace("Z", "+00:00")
    when = datetime.fromisoformat(text)
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def trust_of(v: dict[str, Any]) -> TrustList:
    trust = TrustList()
    trust.add(entry_for_certificate(base64.b64decode(v["TESTCTX"]["CERTIFICATE"])))
    return trust


def context(v: dict[str, Any]) -> ReadContext:
    return ReadContext(trust=trust_of(v), now=clock(v), skew=timedelta(0))


def base45_text(v: dict[str, Any]) -> str:
    return str(v["BASE45"]) if "BASE45" in v else unprefix(v["PREFIX"], "HC1:")


def compressed(v: dict[str, Any]) -> bytes:
    return bytes.fromhex(v["COMPRESSED"]) if "COMPRESSED" in v else b45decode(base45_text(v))


def cose(v: dict[str, Any]) -> bytes:
    return bytes.fromhex(v["COSE"]) if "COSE" in v else inflate(compressed(v))


def hcert(v: dict[str, Any]) -> Any:
    """The certificate from the vector's CBOR (a bare one or CWT claims), else its COSE."""
    if "CBOR" in v:
        value = cbor_loads(bytes.fromhex(v["CBOR"]))
        return hcert_of(value) if isinstance(value, Mapping) and -260 in value else value
    return hcert_of(parse_claims(parse_cose(cose(v)).payload))


def step_unprefix(v: dict[str, Any]) -> bool:
    base = unprefix(v["PREFIX"], "HC1:")
    return "BASE45" not in v or base == v["BASE45"]


def step_base45(v: dict[str, Any]) -> bool:
    raw = b45decode(base45_text(v))
    return "COMPRESSED" not in v or raw == bytes.fromhex(v["COMPRESSED"])


def step_compression(v: dict[str, Any]) -> bool:
    inflated = inflate(compressed(v))
    return "COSE" not in v or inflated == bytes.fromhex(v["COSE"])


def canonical(value: Any) -> Any:
    """JSON-ish value with timestamps compared as instants (``Z`` == ``+00:00``)."""
    if isinstance(value, dict):
        return {k: canonical(x) for k, x in value.items()}
    if isinstance(value, list):
        return [canonical(x) for x in value]
    if isinstance(value, str) and re.fullmatch(
        r"\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:?\d{2})", value
    ):
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    return value


def step_decode(v: dict[str, Any]) -> bool:
    decoded = canonical(plain(hcert(v)))
    if "JSON" in v and decoded != canonical(v["JSON"]):
        return False
    if "COSE" in v:
        signed = hcert_of(parse_claims(parse_cose(cose(v)).payload))
        return bool(canonical(plain(signed)) == decoded)
    return True


def step_verify(v: dict[str, Any]) -> bool:
    message = parse_cose(cose(v))
    signer = trust_of(v).lookup(message.kid)
    return signer is not None and verify(message, signer.public_key)


def step_expiration(v: dict[str, Any]) -> bool:
    claims = parse_claims(parse_cose(cose(v)).payload)
    iat, exp = epoch(claims.get(CWT_IAT)), epoch(claims.get(CWT_EXP))
    return not time_reasons(iat, exp, context(v))


def step_schema(v: dict[str, Any]) -> bool:
    return not schema_problems(hcert(v))


def step_validjson(v: dict[str, Any]) -> bool:
    """The decoded payload is strict JSON (no NaN, text keys) and a DCC-shaped object.

    (Whether it equals the vector's JSON field is the DECODE step.)
    """
    payload = plain(hcert(v))
    parsed = json.loads(json.dumps(payload, allow_nan=False, ensure_ascii=False))
    return isinstance(parsed, dict) and parsed == payload and {"ver", "nam"} <= set(parsed)


def step_validobject(v: dict[str, Any]) -> bool:
    """The test object itself is complete: a prefix text, a signer and a clock."""
    ctx = v.get("TESTCTX", {})
    return (
        isinstance(v.get("PREFIX"), str)
        and bool(ctx.get("CERTIFICATE"))
        and bool(ctx.get("VALIDATIONCLOCK"))
        and isinstance(v.get("JSON", {}), dict)
    )


def step_picture(v: dict[str, Any], path: Path) -> bool:
    """Decode the PNG (or the JSON's own 2DCODE image) and compare with PREFIX.

    A few vectors carry no image at all: then the QR is drawn from PREFIX with the
    ``qrcode`` package and read back, which is what the desk's own cards do.
    """
    country, name = path.parts[-4], path.stem
    png = path.parents[1] / "png" / f"{name}.png"
    try:
        if png.is_file() and (country, name) not in PNG_MISMATCH:
            image = Image.open(png)
        elif v.get("2DCODE"):
            image = Image.open(io.BytesIO(base64.b64decode(v["2DCODE"])))
        else:
            image = qrcode.make(v["PREFIX"], border=4).get_image()
    except (UnidentifiedImageError, ValueError):
        return False
    found = zxingcpp.read_barcodes(image.convert("L"))
    return any(result.text == v["PREFIX"] for result in found)


def step_keyusage(v: dict[str, Any]) -> bool:
    kind = dcc_kind(hcert_of(parse_claims(parse_cose(cose(v)).payload)))
    return key_usage_allows(base64.b64decode(v["TESTCTX"]["CERTIFICATE"]), kind)


def run_step(step: str, v: dict[str, Any], path: Path) -> bool:
    try:
        if step == "picture":
            return step_picture(v, path)
        result: bool = globals()[f"step_{step}"](v)
        return result
    except EnvelopeError:
        return False


@pytest.mark.parametrize(("path", "step", "expected"), cases())
def test_vector(path: Path, step: str, expected: bool | None) -> None:
    v = vector(path)
    if step == "read":
        check_reading(v)
        return
    assert run_step(step, v, path) is expected, f"{vector_id(path)}: {step} should be {expected}"


def check_reading(v: dict[str, Any]) -> None:
    """The whole chain through ``read_code`` agrees with the vector's expectations."""
    expected = v["EXPECTEDRESULTS"]
    reading = read_code(v["PREFIX"], context(v))
    bad = [
        k for k, ok in expected.items() if k in STEPS and k != "EXPECTEDPICTUREDECODE" and not ok
    ]
    if expected.get("EXPECTEDVERIFY") is True:
        assert reading.verified, reading.reasons
    if expected.get("EXPECTEDVERIFY") is False:
        assert not reading.verified
    if bad:
        assert reading.status is not CodeStatus.GREEN, reading
    if expected.get("EXPECTEDEXPIRATIONCHECK") is False:
        assert reading.status in (CodeStatus.EXPIRED, CodeStatus.INVALID)
    if not bad and expected.get("EXPECTEDVERIFY") and expected.get("EXPECTEDEXPIRATIONCHECK"):
        assert reading.status in (CodeStatus.GREEN, CodeStatus.RED), reading.reasons
        assert reading.subject.name


def test_every_vector_is_covered() -> None:
    assert len(VECTORS) > 150
    assert all(any(k in STEPS for k in vector(p)["EXPECTEDRESULTS"]) for p in VECTORS)


@pytest.mark.parametrize(
    "name",
    ["common/2DCode/raw/CO3.json", "common/2DCode/raw/CO1.json", "common/2DCode/raw/CO5.json"],
)
def test_read_command_with_the_vector_certificate(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    v = vector(DATA / name)
    cert = tmp_path / "signer.b64"
    cert.write_text(v["TESTCTX"]["CERTIFICATE"], encoding="ascii")
    at = clock(v).isoformat()
    code = main(["read", v["PREFIX"], "--json", "--trust", str(cert), "--at", at])
    out = json.loads(capsys.readouterr().out)
    assert out["verified"] is v["EXPECTEDRESULTS"]["EXPECTEDVERIFY"]
    assert out["scheme"] == "HC1"
    assert code == 0
