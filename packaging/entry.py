"""The frozen app's entry point: the same ``main()`` as the ``checkpoint-desk`` script."""

import multiprocessing
import sys

from checkpoint_desk.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # harmless when unused; needed on Windows if ever used
    sys.exit(main())
