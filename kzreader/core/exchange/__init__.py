"""Exchanging a library's work with other tools and people: REFI-QDA
projects and codebooks, W3C Web Annotations, CSV, Markdown and HTML reports.

Each format lives in its own module and works on an open ``Library``; the
façade's ``export`` and ``import_project`` methods are how the command line
and the app reach them.
"""
