"""The library list at 100,000 articles, on the GUI thread (offscreen): each
keystroke of a typed filter, a reload and a sort, against the filter it
replaced (a ``QSortFilterProxyModel`` asking Python about each row), both
measured in the same run.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/library_list.py
    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/library_list.py --rows 10000

The rows are made up (titles of four to nine words from a vocabulary of the
corpus's languages, twelve outlets, dates over three years): what the list
does with them does not depend on where they came from. Typing is
``filter_edit``'s text set one more letter at a time, as a user types, each
keystroke timed up to its rows being shown (``proxy.update`` and the
status line); below ``TYPING_ROWS`` rows each keystroke filters at once,
above it the filter waits for a pause, and what is timed here is that pass.
Target (issue "speed at 100,000 articles"): ≤ 50 ms per keystroke at
100,000. Writes ``benchmarks/results/library-list-<rows>.json`` and ``.md``.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import RESULTS, latency, write_json

WORDS = (  # noqa: SIM905 (a sentence of words reads better than a list of them)
    "Kazakhstan Almaty Tokaïev OTSC troupes retrait paix sécurité manifestations gaz prix "
    "Moscou Russie Blinken Washington Astana Nazarbaïev couvre-feu Internet armée contingent "
    "Казахстан Алматы Токаев ОДКБ войска протесты газ Москва Назарбаев президент "
    "protests troops peacekeepers president election crisis unrest statement talks"
).split()
OUTLETS = (
    "Sputnik", "RT", "TASS", "Reuters", "Le Monde", "Le Figaro", "Kommersant",
    "Vlast.kz", "Tengrinews", "BBC", "AFP", "Interfax",
)  # fmt: skip
TYPED = ("kazakhstan", "troupes retrait", "токаев")


def make_documents(n: int, seed: int):  # type: ignore[no-untyped-def]
    from kzreader.core.types import DocumentInfo

    rng = random.Random(seed)
    docs = []
    for i in range(1, n + 1):
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 9)))
        day = rng.randint(0, 3 * 365)
        published = f"{2020 + day // 365}-{1 + day % 365 // 31:02d}-{1 + day % 28:02d}"
        docs.append(
            DocumentInfo(
                id=i,
                uid=f"u{i}",
                title=title.capitalize(),
                source=rng.choice(OUTLETS),
                url=None,
                published=published,
                language=rng.choice(("fr", "ru", "en")),
                length=4000,
                file_name=None,
                encoding="utf-8",
                imported_at="",
                updated_at="",
            )
        )
    return docs


def old_filter():  # type: ignore[no-untyped-def]
    """The filter as it was: a ``QSortFilterProxyModel`` whose
    ``filterAcceptsRow`` Qt calls for every row of every pass."""
    from PySide6.QtCore import QSortFilterProxyModel

    from kzreader.core.textfold import fold

    class OldFilter(QSortFilterProxyModel):
        def __init__(self) -> None:
            super().__init__()
            self.text, self.outlet, self.language = "", None, None
            self.allowed = self.only = None
            self._words: list[str] = []
            self._active = False

        def update(self, **values: object) -> None:
            if all(getattr(self, k) == v for k, v in values.items()):
                return
            self.beginFilterChange()
            for k, v in values.items():
                setattr(self, k, v)
            self._words = fold(self.text).split()
            self._active = bool(self._words)
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

        def filterAcceptsRow(self, source_row: int, parent: object) -> bool:  # type: ignore[override]
            if not self._active:
                return True
            row = self.sourceModel().rows[source_row]
            return all(word in row.haystack for word in self._words)

        def sort(self, column: int, order=None) -> None:  # type: ignore[no-untyped-def]
            if column >= 0:
                self.sourceModel().sort_rows(column, order)

    return OldFilter()


def measure(proxy, model, rows, status) -> dict:  # type: ignore[no-untyped-def]
    """Typing each of ``TYPED`` letter by letter, then erasing it; a reload;
    a sort by title and back by date."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    keystrokes: list[float] = []
    for text in TYPED:
        typed = [text[:k] for k in range(1, len(text) + 1)]
        for part in [*typed, *reversed(typed[:-1]), ""]:
            started = time.perf_counter()
            proxy.update(text=part)
            status(proxy.rowCount())
            app.processEvents()
            keystrokes.append(time.perf_counter() - started)
    started = time.perf_counter()
    model.set_rows(rows)
    app.processEvents()
    reload = time.perf_counter() - started
    sorts = []
    for column, order in ((0, Qt.SortOrder.AscendingOrder), (2, Qt.SortOrder.AscendingOrder)):
        started = time.perf_counter()
        proxy.sort(column, order)
        app.processEvents()
        sorts.append(time.perf_counter() - started)
    return {
        "keystroke": latency(keystrokes),
        "reload_ms": round(reload * 1000, 1),
        "sort_ms": [round(s * 1000, 1) for s in sorts],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=20220106)
    args = parser.parse_args()
    from PySide6.QtWidgets import QApplication, QLabel, QTableView

    from kzreader.gui.panels.library_filter import DocumentFilter
    from kzreader.gui.panels.library_model import DocumentTableModel

    app = QApplication.instance() or QApplication([])
    docs = make_documents(args.rows, args.seed)
    out: dict = {"rows": args.rows, "when": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
    for name, make in (("before (QSortFilterProxyModel)", old_filter), ("now", DocumentFilter)):
        model = DocumentTableModel()
        rows = model.make_rows(docs, {})
        model.set_rows(rows)
        proxy = make()
        proxy.setSourceModel(model)
        view = QTableView()
        view.setModel(proxy)
        view.resize(420, 700)
        view.show()
        label = QLabel()
        app.processEvents()
        out[name] = measure(proxy, model, rows, lambda n, label=label: label.setText(str(n)))
        view.close()
        print(name, out[name], flush=True)
    now, before = out["now"], out["before (QSortFilterProxyModel)"]
    target = 50.0
    out["target_keystroke_ms"] = target
    out["met"] = now["keystroke"]["p95_ms"] <= target
    RESULTS.mkdir(parents=True, exist_ok=True)
    write_json(RESULTS / f"library-list-{args.rows}.json", out)
    lines = [
        f"# The library list at {args.rows:,} articles (offscreen, GUI thread)",
        "",
        "Written by `benchmarks/library_list.py`; wall-clock ms on a shared 2-core machine, "
        "the filter it replaced measured in the same run.",
        "",
        "| figure | before (QSortFilterProxyModel) | now |",
        "|---|---|---|",
        f"| keystroke p50 / p95 / max | {before['keystroke']['p50_ms']} / "
        f"{before['keystroke']['p95_ms']} / {before['keystroke']['max_ms']} | "
        f"{now['keystroke']['p50_ms']} / {now['keystroke']['p95_ms']} / "
        f"{now['keystroke']['max_ms']} |",
        f"| reload (rows made on a worker, then shown) | {before['reload_ms']} | "
        f"{now['reload_ms']} |",
        f"| sort by title, back by date | {' / '.join(map(str, before['sort_ms']))} | "
        f"{' / '.join(map(str, now['sort_ms']))} |",
        "",
        f"Target ≤ {target:.0f} ms per keystroke: {now['keystroke']['p95_ms']} ms p95, "
        + ("met." if out["met"] else "missed."),
        f"Median keystroke {statistics.median([before['keystroke']['p50_ms']]):.1f} → "
        f"{now['keystroke']['p50_ms']:.1f} ms.",
    ]
    (RESULTS / f"library-list-{args.rows}.md").write_text("\n".join(lines) + "\n", "utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
