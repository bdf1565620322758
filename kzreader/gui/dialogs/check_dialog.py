"""Check Library: the full check on a worker, its findings in plain words,
and Repair.

The core's ``check_library`` says what it found in English, for the command
line as well. Here each kind of finding gets a sentence in the user's
language saying what it means and what Repair does about it; the core's
precise message follows as the detail.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from kzreader.core import check
from kzreader.core.check import CheckNote, CheckProblem, CheckReport
from kzreader.core.types import ChangeSet
from kzreader.gui.context import AppContext
from kzreader.gui.workers import Job

#: Kinds of problems whose repair changes rows of the database: the window
#: is told, so that it shows the repaired articles, passages and tags (and
#: what Undo and Redo can still reach).
DATABASE_REPAIRS = {
    check.DANGLING_ROWS,
    check.PASSAGES_MISMATCH,
    check.DOCUMENT_DAMAGED,
    check.ANNOTATION_DAMAGED,
    check.HISTORY_DAMAGED,
}
#: The tables such a repair may touch.
REPAIRED_TABLES = frozenset(
    {"documents", "document_attributes", "passages", "passage_tags", "tags", "links"}
)


#: Notes shown with the core's message as their detail (it names the articles).
NOTES_WITH_DETAILS = {check.TEXTS_CHANGED}


def repair_changes(report: CheckReport, label: str) -> ChangeSet:
    """What a repair changed, for the window: empty when it changed no rows.
    The articles whose text or details were written back, and those whose
    changed text was taken as theirs, are shown again."""
    if not report.repair:
        return ChangeSet()
    repaired = [p for p in report.problems if p.repaired and p.kind in DATABASE_REPAIRS]
    documents = {i for p in repaired if p.kind == check.DOCUMENT_DAMAGED for i in p.ids}
    documents |= {i for n in report.notes if n.kind == check.TEXTS_CHANGED for i in n.ids}
    if not repaired and not documents:
        return ChangeSet()
    return ChangeSet(label, REPAIRED_TABLES, frozenset(documents), frozenset(documents))


def _sentence(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:] if text else text


class CheckWording(QObject):
    """Plain words for the findings of a check, shared by the dialog and by
    the window's banner after the check at opening."""

    def title(self, problem: CheckProblem) -> str:
        n = problem.count
        titles = {
            check.DATABASE_DAMAGED: self.tr("The database file is damaged"),
            check.DANGLING_ROWS: self.tr(
                "Records pointing at something that no longer exists: {n}"
            ),
            check.PASSAGES_MISMATCH: self.tr(
                "Passages that no longer match their article's text: {n}"
            ),
            check.DOCUMENT_DAMAGED: self.tr("An article is damaged"),
            check.ANNOTATION_DAMAGED: self.tr("A passage, tag or link is damaged"),
            check.HISTORY_DAMAGED: self.tr("Damaged operations in the undo history: {n}"),
            check.INDEX_MISSING: self.tr("The search index is missing"),
            check.INDEX_UNUSABLE: self.tr("The search index cannot be used"),
            check.INDEX_GENERATION: self.tr("The search index is behind the library"),
            check.INDEX_MISSING_DOCUMENTS: self.tr("Articles missing from the search index: {n}"),
            check.INDEX_STALE_DOCUMENTS: self.tr(
                "Articles indexed with an older version of their text: {n}"
            ),
            check.INDEX_EXTRA_ENTRIES: self.tr("Deleted articles still in the search index: {n}"),
            check.LEFTOVER_FILES: self.tr("Temporary files left by an interrupted operation: {n}"),
        }
        title = titles.get(problem.kind)
        return title.format(n=n) if title else _sentence(problem.message)

    def meaning(self, problem: CheckProblem) -> str:
        """What the problem means for the user and what Repair does about it."""
        index = self.tr(
            "Searching may miss articles or find deleted ones. Repair brings the index up to "
            "date from the database."
        )
        meanings = {
            check.DATABASE_DAMAGED: self.tr(
                "It cannot be repaired in place. Restore a backup with Library → Backups…: "
                "the damaged file is kept aside, not deleted."
            ),
            check.DANGLING_ROWS: self.tr(
                "They are left over from deleted items and serve no purpose. Repair deletes "
                "them; a tag whose parent tag is gone becomes a top-level tag and keeps its "
                "sub-tags and passages."
            ),
            check.PASSAGES_MISMATCH: self.tr(
                "Their article's text was changed outside kzreader. Repair looks for each "
                "passage again in the text; those not found become orphans, which you can "
                "re-attach in the Orphans panel."
            ),
            check.DOCUMENT_DAMAGED: self.tr(
                "Its text or its details (title, source, dates) no longer match the "
                "fingerprint recorded when it was imported: the library file was damaged, on "
                "the disk or in a copy. Repair writes back a copy proven good, from a backup "
                "or from the article's original file."
            )
            if problem.repairable
            else self.tr(
                "Its text or its details (title, source, dates) no longer match the "
                "fingerprint recorded when it was imported, and neither a backup nor its "
                "original file holds a good copy. Nothing is overwritten with a guess: restore "
                "an earlier backup with Library → Backups… if you can lose what was changed "
                "since, or import the article again from a good copy of its file."
            ),
            check.ANNOTATION_DAMAGED: self.tr(
                "What it holds (a quote, note, colour, name or place) no longer matches the "
                "checksum recorded when it was last changed: the library file was damaged, on "
                "the disk or in a copy. Repair writes back a copy proven good, from a backup "
                "or, for a passage, rebuilt from its article's text."
            )
            if problem.repairable
            else self.tr(
                "What it holds (a quote, note, colour, name or place) no longer matches the "
                "checksum recorded when it was last changed, and no backup holds a good copy. "
                "Nothing is overwritten with a guess: correct it in kzreader, which records it "
                "anew, or restore an earlier backup with Library → Backups… if you can lose "
                "what was changed since."
            ),
            check.HISTORY_DAMAGED: self.tr(
                "Undoing or redoing them would write damaged data back. Repair forgets them, "
                "and the operations Undo and Redo could only reach through them: those can no "
                "longer be undone or redone. Your articles, passages and tags are not changed."
            ),
            check.INDEX_MISSING: self.tr(
                "Searching cannot work without it. Repair rebuilds it from the database."
            ),
            check.INDEX_UNUSABLE: self.tr(
                "It is damaged or was written by another version of kzreader. Repair rebuilds "
                "it from the database."
            ),
            check.INDEX_GENERATION: index,
            check.INDEX_MISSING_DOCUMENTS: index,
            check.INDEX_STALE_DOCUMENTS: index,
            check.INDEX_EXTRA_ENTRIES: index,
            check.LEFTOVER_FILES: self.tr(
                "They take up disk space and are no longer used. Repair deletes them."
            ),
        }
        return meanings.get(problem.kind, "")

    def note(self, note: CheckNote, repaired: bool = False) -> str:
        """The note in plain words; ``repaired``: it comes from a repair."""
        notes = {
            check.ORPHAN_PASSAGES: self.tr(
                "Orphaned passages: {n}. Their article's text changed and they were not found "
                "again; re-attach them to the text in the Orphans panel."
            ),
            check.INDEX_BUSY: self.tr(
                "The search index is being written by another program right now: its "
                "temporary files were left alone. Check again once it has finished."
            ),
            check.CHECKS_SKIPPED: self.tr(
                "The other checks were skipped because the database is damaged: restore a "
                "backup first."
            ),
            check.TEXTS_CHANGED: self.tr(
                "Articles whose text was changed by another program: {n}. The new text was "
                "recorded as the article's own, and its passages were looked for again in it."
            )
            if repaired
            else self.tr(
                "Articles whose text was changed by another program: {n}. kzreader takes the "
                "new text as it is: Repair looks for their passages again in it and records "
                "it as the article's own."
            ),
        }
        text = notes.get(note.kind)
        return text.format(n=note.count) if text else _sentence(note.message)

    def summary(self, report: CheckReport) -> str:
        """One line: the problems still there, by title."""
        return "; ".join(self.title(p) for p in report.remaining)


class CheckDialog(QDialog):
    """Runs the full check when shown; Repair runs it again, repairing."""

    #: a check or a repair finished: the CheckReport
    checked = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.job: Job | None = None
        self.report: CheckReport | None = None
        self.error: str = ""
        self.wording = CheckWording(self)
        self._running = False
        self.setWindowTitle(self.tr("Check Library"))
        self.intro = QLabel(
            self.tr(
                "The check reads the whole database, verifies every article's text and every "
                "passage, tag and link against the fingerprint recorded for it, compares every "
                "passage with its article's text and the search index with the database, and "
                "looks for files left by interrupted work. It changes nothing until you press "
                "Repair."
            )
        )
        self.intro.setWordWrap(True)
        self.heading = QLabel()  # one line: a wrapping label reserves a second one
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.heading.setFont(font)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.bar.setTextVisible(False)
        self.bar.setAccessibleName(self.tr("Check in progress"))
        self.findings = QTextBrowser()
        self.findings.setAccessibleName(self.tr("What the check found"))
        self.findings.setOpenLinks(False)
        self.read_only_note = QLabel(
            self.tr("The library is read-only: it can be checked here, not repaired.")
        )
        self.read_only_note.setWordWrap(True)
        self.read_only_note.setVisible(ctx.library.read_only)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("Close"))
        self.again_button = QPushButton(self.tr("Check Again"))
        self.again_button.setToolTip(self.tr("Run the whole check again"))
        self.repair_button = QPushButton(self.tr("Repair"))
        self.repair_button.setToolTip(
            self.tr("Fix what can be fixed; what you made (articles, passages, tags) is kept")
        )
        self.buttons.addButton(self.again_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.repair_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.heading)
        layout.addWidget(self.bar)
        layout.addWidget(self.findings, 1)
        layout.addWidget(self.read_only_note)
        layout.addWidget(self.buttons)
        self.buttons.rejected.connect(self.reject)
        self.again_button.clicked.connect(self.start)
        self.repair_button.clicked.connect(self.repair)
        self.resize(620, 460)
        self._set_busy(False)

    # -- running -------------------------------------------------------------------

    def is_running(self) -> bool:
        """True from the start of a check until its result is shown (the
        job itself finishes a moment before its result reaches the dialog)."""
        return self._running

    def start(self) -> Job:
        """Check the library on a worker."""
        return self._run(repair=False)

    def repair(self) -> Job | None:
        """Check again, repairing what can be repaired."""
        if self.ctx.library.read_only:
            return None
        return self._run(repair=True)

    def _run(self, repair: bool) -> Job:
        library = self.ctx.library
        self._set_busy(True)
        self.heading.setText(
            self.tr("Repairing the library…") if repair else self.tr("Checking the library…")
        )
        self.findings.clear()
        self.job = self.ctx.workers.run(
            lambda: library.check(repair=repair),
            on_done=self._done,
            on_error=self._failed,
        )
        return self.job

    def _set_busy(self, busy: bool) -> None:
        self._running = busy
        self.bar.setVisible(busy)
        self.again_button.setEnabled(not busy)
        repairable = self.report is not None and any(p.repairable for p in self.report.remaining)
        self.repair_button.setEnabled(not busy and repairable and not self.ctx.library.read_only)

    def _done(self, report: CheckReport) -> None:
        self.report = report
        self.error = ""
        if report.repair:
            changes = repair_changes(report, self.tr("Repair"))
            if changes:
                self.ctx.library.announce(changes)
        self._set_busy(False)
        self._show(report)
        self.checked.emit(report)

    def _failed(self, error: BaseException) -> None:
        self.error = str(error)
        self._set_busy(False)
        self.heading.setText(self.tr("The check could not run."))
        self.findings.setPlainText(_sentence(self.error))

    # -- showing -------------------------------------------------------------------

    def _show(self, report: CheckReport) -> None:
        if report.repair:
            if not report.problems:
                heading = self.tr("Nothing needed repairing: the library is in good order.")
            elif report.clean:
                heading = self.tr("Repaired: the library is in good order.")
            else:
                heading = self.tr("Some problems could not be repaired.")
        elif report.clean:
            heading = self.tr("The library is in good order.")
        else:
            heading = self.tr("The check found problems: {n}").format(n=len(report.problems))
        self.heading.setText(heading)
        self.findings.setHtml(self.findings_html(report))

    def findings_html(self, report: CheckReport) -> str:
        w = self.wording
        parts: list[str] = []
        for problem in report.problems:
            if problem.repaired:
                state = self.tr("Repaired:")
            elif report.repair:
                state = self.tr("Not repaired:")
            else:
                state = self.tr("Problem:")
            lines = [f"<p><b>{escape(state)}</b> {escape(w.title(problem))}"]
            meaning = w.meaning(problem)
            if meaning and not problem.repaired:
                lines.append(f"<br>{escape(meaning)}")
            details = _sentence(problem.message)
            if problem.repaired and problem.outcome:
                details = f"{details} ({problem.outcome})"
            elif problem.outcome and report.repair and problem.repairable:
                # why it was not repaired: worth reading, not a detail
                why = _sentence(problem.outcome.removeprefix("not repaired: "))
                lines.append(f"<br>{escape(why)}")
            details = self.tr("Details: {details}").format(details=details)
            lines.append(f"<br><small>{escape(details)}</small></p>")
            parts.append("".join(lines))
        for note in report.notes:
            line = f"<p><b>{escape(self.tr('Note:'))}</b> {escape(w.note(note, report.repair))}"
            if note.kind in NOTES_WITH_DETAILS:
                details = self.tr("Details: {details}").format(details=_sentence(note.message))
                line += f"<br><small>{escape(details)}</small>"
            parts.append(line + "</p>")
        if not parts:
            parts.append(
                "<p>"
                + escape(
                    self.tr(
                        "No problems: the database is sound, every article and annotation is "
                        "intact, every passage matches its text, the search index is up to date "
                        "and no temporary files were left behind."
                    )
                )
                + "</p>"
            )
        return "".join(parts)
