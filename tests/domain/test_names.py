"""Pinyin initials: what a volunteer types in the search box finds the person."""

from __future__ import annotations

import subprocess
import sys

import pytest

from checkpoint_desk.domain.names import name_initials


@pytest.mark.parametrize(
    ("name", "initials"),
    [
        ("张三", "zs"),
        ("李娜", "ln"),
        ("Li Na", "ln"),
        ("LI na", "ln"),
        ("张Lily", "zl"),
        ("Lily 张", "lz"),
        ("阿依古丽·买买提", "ayglmmt"),
        (" 王 芳 ", "wf"),
        ("ＬＩ　ＮＡ", "ln"),
        ("", ""),
        ("123", ""),
    ],
)
def test_initials(name: str, initials: str) -> None:
    assert name_initials(name) == initials


@pytest.mark.parametrize(
    ("name", "initials"),
    [
        ("单田芳", "stf"),
        ("曾国藩", "zgf"),
        ("解缙", "xj"),
        ("仇英", "qy"),
        ("区庆", "oq"),
        ("查良镛", "zly"),
        ("朴槿惠", "pjh"),
    ],
)
def test_polyphonic_surnames_read_as_surnames(name: str, initials: str) -> None:
    assert name_initials(name) == initials


def test_surname_reading_only_at_the_start() -> None:
    assert name_initials("王曾") == "wc"


def test_initials_do_without_the_phrase_dictionary() -> None:
    """pypinyin's phrase dictionary (0.6 s and ~100 MB to load) is never loaded."""
    child = (
        "import sys\n"
        "from checkpoint_desk.domain.names import name_initials\n"
        "print(name_initials('单田芳张三'), 'pypinyin.phrases_dict' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True)
    assert result.stdout.split() == ["stfzs", "False"], result.stderr
