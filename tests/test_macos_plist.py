"""The macOS app's Info.plist, read as macOS reads it (plistlib): the
documents Finder may open with kzreader, and what the spec and PyInstaller
fill in. The app itself is built and checked on the macOS runner only."""

from __future__ import annotations

import plistlib
import re
from pathlib import Path

INSTALLERS = Path(__file__).resolve().parent.parent / "installers"
INFO = INSTALLERS / "macos" / "Info.plist"
SPEC = INSTALLERS / "kzreader.spec"


def load() -> dict:
    info = plistlib.loads(INFO.read_bytes())
    assert isinstance(info, dict)
    return info


def documents_by_type(info: dict) -> dict[str, dict]:
    return {uti: doc for doc in info["CFBundleDocumentTypes"] for uti in doc["LSItemContentTypes"]}


def test_it_is_a_valid_xml_property_list() -> None:
    text = INFO.read_text("utf-8")
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    assert '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN"' in text
    # a round trip keeps every key: nothing plistlib (or macOS) would drop
    info = load()
    assert plistlib.loads(plistlib.dumps(info)) == info
    assert info["CFBundleInfoDictionaryVersion"] == "6.0"


def test_finder_may_open_projects_and_text_files_with_kzreader() -> None:
    info = load()
    documents = documents_by_type(info)
    assert set(documents) == {"org.qdasoftware.qdpx", "public.plain-text"}
    for doc in documents.values():
        assert doc["CFBundleTypeName"]
        assert doc["CFBundleTypeRole"] in ("Editor", "Viewer")
        # an alternative: never taking the files over from the program in use
        assert doc["LSHandlerRank"] == "Alternate"
    assert documents["public.plain-text"]["CFBundleTypeRole"] == "Viewer"


def test_the_project_type_is_imported_with_its_extension() -> None:
    info = load()
    (uti,) = info["UTImportedTypeDeclarations"]
    assert uti["UTTypeIdentifier"] == "org.qdasoftware.qdpx"
    assert uti["UTTypeTagSpecification"]["public.filename-extension"] == ["qdpx"]
    assert {"public.zip-archive", "public.data"} <= set(uti["UTTypeConformsTo"])
    # kzreader does not own the format: imported, not exported
    assert "UTExportedTypeDeclarations" not in info


def test_the_icon_and_system_keys() -> None:
    info = load()
    (project,) = [d for d in info["CFBundleDocumentTypes"] if "CFBundleTypeIconFile" in d]
    assert project["CFBundleTypeIconFile"] == "kzreader.icns"
    assert (INSTALLERS.parent / "resources" / "app-icons" / "kzreader.icns").is_file()
    assert re.fullmatch(r"\d+\.\d+", info["LSMinimumSystemVersion"])
    assert info["NSHighResolutionCapable"] is True
    assert set(info["CFBundleLocalizations"]) == {"en", "fr"}


def test_the_build_fills_in_the_versions_and_identifier() -> None:
    info = load()
    # the spec adds the versions; PyInstaller the executable, identifier and icon
    for key in ("CFBundleShortVersionString", "CFBundleVersion", "CFBundleIdentifier",
                "CFBundleExecutable", "CFBundleIconFile"):  # fmt: skip
        assert key not in info, key
    spec = SPEC.read_text("utf-8")
    assert 'info["CFBundleShortVersionString"]' in spec and 'info["CFBundleVersion"]' in spec
    assert "plistlib.load" in spec


def test_the_file_open_handler_exists_for_the_declared_documents() -> None:
    from kzreader.gui import app

    assert hasattr(app, "FileOpener") and hasattr(app.Controller, "open_file")
