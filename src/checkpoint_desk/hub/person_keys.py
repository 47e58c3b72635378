"""Who a visitor is across stations: one key per person, never the number itself.

A visit's ``person_key`` is the ``idk`` of its ID number (HMAC-SHA256 under the
community's ID key, exactly what desks and codes carry: ``codes/id_key.py``), else a
keyed hash of its phone under the same key in its own domain (``phone\\0…``), else
nothing (a visit with neither is nobody the hub can follow). The hub computes it as it
stores a visit (``ingest``), and ``trace --id`` / ``--phone`` compute the same from
what the supervisor types.
"""

from __future__ import annotations

import hashlib
import hmac
from weakref import WeakKeyDictionary

from sqlalchemy import Engine

from checkpoint_desk.codes.id_key import IdKey
from checkpoint_desk.domain.idnumber import parse_id_number
from checkpoint_desk.domain.phone import parse_phone
from checkpoint_desk.errors import ValidationError

_KEYS: WeakKeyDictionary[Engine, IdKey] = WeakKeyDictionary()


def community_key(engine: Engine) -> IdKey:
    """The community's ID key (made once when missing; it never changes after)."""
    key = _KEYS.get(engine)
    if key is None:
        from checkpoint_desk.hub.reference import id_key

        key = _KEYS[engine] = id_key(engine)
    return key


def phone_key(key: IdKey, phone: str) -> str:
    """The keyed hash of a phone number (normalised when it parses as one)."""
    try:
        number = parse_phone(phone).number
    except ValidationError:
        number = phone.strip()
    message = b"phone\x00" + number.encode("utf-8")
    return hmac.new(key.secret, message, hashlib.sha256).hexdigest()


def person_key(key: IdKey, id_number: str | None, phone: str | None) -> str | None:
    """The visit's person: the ID number's ``idk``, else the phone's keyed hash."""
    if id_number and id_number.strip():
        return key.of(id_number)
    if phone and phone.strip():
        return phone_key(key, phone)
    return None


def key_for_id_number(key: IdKey, text: str) -> str:
    """``trace --id``: the typed number checked (ValidationError says what is wrong)."""
    return key.of(parse_id_number(text).number)


def key_for_phone(key: IdKey, text: str) -> str:
    """``trace --phone``: the typed number checked (ValidationError says what is wrong)."""
    return phone_key(key, parse_phone(text).number)
