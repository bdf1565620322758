"""Answers search queries against a library opened read-only, for the fuzz.

    python tests/faults/search_worker.py LIBRARY

Prints ``ready``; then reads one JSON object a line (``{"query": TEXT}``)
and answers each with one line: ``seconds`` (the search, as the app's search
panel runs it: up to 200 hits with their snippets), ``outcome`` (``ok``,
``refused`` for a ``QueryError``, ``error`` for anything else, with its
``error`` traceback) and ``total``.
"""

from __future__ import annotations

import json
import sys
import time
import traceback
from pathlib import Path

from kzreader.core.errors import QueryError
from kzreader.core.library import Library

LIMIT = 200  # as the search panel asks


def answer(lib: Library, text: str) -> dict[str, object]:
    started = time.perf_counter()
    out: dict[str, object] = {"outcome": "ok", "total": 0}
    try:
        out["total"] = lib.search(text, limit=LIMIT).total
    except QueryError:
        out["outcome"] = "refused"
    except Exception:
        out.update(outcome="error", error=traceback.format_exc())
    out["seconds"] = time.perf_counter() - started
    return out


def main() -> None:
    with Library(Path(sys.argv[1]), read_only=True) as lib:
        print("ready", flush=True)
        for line in sys.stdin:
            print(json.dumps(answer(lib, json.loads(line)["query"])), flush=True)


if __name__ == "__main__":
    main()
