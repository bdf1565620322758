"""Imports run one way: no module of kzreader imports, even from inside a
function, a module that imports it back. Imports made only for type hints
(under ``if TYPE_CHECKING:``) are not run and do not count; ``from package
import module`` counts as an import of that module."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import kzreader

PACKAGE = Path(kzreader.__file__).resolve().parent


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _run_nodes(tree: ast.AST) -> Iterator[ast.AST]:
    """Every node that runs, skipping the bodies of ``if TYPE_CHECKING:``."""
    for child in ast.iter_child_nodes(tree):
        if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
            for node in child.orelse:
                yield node
                yield from _run_nodes(node)
            continue
        yield child
        yield from _run_nodes(child)


def imported(name: str, path: Path) -> set[str]:
    """The kzreader modules that ``name`` imports when it runs."""
    found: set[str] = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in _run_nodes(ast.parse(path.read_text("utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*up, base] if base else up)
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                found.add(sub if sub in MODULES else base)
    return {m for m in found if m in MODULES and m != name}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                out.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


GRAPH = {name: imported(name, path) for name, path in MODULES.items()}


def test_no_import_cycle_in_kzreader() -> None:
    found = cycles(GRAPH)
    described = [
        "; ".join(f"{m} → {', '.join(sorted(GRAPH[m] & set(group)))}" for m in group)
        for group in found
    ]
    assert described == []


def test_the_core_never_imports_the_app_or_the_command_line() -> None:
    wrong = {
        (name, other)
        for name, others in GRAPH.items()
        if name.startswith("kzreader.core")
        for other in others
        if other.startswith(("kzreader.gui", "kzreader.cli"))
    }
    assert wrong == set()


def test_the_check_sees_cycles_and_the_imports_that_run() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]
    source = PACKAGE / "core" / "jobs.py"
    assert "kzreader.core.library" in imported("kzreader.core.jobs", source)


def _printed_by(code: str) -> str:
    """What ``code`` prints, run in a fresh interpreter (nothing imported yet)."""
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    return out.stdout.strip()


def test_opening_the_window_leaves_the_heavy_readers_for_later() -> None:
    """What the window imports to open: not numpy (reuse detection), the
    Markdown renderer (the first note shown), the REFI-QDA reader (the
    first project imported) nor the import pipeline (web pages, PDF, Word,
    press exports: the first article imported)."""
    later = (
        "numpy",
        "markdown_it",
        "kzreader.core.exchange.qdpx",
        "kzreader.core.importing.pipeline",
        "kzreader.core.importing.webpage",
        "trafilatura",
    )
    code = (
        "import sys\n"
        "import kzreader.core.library, kzreader.gui.app, kzreader.gui.context\n"
        f"print(sorted(m for m in {later!r} if m in sys.modules))\n"
    )
    assert _printed_by(code) == "[]"


def test_the_pipeline_comes_with_the_first_article_read(tmp_path: Path) -> None:
    import sys

    from kzreader.core import importer

    article = tmp_path / "a.txt"
    article.write_text("Un titre\n\nLe texte de l'article, assez long pour être lu.\n")
    assert importer.read_article(article).title == "Un titre"
    assert "kzreader.core.importing.pipeline" in sys.modules


def test_a_worker_preparing_files_loads_neither_the_database_nor_the_index(
    tmp_path: Path,
) -> None:
    """A large import's worker processes import the program's main script
    again (``kzreader``: ``from kzreader.cli import main``) and run
    ``importer.prepare_chunk``: both, and an article prepared, leave
    SQLAlchemy and Whoosh unloaded (about 45 MB a worker)."""
    article = tmp_path / "a.txt"
    article.write_text("Un titre\n\nLe texte de l'article, assez long pour être lu.\n", "utf-8")
    code = (
        "import sys\n"
        "from kzreader.cli import main\n"
        "from kzreader.core import importer\n"
        f"[(articles, reason)] = importer.prepare_chunk([{str(article)!r}])\n"
        "assert articles[0].title == 'Un titre', (articles, reason)\n"
        "print(sorted(m for m in ('sqlalchemy', 'whoosh', 'PySide6') if m in sys.modules))\n"
    )
    assert _printed_by(code) == "[]"


def test_the_core_is_imported_before_qt() -> None:
    """PySide6's import hook reads the source of each module imported after
    it: the app's package brings the core (SQLAlchemy, Whoosh) in first."""
    code = (
        "import sys\n"
        "import kzreader.gui\n"
        "print('kzreader.core.library' in sys.modules, 'sqlalchemy' in sys.modules,"
        " any(m.startswith('PySide6') for m in sys.modules))\n"
    )
    assert _printed_by(code).split() == ["True", "True", "False"]
