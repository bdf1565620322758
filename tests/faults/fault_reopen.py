"""Opens a library as the app and every ``kzreader`` command do (which
reconciles the index with the database and sweeps temporary files), then
checks all of it (``Library.check``, as ``kzreader check`` does) and prints
the report as JSON. Whatever goes wrong shows as a traceback on stderr.

    python tests/faults/fault_reopen.py LIBRARY
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path

from kzreader.core.library import Library


def main() -> None:
    with Library(Path(sys.argv[1]), program="the fault harness") as lib:
        report = lib.check()
        print(json.dumps({
            "read_only": lib.read_only_reason,
            "problems": [asdict(p) for p in report.problems],
            "notes": [asdict(n) for n in report.notes],
        }, ensure_ascii=False))  # fmt: skip


if __name__ == "__main__":
    main()
