"""``python -m kzreader``."""

from __future__ import annotations

import sys

from kzreader.cli import main

if __name__ == "__main__":
    sys.exit(main())
