"""Receipts read back as a customer and a scanner would: the text, the width, the QR."""

from __future__ import annotations

import gc
import json
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import zxingcpp
from escpos.printer import Dummy
from pypdf import PdfReader

from bazar_pos.booth import catalog, profile, qris_setting, sales
from bazar_pos.booth.ledger import Ledger
from bazar_pos.booth.models import CartLine, PaymentPart
from bazar_pos.documents import escpos_out
from bazar_pos.documents.receipt import MM, verification_code
from bazar_pos.errors import BazarError
from bazar_pos.services import receipts
from tests.conftest import DATA, NOW, Cli

QRIS = json.loads((DATA / "qris_samples.json").read_text())[0]["payload"]
NAMES = ["Kué Lapis Légit", "Dodol Garut – Asli", "Bánh Bò Nướng", "Roti € Spesial ₹"]


@pytest.fixture
def booth(ledger: Ledger) -> Ledger:
    for i, name in enumerate(NAMES):
        catalog.add(ledger, f"INT-{i}", name=name, price=12_500 * (i + 1), stock=10, now=NOW)
    return ledger


def text_of(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def qr_of(path: Path) -> str:
    image = pdfium.PdfDocument(str(path))[0].render(scale=4).to_pil()
    found = zxingcpp.read_barcodes(image)
    assert found, "no QR on the receipt"
    return str(found[0].text)


def test_cash_receipt_on_58mm(booth: Ledger) -> None:
    sale = sales.checkout(
        booth,
        [CartLine(f"INT-{i}", 1) for i in range(4)] + [CartLine("NST-250", 2, 5000)],
        [PaymentPart("cash", tendered=500_000)],
        now=NOW,
    )
    path = receipts.write_receipt(booth, sale.sale_no)
    assert path.name == f"{sale.sale_no}.pdf" and path.parent.name == "receipts"
    text = text_of(path)
    for expected in [
        "Kue Bu Sari",
        "CP-07",
        sale.sale_no,
        *NAMES,
        "Nastar Keju 250 g",
        "Rp230.000",
        "Jumat, 20 Maret 2026 10.00 WIB",
        "Kembali",
        "Rp270.000",
    ]:
        assert expected in text, expected
    width = float(PdfReader(path).pages[0].mediabox.width)
    assert abs(width - 58 * MM) < 0.5
    assert qr_of(path) == verification_code(profile.load(booth), sale)


def test_paid_qris_receipt_shows_the_verification_qr_and_the_reference_on_80mm(
    booth: Ledger,
) -> None:
    """Issue 12: a paid sale's paper never carries a code to pay again; the QRIS is a reference."""
    profile.update_settings(booth, {"qris": QRIS}, now=NOW)
    payload = qris_setting.dynamic_for(booth, 55_000, "CP07-260320-0001")
    sale = sales.checkout(
        booth, [CartLine("NST-250")], [PaymentPart("qris", reference=payload)], now=NOW
    )
    path = receipts.write_receipt(booth, sale.sale_no, paper="80")
    assert abs(float(PdfReader(path).pages[0].mediabox.width) - 80 * MM) < 0.5
    assert sale.qris == payload
    assert qr_of(path) == verification_code(profile.load(booth), sale)
    text = text_of(path)
    assert "Pindai untuk membayar" not in text
    assert f"CP07-260320-0001 · CRC {payload[-4:]}" in text


def test_a_150_line_sale_prints_whole_on_one_roll(booth: Ledger) -> None:
    for i in range(150):
        catalog.add(
            booth, f"L-{i:03d}", name=f"Produk nomor {i:03d}", price=1000 + i, stock=5, now=NOW
        )
    sale = sales.checkout(
        booth, [CartLine(f"L-{i:03d}") for i in range(150)], [PaymentPart("transfer")], now=NOW
    )
    path = receipts.write_receipt(booth, sale.sale_no)
    reader = PdfReader(path)
    assert len(reader.pages) == 1
    text = text_of(path)
    assert all(f"Produk nomor {i:03d}" in text for i in range(150))
    assert qr_of(path).startswith("BZR1|CP-07|")


def test_voided_sale_prints_void_and_a6_breaks_pages(booth: Ledger) -> None:
    sale = sales.checkout(booth, [CartLine("NST-250")], [PaymentPart("cash")], now=NOW)
    sales.void(booth, sale.sale_no, reason="salah input", now=NOW)
    path = receipts.write_receipt(booth, sale.sale_no, paper="a6")
    assert "DIBATALKAN" in text_of(path) and "salah input" in text_of(path)
    assert round(float(PdfReader(path).pages[0].mediabox.height)) == round(148 * MM)
    roll = receipts.write_receipt(booth, sale.sale_no, paper="58")
    assert "*** DIBATALKAN ***" in text_of(roll).splitlines()  # one line on the narrow roll


def test_escpos_bytes_have_the_lines_and_a_native_qr(booth: Ledger, tmp_path: Path) -> None:
    sale = sales.checkout(
        booth, [CartLine("INT-0", 2)], [PaymentPart("cash", tendered=50_000)], now=NOW
    )
    printer = Dummy()
    escpos_out.print_receipt(printer, profile.load(booth), sale, 32)
    data = printer.output
    assert b"Kue Bu Sari" in data and sale.sale_no.encode() in data
    assert b"Rp25.000" in data
    assert b"\x1d(k" in data  # GS ( k: the printer draws the QR itself
    target = tmp_path / "printer.bin"
    receipts.print_receipt(booth, sale.sale_no, f"file:{target}")
    assert sale.sale_no.encode() in target.read_bytes()


def test_escpos_prints_the_qr_where_the_pdf_does(booth: Ledger) -> None:
    """The total, then the verification QR, then its caption and the footer under it: the thermal
    paper follows the PDF (it printed the caption and the thanks above the code)."""
    sale = sales.checkout(booth, [CartLine("NST-250")], [PaymentPart("cash")], now=NOW)
    printer = Dummy()
    escpos_out.print_receipt(printer, profile.load(booth), sale, 32)
    data = printer.output
    order = [b"TOTAL", b"\x1d(k", b"Kode verifikasi struk", b"Terima kasih!"]
    assert [data.index(part) for part in order] == sorted(data.index(part) for part in order)


def test_bad_inputs(booth: Ledger, tmp_path: Path) -> None:
    sale = sales.checkout(booth, [CartLine("NST-250")], [PaymentPart("cash")], now=NOW)
    with pytest.raises(BazarError) as exc:
        receipts.write_receipt(booth, "CP07-260320-0999")
    assert exc.value.code == "unknown_sale"
    with pytest.raises(BazarError) as exc:
        receipts.write_receipt(booth, sale.sale_no, paper="a4")
    assert exc.value.code == "bad_paper"
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(BazarError) as exc:
        receipts.write_receipt(booth, sale.sale_no, path=blocker / "r.pdf")
    assert exc.value.code == "unwritable"
    with pytest.raises(BazarError) as exc:
        receipts.print_receipt(booth, sale.sale_no, "net:127.0.0.1:9")
    assert exc.value.code == "printer_unreachable"
    with pytest.raises(BazarError) as exc:
        receipts.print_receipt(booth, sale.sale_no, "bluetooth:x")
    assert exc.value.code == "bad_printer"


def test_cli_receipt_sell_receipt_and_settings(cli: Cli) -> None:
    cli.setup_booth()
    r = cli(
        "settings", "receipt", "--footer", "Makasih!\\nIG @kuebusari", "--paper", "58", "--json"
    )
    assert r.json()["receipt_footer"] == "Makasih!\nIG @kuebusari"
    sale = cli("sell", "NST-250", "--pay", "cash", "--receipt", "--json").json()
    path = Path(sale["receipt"])
    assert path.exists() and "IG @kuebusari" in text_of(path)
    out = cli("receipt", sale["sale_no"], "-o", str(cli.home / "copy.pdf"), "--json").json()
    assert Path(out["receipt"]).exists()
    r = cli("receipt", "CP07-260320-0999")
    assert r.exit_code == 2 and "tidak dikenal" in r.stderr
    r = cli("receipt", sale["sale_no"], "--printer", "net:127.0.0.1:9")
    assert r.exit_code == 2 and "tidak bisa dihubungi" in r.stderr
    assert (cli.home / "receipts" / f"{sale['sale_no']}.pdf").exists()
    # a printer that is away never loses the sale
    cli("settings", "receipt", "--printer", "net:127.0.0.1:9")
    r = cli("sell", "KST-250", "--pay", "cash", "--receipt", "--json")
    assert r.exit_code == 0 and "Peringatan" in r.stderr
    assert Path(r.json()["receipt"]).exists()


@pytest.mark.filterwarnings("error::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.parametrize("spec", ["usb:0416:5011", "serial:/dev/bazar-pos-no-such-port"])
def test_a_usb_or_serial_printer_not_plugged_in_is_named_without_a_traceback(
    booth: Ledger, spec: str
) -> None:
    """The libraries for USB and serial printers come with bazar-pos: an unplugged printer is
    "not found", never "requires a usb library", and nothing is printed at exit either."""
    sale = sales.checkout(booth, [CartLine("NST-250")], [PaymentPart("cash")], now=NOW)
    with pytest.raises(BazarError) as exc:
        receipts.print_receipt(booth, sale.sale_no, spec)
    assert exc.value.code in ("printer_failed", "printer_unreachable")
    assert "library" not in exc.value.message()
    gc.collect()  # the library's printer closes itself again when collected


@pytest.mark.parametrize(
    "spec", ["usb:zzzz:1", "usb:0416", "net:printer:99999", "net:host:0", "file:"]
)
def test_a_printer_that_can_never_work_is_refused_when_it_is_set(cli: Cli, spec: str) -> None:
    """It was saved, and every later sale's receipt then failed to print."""
    cli.setup_booth()
    cli("settings", "receipt", "--printer", "usb:0416:5011")
    r = cli("settings", "receipt", "--printer", spec)
    assert r.exit_code == 2 and "Printer tidak dikenal" in r.stderr
    assert '"printer": "usb:0416:5011"' in cli("settings", "receipt", "--json").stdout
    sale_no = cli("sell", "NST-250", "--pay", "cash", "--json").json()["sale_no"]
    r = cli("receipt", sale_no, "--printer", spec)
    assert r.exit_code == 2 and "Printer tidak dikenal" in r.stderr
