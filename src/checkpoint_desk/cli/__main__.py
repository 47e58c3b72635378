"""``python -m checkpoint_desk.cli``."""

import sys

from checkpoint_desk.cli import main

sys.exit(main())
