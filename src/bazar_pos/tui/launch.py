"""Start the booth app from the CLI without importing Textual until it is needed."""

from __future__ import annotations

from pathlib import Path


def run_booth_app(db: Path) -> None:
    from bazar_pos.tui.app import BoothApp

    BoothApp(db).run()
