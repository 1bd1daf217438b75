"""Start the booth app from the CLI without importing Textual until it is needed."""

from __future__ import annotations

from pathlib import Path


def run_booth_app(db: Path) -> int:
    """The app's exit code: 0, or 70 after the app's guard ended it (the line is printed)."""
    from bazar_pos.tui.app import make_booth_app

    app = make_booth_app(db)
    app.run()
    return app.return_code or 0
