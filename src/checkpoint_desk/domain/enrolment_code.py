"""What an enrolment code looks like, without the keys in it (cheap: no cryptography).

``checkpoint-hub add-station`` and the office's Stations page give a new station the
code ``CKE1.<token>.<hub Ed25519>.<hub X25519>`` (``hub_pin.parse_enrolment`` reads
it). A volunteer's first instinct is to scan its QR with the desk's scanner or webcam:
the registration loop asks :func:`is_enrolment_code` so that it registers nobody.
"""

from __future__ import annotations

CODE_PREFIX = "CKE1"


def compact(text: str) -> str:
    """The code without any whitespace (a code copied across lines, a scanner's CR LF)."""
    return "".join(text.split())


def is_enrolment_code(text: str) -> bool:
    """Whether ``text`` is (or starts like) a hub's enrolment code."""
    return compact(text).startswith(CODE_PREFIX + ".")
