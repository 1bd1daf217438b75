"""Issue 12: every rule of money decided once, in the domain, and every place shows it the same.

The cart and its percent discount, the one `SKU[:QTY]` grammar, sale numbers held for a QRIS code,
checkout that records only the code made for this sale, and refusals before any code is shown.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from bazar_pos import money
from bazar_pos.booth import catalog, close, qris_setting, sales, validate
from bazar_pos.booth.cart import Cart, parse_discount
from bazar_pos.booth.demo import DEMO_QRIS
from bazar_pos.booth.ledger import Ledger, verify
from bazar_pos.booth.models import CartLine, PaymentPart
from bazar_pos.errors import BazarError, InvalidInput
from bazar_pos.payments import parse_qris
from bazar_pos.services import receipts, selling
from tests.conftest import DAY, NOW, Cli, new_booth

# -- the one SKU[:QTY] grammar ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [("KRP-250", ("KRP-250", 1)), ("krp-250:2", ("KRP-250", 2)), (" NST-250:10 ", ("NST-250", 10))],
)
def test_item_grammar_reads_sku_and_quantity(text: str, expected: tuple[str, int]) -> None:
    assert validate.item(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        *("KRP-03: 2", "KRP-03 :2", "KRP-03:1_0", "KRP-03:+2", "KRP-03:٣", "KRP-03:２"),
        *("KRP-03:0", "KRP-03:", "KRP-03:2:3", ":2", "", "KRP-03:-1", "KRP-03:1.5"),
        "KRP-03:100001",
    ],
)
def test_item_grammar_refuses_anything_but_ascii_digits_at_least_one(text: str) -> None:
    with pytest.raises(InvalidInput) as err:
        validate.item(text)
    assert err.value.message("id") != err.value.message("en")  # a message in each language
    assert "\n" not in err.value.message("id")


def test_stock_count_items_may_say_zero_and_sum_repeats() -> None:
    assert validate.item_counts(["NST-250:0, KST-250:2", "KST-250:1"], allow_zero=True) == {
        "NST-250": 0,
        "KST-250": 3,
    }
    with pytest.raises(InvalidInput):
        validate.item_counts(["NST-250:0"])


@pytest.mark.parametrize(
    ("args", "en_text"),
    [
        (["sell", "NST-250: 2"], "digits 0-9 only"),
        (["sell", "NST 250"], "Invalid item"),
        (["sell", "NST-250:1_0"], "digits 0-9 only"),
        (["sell", "NST-250:+2"], "digits 0-9 only"),
        (["refund", "CP07-260320-0001", "NST-250:٢", "--reason", "x"], "digits 0-9 only"),
        (["close", "--cash-counted", "0", "--count", "NST-250:x"], "digits 0-9 only"),
        (["sell", "NST-250:2", "--discount", "150%"], "over 100%"),
        (["sell", "NST-250:2", "--discount", "10.555%"], "Invalid percent discount"),
        (["sell", "NST-250", "--discount", "60000"], "exceeds the sale total"),
    ],
)
def test_cli_refuses_bad_items_and_discounts_in_one_english_line(
    cli: Cli, args: list[str], en_text: str
) -> None:
    cli.setup_booth()
    cli("sell", "NST-250", "--pay", "cash")
    before = cli("verify", "--json").json()["entries"]
    r = cli("--lang", "en", *args)
    assert r.exit_code == 2, r.stdout
    assert en_text in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert cli("verify", "--json").json()["entries"] == before


# -- the cart and its discounts ---------------------------------------------------------------


def test_percent_discount_applies_after_line_discounts_rounded_down(ledger: Ledger) -> None:
    cart = Cart([CartLine("NST-250", 2, 5_000), CartLine("KST-250", 1)], parse_discount("12.5%"))
    q = sales.quote(ledger, cart)
    base = 2 * 55_000 - 5_000 + 60_000
    assert (q.subtotal, q.line_discounts, q.discount) == (170_000, 5_000, base * 125 // 1000)
    assert q.total == base - q.discount and q.discount_label == "12.5%"
    odd = sales.quote(ledger, Cart([CartLine("RMP-100", 1)], "33.33%"))  # 12,000 x 33.33%
    assert odd.discount == 3_999  # 3,999.6 rounded down: never more than the stated percent


@pytest.mark.parametrize("text", ["100.01%", "150%", "1000%", "-5%", "10.555%", "abc%", "%"])
def test_percent_over_100_or_malformed_is_refused_never_capped(text: str) -> None:
    with pytest.raises(InvalidInput):
        parse_discount(text)


def test_full_percent_is_allowed_and_a_rupiah_over_the_total_is_refused(ledger: Ledger) -> None:
    assert sales.quote(ledger, Cart([CartLine("NST-250")], "100%")).total == 0
    with pytest.raises(InvalidInput, match="melebihi total"):
        sales.quote(ledger, Cart([CartLine("NST-250")], 55_001))


def test_cart_merges_lines_and_keeps_the_percent_as_the_cart_grows(ledger: Ledger) -> None:
    cart = Cart(discount=parse_discount("10%"))
    cart.add("NST-250")
    cart.add("NST-250", 2)
    assert cart.lines == [CartLine("NST-250", 3)]
    assert sales.quote(ledger, cart).discount == 16_500
    cart.add("KST-250")
    assert sales.quote(ledger, cart).discount == 22_500
    cart.set_qty(0, 0)
    cart.remove(0)
    assert cart.lines == [] and not cart.discount


def test_cli_sell_takes_a_percent_discount(cli: Cli) -> None:
    cli.setup_booth()
    r = cli("sell", "NST-250:2", "--discount", "10%", "--pay", "cash", "--json")
    assert r.exit_code == 0, r.stderr
    assert r.json()["total"] == 99_000 and r.json()["discount"] == 11_000


discounts = st.one_of(
    st.integers(0, 20_000),
    st.builds(lambda w, f: f"{w}.{f}%" if f else f"{w}%", st.integers(0, 100), st.integers(0, 99)),
)
carts = st.tuples(
    st.lists(
        st.tuples(
            st.sampled_from(["NST-250", "KST-250", "RMP-100", "KPT-100", "SRP-CPD"]),
            st.integers(1, 3),
            st.sampled_from([0, 0, 500, 2_000, 12_000]),
        ),
        min_size=1,
        max_size=5,
    ),
    discounts,
)


def _receipt_sums(path: Path) -> tuple[int, int, int, int]:
    """Read the paper back: (lines less their discounts, printed subtotal, sale discount, total)."""
    rows = PdfReader(path).pages[0].extract_text().splitlines()
    lines = subtotal = sale_discount = total = 0
    seen_subtotal = False
    for i, row in enumerate(rows):
        if " x Rp" in row:
            lines += money.parse(rows[i + 1])
        elif row == "Diskon":
            lines -= money.parse(rows[i + 1].lstrip("-"))
        elif row == "Subtotal":
            subtotal, seen_subtotal = money.parse(rows[i + 1]), True
        elif row == "Diskon belanja":
            sale_discount = money.parse(rows[i + 1].lstrip("-"))
        elif row == "TOTAL":
            total = money.parse(rows[i + 1])
    return lines, subtotal if seen_subtotal else lines, sale_discount, total


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(carts)
def test_random_carts_quote_equals_sale_and_the_printed_receipt_adds_up(
    tmp_path_factory: pytest.TempPathFactory, cart_spec: tuple
) -> None:
    folder = tmp_path_factory.mktemp("cart")
    ledger = new_booth(folder / "booth.db")
    try:
        lines, discount = cart_spec
        try:
            cart = Cart([CartLine(*ln) for ln in lines], parse_discount(discount))
            q = sales.quote(ledger, cart)
        except BazarError:
            return  # a refused cart (a discount over its line or total) records nothing
        sale = sales.checkout(ledger, cart, [PaymentPart("transfer")], now=NOW)
        assert (sale.subtotal, sale.line_discounts, sale.discount, sale.total) == (
            q.subtotal,
            q.line_discounts,
            q.discount,
            q.total,
        )
        assert [ln.net for ln in sale.lines] == [ln["net"] for ln in q.lines]
        printed, subtotal, sale_discount, total = _receipt_sums(
            receipts.write_receipt(ledger, sale.sale_no, path=folder / "r.pdf")
        )
        assert printed == subtotal == q.subtotal - q.line_discounts
        assert subtotal - sale_discount == total == q.total
    finally:
        ledger.close()


# -- QRIS: the sale owns its code ------------------------------------------------------------


@pytest.fixture
def qris_booth(ledger: Ledger) -> Ledger:
    qris_setting.set_static(ledger, DEMO_QRIS, now=NOW)
    return ledger


def test_prepare_holds_the_number_and_the_code_carries_it_and_the_amount(
    qris_booth: Ledger,
) -> None:
    cart = Cart([CartLine("NST-250", 2)])
    prepared = selling.prepare(
        qris_booth, cart, [PaymentPart("cash", 10_000), PaymentPart("qris")], now=NOW
    )
    code = parse_qris(str(prepared.parts[1].reference))
    assert prepared.sale_no == "CP07-260320-0001"
    assert (code.bill_number, code.amount) == ("CP07-260320-0001", 100_000)
    other = sales.checkout(qris_booth, [CartLine("KST-250")], [PaymentPart("cash")], now=NOW)
    assert other.sale_no == "CP07-260320-0002"  # the held number is not handed out again
    sale = selling.complete(qris_booth, prepared, tendered=20_000, now=NOW)
    assert sale.sale_no == "CP07-260320-0001" and sale.qris == prepared.parts[1].reference
    assert sale.change == 10_000 and verify(qris_booth).ok


def test_checkout_refuses_a_qris_code_of_another_sale_or_amount(qris_booth: Ledger) -> None:
    wrong_no = qris_setting.dynamic_for(qris_booth, 55_000, "CP07-260320-0009")
    wrong_amount = qris_setting.dynamic_for(qris_booth, 50_000, "CP07-260320-0001")
    for reference in (wrong_no, wrong_amount, "anything", DEMO_QRIS):
        with pytest.raises(InvalidInput) as err:
            sales.checkout(
                qris_booth,
                [CartLine("NST-250")],
                [PaymentPart("qris", reference=reference)],
                now=NOW,
            )
        assert err.value.code == "qris_mismatch"
    assert sales.list_sales(qris_booth, DAY) == []


def test_a_number_given_back_is_the_next_one_handed_out(qris_booth: Ledger) -> None:
    first = selling.prepare(qris_booth, Cart([CartLine("NST-250")]), [PaymentPart("qris")], now=NOW)
    second = selling.prepare(
        qris_booth, Cart([CartLine("KST-250")]), [PaymentPart("qris")], now=NOW
    )
    selling.cancel(qris_booth, first)  # the first customer walked away
    cash = sales.checkout(qris_booth, [CartLine("PSJ-250")], [PaymentPart("cash")], now=NOW)
    assert cash.sale_no == first.sale_no
    selling.complete(qris_booth, second, now=NOW)
    assert [r["sale_no"][-4:] for r in sales.list_sales(qris_booth, DAY)] == ["0001", "0002"]
    with pytest.raises(InvalidInput, match="tidak lagi dipesan"):
        selling.complete(qris_booth, first, now=NOW)


def test_a_sold_number_is_never_held_again_nor_given_back(qris_booth: Ledger) -> None:
    """A completed hold stays until the close; completing or cancelling it again changes nothing."""
    prepared = selling.prepare(
        qris_booth, Cart([CartLine("NST-250")]), [PaymentPart("qris")], now=NOW
    )
    sale = selling.complete(qris_booth, prepared, now=NOW)
    with pytest.raises(InvalidInput) as err:
        selling.complete(qris_booth, prepared, now=NOW)
    assert err.value.code == "hold_lost"
    selling.cancel(qris_booth, prepared)  # too late: the sale is recorded
    assert qris_booth.query("SELECT day_no, free FROM sale_holds") == [{"day_no": 1, "free": 0}]
    cash = sales.checkout(qris_booth, [CartLine("KST-250")], [PaymentPart("cash")], now=NOW)
    held = selling.prepare(qris_booth, Cart([CartLine("KST-250")]), [PaymentPart("qris")], now=NOW)
    assert (sale.sale_no, cash.sale_no, held.sale_no) == (
        "CP07-260320-0001",
        "CP07-260320-0002",
        "CP07-260320-0003",
    )
    close.close_day(qris_booth, DAY, counted=0, now=NOW)
    assert qris_booth.query("SELECT * FROM sale_holds") == []
    assert verify(qris_booth).ok


def test_a_held_sale_is_priced_again_when_the_catalog_moved_after_its_code_was_made(
    qris_booth: Ledger,
) -> None:
    """Checkout records the held quote only while nothing was journaled since it was priced."""
    cart = Cart([CartLine("NST-250", 2)])
    prepared = selling.prepare(qris_booth, cart, [PaymentPart("qris")], now=NOW)
    cart.add("KST-250")  # the screen's cart moves on; the prepared sale keeps its own copy
    catalog.edit(qris_booth, "NST-250", price=60_000, now=NOW)
    with pytest.raises(InvalidInput) as err:  # the code asks for 110,000; the sale is now 120,000
        selling.complete(qris_booth, prepared, now=NOW)
    assert err.value.code == "payment_mismatch"
    selling.cancel(qris_booth, prepared)
    again = selling.prepare(
        qris_booth, Cart([CartLine("NST-250", 24)]), [PaymentPart("qris")], now=NOW
    )
    sales.checkout(qris_booth, [CartLine("NST-250")], [PaymentPart("cash")], now=NOW)
    with pytest.raises(InvalidInput) as err:  # another sale took a piece: 24 are no longer there
        selling.complete(qris_booth, again, now=NOW)
    assert err.value.code == "insufficient_stock"
    selling.cancel(qris_booth, again)
    kept = selling.prepare(
        qris_booth, Cart([CartLine("NST-250", 2)]), [PaymentPart("qris")], now=NOW
    )
    sale = selling.complete(qris_booth, kept, now=NOW)
    assert sale.total == 120_000 == kept.quote.total and sale.lines[0].unit_price == 60_000
    assert verify(qris_booth).ok


def test_a_closed_day_or_missing_qris_or_impossible_split_is_refused_before_any_code(
    ledger: Ledger,
) -> None:
    cart = Cart([CartLine("NST-250")])
    with pytest.raises(BazarError) as err:
        selling.prepare(ledger, cart, [PaymentPart("qris")], now=NOW)
    assert err.value.code == "no_qris"
    qris_setting.set_static(ledger, DEMO_QRIS, now=NOW)
    for plan in (
        [PaymentPart("cash", 60_000), PaymentPart("qris")],
        [PaymentPart("cash", 55_000), PaymentPart("qris")],
        [PaymentPart("qris"), PaymentPart("cash")],
        [PaymentPart("cheque")],
    ):
        with pytest.raises(InvalidInput):
            selling.prepare(ledger, cart, plan, now=NOW)
    close.close_day(ledger, DAY, counted=0, now=NOW)
    with pytest.raises(InvalidInput) as err:
        selling.prepare(ledger, cart, [PaymentPart("qris")], now=NOW)
    assert err.value.code == "day_closed"
    with pytest.raises(InvalidInput):
        selling.check(ledger, cart, ["cash"], now=NOW)
    assert ledger.query("SELECT * FROM sale_holds") == []


def test_cli_sell_qris_on_a_closed_day_prints_no_code(cli: Cli) -> None:
    cli.setup_booth()
    assert cli("qris", "set", DEMO_QRIS).exit_code == 0
    assert cli("close", "--cash-counted", "0").exit_code == 0
    r = cli("sell", "NST-250", "--pay", "qris")
    assert r.exit_code == 2 and "ditutup" in r.stderr
    assert r.stdout == "" and "█" not in r.stderr and "▀" not in r.stderr


_SELLER = textwrap.dedent(
    """
    import sys
    from datetime import UTC, datetime
    from bazar_pos.booth.cart import Cart
    from bazar_pos.booth.ledger import Ledger
    from bazar_pos.booth.models import CartLine, PaymentPart
    from bazar_pos.services import selling

    ledger = Ledger.open(sys.argv[1])
    now = datetime(2026, 3, 20, 3, 0, tzinfo=UTC)
    qty = int(sys.argv[2])
    for i in range(int(sys.argv[3])):
        plan = [PaymentPart("qris")] if i % 3 else [PaymentPart("cash", 1000), PaymentPart("qris")]
        prepared = selling.prepare(ledger, Cart([CartLine("KRM-500", qty)]), plan, now=now)
        if i % 4 == 1:
            selling.cancel(ledger, prepared)  # a customer walks away: the number is given back
        else:
            selling.complete(ledger, prepared, now=now)
    """
)


@pytest.mark.slow
def test_two_processes_selling_at_once_each_code_carries_its_own_sale(tmp_path: Path) -> None:
    ledger = new_booth(tmp_path / "booth.db")
    qris_setting.set_static(ledger, DEMO_QRIS, now=NOW)
    ledger.close()
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _SELLER, str(tmp_path / "booth.db"), str(qty), "12"],
            stderr=subprocess.PIPE,
            text=True,
        )
        for qty in (1, 2)
    ]
    for p in procs:
        _, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
    ledger = Ledger.open(tmp_path / "booth.db")
    rows = sales.list_sales(ledger, DAY)
    assert [r["sale_no"][-4:] for r in rows] == [f"{n:04d}" for n in range(1, 19)]  # gapless
    for r in rows:
        sale = sales.get(ledger, r["sale_no"])
        qris_part = next(p for p in sale.payments if p.method == "qris")
        code = parse_qris(str(sale.qris))
        assert code.bill_number == sale.sale_no and code.amount == qris_part.amount
    assert verify(ledger).ok
    ledger.close()


@pytest.mark.parametrize(
    ("args", "en_text"),
    [
        (["--printer", "bogus"], "Unknown printer"),
        (["--printer", "usb:"], "Unknown printer"),
        (["--paper", "a4"], "a6"),
    ],
)
def test_settings_receipt_refuses_what_the_tui_refuses(
    cli: Cli, args: list[str], en_text: str
) -> None:
    from bazar_pos.booth import settings as booth_settings

    cli.setup_booth()
    r = cli("--lang", "en", "settings", "receipt", *args)
    assert r.exit_code == 2 and en_text in r.stderr
    with pytest.raises(InvalidInput):
        booth_settings.check({"printer": "bogus", "hub_url": "ftp://x"})
    assert cli("settings", "receipt", "--printer", "file:/tmp/x", "--json").json()["printer"] == (
        "file:/tmp/x"
    )
