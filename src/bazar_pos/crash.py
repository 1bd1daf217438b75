"""When something fails that no refusal foresaw: one line for the person, the details in a file.

The CLI and the TUI both end up here, so a vendor never reads a traceback: they read what failed
and where the log is, and hand that file to whoever helps them.
"""

from __future__ import annotations

import platform
import tempfile
import traceback
from datetime import datetime
from pathlib import Path

from bazar_pos import config
from bazar_pos.i18n import t

EXIT_CODE = 70  # sysexits EX_SOFTWARE: a script can tell a crash from a refusal (2)


def record(exc: BaseException, what: str) -> Path | None:
    """Write `crash-YYYYmmdd-HHMMSS.log` in the data folder (or the temp folder); None if neither."""
    from bazar_pos import __version__

    stamp = datetime.now().strftime(
        "%Y%m%d-%H%M%S"
    )  # the wall clock: BAZAR_POS_NOW may be the fault
    body = (
        f"bazar-pos {__version__}, Python {platform.python_version()}, {platform.platform()}\n"
        f"{what}\n\n" + "".join(traceback.format_exception(exc))
    )
    for folder in (config.home(), Path(tempfile.gettempdir())):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = _free_name(folder, f"crash-{stamp}")
            path.write_text(body, encoding="utf-8")
            return path
        except OSError:
            continue
    return None


def _free_name(folder: Path, stem: str) -> Path:
    path, n = folder / f"{stem}.log", 1
    while path.exists():
        n += 1
        path = folder / f"{stem}-{n}.log"
    return path


def line(what: str, exc: BaseException, log: Path | None) -> str:
    """One line naming what failed and where the details are."""
    detail = " ".join(str(exc).split())[:160]
    cause = f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__
    where = t("crash.details_are_in", log=log) if log else t("crash.the_crash_log_could_not")
    return t("crash.unexpected_failure_in", what=what, cause=cause, where=where)
