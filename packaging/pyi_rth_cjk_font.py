"""PyInstaller runtime hook: point the PDF ledger at the CJK font bundled with the app.

The export layer looks for a TrueType Chinese font on the system and takes
``$CHECKPOINT_DESK_PDF_FONT`` first; a frozen app carries one (WenQuanYi Zen Hei) in
``resources/fonts/``, so the PDF embeds it even on a laptop without Chinese fonts.
A value the user set is left alone.
"""

import glob
import os
import sys

_bundle = getattr(sys, "_MEIPASS", None)
if _bundle and not os.environ.get("CHECKPOINT_DESK_PDF_FONT"):
    for _font in sorted(glob.glob(os.path.join(_bundle, "resources", "fonts", "*.tt[cf]"))):
        os.environ["CHECKPOINT_DESK_PDF_FONT"] = _font
        break
