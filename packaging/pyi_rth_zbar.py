"""PyInstaller runtime hook: let pyzbar find the libzbar bundled in the frozen app.

pyzbar loads libzbar on Linux with ``ctypes.util.find_library("zbar")``, which asks
ldconfig and so finds only a system copy. The spec bundles libzbar beside the app's
other libraries; this makes ``find_library`` return that copy first.
"""

import ctypes.util
import glob
import os
import sys

_bundle = getattr(sys, "_MEIPASS", None)
_system_find_library = ctypes.util.find_library


def _find_library(name):
    if _bundle and name == "zbar":
        for candidate in sorted(glob.glob(os.path.join(_bundle, "libzbar.so*"))):
            return candidate
    return _system_find_library(name)


if sys.platform.startswith("linux"):
    ctypes.util.find_library = _find_library
