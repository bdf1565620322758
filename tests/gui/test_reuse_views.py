"""The Reuse dock's other lists: a passage taken up by four outlets is one
entry with its first appearance, a quotation carried by three articles is one
entry telling who changed its wording, and the outlet filter narrows every
list."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from kzreader.core.library import Library
from kzreader.gui.context import AppContext
from kzreader.gui.dialogs.compare_dialog import CompareDialog
from kzreader.gui.panels.reuse_items import ClusterRow, QuoteRow
from kzreader.gui.panels.reuse_panel import ReusePanel

pytest.importorskip("numpy")

PASSAGE = (
    "Le secrétaire général de l’OTSC, Stanislav Zas, a déclaré que le retrait des forces "
    "collectives de maintien de la paix commencerait jeudi et se poursuivrait pendant dix "
    "jours, avant que les autorités kazakhes reprennent seules le contrôle des sites gardés."
)
SAID = "Nous ne resterons pas un jour de plus que nécessaire au Kazakhstan"
REWORDED = "Nous ne resterons pas une heure de plus que nécessaire au Kazakhstan"
#: site, day (None: undated), passage, quotation
ARTICLES = [
    ("rfi.fr", "20220106", PASSAGE, SAID),
    ("france24.com", "20220107", PASSAGE.replace("jeudi", "vendredi"), SAID),
    ("lefigaro.fr", "20220108", PASSAGE, REWORDED),
    ("lemonde.fr", "20220109", PASSAGE, None),
]


def filler(seed: str, words: int) -> str:
    """Words of no language, different for each seed: nothing to match."""
    rng = random.Random(seed)
    return " ".join(
        "".join(rng.choice("bcdfgklmnprstvz") + rng.choice("aeiou") for _ in range(3))
        for _ in range(words)
    )


def article(site: str, day: str | None, passage: str, said: str | None) -> str:
    """A page whose header gives the outlet's address (and so its name) and day."""
    header = f" date {day[:4]}-{day[4:6]} " if day else " "
    url = f"https://www.{site}/international/{day or 'sans-date'}-kazakhstan"
    quote = f" Le général a prévenu\u00a0: «\u00a0{said}\u00a0». " if said else " "
    return (
        f"{header}{url}\n\nTitre de l’article de {site}\n\n"
        f"{filler(site + '1', 30)}. {passage}{quote}{filler(site + '2', 30)}.\n"
    )


@pytest.fixture
def reused(qapp, tmp_path: Path) -> Iterator[AppContext]:
    folder = tmp_path / "in"
    folder.mkdir()
    for site, day, passage, said in ARTICLES:
        (folder / f"{site}.txt").write_text(article(site, day, passage, said), "utf-8")
    with Library(tmp_path / "lib") as lib:
        lib.import_paths([folder])
        settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        context = AppContext(lib, settings)
        yield context
        context.close()


@pytest.fixture
def panel(qtbot, reused: AppContext) -> ReusePanel:
    widget = ReusePanel(reused)
    qtbot.addWidget(widget)
    widget.resize(460, 640)
    widget.show()
    qtbot.waitUntil(lambda: bool(widget.rows) and not widget.is_busy(), timeout=60_000)
    return widget


def outlet_names(infos) -> list[str]:
    return [info.source for info in infos]


def test_a_passage_four_outlets_share_is_one_entry_with_its_first_appearance(
    qtbot, panel: ReusePanel
) -> None:
    assert len(panel.rows) == 6  # every pair of the four articles
    (row,) = panel.cluster_rows
    assert isinstance(row, ClusterRow)
    assert outlet_names(row.infos)[0] == "RFI"  # in order of publication
    assert outlet_names(row.infos)[-1] == "Le Monde"
    assert row.first is not None and row.first.source == "RFI"
    assert PASSAGE[:60] in row.snippet
    headline, details = panel.describe(row)
    assert headline.startswith("RFI → ") and "Le Monde" in headline
    assert "4 articles" in details and "first in RFI on 2022-01-06" in details
    assert "1 passage shared by three articles or more" in panel.status.text()
    panel.tabs.setCurrentIndex(1)
    assert panel.stack.currentWidget() is panel.clusters_view
    assert panel.clusters_view.count() == 1
    # activating it compares the first appearance with its longest partner
    best = row.best_pair()
    assert "RFI" in (best.a.source, best.b.source)
    panel.clusters_view.setCurrentRow(0)
    panel._activated(panel.clusters_view.item(0))
    dialog = panel.dialogs[-1]
    qtbot.addWidget(dialog)
    assert isinstance(dialog, CompareDialog) and dialog.row is best


def test_a_quotation_three_articles_carry_tells_who_changed_it(
    qtbot, panel: ReusePanel, reused: AppContext
) -> None:
    with qtbot.waitSignal(panel.quotes_listed, timeout=60_000) as listed:
        panel.tabs.setCurrentIndex(2)
    assert listed.args == [1]
    (row,) = panel.quote_rows
    assert isinstance(row, QuoteRow)
    assert outlet_names(row.infos) == ["RFI", "France 24", "Le Figaro"]
    assert row.snippet == SAID
    assert outlet_names(row.changed) == ["Le Figaro"]
    headline, details = panel.describe(row)
    assert headline == "Quoted by 3 articles: RFI, France 24, Le Figaro"
    assert "first in RFI on 2022-01-06" in details and "wording changed by Le Figaro" in details
    assert "1 quotation in two articles or more" in panel.status.text()
    assert REWORDED in panel.quotes_view.item(0).toolTip()
    # opening the first appearance marks the quotation in its article
    opened = []
    reused.navigator.open_ranges.connect(lambda doc, ranges: opened.append((doc, ranges)))
    panel.open_quote(row, 0)
    ((doc, ((start, end),)),) = opened
    assert reused.library.document(doc).text[start:end] == SAID


def test_the_outlet_filter_narrows_every_list(qtbot, panel: ReusePanel) -> None:
    with qtbot.waitSignal(panel.quotes_listed, timeout=60_000):
        panel.tabs.setCurrentIndex(2)
    outlets = [panel.outlet.itemData(i) for i in range(panel.outlet.count())]
    assert outlets == ["*", "France 24", "Le Figaro", "Le Monde", "RFI"]
    with qtbot.waitSignal(panel.listed) as listed:
        panel.outlet.setCurrentIndex(panel.outlet.findData("Le Monde"))
    assert listed.args == [3]  # lemonde's pairs with the three others
    assert all("Le Monde" in (r.a.source, r.b.source) for r in panel.rows)
    assert len(panel.cluster_rows) == 1 and panel.quote_rows == []
    assert "No quotation" in panel.status.text()
    assert panel.view.count() == 3 and panel.quotes_view.count() == 0
    panel.outlet.setCurrentIndex(0)
    assert len(panel.rows) == 6 and len(panel.quote_rows) == 1


def test_the_list_chosen_is_remembered(qtbot, reused: AppContext) -> None:
    first = ReusePanel(reused)
    qtbot.addWidget(first)
    first.tabs.setCurrentIndex(1)
    second = ReusePanel(reused)
    qtbot.addWidget(second)
    assert second.current_view() == "clusters" and second.stack.currentIndex() == 1
