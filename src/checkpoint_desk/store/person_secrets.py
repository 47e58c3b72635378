"""A person's ID number and phone as stored: sealed, look-up hash, masked form."""

from __future__ import annotations

from sqlalchemy import ColumnElement
from sqlmodel import col

from checkpoint_desk.domain.masking import mask_id_number, mask_phone
from checkpoint_desk.store.models import Person
from checkpoint_desk.store.vault import Vault

ID_COLUMN = "person.id_number"
PHONE_COLUMN = "person.phone"
RAW_TEXT_COLUMN = "scan.raw_text"


def seal_id_number(person: Person, vault: Vault, number: str | None) -> None:
    """Store ``number`` (normalised) on ``person``: sealed, hashed, masked; None clears."""
    if not number:
        person.id_cipher = person.id_lookup = person.id_masked = None
        return
    person.id_cipher = vault.encrypt(number, column=ID_COLUMN)
    person.id_lookup = vault.lookup_hash(number, column=ID_COLUMN)
    person.id_masked = mask_id_number(number)


def seal_phone(person: Person, vault: Vault, number: str | None) -> None:
    """Store the phone ``number`` (normalised) on ``person``; None clears."""
    if not number:
        person.phone_cipher = person.phone_lookup = person.phone_masked = None
        return
    person.phone_cipher = vault.encrypt(number, column=PHONE_COLUMN)
    person.phone_lookup = vault.lookup_hash(number, column=PHONE_COLUMN)
    person.phone_masked = mask_phone(number)


def id_number_of(person: Person, vault: Vault) -> str | None:
    return vault.decrypt_optional(person.id_cipher, column=ID_COLUMN)


def phone_of(person: Person, vault: Vault) -> str | None:
    return vault.decrypt_optional(person.phone_cipher, column=PHONE_COLUMN)


def id_is(vault: Vault, number: str) -> ColumnElement[bool]:
    """A WHERE clause: the person's ID number is ``number`` (normalised)."""
    return col(Person.id_lookup) == vault.lookup_hash(number, column=ID_COLUMN)


def phone_is(vault: Vault, number: str) -> ColumnElement[bool]:
    """A WHERE clause: the person's phone is ``number`` (normalised)."""
    return col(Person.phone_lookup) == vault.lookup_hash(number, column=PHONE_COLUMN)
