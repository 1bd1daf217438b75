"""The struk on the customer's phone: a wa.me link to the booth, decoded back from its QR."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import zxingcpp
from PIL import Image

from bazar_pos.booth import catalog, profile, sales, whatsapp
from bazar_pos.booth.ledger import Ledger
from bazar_pos.booth.models import CartLine, PaymentPart
from bazar_pos.errors import InvalidInput
from bazar_pos.payments import build_matrix, decode_image, terminal_to_rows, to_terminal
from tests.conftest import NOW, Cli
from tests.test_qris_render import grid_image

QR_VERSION_10 = 57  # modules per side


@pytest.mark.parametrize(
    "text",
    ["0812-3456-7890", "081234567890", "+62 812 3456 7890", "6281234567890", "(0812) 3456.7890"],
)
def test_indonesian_numbers_are_normalised(text: str) -> None:
    assert whatsapp.normalize(text) == "6281234567890"


@pytest.mark.parametrize(
    "text", ["+1 555 123 4567", "021-5551234", "0812", "62812345678901234", "812345678", "abc"]
)
def test_anything_else_is_refused(text: str) -> None:
    with pytest.raises(InvalidInput) as exc:
        whatsapp.normalize(text)
    assert exc.value.code == "bad_whatsapp"


def _read_link(link: str) -> tuple[str, str]:
    parts = urlsplit(link)
    assert (parts.scheme, parts.netloc) == ("https", "wa.me")
    return parts.path.strip("/"), parse_qs(parts.query)["text"][0]


def test_cli_link_and_png_decode_to_the_booth_the_sale_and_the_total(cli: Cli) -> None:
    cli.setup_booth()
    r = cli("settings", "booth", "--whatsapp", "0812-3456-7890", "--json")
    assert r.json() == {"whatsapp": "6281234567890", "whatsapp_after_sale": False}
    sale = cli("sell", "NST-250:2", "KST-250", "--json").json()
    png = cli.home / "wa.png"
    out = cli("receipt", sale["sale_no"], "--whatsapp", "-o", str(png), "--json")
    assert out.exit_code == 0, out.stderr
    data = out.json()
    assert decode_image(png) == data["link"]
    number, text = _read_link(decode_image(png))
    assert number == "6281234567890"
    assert "Kue Bu Sari" in text and sale["sale_no"] in text and "Rp170.000" in text
    assert "2x Nastar Keju 250 g" in text and not data["summarised"]

    shown = cli("receipt", sale["sale_no"], "--whatsapp")  # the terminal QR decodes too
    lines = [ln for ln in shown.stdout.splitlines() if ln and set(ln) <= set(" ▀▄█")]
    assert len(lines) <= 40 and max(map(len, lines)) <= 120
    [found] = zxingcpp.read_barcodes(grid_image(terminal_to_rows(lines)), try_invert=False)
    assert found.text == data["link"]


def test_a_long_sale_is_summarised_so_the_qr_fits_a_120x40_terminal(ledger: Ledger) -> None:
    whatsapp.set_number(ledger, "+6281234567890", now=NOW)
    skus = [p.sku for p in catalog.list_products(ledger)]
    assert len(skus) >= 20
    cart = [CartLine(sku, 3) for sku in skus[:20]]
    sale = sales.checkout(ledger, cart, [PaymentPart("cash", tendered=50_000_000)], now=NOW)
    made = whatsapp.for_sale(ledger, sale.sale_no)
    assert made.summarised and "20 produk, 60 pcs" in made.text
    assert sale.sale_no in made.text and f"Rp{sale.total:,}".replace(",", ".") in made.text
    matrix = build_matrix(made.link)
    assert matrix.size <= QR_VERSION_10
    lines = to_terminal(matrix)
    assert len(lines) <= 33 and len(lines[0]) <= 65  # leaves 7 rows of a 120x40 screen


def test_every_sale_size_stays_within_the_link_budget(ledger: Ledger) -> None:
    """From one product to the whole catalog, the link never passes MAX_LINK bytes."""
    whatsapp.set_number(ledger, "081234567890", now=NOW)
    skus = [p.sku for p in catalog.list_products(ledger)]
    for sku in skus:
        catalog.edit(ledger, sku, allow_negative=True, now=NOW)
    biggest = 0
    for n in range(1, len(skus) + 1):
        sale = sales.checkout(
            ledger,
            [CartLine(sku) for sku in skus[:n]],
            [PaymentPart("cash", tendered=50_000_000)],
            now=NOW + timedelta(seconds=n),
        )
        made = whatsapp.for_sale(ledger, sale.sale_no)
        assert len(made.link.encode()) <= whatsapp.MAX_LINK
        biggest = max(biggest, build_matrix(made.link).size)
    assert biggest <= QR_VERSION_10


def test_bad_number_and_missing_number_change_nothing(cli: Cli) -> None:
    cli.setup_booth()
    sale = cli("sell", "NST-250", "--json").json()
    before = cli("verify", "--json").json()
    r = cli("--lang", "en", "settings", "booth", "--whatsapp", "+44 20 7946 0000")
    assert r.exit_code == 2 and r.stderr.count("\n") == 1
    assert "Not an Indonesian WhatsApp number" in r.stderr
    none = cli("receipt", sale["sale_no"], "--whatsapp")
    assert none.exit_code == 2 and "settings booth --whatsapp" in none.stderr
    assert cli("verify", "--json").json() == before
    assert not list(cli.home.glob("**/*.png"))


def test_png_written_beside_the_receipts_by_default(cli: Cli) -> None:
    cli.setup_booth()
    assert cli("settings", "booth", "--whatsapp", "628123456789").exit_code == 0
    sale = cli("sell", "KST-250", "--json").json()
    data = cli("receipt", sale["sale_no"], "--whatsapp", "--json").json()
    png = Path(data["png"])
    assert png.parent == cli.home / "receipts" and png.name.endswith("-whatsapp.png")
    with Image.open(png) as img:
        assert img.format == "PNG"
    assert cli("settings", "booth", "--whatsapp", "", "--json").json() == {
        "whatsapp": None,
        "whatsapp_after_sale": False,
    }


def test_a_very_long_booth_name_is_cut_after_a_whole_word(ledger: Ledger) -> None:
    """The summary still too long for the link: the name loses whole words and says so with an
    ellipsis (it read 'Halo Dapur Bu Sar'), and the link keeps within MAX_LINK."""
    words = "Dapur Bu Sari Masakan Rumahan Khas Betawi dan Sunda Pilihan Keluarga Besar"
    name = f"{words} {words}"[:190]
    profile.init(ledger, code="CP-07", name=name, now=NOW)
    whatsapp.set_number(ledger, "081234567890", now=NOW)
    skus = [p.sku for p in catalog.list_products(ledger)]
    cart = [CartLine(sku) for sku in skus[:3]]
    sale = sales.checkout(ledger, cart, [PaymentPart("cash", tendered=10_000_000)], now=NOW)
    made = whatsapp.for_sale(ledger, sale.sale_no)
    assert len(made.link.encode()) <= whatsapp.MAX_LINK and made.summarised
    first = made.text.splitlines()[0]
    shown = first.removeprefix("Halo ").removesuffix(", struk saya:")
    assert shown.endswith("…") and len(shown) > 5
    kept = shown.removesuffix("…")
    assert name.startswith(kept + " ")  # whole words only
    [found] = parse_qs(urlsplit(made.link).query)["text"]
    assert found == made.text
