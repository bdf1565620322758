"""Why a library is read-only, in the words of the window's banner."""

from __future__ import annotations

import os

from PySide6.QtCore import QCoreApplication

from kzreader.core import lock
from kzreader.core.library import Library

#: the banner's words keep the window's translation context
translate = QCoreApplication.translate


def read_only_cause(library: Library) -> str:
    """``folder`` (it cannot be written), ``requested``, ``disk-full``,
    ``owner`` (another program holds the library) or ``other``."""
    if library.read_only_cause in ("folder", "requested", "disk-full"):
        return library.read_only_cause
    owner = lock.read_owner(library.path)
    return "owner" if owner is not None and owner.pid != os.getpid() else "other"


def read_only_explanation(library: Library) -> str:
    """Why the library is read-only, in the user's language when the
    cause is known, else in the core's words."""
    cause = read_only_cause(library)
    if cause == "folder":
        return translate("MainWindow", "The folder {folder} cannot be written.").format(
            folder=library.path
        )
    if cause == "requested":
        return translate("MainWindow", "It was opened read-only.")
    if cause == "disk-full":
        return translate(
            "MainWindow",
            "The disk is full: free some space, then press Try Again to make changes here.",
        )
    owner = lock.read_owner(library.path) if cause == "owner" else None
    if owner is not None:
        programs = {  # the names kzreader's own programs give themselves
            "the kzreader command line": translate("MainWindow", "the kzreader command line"),
            "the kzreader app": translate("MainWindow", "the kzreader app"),
        }
        return translate(
            "MainWindow",
            "It is open in {program} (process {pid}, since {since}): close it there, then "
            "press Try Again to make changes here.",
        ).format(
            program=programs.get(owner.program, owner.program),
            pid=owner.pid,
            since=owner.since,
        )
    reason = library.read_only_reason or ""
    return reason[:1].upper() + reason[1:] + ("" if reason.endswith(".") else ".")
