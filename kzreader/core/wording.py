"""Small helpers for the English sentences the core and the command line
write (the desktop app translates its own)."""

from __future__ import annotations


def plural(n: int, singular: str, many: str | None = None) -> str:
    """``n`` with the noun phrase that fits it: ``plural(1, "passage")`` is
    "1 passage", ``plural(3, "passage")`` "3 passages"; give ``many`` when
    the plural is not the singular with an s ("operation was", "operations
    were")."""
    return f"{n} {singular if n == 1 else (many if many is not None else singular + 's')}"
