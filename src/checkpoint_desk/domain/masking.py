"""Masking secrets for display and export: ``370811********1234``, ``138****5678``."""

from __future__ import annotations


def mask_id_number(value: str | None) -> str:
    """Keep the first 6 and last 4 characters of an ID number; star the rest."""
    if not value:
        return ""
    value = value.strip()
    if len(value) <= 10:
        return value[:2] + "*" * max(len(value) - 2, 0)
    return value[:6] + "*" * (len(value) - 10) + value[-4:]


def mask_phone(value: str | None) -> str:
    """Keep the first 3 and last 4 digits of a phone number; star the middle."""
    if not value:
        return ""
    value = value.strip()
    if len(value) <= 7:
        return value[:1] + "*" * max(len(value) - 1, 0)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]
