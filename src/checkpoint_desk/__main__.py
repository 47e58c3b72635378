"""``python -m checkpoint_desk``: the same as ``checkpoint-desk``."""

import sys

from checkpoint_desk.cli import main

sys.exit(main())
