"""Desktop-app scenarios, each in a fresh process on the offscreen platform.

    python benchmarks/gui_driver.py coldstart SPAWN_TIME LIBRARY SETTINGS
    python benchmarks/gui_driver.py open LIBRARY SETTINGS DOC OTHER_DOC RUNS
    python benchmarks/gui_driver.py stall LIBRARY SETTINGS CORPUS
    python benchmarks/gui_driver.py interact LIBRARY SETTINGS ROUNDS ACTION...

Each prints one JSON object on its last line of standard output. The window
is built as ``kzreader.gui.app.run`` builds it (QApplication, Library opened
without syncing its index, AppContext, Controller), with its settings in an
INI file of the work folder so that the user's own are never read or written.
"""

import sys
import time

T_START = time.time()  # before any other import: the cold start counts them

import itertools  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import statistics  # noqa: E402


def _peak_rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def _children_peak_rss_mb() -> float:
    import resource

    return round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)


def _build(library: str, settings_path: str, sync: bool = True):  # type: ignore[no-untyped-def]
    # first, as the app's entry does: the core before Qt (see kzreader.gui)
    import kzreader.gui  # noqa: F401

    # isort: split
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from kzreader import __version__
    from kzreader.core.library import Library
    from kzreader.gui import theme
    from kzreader.gui.app import Controller
    from kzreader.gui.context import AppContext

    marks = {"imports": time.time()}
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName("kzreader")
    app.setApplicationName("kzreader")
    app.setApplicationVersion(__version__)
    app.setWindowIcon(theme.app_icon())
    marks["qapplication"] = time.time()
    lib = Library.open(library, sync_index=False)
    marks["library_open"] = time.time()
    ctx = AppContext(lib, QSettings(settings_path, QSettings.Format.IniFormat))
    controller = Controller(app, ctx)
    marks["window_built"] = time.time()
    controller.window.show()
    if sync:
        controller.window.care.start_background_sync()
    marks["shown"] = time.time()
    return app, ctx, controller, marks


def _settle(app, ctx) -> None:  # type: ignore[no-untyped-def]
    for _ in range(3):
        app.processEvents()
        ctx.workers.wait()
    app.processEvents()


def coldstart(spawn: float, library: str, settings_path: str) -> dict:
    """Times from spawn: ``usable`` when the first ``singleShot(0)`` after
    ``show()`` runs; ``settled`` when the background index check is done and
    the article list holds every article. A 5 ms timer started at ``show()``
    records the longest the GUI thread was blocked until then."""
    from PySide6.QtCore import QTimer

    app, ctx, controller, marks = _build(library, settings_path)
    ticks: list[float] = []
    ticker = QTimer()
    ticker.setInterval(5)
    ticker.timeout.connect(lambda: ticks.append(time.time()))
    ticker.start()
    expected: list[int] = []

    def poll() -> None:
        now = time.time()
        if "background_sync_done" not in marks and not ctx.workers.pending():
            marks["background_sync_done"] = now
        if "list_filled" not in marks and (
            controller.window.library_panel.model.rowCount() >= expected[0]
        ):
            marks["list_filled"] = now
        if ("background_sync_done" in marks and "list_filled" in marks) or now - spawn > 60:
            marks["settled"] = now
            app.quit()
        else:
            QTimer.singleShot(5, poll)

    def first_events() -> None:
        marks["usable"] = time.time()
        expected.append(ctx.library.counts()[0])
        poll()

    QTimer.singleShot(0, first_events)
    app.exec()
    ticker.stop()
    out = {"interpreter_s": round(T_START - spawn, 4)}
    out.update({f"{k}_s": round(v - spawn, 4) for k, v in marks.items()})
    # from show() returning to settled, the gaps between timer ticks
    gaps = [b - a for a, b in itertools.pairwise([marks["shown"], *ticks, marks["settled"]])]
    out["max_stall_until_settled_ms"] = round(max(gaps) * 1000, 1) if gaps else None
    out["documents"] = controller.window.library_panel.model.rowCount()
    out["peak_rss_mb"] = _peak_rss_mb()
    ctx.close()
    ctx.library.close()
    return out


def open_article(library: str, settings_path: str, doc: int, other: int, runs: int) -> dict:
    from PySide6.QtCore import QEvent, QObject

    app, ctx, controller, _ = _build(library, settings_path)
    window = controller.window
    _settle(app, ctx)

    class PaintCounter(QObject):
        count = 0

        def eventFilter(self, obj, event):  # type: ignore[no-untyped-def]
            if event.type() == QEvent.Type.Paint:
                PaintCounter.count += 1
            return False

    counter = PaintCounter()
    window.reader.viewport().installEventFilter(counter)
    opens, opens_painted, scrolls, steps_all, paints = [], [], [], [], []
    passages = 0
    for _ in range(runs):
        window.open_document(other)
        _settle(app, ctx)
        t0 = time.perf_counter()
        window.open_document(doc)
        t1 = time.perf_counter()
        app.processEvents()
        t2 = time.perf_counter()
        opens.append(t1 - t0)
        opens_painted.append(t2 - t0)
        passages = len(window.reader.passages)
        _settle(app, ctx)
        bar = window.reader.verticalScrollBar()
        top = bar.maximum()
        before = PaintCounter.count
        steps = []
        t_scroll = time.perf_counter()
        for k in range(1, 41):
            t = time.perf_counter()
            bar.setValue(top * k // 40)
            app.processEvents()
            steps.append(time.perf_counter() - t)
        scrolls.append(time.perf_counter() - t_scroll)
        steps_all.extend(steps)
        paints.append(PaintCounter.count - before)
    out = {
        "runs": runs,
        "passages_shown": passages,
        "open_call_ms": [round(v * 1000, 1) for v in opens],
        "open_painted_ms": [round(v * 1000, 1) for v in opens_painted],
        "scroll_total_ms": [round(v * 1000, 1) for v in scrolls],
        "scroll_steps": 40,
        "scroll_range_px": window.reader.verticalScrollBar().maximum(),
        "scroll_step_p50_ms": round(statistics.median(steps_all) * 1000, 2),
        "scroll_step_max_ms": round(max(steps_all) * 1000, 2),
        "scroll_paints": paints,
        "peak_rss_mb": _peak_rss_mb(),
    }
    window.close()
    ctx.close()
    ctx.library.close()
    return out


def stall(library: str, settings_path: str, corpus: str) -> dict:
    from PySide6.QtCore import QTimer

    app, ctx, controller, _ = _build(library, settings_path)
    window = controller.window
    _settle(app, ctx)
    ticks: list[float] = []
    marks: dict[str, float] = {}
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    result: dict = {}

    def on_progress(done: int, total: int, path: str) -> None:
        if path and done == total - 1:
            marks.setdefault("last_file", time.perf_counter())

    def on_finished(report) -> None:  # type: ignore[no-untyped-def]
        marks["finished"] = time.perf_counter()
        result["imported"] = sum(1 for r in report.results if r.status == "imported")
        QTimer.singleShot(500, app.quit)

    def on_failed(message: str) -> None:
        marks["finished"] = time.perf_counter()
        result["error"] = message
        app.quit()

    def start() -> None:
        marks["start"] = time.perf_counter()
        dialog = window.transfers.import_paths([corpus])
        assert dialog.job is not None
        dialog.job.progress.connect(on_progress)
        dialog.finished_with.connect(on_finished)
        dialog.failed.connect(on_failed)

    timer.start()
    QTimer.singleShot(50, start)
    app.exec()
    timer.stop()
    start_at = marks["start"]
    last_file = marks.get("last_file", marks["finished"])

    def phase(at: float) -> str:
        """``files`` while files are stored one by one, ``end`` from the last
        file to the end of the import (indexing, commit), ``after`` for what
        the window does with the finished import (report, list refresh)."""
        if at <= last_file:
            return "files"
        return "end" if at <= marks["finished"] else "after"

    gaps = [(b - a, b) for a, b in itertools.pairwise(ticks) if b >= start_at]
    ordered = sorted(gaps, reverse=True)
    values = sorted(g for g, _ in gaps)
    result.update(
        {
            "import_s": round(marks["finished"] - start_at, 2),
            "last_file_s": round(last_file - start_at, 2),
            "ticks": len(gaps),
            "max_gap_ms": round(ordered[0][0] * 1000, 1) if ordered else None,
            "p99_gap_ms": round(values[int(len(values) * 0.99)] * 1000, 1) if values else None,
            "median_gap_ms": round(statistics.median(values) * 1000, 2) if values else None,
            "gaps_over_50ms": sum(1 for g in values if g > 0.050),
            "gaps_over_50ms_by_phase": {
                p: sum(1 for g, at in gaps if g > 0.050 and phase(at) == p)
                for p in ("files", "end", "after")
            },
            "worst_gaps": [
                {"gap_ms": round(g * 1000, 1), "at_s": round(at - start_at, 2), "phase": phase(at)}
                for g, at in ordered[:8]
            ],
            "peak_rss_mb": _peak_rss_mb(),
            # an import the window runs in a child process (reaped by now)
            "child_peak_rss_mb": _children_peak_rss_mb(),
        }
    )
    window.close()
    ctx.close()
    ctx.library.close()
    return result


def interact(library: str, settings_path: str, rounds: int, actions: list[str]) -> dict:
    """Searches typed in the search box (Enter) and tags clicked in the tag
    tree, one after another once the window has settled, ``rounds`` times
    each: for each, the time until its results are shown and the longest
    gap between 5 ms ticks of the GUI thread meanwhile. An action is
    ``search:QUERY`` or ``tag:PATH``; each first run (its words read from
    the index) is reported apart from the later ones."""
    from PySide6.QtCore import QTimer

    app, ctx, controller, _ = _build(library, settings_path)
    window = controller.window
    _settle(app, ctx)
    ticks: list[float] = []
    ticker = QTimer()
    ticker.setInterval(5)
    ticker.timeout.connect(lambda: ticks.append(time.perf_counter()))
    runs: list[dict] = []
    queue = [(n, a) for n in range(rounds) for a in actions]
    state: dict = {}
    panel, tags, passages = window.search_panel, window.tags_panel, window.tag_passages_panel

    def finish(outcome: str) -> None:
        done = time.perf_counter()
        state["done"] = done
        state["outcome"] = outcome
        QTimer.singleShot(100, record)  # the results painted, then the gaps read

    def record() -> None:
        start, done = state["start"], state["done"]
        inside = [t for t in ticks if start <= t <= done + 0.1]
        gaps = [b - a for a, b in itertools.pairwise([start, *inside])]
        runs.append(
            {
                "round": state["round"],
                "action": state["action"],
                "outcome": state["outcome"],
                "shown_ms": round((done - start) * 1000, 1),
                "max_gap_ms": round(max(gaps) * 1000, 1) if gaps else None,
            }
        )
        QTimer.singleShot(200, step)

    def on_searched(n: int) -> None:
        if state.get("waiting") == "search":
            state["waiting"] = None
            finish(f"{n} hits")

    def on_failed(message: str) -> None:
        if state.get("waiting") == "search":
            state["waiting"] = None
            finish(f"refused: {message[:60]}")

    def poll_passages() -> None:
        if passages.is_loading():
            QTimer.singleShot(2, poll_passages)
        else:
            finish(f"{len(passages.passages)} passages")

    panel.searched.connect(on_searched)
    panel.query_failed.connect(on_failed)

    def step() -> None:
        if not queue:
            app.quit()
            return
        n, action = queue.pop(0)
        kind, _, what = action.partition(":")
        state.update(round=n, action=action)
        if kind == "tag":
            tags.select_tag("")  # the next click changes the selection
            app.processEvents()
            window.tag_passages_dock.raise_()
            state["start"] = time.perf_counter()
            tags.select_tag(what)
            QTimer.singleShot(0, poll_passages)
        else:
            window.search_dock.raise_()
            panel.edit.setText("")
            app.processEvents()
            state["waiting"] = "search"
            state["start"] = time.perf_counter()
            panel.set_query(what, immediate=True)

    ticker.start()
    QTimer.singleShot(100, step)
    app.exec()
    ticker.stop()
    by_action: dict[str, dict] = {}
    for action in actions:
        mine = [r for r in runs if r["action"] == action]
        later = [r for r in mine if r["round"] > 0]
        by_action[action] = {
            "outcome": mine[-1]["outcome"] if mine else None,
            "first_shown_ms": mine[0]["shown_ms"] if mine else None,
            "first_max_gap_ms": mine[0]["max_gap_ms"] if mine else None,
            "shown_ms": [r["shown_ms"] for r in later],
            "max_gap_ms": max((r["max_gap_ms"] or 0 for r in later), default=None),
        }
    gaps = [r["max_gap_ms"] or 0 for r in runs]
    out = {
        "rounds": rounds,
        "actions": by_action,
        "max_gap_ms": max(gaps) if gaps else None,
        "runs": runs,
        "documents": ctx.library.counts()[0],
        "peak_rss_mb": _peak_rss_mb(),
    }
    window.close()
    ctx.close()
    ctx.library.close()
    return out


def run_mode(argv: list[str]) -> dict:
    mode = argv[0]
    if mode == "coldstart":
        return coldstart(float(argv[1]), argv[2], argv[3])
    if mode == "open":
        return open_article(argv[1], argv[2], int(argv[3]), int(argv[4]), int(argv[5]))
    if mode == "stall":
        return stall(argv[1], argv[2], argv[3])
    if mode == "interact":
        return interact(argv[1], argv[2], int(argv[3]), argv[4:])
    if mode == "floor":  # python -c pass, plus this script's own interpreter start
        return {"interpreter_s": round(T_START - float(argv[1]), 4)}
    raise SystemExit(f"unknown mode {mode}")


def main(argv: list[str]) -> int:
    # KZ_BENCH_PROFILE=FILE: profile the main (GUI) thread into FILE. Not
    # ``python -m cProfile``: under it the import's worker processes cannot start.
    dump = os.environ.get("KZ_BENCH_PROFILE")
    if dump:
        import cProfile

        profiler = cProfile.Profile()
        out = profiler.runcall(run_mode, argv)
        profiler.dump_stats(dump)
    else:
        out = run_mode(argv)
    sys.stdout.flush()
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
