"""What the quick start leaves out must not be missed: a theme change still restyles every
screen, and the catalog's first screen agrees with the full search built later."""

from __future__ import annotations

from pathlib import Path

from bazar_pos.booth import catalog, demo
from bazar_pos.booth.ledger import Ledger
from bazar_pos.tui.screens.kasir import LIST_CAP
from bazar_pos.tui.widgets.line_table import LineTable
from tests.tui.conftest import NOW, make_app, screen_text, type_in


async def test_a_theme_change_restyles_the_screen_in_front_and_the_next_one(
    demo_db: Path,
) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        dark = app.screen.styles.background
        app.theme = "textual-light"
        await pilot.pause()
        light = app.screen.styles.background
        assert light != dark
        await pilot.press("f2")  # Riwayat: its screen is first built after the change
        await pilot.pause()
        assert app.screen.name == "riwayat"
        assert app.screen.styles.background == light


async def test_the_first_screen_shows_what_the_full_search_shows(tmp_path: Path) -> None:
    """The first screen reads only the catalog's first rows and its names; the rows, the
    count and the SKU beside a repeated name are those of the whole catalog's search."""
    db = tmp_path / "booth.db"
    ledger = Ledger.open(db)
    demo.seed(ledger, now=NOW)
    rows = [
        {"sku": f"KUE-{i:03d}", "name": f"Kue {i % 40}", "price": "1000", "stock": "5"}
        for i in range(80)
    ]
    catalog.import_rows(ledger, rows, now=NOW)
    whole = catalog.ProductIndex.load(ledger)
    ledger.close()
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#products", LineTable)
        assert [p.sku for p in table.rows] == [p.sku for p in whole.search("", LIST_CAP)]
        text = screen_text(app)
        assert f"{LIST_CAP} pertama dari {len(whole.products)}" in text
        assert "Kue 0 · KUE-000" in text  # "Kue 0" is also KUE-040
        await type_in(pilot, "kue 39\r")  # the search, built now, finds both
        assert [ln.sku for ln in app.ctx.draft.lines] == ["KUE-039"]
