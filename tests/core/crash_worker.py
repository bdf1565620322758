"""Runs one library operation so that a test can kill it with SIGKILL.

    python tests/core/crash_worker.py OPERATION LIBRARY LOG [ARGUMENT]

Prints ``ready`` once the library is open, then runs the operation. What has
certainly been committed is appended to LOG (flushed, one line each) as soon
as it is: ``stored N`` when the import has stored its first N files (the
import reports file N+1 only after file N's transaction), ``done`` when the
operation has returned, then ``took SECONDS``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path


def main() -> None:
    operation, library, log_path = sys.argv[1:4]
    argument = sys.argv[4] if len(sys.argv) > 4 else ""
    from kzreader.core.library import Library

    lib = Library(Path(library))
    log = open(log_path, "a", encoding="utf-8")  # noqa: SIM115 - flushed line by line

    def note(line: str) -> None:
        log.write(line + "\n")
        log.flush()

    print("ready", flush=True)
    started = time.perf_counter()
    if operation == "import":
        lib.import_paths([argument], progress=lambda done, _t, _p: note(f"stored {done}"))
    elif operation == "autocode":
        lib.autocode(argument, "Auto/codé")
    elif operation == "merge":
        source, target = argument.split("=>")
        lib.merge_tags(source, target)
    elif operation == "backup":
        lib.backup()
    elif operation == "export":
        lib.export("qdpx", Path(argument))
    else:
        raise SystemExit(f"unknown operation {operation}")
    note("done")
    note(f"took {time.perf_counter() - started:.4f}")
    lib.close()


if __name__ == "__main__":
    main()
