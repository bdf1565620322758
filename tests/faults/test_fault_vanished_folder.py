"""The library's folder removed or renamed while the library is open (a
synchronised folder, a USB disk pulled out, a clean-up by hand): the next
change raises a kzreader error saying that it could not be saved -- never
another exception, and never a change that seems saved but is not -- and
closing the library afterwards raises nothing else either. A renamed folder
still opens where it went, with what was saved before and nothing of the
refused change."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import fault_state
import pytest

from kzreader.core.errors import KzreaderError
from kzreader.core.library import Library

pytestmark = pytest.mark.faults

NOT_SAVED = re.compile(r"could not be saved", re.IGNORECASE)

WRITES: dict[str, Callable[[Library, Path], object]] = {
    "highlight": lambda lib, _data: lib.highlight(
        min(d.id for d in lib.documents()), quote="Kazakhstan", occurrence=3, tags=["Après"]
    ),
    "create tag": lambda lib, _data: lib.create_tag("Après/Disparition"),
    "undo": lambda lib, _data: lib.undo(),
    "import": lambda lib, data: lib.import_paths([data / "articles-small"]),
}


def vanish(folder: Path, how: str) -> Path | None:
    """Remove or rename ``folder``; where it went, if anywhere."""
    if how == "removed":
        shutil.rmtree(folder)
        return None
    moved = folder.with_name(folder.name + "-moved")
    folder.rename(moved)
    return moved


@pytest.mark.parametrize("write", list(WRITES))
@pytest.mark.parametrize("how", ["removed", "renamed"])
def test_a_change_after_the_folder_vanished(
    how: str, write: str, fault_setup_dir, fault_summary, tmp_path: Path
) -> None:
    folder = tmp_path / "lib"
    shutil.copytree(fault_setup_dir.base, folder)
    lib = Library(folder)
    lib.highlight(min(d.id for d in lib.documents()), quote="Kazakhstan", occurrence=2,
                  tags=["Avant/Disparition"])  # fmt: skip
    saved = fault_state.digest(folder / fault_state.DB_NAME)
    moved = vanish(folder, how)
    problems: list[str] = []
    message = ""
    try:
        WRITES[write](lib, fault_setup_dir.data)
        problems.append("the change seemed to be saved")
    except KzreaderError as exc:
        message = str(exc)
        if not NOT_SAVED.search(message):
            problems.append(f"the message does not say the change could not be saved: {message}")
    except Exception as exc:
        problems.append(f"{type(exc).__name__} instead of a kzreader error: {exc}")
    try:
        lib.close()
    except KzreaderError:
        pass
    except Exception as exc:
        problems.append(f"closing raised {type(exc).__name__}: {exc}")
    if moved is not None:
        if fault_state.integrity_problems(moved / fault_state.DB_NAME):
            problems.append("the moved library's database is damaged")
        elif fault_state.digest(moved / fault_state.DB_NAME) != saved:
            problems.append("the moved library does not hold exactly what was saved before")
    fault_summary.vanished.append({"case": f"{write}, folder {how}", "ok": not problems,
                                   "message": message, "problems": problems})  # fmt: skip
    assert not problems, "\n".join(problems)
