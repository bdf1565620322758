"""Runs one scenario of library operations, for the fault harness to kill.

    python tests/faults/fault_worker.py SCENARIO LIBRARY DATA EXPORTS LOG [--digests]

Prints ``ready`` once the library is open, runs the scenario's steps, closes
the library (which takes the automatic backup of a changed library) and
appends ``closed<TAB>SECONDS``. After each step has committed -- the façade
returned, or an import announced its next file, so the one before is stored
-- it appends ``step<TAB>LABEL<TAB>SECONDS`` to LOG and fsyncs the log:
whatever the log names is certainly committed, and must survive a kill.
SECONDS count from the moment the library was open.

Every scenario is deterministic (its random choices are seeded), so a run to
the end -- the reference run, with ``--digests`` -- says what the database
holds after each step (``fault_state.digest``, appended to each line; the
time spent on digests is left out of the SECONDS).

DATA holds the folders to import (``articles-small``, ``articles-big``,
``revised``); EXPORTS is where exports and single-file backups are written.
"""

from __future__ import annotations

import os
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

import fault_state

from kzreader.core.errors import KzreaderError
from kzreader.core.library import Library

#: The exports of the ``export`` scenario: format, file name.
EXPORTS = [
    ("qdpx", "projet.qdpx"),
    ("qdc", "codes.qdc"),
    ("w3c", "annotations.jsonld"),
    ("csv", "codages.csv"),
    ("md", "rapport.md"),
    ("html", "rapport.html"),
    ("qdpx", "projet.qdpx"),  # over the file written before: it stays whole
]
#: The backups of the ``backup`` scenario: into backups/, or a single file.
BACKUPS = [None, "copie-1.kzbackup", None, "copie-2.kzbackup", "copie-1.kzbackup", None]
ANNOTATIONS = 40
TAGS = ["Pays/Kazakhstan", "Acteurs/OTSC", "Thèmes/Sécurité", "Thèmes/Économie", "À revoir"]
RELATIONS = ["repeats", "contradicts", "cites", "précise"]


class Log:
    def __init__(self, path: Path, library: Path, digests: bool) -> None:
        self.handle = open(path, "a", encoding="utf-8")  # noqa: SIM115 - fsynced line by line
        self.db = library / fault_state.DB_NAME
        self.digests = digests
        self.digest_seconds = 0.0
        self.started = time.perf_counter()

    def elapsed(self) -> str:
        """Seconds since the library was open, the time spent on digests left out."""
        return f"{time.perf_counter() - self.started - self.digest_seconds:.4f}"

    def write(self, line: str) -> None:
        self.handle.write(line + "\n")
        self.handle.flush()
        os.fsync(self.handle.fileno())

    def step(self, label: str) -> None:
        line = f"step\t{label}\t{self.elapsed()}"
        if self.digests:
            started = time.perf_counter()
            line += "\t" + fault_state.digest(self.db)
            self.digest_seconds += time.perf_counter() - started
        self.write(line)


def import_folder(lib: Library, log: Log, folder: Path) -> None:
    def progress(done: int, total: int, _path: str) -> None:
        if done:  # files 1..done are stored, each in its own transaction
            log.step(f"stored {done}/{total} of {folder.name}")

    lib.import_paths([folder], progress=progress)
    log.step(f"imported {folder.name}")


class Annotator:
    """Random annotations, and with ``undoing`` undo, redo and larger
    operations between them; the choices depend only on the seed and on the
    library's state, so a second run makes the same ones."""

    def __init__(self, lib: Library, seed: str, undoing: bool) -> None:
        self.lib = lib
        self.rng = random.Random(seed)
        self.undoing = undoing
        self.lengths = {d.id: d.length for d in lib.documents()}
        self.passages = sorted(p.id for p in lib.passages())
        self.last: Callable[[int], str] | None = None

    def step(self, n: int) -> str:
        choices: list[tuple[int, Callable[[int], str]]] = [
            (5, self.highlight), (3, self.tag), (2, self.note), (3, self.link),
            (1, self.attribute), (1, self.create_tag),
        ]  # fmt: skip
        if self.undoing:  # a redo is likeliest right after an undo: a new operation forgets it
            redo = 12 if self.last in (self.undo, self.redo) else 1
            choices += [(6, self.undo), (redo, self.redo), (1, self.autocode), (1, self.merge),
                        (1, self.delete)]  # fmt: skip
        action = self.rng.choices([c for _, c in choices], [w for w, _ in choices])[0]
        self.last = action
        try:
            return f"{n} {action(n)}"
        except KzreaderError as exc:  # a passage undone, nothing to redo: deterministic too
            return f"{n} refused {action.__name__}: {type(exc).__name__}"

    def pick(self) -> int:
        return self.rng.choice(self.passages)

    def highlight(self, n: int) -> str:
        doc = self.rng.choice(sorted(self.lengths))
        start = self.rng.randrange(max(1, self.lengths[doc] - 80))
        end = start + self.rng.randint(3, 80)
        note = f"Note {n} : à vérifier — « source » ✓" if self.rng.random() < 0.5 else None
        tags = self.rng.sample(TAGS, self.rng.randint(0, 2))
        passage = self.lib.highlight(doc, start, end, tags=tags, note=note)
        self.passages.append(passage.id)
        return f"highlight {doc} {start}-{end} as {passage.id}"

    def tag(self, _n: int) -> str:
        pid, tag = self.pick(), self.rng.choice(TAGS)
        self.lib.tag_passage(pid, tag)
        return f"tag {pid} {tag}"

    def note(self, n: int) -> str:
        pid = self.pick()
        self.lib.update_passage(pid, note=f"Note révisée {n}\n\n*Markdown* et 🙂")
        return f"note {pid}"

    def link(self, _n: int) -> str:
        a, b = self.pick(), self.pick()
        relation = self.rng.choice(RELATIONS)
        link = self.lib.link(a, b, relation, note="lien" if self.rng.random() < 0.3 else None)
        return f"link {a} {b} {relation} as {link.id}"

    def attribute(self, _n: int) -> str:
        doc = self.rng.choice(sorted(self.lengths))
        value = self.rng.choice(["haute", "moyenne", "basse"])
        self.lib.set_attribute(doc, "fiabilité", value)
        return f"attribute {doc} {value}"

    def create_tag(self, n: int) -> str:
        self.lib.create_tag(f"Thèmes/Sujet {n}")
        return f"create tag {n}"

    def undo(self, _n: int) -> str:
        return f"undo {self.lib.undo().label}"

    def redo(self, _n: int) -> str:
        return f"redo {self.lib.redo().label}"

    def autocode(self, n: int) -> str:
        word = self.rng.choice(["paix", "sécurité", "Tokaïev", "OTSC"])
        self.lib.autocode(word, f"Auto/{word} {n}")
        return f"autocode {word}"

    def merge(self, _n: int) -> str:
        source, target = self.rng.sample(TAGS, 2)
        self.lib.merge_tags(source, target)
        return f"merge {source} into {target}"

    def delete(self, _n: int) -> str:
        chosen = sorted(set(self.rng.sample(self.passages, 3)))
        self.lib.delete_passages(chosen)
        return f"delete {chosen}"


def run(scenario: str, lib: Library, log: Log, data: Path, exports: Path) -> None:
    if scenario == "import":  # a small import (in this process), then a large one (in several)
        import_folder(lib, log, data / "articles-small")
        import_folder(lib, log, data / "articles-big")
    elif scenario == "reimport":  # changed files: documents updated, passages re-anchored
        import_folder(lib, log, data / "revised")
    elif scenario in ("annotate", "undo"):
        annotator = Annotator(lib, scenario, undoing=scenario == "undo")
        for n in range(ANNOTATIONS):
            log.step(annotator.step(n))
    elif scenario == "export":
        for fmt, name in EXPORTS:
            lib.export(fmt, exports / name)
            log.step(f"export {fmt} {name}")
    elif scenario == "backup":
        for name in BACKUPS:
            if name is None:
                lib.backup()
                log.step("backup")
            else:
                lib.backup(exports / name)
                log.step(f"archive {name}")
    else:
        raise SystemExit(f"unknown scenario {scenario}")


def main() -> None:
    scenario, library, data, exports, log_path = sys.argv[1:6]
    log = Log(Path(log_path), Path(library), digests="--digests" in sys.argv[6:])
    lib = Library(Path(library))
    print("ready", flush=True)
    log.started = time.perf_counter()
    run(scenario, lib, log, Path(data), Path(exports))
    lib.close()
    log.write(f"closed\t{log.elapsed()}")


if __name__ == "__main__":
    main()
