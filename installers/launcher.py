"""The frozen app's entry point: ``kzreader`` (and ``kzreader-cli.exe`` on
Windows) run this script.

``freeze_support`` comes before anything else is imported: the import and
indexing workers are spawned by running this very executable again, and a
worker must turn into one at once instead of loading the command line, Qt
and the library first.

OpenBLAS, which numpy loads with its core, starts one thread per core when
it is loaded, for linear algebra the app never does (reuse detection sorts
and counts arrays of integers): one thread, unless the user's environment
says otherwise. It is set before numpy can be imported, and the spawned
workers inherit it.
"""

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()

    from kzreader.cli import main

    sys.exit(main())
