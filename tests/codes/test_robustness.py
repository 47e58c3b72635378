"""Bad input never escapes as an exception: it reads as ``invalid`` with a reason.

Property tests (hypothesis) over arbitrary text, and a fuzz over mutations of valid
codes: bit flips, truncation, wrong prefixes, a zlib bomb, CBOR of the wrong shape, an
oversized payload and signatures of the wrong length.
"""

from __future__ import annotations

import random
import zlib

import base45
import cbor2
import pytest
from hypothesis import given
from hypothesis import strategies as st

from checkpoint_desk.codes.context import ReadContext
from checkpoint_desk.codes.demo import demo_codes
from checkpoint_desk.codes.envelope import COSE_SIGN1_TAG, MAX_INFLATED
from checkpoint_desk.codes.issue import wrap
from checkpoint_desk.codes.reading import CodeReading, CodeStatus
from checkpoint_desk.codes.registry import read_code
from checkpoint_desk.codes.trust import TrustList
from checkpoint_desk.domain.verdict import REASON_TEXT
from tests.codes.conftest import NOW

B45 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
PREFIXES = ["HC1:", "CKH1:", "CKT1:", "CKP1:"]
SIGNED = {c.name: c.text for c in demo_codes(NOW) if c.scheme != "unverified"}


def assert_sound(reading: CodeReading) -> None:
    """Any reading: JSON-able, a refusal has a reason, a failed check is never green."""
    import json

    json.dumps(reading.to_json(), allow_nan=False)
    assert set(reading.reasons) <= set(REASON_TEXT)  # every reason has words
    if reading.status in (CodeStatus.INVALID, CodeStatus.EXPIRED):
        assert reading.reasons
    if not reading.verified and reading.scheme != "unverified":
        assert reading.status in (CodeStatus.INVALID, CodeStatus.EXPIRED)


@given(st.text(max_size=300))
def test_any_text_gives_a_reading(text: str) -> None:
    ctx = ReadContext.for_desk(_trust(), NOW, demo=True)
    assert_sound(read_code(text, ctx))


@given(st.sampled_from(PREFIXES), st.text(alphabet=B45, max_size=400))
def test_any_base45_behind_a_known_prefix_is_refused(prefix: str, body: str) -> None:
    reading = read_code(prefix + body, ReadContext.for_desk(_trust(), NOW, demo=True))
    assert reading.status is CodeStatus.INVALID
    assert reading.reasons
    assert_sound(reading)


@given(st.sampled_from(PREFIXES), st.binary(max_size=600))
def test_any_bytes_in_the_envelope_are_refused(prefix: str, raw: bytes) -> None:
    text = prefix + base45.b45encode(zlib.compress(raw)).decode()
    reading = read_code(text, ReadContext.for_desk(_trust(), NOW, demo=True))
    assert reading.status is CodeStatus.INVALID
    assert reading.reasons[0] in {"cbor_invalid", "cose_invalid", "claims_invalid", "unknown_kid"}


@given(st.sampled_from(sorted(SIGNED)), st.data())
def test_mutated_valid_codes_never_pass_unnoticed(name: str, data: st.DataObject) -> None:
    text = SIGNED[name]
    prefix, body = text.split(":", 1)
    raw = bytearray(base45.b45decode(body))
    how = data.draw(st.sampled_from(["flip", "truncate", "text"]))
    if how == "flip":
        at = data.draw(st.integers(0, len(raw) * 8 - 1))
        raw[at // 8] ^= 1 << (at % 8)
        mutated = f"{prefix}:{base45.b45encode(bytes(raw)).decode()}"
    elif how == "truncate":
        mutated = text[: data.draw(st.integers(0, len(text) - 1))]
    else:
        at = data.draw(st.integers(len(prefix) + 1, len(text) - 1))
        mutated = text[:at] + data.draw(st.sampled_from(B45 + "abc#é")) + text[at + 1 :]
    ctx = ReadContext.for_desk(_trust(), NOW, demo=True)
    reading = read_code(mutated, ctx)
    assert_sound(reading)
    if mutated != text and reading.status is not CodeStatus.INVALID:
        # Only a mutation that left the signed bytes intact may still verify.
        assert (
            reading.verified
            and reading.to_json()["claims"] == read_code(text, ctx).to_json()["claims"]
        )


def _trust() -> TrustList:
    return TrustList()


def test_zlib_bomb_is_capped() -> None:
    bomb = zlib.compress(b"\0" * (MAX_INFLATED * 64), 9)
    text = "CKH1:" + base45.b45encode(bomb).decode()
    reading = read_code(text, ReadContext(trust=_trust(), now=NOW))
    assert (reading.status, reading.reasons) == (CodeStatus.INVALID, ("too_large",))


def test_text_beyond_what_a_qr_code_holds_is_refused() -> None:
    text = "CKP1:" + base45.b45encode(random.Random(1).randbytes(10 * 1024)).decode()
    reading = read_code(text, ReadContext(trust=_trust(), now=NOW))
    assert (reading.status, reading.reasons) == (CodeStatus.INVALID, ("too_large",))


def test_ten_kb_payload_inside_a_small_code_is_refused_or_read() -> None:
    payload = cbor2.dumps({"iss": "x", "pad": "a" * 10 * 1024})
    cose = cbor2.dumps(cbor2.CBORTag(COSE_SIGN1_TAG, [b"\xa0", {}, payload, b"\0" * 64]))
    reading = read_code(wrap(cose, "CKH1:"), ReadContext(trust=_trust(), now=NOW))
    assert (reading.status, reading.reasons) == (CodeStatus.INVALID, ("unknown_kid",))


@pytest.mark.parametrize(
    ("shape", "reason"),
    [
        (cbor2.CBORTag(COSE_SIGN1_TAG, [b"", {}, b"", b""]), "cbor_invalid"),
        (cbor2.CBORTag(COSE_SIGN1_TAG, [b"", {}, cbor2.dumps([1, 2]), b""]), "claims_invalid"),
        (cbor2.CBORTag(COSE_SIGN1_TAG, [1, 2, 3, 4]), "cose_invalid"),
        (cbor2.CBORTag(COSE_SIGN1_TAG, [b"\x01", {}, b"\xa0", b""]), "cose_invalid"),
        ([b"", {}, b"\xa0"], "cose_invalid"),
        ({"a": 1}, "cose_invalid"),
        ("text", "cose_invalid"),
        (cbor2.CBORTag(99, [b"", {}, b"\xa0", b""]), "cose_invalid"),
    ],
)
def test_cbor_of_the_wrong_shape(shape: object, reason: str) -> None:
    reading = read_code(wrap(cbor2.dumps(shape), "CKH1:"), ReadContext(trust=_trust(), now=NOW))
    assert (reading.status, reading.reasons) == (CodeStatus.INVALID, (reason,))


@pytest.mark.parametrize("name", ["health-green", "pass-valid", "eu-dcc"])
@pytest.mark.parametrize("length", [0, 1, 63, 65, 128])
def test_signature_of_the_wrong_length(name: str, length: int) -> None:
    text = SIGNED[name]
    prefix, body = text.split(":", 1)
    message = cbor2.loads(zlib.decompress(base45.b45decode(body)))
    protected, unprotected, payload, _ = message.value
    forged = cbor2.CBORTag(COSE_SIGN1_TAG, [protected, dict(unprotected), payload, b"\1" * length])
    reading = read_code(
        wrap(cbor2.dumps(forged), prefix + ":"), ReadContext.for_desk(_trust(), NOW, demo=True)
    )
    assert (reading.status, reading.reasons) == (CodeStatus.INVALID, ("signature_invalid",))


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("CKH1:", "zlib_invalid"),
        ("CKH1:abc", "base45_invalid"),
        ("CKH1:GGW", "base45_invalid"),  # a triple beyond 0xFFFF
        ("CKH1:" + base45.b45encode(b"not zlib").decode(), "zlib_invalid"),
        ("CKH1:" + base45.b45encode(zlib.compress(b"x")[:-3]).decode(), "zlib_invalid"),
        ("", "not_decodable"),
        ("   ", "not_decodable"),
    ],
)
def test_broken_layers_have_their_own_reason(text: str, reason: str) -> None:
    reading = read_code(text, ReadContext(trust=_trust(), now=NOW))
    assert (reading.status, reading.reasons) == (CodeStatus.INVALID, (reason,))
