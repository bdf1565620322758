"""The frozen app's entry point: ``kzreader`` (and ``kzreader-cli.exe`` on
Windows) run this script.

``freeze_support`` comes before anything else is imported: the import and
indexing workers are spawned by running this very executable again, and a
worker must turn into one at once instead of loading the command line, Qt
and the library first.
"""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()

    from kzreader.cli import main

    sys.exit(main())
