"""Valid ID numbers for tests, with the check character computed independently."""

from __future__ import annotations

# Written out from GB 11643-1999 rather than taken from the module under test.
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def with_check(first17: str) -> str:
    """``first17`` followed by its ISO 7064 MOD 11-2 check character."""
    total = sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True))
    return first17 + "10X98765432"[total % 11]
