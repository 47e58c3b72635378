"""A USB scanner's burst goes to the scanner path; a person's typing reaches the field."""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from checkpoint_desk.scanner.wedge import BASE45_ALPHABET, WedgeAction, WedgeDetector


def _type(detector: WedgeDetector, keys: str, times: list[float]) -> tuple[str, list[str]]:
    """Feed keys and poll between them like the UI's timer; returns (field text, scans)."""
    field, scans = "", []
    previous = times[0]
    for key, t in zip(keys, times, strict=True):
        tick = previous
        while tick + 0.02 < t:  # the UI polls every 20 ms
            tick += 0.02
            decision = detector.poll(tick)
            if decision.action is WedgeAction.RELEASE:
                field += decision.text
            elif decision.action is WedgeAction.BURST_COMPLETE:
                scans.append(decision.text)
        previous = t
        decision = detector.feed(key, t)
        if decision.action is WedgeAction.PASS_THROUGH:
            field += key
        elif decision.action is WedgeAction.RELEASE:
            field += decision.text
        elif decision.action is WedgeAction.BURST_COMPLETE:
            scans.append(decision.text)
            if decision.then is WedgeAction.PASS_THROUGH:
                field += key
    final = detector.poll(previous + 1.0)
    if final.action is WedgeAction.RELEASE:
        field += final.text
    elif final.action is WedgeAction.BURST_COMPLETE:
        scans.append(final.text)
    return field, scans


def _times(gaps: list[float], start: float = 100.0) -> list[float]:
    out = [start]
    for gap in gaps:
        out.append(out[-1] + gap)
    return out


def test_scanner_burst_is_a_scan_and_nothing_reaches_the_field() -> None:
    rng = random.Random(4)
    code = "CKP1:6BFOXN%TS3DH3ZSUZK+.V0ETD%65NL-AH"
    keys = code + "\r"
    times = _times([rng.uniform(0.002, 0.015) for _ in range(len(keys) - 1)])
    field, scans = _type(WedgeDetector(), keys, times)
    assert scans == [code]
    assert field == ""


def test_slow_wedge_scanner_at_30ms_a_key_is_still_a_scan() -> None:
    code = "https://jkm.example.cn/v?c=12345"
    field, scans = _type(WedgeDetector(), code + "\r", _times([0.03] * len(code)))
    assert scans == [code] and field == ""


def test_person_typing_reaches_the_field_unchanged() -> None:
    rng = random.Random(9)
    text = "张伟 lives at 3-2-501\r"
    times = _times([rng.uniform(0.08, 0.25) for _ in range(len(text) - 1)])
    field, scans = _type(WedgeDetector(), text, times)
    assert scans == []
    assert field == text


def test_fast_typist_with_key_rollover_is_not_a_scan() -> None:
    # "365" typed fast with two keys rolled over 15 ms apart, then Enter.
    field, scans = _type(WedgeDetector(), "365\r", _times([0.015, 0.09, 0.12]))
    assert scans == [] and field == "365\r"


def test_short_fast_burst_ending_in_enter_is_typing() -> None:
    field, scans = _type(WedgeDetector(min_length=8), "1234\r", _times([0.005] * 4))
    assert scans == [] and field == "1234\r"


def test_burst_interrupted_by_a_pause_is_released_in_order() -> None:
    keys = "ABCDEFGHIJ\r"
    gaps = [0.005] * 4 + [0.4] + [0.005] * 5
    field, scans = _type(WedgeDetector(), keys, _times(gaps))
    assert scans == [] and field == keys


def test_backspace_releases_what_was_held() -> None:
    detector = WedgeDetector()
    assert detector.feed("a", 1.0).action is WedgeAction.HOLD
    decision = detector.feed("\b", 1.01)
    assert decision.action is WedgeAction.RELEASE and decision.text == "a\b"


def test_two_scans_in_a_row() -> None:
    keys = "CKH1:AAAA1111\rCKT1:BBBB2222\r"
    field, scans = _type(WedgeDetector(), keys, _times([0.004] * (len(keys) - 1)))
    assert scans == ["CKH1:AAAA1111", "CKT1:BBBB2222"] and field == ""


# -- scanners as they really type ------------------------------------------------------
HC1 = "HC1:NCFOXN%TS3DH3ZSUZK+.V0ETD%65NL-AHNQ8OS1-LTX2T5ULH7XWCQ5VGTE2K$6MJ"
CODE_TEXT = st.one_of(
    st.text(alphabet=sorted(BASE45_ALPHABET), min_size=16, max_size=596).map(
        lambda t: "HC1:" + t.strip()[:596] + "A"
    ),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-_=&?", min_size=12, max_size=580).map(
        lambda t: "https://hc.example.gov.cn/c?" + t
    ),
)
SUFFIXES = st.sampled_from(["\r", "\t", "\r\n", "\t\r", ""])


@given(code=CODE_TEXT, suffix=SUFFIXES, slowest=st.floats(0.002, 0.040), seed=st.integers())
def test_any_scanner_burst_is_one_scan_and_types_nothing(
    code: str, suffix: str, slowest: float, seed: int
) -> None:
    """2–40 ms a character, 20–600 characters, any suffix or none."""
    rng = random.Random(seed)
    keys = code + suffix
    gaps = [rng.uniform(0.002, slowest) for _ in keys[1:]]
    field, scans = _type(WedgeDetector(), keys, _times(gaps))
    assert scans == [code]
    assert field == ""


@given(
    text=st.text(alphabet="abcdefghijklmnopqrstuvwxyz 0123456789张伟李娜", min_size=1, max_size=40),
    seed=st.integers(),
)
def test_a_person_typing_fast_is_still_a_person(text: str, seed: int) -> None:
    rng = random.Random(seed)
    keys = text + "\r"
    field, scans = _type(WedgeDetector(), keys, _times([rng.uniform(0.06, 0.4) for _ in keys[1:]]))
    assert scans == []
    assert field == keys


def test_a_scanner_without_suffix_ends_by_a_pause() -> None:
    field, scans = _type(WedgeDetector(), HC1, _times([0.01] * (len(HC1) - 1)))
    assert scans == [HC1] and field == ""


def test_after_a_suffixless_scan_the_next_key_is_typed() -> None:
    keys = HC1 + "3"
    gaps = [0.01] * (len(HC1) - 1) + [0.5]
    field, scans = _type(WedgeDetector(), keys, _times(gaps))
    assert scans == [HC1] and field == "3"


def test_cr_lf_is_one_suffix_and_no_enter_reaches_the_form() -> None:
    keys = HC1 + "\r\n"
    field, scans = _type(WedgeDetector(), keys, _times([0.005] * (len(keys) - 1)))
    assert scans == [HC1] and field == ""


def test_a_fast_typed_word_without_enter_is_typing() -> None:
    # Key roll-over typed "wang li na" fast but a name is no code: it goes to the field.
    text = "wang li na zhang wei"
    field, scans = _type(WedgeDetector(), text, _times([0.02] * (len(text) - 1)))
    assert scans == [] and field == text


def test_a_slow_scanners_hiccup_inside_a_known_code_is_no_pause() -> None:
    gaps = [0.02] * 10 + [0.09] + [0.02] * (len(HC1) - 12)
    field, scans = _type(WedgeDetector(), HC1 + "\r", _times([*gaps, 0.02]))
    assert scans == [HC1] and field == ""
