"""Recognise binary files by their first bytes, so that they are refused by name.

A person who drops a PDF or a Word file into the library should be told what
the file looks like and what to do, not that it "does not look like text".
"""

from __future__ import annotations

from kzreader.core.messages import Message, message

_EXPORT = message("save or export it as .txt and import that")
_EXTRACT = message("extract it and import the .txt files inside")
_NOT_ARTICLE = message("choose the article's .txt file instead")

# (prefix, offset, what it looks like, what to do); both are messages, so
# that a refusal can be written in the interface's language
_SIGNATURES: tuple[tuple[bytes, int, Message, Message], ...] = (
    (b"%PDF-", 0, message("a PDF document"), _EXPORT),
    (b"\x89PNG\r\n\x1a\n", 0, message("a PNG image"), _NOT_ARTICLE),
    (b"\xff\xd8\xff", 0, message("a JPEG image"), _NOT_ARTICLE),
    (b"GIF87a", 0, message("a GIF image"), _NOT_ARTICLE),
    (b"GIF89a", 0, message("a GIF image"), _NOT_ARTICLE),
    (b"II*\x00", 0, message("a TIFF image"), _NOT_ARTICLE),
    (b"MM\x00*", 0, message("a TIFF image"), _NOT_ARTICLE),
    (b"\x1f\x8b", 0, message("a gzip-compressed file"), _EXTRACT),
    (b"7z\xbc\xaf\x27\x1c", 0, message("a 7-Zip archive"), _EXTRACT),
    (b"Rar!\x1a\x07", 0, message("a RAR archive"), _EXTRACT),
    (b"\xfd7zXZ\x00", 0, message("an xz-compressed file"), _EXTRACT),
    (b"(\xb5/\xfd", 0, message("a Zstandard-compressed file"), _EXTRACT),
    (b"\x7fELF", 0, message("a program (ELF executable)"), _NOT_ARTICLE),
    (b"\xfe\xed\xfa\xce", 0, message("a program (Mach-O executable)"), _NOT_ARTICLE),
    (b"\xfe\xed\xfa\xcf", 0, message("a program (Mach-O executable)"), _NOT_ARTICLE),
    (b"\xce\xfa\xed\xfe", 0, message("a program (Mach-O executable)"), _NOT_ARTICLE),
    (b"\xcf\xfa\xed\xfe", 0, message("a program (Mach-O executable)"), _NOT_ARTICLE),
    (b"\xca\xfe\xba\xbe", 0, message("a program (Mach-O or Java class file)"), _NOT_ARTICLE),
    (b"\x00asm", 0, message("a WebAssembly program"), _NOT_ARTICLE),
    (b"SQLite format 3\x00", 0, message("an SQLite database"), _NOT_ARTICLE),
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        0,
        message("a Microsoft Office 97-2003 file (.doc, .xls, .ppt)"),
        _EXPORT,
    ),
    (b"{\\rtf", 0, message("an RTF document"), _EXPORT),
    (b"OggS", 0, message("an Ogg audio or video file"), _NOT_ARTICLE),
    (b"fLaC", 0, message("a FLAC audio file"), _NOT_ARTICLE),
    (b"ID3", 0, message("an MP3 audio file"), _NOT_ARTICLE),
    (b"\x1aE\xdf\xa3", 0, message("a Matroska/WebM video"), _NOT_ARTICLE),
    (b"ftyp", 4, message("an MP4/QuickTime/HEIC media file"), _NOT_ARTICLE),
    (b"wOFF", 0, message("a web font"), _NOT_ARTICLE),
    (b"wOF2", 0, message("a web font"), _NOT_ARTICLE),
    (b"\x00\x01\x00\x00\x00", 0, message("a font file"), _NOT_ARTICLE),
)

_ZIP_PREFIXES = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")

_RIFF_KINDS = {
    b"WEBP": message("a WebP image"),
    b"WAVE": message("a WAV audio file"),
    b"AVI ": message("an AVI video"),
}


def _zip_kind(data: bytes) -> tuple[Message, Message]:
    head = data[:4096]
    if b"mimetypeapplication/epub+zip" in head:
        return message("an EPUB e-book"), _EXPORT
    if b"application/vnd.oasis.opendocument.text" in head:
        return message("an OpenDocument text (.odt)"), _EXPORT
    if b"word/" in data[:65536]:
        return message("a Word document (.docx)"), _EXPORT
    if b"xl/" in data[:65536]:
        return message("an Excel workbook (.xlsx)"), _NOT_ARTICLE
    if b"ppt/" in data[:65536]:
        return message("a PowerPoint presentation (.pptx)"), _NOT_ARTICLE
    return message("a ZIP archive"), _EXTRACT


def identify_binary(data: bytes) -> tuple[Message, Message] | None:
    """Return ``(what it looks like, what to do)`` for a known binary format.

    Short or ambiguous magic numbers (``MZ``, ``BZh``, ``BM``) are only trusted
    with a second sign, so that a text starting with those letters is not
    refused by mistake.
    """
    for prefix, offset, what, advice in _SIGNATURES:
        if data[offset : offset + len(prefix)] == prefix:
            return what, advice
    if data.startswith(_ZIP_PREFIXES):
        return _zip_kind(data)
    if data.startswith(b"RIFF") and data[8:12] in _RIFF_KINDS:
        return _RIFF_KINDS[data[8:12]], _NOT_ARTICLE
    if data.startswith(b"MZ") and (
        b"\x00" in data[:64] or b"This program cannot be run" in data[:512]
    ):
        return message("a Windows program (.exe or .dll)"), _NOT_ARTICLE
    if data.startswith(b"BZh") and data[4:10] == b"1AY&SY":
        return message("a bzip2-compressed file"), _EXTRACT
    if data.startswith(b"BM") and b"\x00" in data[2:14]:
        return message("a BMP image"), _NOT_ARTICLE
    return None


def binary_reason(what: str, advice: str) -> Message:
    """Why a file that looks like ``what`` is refused, and ``advice``."""
    return message(
        "looks like {what}, not a plain-text article: {advice}", what=what, advice=advice
    )
