"""Text from a QR code's raw bytes: UTF-8, GB 18030 or Shift_JIS, chosen sensibly.

A QR code without an ECI designator does not say which character set its byte-mode
data is in. zxing-cpp guesses between ISO-8859-1, Shift_JIS and UTF-8 (so GB 2312
Chinese comes out as Latin-1 garbage), zbar mangles Shift_JIS, and OpenCV returns
Latin-1. Every decoder here therefore hands its raw bytes to :func:`text_from_bytes`,
which decides once, the same way for all of them.
"""

from __future__ import annotations

_HALFWIDTH_VOICEABLE = frozenset("ｳｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾊﾋﾌﾍﾎ")
_HALFWIDTH_SEMI_VOICEABLE = frozenset("ﾊﾋﾌﾍﾎ")
_MIN_HALFWIDTH_RUN = 5


def _has_fullwidth_kana(text: str) -> bool:
    return any("\u3041" <= ch <= "\u30ff" for ch in text)


def _looks_like_halfwidth_katakana(text: str) -> bool:
    """Only ASCII and halfwidth katakana, with voicing marks only after letters that take them.

    GB 2312 bytes read as Shift_JIS also come out as halfwidth katakana, but their
    voicing marks (0xDE, 0xDF) then follow arbitrary letters.
    """
    marks = 0
    letters = 0
    previous = ""
    for ch in text:
        if not ch.isascii() and not "\uff61" <= ch <= "\uff9f":
            return False
        if ch == "ﾞ":
            if previous not in _HALFWIDTH_VOICEABLE:
                return False
            marks += 1
        elif ch == "ﾟ":
            if previous not in _HALFWIDTH_SEMI_VOICEABLE:
                return False
            marks += 1
        letters += not ch.isascii()
        previous = ch
    # A short run is too easily a few GB 2312 characters by chance.
    return marks > 0 and letters >= _MIN_HALFWIDTH_RUN


def _is_gb2312_shaped(raw: bytes) -> bool:
    """Every non-ASCII byte is in 0xA1–0xFE, in pairs: how GB 2312 text looks."""
    i = 0
    while i < len(raw):
        byte = raw[i]
        if byte < 0x80:
            i += 1
            continue
        if not (0xA1 <= byte <= 0xFE and i + 1 < len(raw) and 0xA1 <= raw[i + 1] <= 0xFE):
            return False
        i += 2
    return True


def _only_two_byte_utf8(text: str) -> bool:
    """Non-ASCII, but only U+0370–U+07FF: GB 2312 pairs are often valid UTF-8 like this.

    (Chinese in UTF-8 takes three bytes a character; a short GB 2312 string whose
    bytes happen to form UTF-8 reads as Cyrillic, Greek or Arabic letters. Accented Latin
    letters are left to UTF-8: they are common in real text.)
    """
    return not text.isascii() and all(ch.isascii() or 0x370 <= ord(ch) < 0x800 for ch in text)


def _strict(raw: bytes, encoding: str) -> str | None:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError:
        return None


def text_from_bytes(raw: bytes) -> str:
    """The text ``raw`` most probably encodes.

    Order: ASCII / UTF-8 (what health codes and our signed codes use) unless it is
    only two-byte letters in GB 2312's shape; Shift_JIS when
    it yields kana (GB 2312 bytes never do: its lead bytes cannot start a kana); GB
    18030 when the bytes have GB 2312's shape, unless they read as well-formed
    halfwidth katakana; then whichever of Shift_JIS and GB 18030 decodes; Latin-1
    last (every byte string decodes as Latin-1).
    """
    utf8 = _strict(raw, "utf-8")
    if utf8 is not None and not (_only_two_byte_utf8(utf8) and _is_gb2312_shaped(raw)):
        return utf8
    sjis = _strict(raw, "shift_jis")
    if sjis is not None and _has_fullwidth_kana(sjis):
        return sjis
    gb = _strict(raw, "gb18030")
    if gb is not None and _is_gb2312_shaped(raw):
        if sjis is not None and _looks_like_halfwidth_katakana(sjis):
            return sjis
        return gb
    if sjis is not None:
        return sjis
    if gb is not None:
        return gb
    return raw.decode("latin-1")
