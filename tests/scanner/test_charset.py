"""Byte-mode content becomes the right text whatever character set it was written in."""

from __future__ import annotations

import pytest

from checkpoint_desk.scanner.charset import text_from_bytes


@pytest.mark.parametrize(
    "text",
    ["https://jkm.example.cn/v?c=ABC123", "HC1:NCFOXN%TS3DH3ZSUZK+.V0ETD%65NL-AH", "张伟 绿码"],
)
def test_utf8(text: str) -> None:
    assert text_from_bytes(text.encode("utf-8")) == text


@pytest.mark.parametrize(
    "text", ["健康码绿码 张伟", "通行证 西门卡点 3号楼", "绿码", "李娜 370811 鲁H12345", "王芳"]
)
def test_gb2312_chinese(text: str) -> None:
    assert text_from_bytes(text.encode("gb2312")) == text


@pytest.mark.parametrize(
    "text", ["今度のバージョンでは文章の暗号化ができます。", "ﾃﾞｻﾞｲﾝQR\nhttp://d-qr.net/ex/", "測試"]
)
def test_shift_jis_japanese(text: str) -> None:
    assert text_from_bytes(text.encode("shift_jis")) == text


def test_accented_latin_stays_utf8() -> None:
    assert text_from_bytes("café".encode()) == "café"


def test_undecodable_bytes_still_give_text() -> None:
    assert text_from_bytes(b"\xff\xfe\x80") == "ÿþ\x80"
