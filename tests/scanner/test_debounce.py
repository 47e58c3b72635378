"""One phone held up is one registration."""

from __future__ import annotations

import functools
import operator

from checkpoint_desk.scanner.debounce import Debouncer

A = "CKH1:AAAA"  # signed codes: reported on the first read
B = "CKT1:BBBB"


def test_code_in_view_is_reported_once() -> None:
    debouncer = Debouncer(window_s=10)
    reported = [debouncer.observe([A], 100 + i / 30) for i in range(300)]  # 10 s in view
    assert functools.reduce(operator.iadd, reported, []) == [A]


def test_same_code_again_after_the_window_is_reported_again() -> None:
    debouncer = Debouncer(window_s=10)
    assert debouncer.observe([A], 0.0) == [A]
    assert debouncer.observe([A], 9.0) == []  # still within the window (and restarts it)
    assert debouncer.observe([A], 18.0) == []
    assert debouncer.observe([A], 28.5) == [A]


def test_other_code_is_reported_at_once() -> None:
    debouncer = Debouncer()
    assert debouncer.observe([A], 0.0) == [A]
    assert debouncer.observe([A, B], 0.1) == [B]


def test_confirmations_need_consistent_reads() -> None:
    debouncer = Debouncer(confirmations=2, confirm_within_s=0.5)
    assert debouncer.observe([A], 0.0) == []
    assert debouncer.observe([A], 2.0) == []  # too late to confirm the first read
    assert debouncer.observe([A], 2.1) == [A]


def test_unsigned_text_waits_for_a_second_agreeing_frame() -> None:
    url = "https://jkm.example.cn/v?c=1"
    debouncer = Debouncer()
    assert debouncer.observe([url, A], 0.0) == [A]
    assert debouncer.observe(["https://jkm.example.cn/v?c=7"], 0.03) == []  # a one-off
    assert debouncer.observe([url], 0.07) == [url]


def test_window_zero_reports_every_frame() -> None:
    debouncer = Debouncer(window_s=0)
    assert debouncer.observe([A], 0.0) == [A]
    assert debouncer.observe([A], 0.03) == [A]


def test_two_debouncers_share_nothing() -> None:
    first, second = Debouncer(), Debouncer()
    first.observe([A], 0.0)
    assert second.observe([A], 0.0) == [A]
