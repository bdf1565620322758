"""The safekeeping side of the ``Library`` façade: backups (automatic,
by hand, to a single file) and restoring them, the integrity check, and the
exchange formats. A mixin of ``Library`` (``kzreader.core.library``), which
it relies on for its ``store`` (sessions and the write guard)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kzreader.core import atomic, db
from kzreader.core import backup as backup_store
from kzreader.core import lock as locking
from kzreader.core.errors import KzreaderError, LibraryError
from kzreader.core.index import SearchIndex
from kzreader.core.migrations import latest_version
from kzreader.core.models import Meta
from kzreader.core.targets import check_target
from kzreader.core.types import Progress

if TYPE_CHECKING:
    from kzreader.core.check import CheckReport
    from kzreader.core.store import Store


class LibrarySafekeeping:
    """``Library``'s backup, check and exchange methods."""

    path: Path
    db_path: Path
    store: Store
    _changed: bool
    # -- backups --------------------------------------------------------------------

    def backup_keep(self) -> int:
        """How many automatic backups are kept (0: none are taken)."""
        with self.store.session() as s:
            meta = s.get(Meta, "backup_keep")
            return int(meta.value) if meta else backup_store.DEFAULT_KEEP

    def set_backup_keep(self, keep: int) -> None:
        self.store.require_writable()
        if keep < 0:
            raise KzreaderError("the number of backups to keep cannot be negative")
        with self.store.session() as s:
            s.merge(Meta(key="backup_keep", value=str(keep)))

    def backup(self, target: Path | None = None, *, automatic: bool = False) -> Path | None:
        """Back the database up into ``backups/`` (automatic backups are
        thinned, ``backup.thin``; None when they are off), or the whole library into the single
        file ``target``, to restore here or elsewhere (``restore_backup``)."""
        if target is not None:
            self.check_output(target, "backup file")
            with self.store.session() as s:
                uid = s.get(Meta, "library_uid")
            documents, passages = self.counts()
            facts = {
                "library": str(self.path),
                "library_uid": uid.value if uid else None,
                "schema": latest_version(),
                "documents": documents,
                "passages": passages,
            }
            return backup_store.write_archive(self.db_path, Path(target), facts)
        folder = self.path / backup_store.BACKUPS_DIR
        keep = self.backup_keep() if automatic else None
        if keep == 0:
            return None
        made = backup_store.backup(self.db_path, folder, automatic=automatic)
        if keep is not None:
            backup_store.thin(folder, keep)
        self._changed = False
        return made

    def check_output(self, target: str | Path, what: str = "file") -> Path:
        """``target`` as given, if kzreader may write there; ``TargetError``
        if it is, or is inside, a library's folder (this one or another):
        an export or a backup file written there could replace the database."""
        return check_target(target, [self.path], what)

    def backups(self) -> list[backup_store.BackupInfo]:
        """This library's backups, newest first."""
        return backup_store.list_backups(self.path / backup_store.BACKUPS_DIR)

    # -- exchange ----------------------------------------------------------------------

    #: ``export`` formats: REFI-QDA project and codebook, W3C Web Annotations
    #: (JSON-LD), CSV of codings, Markdown and HTML reports.
    EXPORT_FORMATS = ("qdpx", "qdc", "w3c", "csv", "md", "html")

    def export(
        self,
        fmt: str,
        out: str | Path,
        *,
        tags: Sequence[str] | None = None,
        documents: Sequence[int] | None = None,
        progress: Progress | None = None,
        by: str = "tag",
        language: str = "en",
        self_contained: bool = False,
    ) -> Any:
        """Write the library, or the passages of ``tags`` / the ``documents``
        chosen, to ``out`` in ``fmt`` (see ``EXPORT_FORMATS``); ``by``
        arranges a report by ``tag`` or ``document`` and ``language``
        (``en`` or ``fr``) writes its headings and labels; ``self_contained``
        gives each W3C annotation its own ``@context``. Returns the
        format's report (counts of what was written). Works read-only."""
        from kzreader.core.exchange import qdpx, reports, tabular, w3c

        self.check_output(out, "export")
        chosen = {"tags": tags, "documents": documents, "progress": progress}
        if fmt == "qdpx":
            return qdpx.export_qdpx(self, out, **chosen)
        if fmt == "qdc":
            return qdpx.export_qdc(self, out, tags=tags)
        if fmt == "w3c":
            return w3c.export_w3c(self, out, self_contained=self_contained, **chosen)
        if fmt == "csv":
            return tabular.export_csv(self, out, **chosen)
        if fmt == "md":
            return reports.export_markdown(self, out, by=by, language=language, **chosen)
        if fmt == "html":
            return reports.export_html(self, out, by=by, language=language, **chosen)
        raise KzreaderError(
            f"unknown export format '{fmt}' (use one of {', '.join(self.EXPORT_FORMATS)})"
        )

    def import_project(self, path: str | Path, progress: Progress | None = None) -> Any:
        """Import a REFI-QDA project (``.qdpx``: documents, codes, codings,
        notes, links) or codebook (``.qdc``: codes only), from kzreader or
        another tool, as one undoable operation; nothing is imported from a
        file that cannot be read whole."""
        from kzreader.core.exchange import qdpx

        self.store.require_writable()
        if Path(path).suffix.lower() == ".qdc":
            return qdpx.import_qdc(self, path)
        return qdpx.import_qdpx(self, path, progress=progress)

    def check(self, repair: bool = False, *, quick: bool = False) -> CheckReport:
        """Look for damage and inconsistencies (see ``core.check``); with
        ``repair``, fix what can be fixed without losing work. ``quick``:
        only the cheap part the app runs at every open."""
        from kzreader.core import check

        return (check.quick_check if quick else check.check_library)(self, repair=repair)

    @staticmethod
    def restore_backup(
        path: str | Path, source: str | Path | None = None, program: str = "kzreader"
    ) -> tuple[Path, Path | None]:
        """Replace the (closed, perhaps damaged) database of the library in
        ``path`` by a backup: ``source`` (a copy from ``backups/`` or a
        single-file backup), or the newest in ``backups/``. ``path`` may be a
        new folder: the library is restored there. Returns the backup used
        and where the replaced database was kept (None if there was none).
        The index is brought in step on the next open."""
        folder = Path(path).expanduser().resolve()
        if source is not None and not folder.exists():
            try:
                atomic.make_folder(folder, parents=True)
            except OSError as exc:
                raise LibraryError(f"cannot create the library folder {folder}: {exc}") from exc
        if source is None:
            found = backup_store.list_backups(folder / backup_store.BACKUPS_DIR)
            if not found:
                raise LibraryError(f"the library {folder} has no backups")
            chosen = found[0].path
        else:
            chosen = Path(source).expanduser().resolve()
        if not locking.acquire(folder, program):
            owner = locking.read_owner(folder)
            who = owner.describe() if owner else "another program"
            raise LibraryError(f"the library is open in {who}; close it before restoring")
        try:
            kept = backup_store.restore(folder / db.DB_NAME, chosen)
            index = SearchIndex(folder / "index")
            if index.read_state():  # make the next open compare every document
                index.write_state(-1)
        finally:
            locking.release(folder)
        return chosen, kept
