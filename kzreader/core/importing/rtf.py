"""The text of an RTF document: enough of RTF to read a press database's
export (Factiva saves RTF), not a word processor.

Paragraphs (``\\par``), line and page breaks, tabs, characters given by
code (``\\'e9`` in the document's code page, ``\\u233``) and the common
typographic symbols are kept; formatting, font and colour tables, styles,
pictures, fields' instructions and the other destinations are skipped.
"""

from __future__ import annotations

import codecs
import re

_TOKEN = re.compile(
    r"\\(?P<word>[a-zA-Z]{1,32})(?P<arg>-?\d{1,10})? ?"
    r"|\\'(?P<hex>[0-9a-fA-F]{2})"
    r"|\\(?P<symbol>[^a-zA-Z])"
    r"|(?P<open>\{)|(?P<close>\})"
    r"|(?P<newline>[\r\n]+)"
    r"|(?P<text>[^\\{}\r\n]+)"
)
#: Destinations whose content is not the document's text.
_SKIPPED = frozenset(
    ("fonttbl", "colortbl", "stylesheet", "info", "pict", "header", "headerl", "headerr",
     "headerf", "footer", "footerl", "footerr", "footerf", "footnote", "fldinst", "object",
     "themedata", "colorschememapping", "latentstyles", "datastore", "xmlnstbl", "listtable",
     "listoverridetable", "rsidtbl", "generator", "mmathPr", "filetbl", "revtbl", "pgdsctbl",
     "bkmkstart", "bkmkend", "annotation", "atnid", "atnauthor", "userprops", "docvar",
     "private")
)  # fmt: skip
_WORDS = {
    "par": "\n",
    "line": "\n",
    "sect": "\n",
    "page": "\f",
    "tab": "\t",
    "emdash": "—",
    "endash": "–",
    "lquote": "‘",
    "rquote": "’",
    "ldblquote": "“",
    "rdblquote": "”",
    "bullet": "•",
    "emspace": " ",
    "enspace": " ",
}
_SYMBOLS = {"~": "\u00a0", "_": "-", "-": "", "\\": "\\", "{": "{", "}": "}"}


def is_rtf(data: bytes) -> bool:
    return data.startswith(b"{\\rtf")


def _codec(page: int) -> str:
    name = f"cp{page}"
    try:
        codecs.lookup(name)
    except LookupError:
        return "cp1252"
    return name


def rtf_text(source: str) -> str:
    """The text of an RTF document (given as the ASCII text it is)."""
    out: list[str] = []
    pending = bytearray()  # \'hh bytes, decoded together (double-byte code pages)
    codec = "cp1252"
    stack: list[tuple[bool, int]] = []
    skip, uc, to_skip = False, 1, 0
    first_in_group = False
    star = False

    def flush() -> None:
        if pending:
            if not skip:
                out.append(pending.decode(codec, errors="replace"))
            pending.clear()

    for match in _TOKEN.finditer(source):
        kind = "word" if match.group("word") is not None else match.lastgroup
        if kind == "hex":
            if to_skip:
                to_skip -= 1
            elif not skip:
                pending.append(int(match.group("hex"), 16))
            first_in_group = False
            continue
        flush()
        if kind == "open":
            stack.append((skip, uc))
            first_in_group, star = True, False
            continue
        if kind == "close":
            skip, uc = stack.pop() if stack else (False, 1)
            to_skip = 0
            first_in_group = False
            continue
        if kind == "newline":
            continue
        if kind == "symbol":
            symbol = match.group("symbol")
            if symbol == "*" and first_in_group:
                star = True
                continue
            if to_skip:
                to_skip -= 1
            elif not skip and symbol in _SYMBOLS:
                out.append(_SYMBOLS[symbol])
            first_in_group = False
            continue
        if kind == "word":
            word, arg = match.group("word"), match.group("arg")
            if first_in_group and (star or word in _SKIPPED):
                skip = True
            first_in_group = False
            star = False
            if word == "ansicpg" and arg:
                codec = _codec(int(arg))
            elif word == "uc" and arg:
                uc = max(0, int(arg))
            elif word == "u" and arg:
                value = int(arg)
                if not skip:
                    out.append(chr(value + 65536 if value < 0 else value))
                to_skip = uc
            elif not skip and word in _WORDS:
                out.append(_WORDS[word])
            continue
        text = match.group("text")
        first_in_group = False
        if to_skip:
            dropped = min(to_skip, len(text))
            text, to_skip = text[dropped:], to_skip - dropped
        if not skip:
            out.append(text)
    flush()
    return "".join(out)
