"""Returning "no value" to Qt from a Python override, without crashing Python 3.11.

PySide6 6.12 drops one reference to ``None`` each time a Python override returns
``None`` to C++ (``QAbstractItemModel.data()``/``headerData()``,
``QTranslator.translate()``). On Python < 3.12, where ``None`` is not immortal, the
desk dies after a few thousand repaints with "deallocating None". Every override
that may answer "nothing" returns ``no_value()``, which takes that reference first.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

_COMPENSATE = sys.version_info < (3, 12)


def no_value() -> Any:
    """``None``, with the reference PySide6 is about to drop taken in advance."""
    if _COMPENSATE:
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(None))
    return None
