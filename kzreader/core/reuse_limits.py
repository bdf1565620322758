"""Reuse detection's lengths and scopes, apart from its computation: the
desktop app reads them while it builds its window, and the modules that
compute (with numpy, 0.4 s to import) are imported when detection runs."""

#: Fewest words matched for a passage pair to be reported.
MIN_WORDS = 12
#: Fewest words of an alignment kept in the library: queries filter the rest
#: by their own length, which cannot be shorter.
STORE_MIN_WORDS = 8
#: Which pairs a query keeps: all, across outlets, within one outlet.
SCOPES = ("all", "across", "within")
