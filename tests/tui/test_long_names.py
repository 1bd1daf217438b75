"""Long product names at 80 columns: a cut never hides what tells two products apart."""

from __future__ import annotations

from pathlib import Path

import pytest

from bazar_pos.booth import catalog
from bazar_pos.booth.ledger import Ledger
from bazar_pos.tui.widgets.line_table import Names, fit_apart
from tests.tui.conftest import NOW, make_app, screen_text, type_in

SHIRTS = [
    {"sku": "BTK-LM", "name": "Kemeja Batik Pria L/M", "price": "150000", "stock": "5"},
    {"sku": "BTK-XL", "name": "Kemeja Batik Pria XL", "price": "165000", "stock": "5"},
]


def test_a_cut_keeps_the_word_where_names_part() -> None:
    others = Names(["Kemeja Batik Pria L/M", "Kemeja Batik Pria XL", "Kerupuk"])
    assert fit_apart("Kemeja Batik Pria L/M", 18, others).endswith("…L/M")
    assert fit_apart("Kemeja Batik Pria XL", 18, others).endswith("…XL")
    assert fit_apart("Kemeja Batik Pria XL", 30, others).rstrip() == "Kemeja Batik Pria XL"
    assert fit_apart("Kemeja Batik Cap Ondel-ondel", 20, others) == "Kemeja Batik Cap On…"


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_two_sizes_of_one_shirt_stay_apart_in_list_and_cart(
    demo_db: Path, size: tuple[int, int]
) -> None:
    ledger = Ledger.open(demo_db)
    catalog.import_rows(ledger, SHIRTS, now=NOW)
    ledger.close()
    app = make_app(demo_db)
    async with app.run_test(size=size) as pilot:
        await type_in(pilot, "kemeja batik pria")
        lines = screen_text(app).splitlines()
        listed = [ln for ln in lines if "Kemeja Batik" in ln]
        assert any("L/M" in ln for ln in listed) and any("XL" in ln for ln in listed)
        await pilot.press("escape")
        await type_in(pilot, "BTK-LM\r")
        cart = [ln.split("▊")[-1] for ln in screen_text(app).splitlines()]
        assert any("L/M" in ln for ln in cart if "Kemeja" in ln)  # alone, still which one
        await type_in(pilot, "BTK-XL\r")
        text = screen_text(app)
        cart = [ln.split("▊")[-1] for ln in text.splitlines() if "Kemeja" in ln.split("▊")[-1]]
        assert len(cart) == 2, text
        assert "L/M" in cart[0] and "XL" in cart[1], text
        if size == (120, 40):  # the room shows the whole names, uncut
            assert "Kemeja Batik Pria L/M" in cart[0] and "Kemeja Batik Pria XL" in cart[1]
