"""The timeline: how outlets cover the event over time. Bars per day or ISO
week stacked by outlet, of every article or of a tag's passages; the
articles without a date to the day are counted apart. Clicking a bar, a
segment, a legend item or the undated count asks (``filter_requested``) for
the library list to show those articles. The chart exports as PNG or SVG.

Loads run on a worker: when shown, and again on a change of the library
while shown (or when shown next, if it changed while hidden)."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from kzreader.core.errors import KzreaderError, NotFoundError
from kzreader.core.timeline import IMPRECISE, UNDATED, UNKNOWN, Timeline
from kzreader.gui.chart_widgets import OTHER, ChartHit, TimelineChart
from kzreader.gui.context import AppContext
from kzreader.gui.dialogs.export_dialog import last_folder, remember_folder, today, with_suffix
from kzreader.gui.panels.passage_item import LatestOnly, count_text
from kzreader.gui.panels.watch import Watch
from kzreader.gui.theme import set_warning

#: Tables whose changes the timeline shows.
WATCHED = frozenset({"documents", "passages", "passage_tags", "tags"})
SETTINGS_UNIT = "timeline_panel/unit"
SUFFIXES = (".png", ".svg")


class TimelinePanel(QWidget):
    """A tag chooser, a day/week switch, Export, the chart and a summary."""

    #: show these articles in the library list: (document ids, what they are)
    filter_requested = Signal(list, str)
    #: the chart shows a new timeline
    loaded = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.timeline: Timeline | None = None
        self._load = LatestOnly(ctx.workers, self)
        self._problem = ""
        self._plain_summary = ""

        self.show_label = QLabel(self)
        self.tag_combo = QComboBox(self)
        self.tag_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.tag_combo.setMinimumContentsLength(14)
        self.show_label.setBuddy(self.tag_combo)
        self.day_button = QRadioButton(self)
        self.week_button = QRadioButton(self)
        self.units = QButtonGroup(self)
        for button, unit in ((self.day_button, "day"), (self.week_button, "week")):
            button.setProperty("unit", unit)
            self.units.addButton(button)
        unit = str(ctx.settings.value(SETTINGS_UNIT, "day"))
        (self.week_button if unit == "week" else self.day_button).setChecked(True)
        self.export_button = QPushButton(self)
        self.chart = TimelineChart(self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)

        controls = QHBoxLayout()
        controls.setSpacing(6)
        controls.addWidget(self.show_label)
        controls.addWidget(self.tag_combo, 1)
        switch = QHBoxLayout()
        switch.setSpacing(8)
        switch.addWidget(self.day_button)
        switch.addWidget(self.week_button)
        controls.addLayout(switch)
        controls.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addLayout(controls)
        layout.addWidget(self.chart, 1)
        layout.addWidget(self.summary)

        self.watch = Watch(self, ctx.bridge, WATCHED, self.reload)
        self.retranslate()
        self.tag_combo.currentIndexChanged.connect(self.reload)
        self.units.buttonClicked.connect(self._unit_changed)
        self.export_button.clicked.connect(self.export_chart)
        self.chart.clicked.connect(self._clicked)
        self.summary.linkActivated.connect(lambda _: self._clicked(ChartHit("undated")))

    def retranslate(self) -> None:
        self.show_label.setText(self.tr("&Show:"))
        self.tag_combo.setToolTip(self.tr("Count every article, or the passages of a tag"))
        self.tag_combo.setAccessibleName(self.tr("What the timeline counts"))
        if not self.tag_combo.count():
            self.tag_combo.addItem("", None)
        self.tag_combo.setItemText(0, self.tr("All articles"))
        for i in range(1, self.tag_combo.count()):
            path = self.tag_combo.itemData(i)
            self.tag_combo.setItemText(i, self.tr("Passages tagged {tag}").format(tag=path))
        self.day_button.setText(self.tr("Days"))
        self.day_button.setToolTip(self.tr("One bar per day"))
        self.week_button.setText(self.tr("Weeks"))
        self.week_button.setToolTip(self.tr("One bar per week, Monday to Sunday"))
        self.export_button.setText(self.tr("&Export…"))
        self.export_button.setToolTip(self.tr("Save the chart as a PNG or SVG image"))
        self.chart.setAccessibleName(self.tr("Timeline of the articles by outlet"))
        self.chart.setToolTip("")
        self.summary.setAccessibleName(self.tr("Timeline summary"))
        self._show()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- loading ---------------------------------------------------------------------

    def unit(self) -> str:
        return "week" if self.week_button.isChecked() else "day"

    def tag(self) -> str | None:
        return self.tag_combo.currentData()

    def is_loading(self) -> bool:
        return self._load.pending

    def reload(self) -> None:
        self.watch.done()
        lib, unit, tag = self.ctx.library, self.unit(), self.tag()

        def work() -> tuple[Timeline, list[str]]:
            return lib.timeline(unit, tag), lib.tag_paths()

        self._load.run(work, self._loaded, self._failed)

    def _loaded(self, result: tuple[Timeline, list[str]]) -> None:
        timeline, paths = result
        self._problem = ""
        if not self._fill_tags(paths):
            return  # the tag went away meanwhile: every article is being loaded
        self.timeline = timeline
        self._show()
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, NotFoundError) and self.tag() is not None:
            self.tag_combo.setCurrentIndex(0)  # the tag went away: every article again
            return
        self._problem = (
            str(exc)
            if isinstance(exc, KzreaderError)
            else self.tr("The timeline could not be loaded: {error}").format(error=exc)
        )
        self.timeline = None
        self._show()

    def _fill_tags(self, paths: list[str]) -> bool:
        """Refill the tag chooser; False when its choice went away (every
        article is then loaded)."""
        current = self.tag()
        self.tag_combo.blockSignals(True)
        while self.tag_combo.count() > 1:
            self.tag_combo.removeItem(1)
        for path in paths:
            self.tag_combo.addItem(self.tr("Passages tagged {tag}").format(tag=path), path)
        found = self.tag_combo.findData(current) if current is not None else 0
        self.tag_combo.setCurrentIndex(max(0, found))
        self.tag_combo.blockSignals(False)
        if current is not None and found < 0:
            self.reload()
            return False
        return True

    def _unit_changed(self) -> None:
        self.ctx.settings.setValue(SETTINGS_UNIT, self.unit())
        self.reload()

    # -- showing ----------------------------------------------------------------------

    def chart_title(self) -> str:
        t = self.timeline
        if t is None:
            return ""
        if t.tag is None:
            return (
                self.tr("Articles per week, by outlet")
                if t.unit == "week"
                else self.tr("Articles per day, by outlet")
            )
        template = (
            self.tr("Passages tagged {tag} per week, by outlet")
            if t.unit == "week"
            else self.tr("Passages tagged {tag} per day, by outlet")
        )
        return template.format(tag=t.tag)

    def _show(self) -> None:
        t = self.timeline
        empty = (
            self.tr("No article has a date yet.")
            if t is None or t.tag is None
            else self.tr("No passage tagged {tag} is in a dated article.").format(tag=t.tag)
        )
        self.chart.set_timeline(t, self.chart_title(), empty)
        self.export_button.setEnabled(t is not None and bool(t.buckets))
        if self._problem or t is None:
            self.summary.setText(html.escape(self._problem))
            set_warning(self.summary, bool(self._problem), self.palette())
            return
        set_warning(self.summary, False, self.palette())
        one, many = (
            (self.tr("{n} article"), self.tr("{n} articles"))
            if t.tag is None
            else (self.tr("{n} passage"), self.tr("{n} passages"))
        )
        text = html.escape(count_text(t.total, one, many))
        if t.buckets:
            first, last = t.buckets[0], t.buckets[-1]
            text = self.tr("{count} from {first} to {last}").format(
                count=text, first=first, last=last
            )
        plain = text
        apart = t.undated_total + t.imprecise_total
        if apart:
            link = count_text(apart, self.tr("{n} undated"), self.tr("{n} undated"))
            text += f" · <a href='undated'>{html.escape(link)}</a>"
            plain += f" · {link}"
            if t.imprecise_total:
                more = " " + self.tr("({n} dated to the month or year only)").format(
                    n=t.imprecise_total
                )
                text, plain = text + html.escape(more), plain + more
        self._plain_summary = plain
        if t.buckets:
            text += " · " + self.tr("click a bar to list its articles")
        self.summary.setText(text)

    # -- filtering the library list -----------------------------------------------------

    def _outlet_name(self, key: str) -> str:
        if key == UNKNOWN:
            return self.tr("unknown outlet")
        series = self.chart.series_of(key)
        return series.label if series is not None else key

    def selection(self, hit: ChartHit) -> tuple[list[int], str]:
        """The articles a click on ``hit`` stands for, and what to call them."""
        t = self.timeline
        if t is None:
            return [], ""
        series = self.chart.series_of(hit.series) if hit.series is not None else None
        outlets = series.outlets if series is not None else None
        if hit.kind == "undated":
            ids = t.document_ids(buckets=[UNDATED, IMPRECISE])
            label = self.tr("undated")
        elif hit.kind == "legend":
            ids = t.document_ids(outlets=outlets, buckets=t.buckets)
            label = self._outlet_name(hit.series or "")
        else:
            buckets = self.chart.groups[hit.bar]
            period = self.chart.period(hit.bar)
            if hit.kind == "segment":
                ids = t.document_ids(outlets=outlets, buckets=buckets)
                label = self.tr("{outlet}, {period}").format(
                    outlet=self._outlet_name(hit.series or ""), period=period
                )
            else:
                ids = t.document_ids(buckets=buckets)
                label = period
        if t.tag is not None:
            label = self.tr("{tag}: {what}").format(tag=t.tag, what=label)
        if hit.series == OTHER and hit.kind != "legend" and series is not None:
            label += f" ({', '.join(series.outlets)})"
        return ids, label

    def _clicked(self, hit: ChartHit) -> None:
        ids, label = self.selection(hit)
        if ids:
            self.filter_requested.emit(ids, label)

    # -- export -----------------------------------------------------------------------

    def ask_export_path(self) -> Path | None:
        """The image file to write, from a save dialog (None when cancelled)."""
        png, svg = self.tr("PNG image (*.png)"), self.tr("SVG image (*.svg)")
        name = f"kzreader-timeline-{today()}.png"
        chosen, chosen_filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Export the Timeline"),
            str(last_folder(self.ctx.settings) / name),
            f"{png};;{svg}",
        )
        if not chosen:
            return None
        suffix = Path(chosen).suffix.lower()
        if suffix not in SUFFIXES:
            suffix = ".svg" if chosen_filter == svg else ".png"
        return with_suffix(chosen, suffix)[0]

    def export_chart(self) -> Path | None:
        path = self.ask_export_path()
        if path is None:
            return None
        try:
            return self.export_to(path)
        except (KzreaderError, OSError) as exc:
            self.show_error(str(exc))
            return None

    def export_to(self, path: Path) -> Path:
        """Write the chart to ``path``, PNG or SVG by its suffix; refuses a
        file inside the library's folder (``KzreaderError``)."""
        path = Path(path)
        self.ctx.library.check_output(path, "image")
        suffix = path.suffix.lower()
        if suffix not in SUFFIXES:
            raise KzreaderError(self.tr("Save the chart as a .png or .svg file."))
        if suffix == ".svg":
            self.chart.write_svg(str(path), self.chart_title(), self._plain_summary)
            if not path.is_file():
                raise OSError(self.tr("{name} could not be written").format(name=path.name))
        elif not self.chart.image().save(str(path), "PNG"):
            raise OSError(self.tr("{name} could not be written").format(name=path.name))
        remember_folder(self.ctx.settings, path)
        return path

    def show_error(self, text: str) -> None:
        if isValid(self):
            QMessageBox.warning(self, self.tr("Export the Timeline"), text[:1].upper() + text[1:])
