"""Sale numbers carry the year: the same date a year later sells; older numbers still work."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from bazar_pos.booth import catalog, profile, qris_setting, reconcile, sales
from bazar_pos.booth.cart import Cart
from bazar_pos.booth.demo import DEMO_QRIS
from bazar_pos.booth.entry import Entry
from bazar_pos.booth.ledger import Ledger, verify
from bazar_pos.booth.models import CartLine, PaymentPart
from bazar_pos.booth.reconcile import QrisSale
from bazar_pos.booth.statement import Credit
from bazar_pos.documents import receipt
from bazar_pos.errors import InvalidInput
from bazar_pos.payments.qris import parse_qris
from bazar_pos.services import selling
from tests.conftest import DATA, Cli, put_back

THIS_YEAR = datetime(2026, 3, 20, 3, tzinfo=UTC)
NEXT_YEAR = datetime(2027, 3, 20, 3, tzinfo=UTC)


def _booth(code: str = "CP-07") -> Ledger:
    ledger = Ledger.in_memory()
    profile.init(ledger, code=code, name="B", now=THIS_YEAR)
    catalog.add(ledger, "A-1", name="A", price=1000, stock=10, now=THIS_YEAR)
    qris_setting.set_static(ledger, DEMO_QRIS, now=THIS_YEAR)
    return ledger


def _cash(ledger: Ledger, now: datetime) -> str:
    cart = Cart([CartLine("A-1", 1)])
    return selling.sell(ledger, cart, [PaymentPart("cash", tendered=1000)], now=now).sale_no


def _qris(ledger: Ledger, now: datetime) -> tuple[str, str | None]:
    prepared = selling.prepare(ledger, Cart([CartLine("A-1", 1)]), [PaymentPart("qris")], now=now)
    sale = selling.complete(ledger, prepared, now=now)
    return sale.sale_no, parse_qris(str(sale.qris)).bill_number


def test_the_same_date_a_year_later_sells_for_cash() -> None:
    ledger = _booth()
    assert _cash(ledger, THIS_YEAR) == "CP07-260320-0001"
    assert _cash(ledger, NEXT_YEAR) == "CP07-270320-0001"  # was: UNIQUE constraint failed
    assert sales.get(ledger, "CP07-260320-0001").day == "2026-03-20"
    assert sales.get(ledger, "CP07-270320-0001").day == "2027-03-20"
    assert verify(ledger).ok


def test_the_same_date_a_year_later_sells_by_qris_with_the_number_as_bill() -> None:
    ledger = _booth()
    assert _qris(ledger, THIS_YEAR) == ("CP07-260320-0001", "CP07-260320-0001")
    assert _qris(ledger, NEXT_YEAR) == ("CP07-270320-0001", "CP07-270320-0001")
    assert verify(ledger).ok


def test_the_longest_booth_code_still_sells_by_qris() -> None:
    """A bill number holds 25 characters; the longest booth code makes a 28-character number."""
    with pytest.raises(InvalidInput):
        _booth("A" * 17)  # the longest code allowed is 16 characters
    ledger = _booth("ABCDEFGH-JKLMNOP")  # 15 letters: the longest prefix with a dash in the code
    assert _qris(ledger, THIS_YEAR) == ("ABCDEFGHJKLMNOP-260320-0001", "ABCDEFGHJKLMNOP2603200001")
    ledger = _booth("ABCDEFGHJKLMNOPQ")
    no, bill = _qris(ledger, NEXT_YEAR)
    assert no == "ABCDEFGHJKLMNOPQ-270320-0001"
    assert bill == "BCDEFGHJKLMNOPQ2703200001" and len(bill) == 25  # the day and count stay


@pytest.fixture
def old_booth(tmp_path: Path) -> Cli:
    """A booth file whose day was recorded by the release before the year: `CP07-0320-000n`.

    `booth-before-the-year.json` is that release's ledger as it wrote it (a cash sale of two
    NST-250 and a QRIS sale), hash chain and all; it is put back into a file entry by entry.
    """
    cli = Cli(tmp_path)
    ledger = Ledger.open(cli.db)
    conn: sqlite3.Connection = ledger.conn
    with conn:
        raw = json.loads((DATA / "booth-before-the-year.json").read_text())
        put_back(conn, (Entry(**e) for e in raw))
    assert verify(ledger).ok
    ledger.close()
    return cli


def test_old_numbers_still_look_up_print_and_refund(old_booth: Cli) -> None:
    listed = old_booth("sales", "--date", "2026-03-20", "--json").json()["sales"]
    assert [s["sale_no"] for s in listed] == ["CP07-0320-0001", "CP07-0320-0002"]
    out = old_booth("receipt", "CP07-0320-0002", "--json")
    assert out.exit_code == 0, out.stderr
    text = "\n".join(p.extract_text() for p in PdfReader(out.json()["receipt"]).pages)
    assert "CP07-0320-0002" in text
    refund = old_booth("refund", "CP07-0320-0001", "NST-250:1", "--reason", "remuk", "--json")
    assert refund.exit_code == 0, refund.stderr
    assert old_booth("void", "CP07-0320-0002", "--reason", "salah input").exit_code == 0
    # the same day goes on counting where it was, in the new form
    sold = old_booth("sell", "KST-250", "--pay", "cash", "--json").json()
    assert sold["sale_no"] == "CP07-260320-0003"
    listed = old_booth("sales", "--date", "2026-03-20", "--json").json()["sales"]
    assert [(s["sale_no"], s["status"]) for s in listed] == [
        ("CP07-0320-0001", "refunded"),
        ("CP07-0320-0002", "voided"),
        ("CP07-260320-0003", "completed"),
    ]
    assert old_booth("verify").exit_code == 0


def test_the_longest_booth_codes_receipt_keeps_its_numbers_inside_the_paper(tmp_path: Path) -> None:
    ledger = _booth("ABCDEFGHJKLMNOPQ")
    no, bill = _qris(ledger, THIS_YEAR)
    prof, sale = profile.load(ledger), sales.get(ledger, no)
    lines = [text for _, text in receipt.text_lines(prof, sale, 32)]
    assert max(map(len, lines)) <= 32
    assert no in "\n".join(lines) and f"{bill} · CRC" in "\n".join(lines).replace("\n ", " ")
    pdf = tmp_path / "struk.pdf"
    receipt.render_pdf(prof, sale, str(pdf), paper="58")
    text = "\n".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert no in text and f"{bill} · CRC {str(sale.qris)[-4:]}" in text


def test_a_statement_naming_the_bill_number_pairs_by_bill() -> None:
    """The statement carries the bill number the code had, cut or not, with or without dashes."""
    at = THIS_YEAR
    long_no = "ABCDEFGHJKLMNOPQ-260320-0001"
    ours = [QrisSale("CP07-260320-0001", at, 5000), QrisSale(long_no, at, 5000)]
    credits = [  # same amount, same time: only the bill number tells them apart
        Credit(1, "2026-03-20", at, 5000, description="QRIS BCDEFGHJKLMNOPQ2603200001"),
        Credit(2, "2026-03-20", at, 5000, reference="CP07260320-0001"),
    ]
    matched, missing, extra = reconcile.match(ours, credits, timedelta(minutes=30))
    assert [(m.sale.sale_no, m.credit.row, m.by) for m in matched] == [
        ("CP07-260320-0001", 2, "bill"),
        (long_no, 1, "bill"),
    ]
    assert missing == extra == []
