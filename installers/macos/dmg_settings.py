"""dmgbuild settings for kzreader's disk image: the app and a link to
/Applications side by side, so that installing is one drag.

installers/build.py calls ``dmgbuild.build_dmg`` with this file and
``defines={"app": <path of kzreader.app>, "icon": <kzreader.icns>}``;
dmgbuild runs it with ``defines`` among its globals.
"""
# ruff: noqa: F821  (``defines`` is given by dmgbuild)

from pathlib import Path

application = defines["app"]
app_name = Path(application).name

# compressed with LZFSE (macOS 10.11 and later): smaller than zlib's UDZO
format = "ULFO"
filesystem = "APFS"
size = None  # as large as the contents need

files = [application]
symlinks = {"Applications": "/Applications"}
icon = defines["icon"]  # the volume's icon in the Finder

show_status_bar = False
show_tab_view = False
show_toolbar = False
show_pathbar = False
show_sidebar = False
window_rect = ((200, 200), (600, 320))
default_view = "icon-view"
icon_size = 128
text_size = 13
arrange_by = None
icon_locations = {app_name: (150, 140), "Applications": (450, 140)}
