"""Light and dark themes (following the system unless the user chose), icons
drawn in the theme's colours, and the reader's typography."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QSize, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QApplication, QWidget

from kzreader.core.tags import untagged_color
from kzreader.paths import resources_dir

READER_FAMILIES = ["Source Serif 4", "Source Serif Pro", "Charter", "Georgia", "Cambria",
                   "Noto Serif", "DejaVu Serif", "Liberation Serif", "serif"]  # fmt: skip
#: The reader's column never grows wider than this many pixels of text.
READER_MAX_WIDTH = 720


def system_is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    scheme = getattr(hints, "colorScheme", None)
    if scheme is not None:
        return scheme() == Qt.ColorScheme.Dark
    return QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128


def resolve(choice: str) -> str:
    """``light`` or ``dark`` for a setting of ``system``, ``light`` or ``dark``."""
    if choice in ("light", "dark"):
        return choice
    return "dark" if system_is_dark() else "light"


def _palette(dark: bool) -> QPalette:
    pal = QPalette()
    if dark:
        colors = {
            QPalette.ColorRole.Window: "#202327",
            QPalette.ColorRole.WindowText: "#e3e5e8",
            QPalette.ColorRole.Base: "#181a1d",
            QPalette.ColorRole.AlternateBase: "#23262b",
            QPalette.ColorRole.Text: "#e3e5e8",
            QPalette.ColorRole.Button: "#2a2e33",
            QPalette.ColorRole.ButtonText: "#e3e5e8",
            QPalette.ColorRole.Highlight: "#3d6fa8",
            QPalette.ColorRole.HighlightedText: "#ffffff",
            QPalette.ColorRole.ToolTipBase: "#2a2e33",
            QPalette.ColorRole.ToolTipText: "#e3e5e8",
            QPalette.ColorRole.PlaceholderText: "#8a9099",
            QPalette.ColorRole.Link: "#7fb2ec",
            QPalette.ColorRole.Mid: "#3a3f45",
            QPalette.ColorRole.Midlight: "#33383e",
            QPalette.ColorRole.Dark: "#121416",
        }
    else:
        colors = {
            QPalette.ColorRole.Window: "#f3f4f6",
            QPalette.ColorRole.WindowText: "#1f2328",
            QPalette.ColorRole.Base: "#ffffff",
            QPalette.ColorRole.AlternateBase: "#f6f7f9",
            QPalette.ColorRole.Text: "#1f2328",
            QPalette.ColorRole.Button: "#f7f8fa",
            QPalette.ColorRole.ButtonText: "#1f2328",
            QPalette.ColorRole.Highlight: "#2f6db5",
            QPalette.ColorRole.HighlightedText: "#ffffff",
            QPalette.ColorRole.ToolTipBase: "#fffdf5",
            QPalette.ColorRole.ToolTipText: "#1f2328",
            QPalette.ColorRole.PlaceholderText: "#8a9099",
            QPalette.ColorRole.Link: "#1f5fa8",
            QPalette.ColorRole.Mid: "#c9ced6",
            QPalette.ColorRole.Midlight: "#e1e4e8",
            QPalette.ColorRole.Dark: "#9aa1ab",
        }
    for role, value in colors.items():
        pal.setColor(role, QColor(value))
    disabled = QColor("#6b7078" if dark else "#a0a6ae")
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.ButtonText,
    ):
        pal.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return pal


def apply(app: QApplication, choice: str) -> str:
    """Apply the theme for ``choice``; returns ``light`` or ``dark``."""
    mode = resolve(choice)
    app.setStyle("Fusion")
    app.setPalette(_palette(mode == "dark"))
    icon.cache_clear()
    return mode


def is_dark() -> bool:
    return QGuiApplication.palette().color(QPalette.ColorRole.Base).lightness() < 128


@cache
def icon(name: str, size: int = 24) -> QIcon:
    """An icon from ``resources/icons``, drawn in the palette's text colour."""
    path = resources_dir() / "icons" / f"{name}.svg"
    try:
        svg = path.read_text("utf-8")
    except OSError:
        return QIcon()
    from PySide6.QtSvg import QSvgRenderer

    color = QGuiApplication.palette().color(QPalette.ColorRole.WindowText).name()
    out = QIcon()
    for mode, tint in ((QIcon.Mode.Normal, color), (QIcon.Mode.Disabled, "#9aa1ab")):
        renderer = QSvgRenderer(QByteArray(svg.replace("currentColor", tint).encode("utf-8")))
        for scale in (1, 2):
            pixmap = QPixmap(QSize(size * scale, size * scale))
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            renderer.render(painter)
            painter.end()
            pixmap.setDevicePixelRatio(scale)
            out.addPixmap(pixmap, mode)
    return out


def set_warning(widget: QWidget, warning: bool, base: QPalette) -> None:
    """Give ``widget`` the text colour of ``base``, or a soft warning colour
    readable on its window colour."""
    palette = QPalette(base)
    if warning:
        dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
        palette.setColor(QPalette.ColorRole.WindowText, QColor("#f0b35a" if dark else "#a0520b"))
    widget.setPalette(palette)


def app_icon() -> QIcon:
    return QIcon(str(resources_dir() / "icons" / "app.svg"))


def reader_font(point_size: float = 12.5) -> QFont:
    font = QFont()
    font.setFamilies(READER_FAMILIES)
    font.setPointSizeF(point_size)
    font.setStyleHint(QFont.StyleHint.Serif)
    return font


def passage_color(tags: list[str], own: str | None, tag_colors: dict[str, str]) -> QColor:
    """The colour a passage is painted in: its own, else its first tag's."""
    if own:
        return QColor(own)
    for path in tags:
        color = tag_colors.get(path)
        if color:
            return QColor(color)
    return QColor(untagged_color(tag_colors.values()))
