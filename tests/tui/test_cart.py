"""The cart is a reactive on Kasir: whatever sets it, its watcher draws every figure, and a
cart a rule refuses is never taken."""

from __future__ import annotations

from pathlib import Path

from bazar_pos.booth.cart import Cart
from bazar_pos.booth.models import CartLine
from bazar_pos.tui.screens.kasir import KasirScreen
from tests.tui.conftest import make_app, screen_text, settle


async def test_setting_the_cart_draws_it_and_a_refused_one_keeps_the_old(demo_db: Path) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        kasir = app.screen
        assert isinstance(kasir, KasirScreen)
        kasir.cart = Cart([CartLine("NST-250", 2)])
        await pilot.pause()
        assert "2 barang · Rp110.000" in screen_text(app)
        assert [(ln.sku, ln.qty) for ln in app.ctx.draft.lines] == [("NST-250", 2)]
        kasir.cart = Cart([CartLine("NST-250", 999)])  # more than the 24 in stock
        await pilot.pause()
        assert kasir.refusal is not None
        assert "2 barang · Rp110.000" in screen_text(app)
        assert [(ln.sku, ln.qty) for ln in kasir.cart.lines] == [("NST-250", 2)]
        await pilot.press("f8", "enter")  # the keys see the reactive too: Kosongkan empties it
        await settle(pilot)
        assert not kasir.cart.lines and "Kosong" in screen_text(app)
