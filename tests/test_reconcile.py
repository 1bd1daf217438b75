"""QRIS sales checked against real statement files: commas, semicolons, XLSX, Indonesian numbers,
duplicated rows, a sale whose money never came and money that came for no sale."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook
from pypdf import PdfReader

from bazar_pos.booth import profile, qris_setting, reconcile, sales
from bazar_pos.booth.ledger import Ledger, verify
from bazar_pos.booth.models import CartLine, PaymentPart
from bazar_pos.booth.statement import Credit, parse_amount, parse_columns, read_statement
from bazar_pos.errors import InvalidInput
from bazar_pos.services import selling
from tests.conftest import DATA, DAY, NOW, Cli

STATEMENTS = DATA / "statements"
QRIS = json.loads((DATA / "qris_samples.json").read_text())[0]["payload"]


def _sell_the_day(ledger: Ledger) -> None:
    """Five QRIS sales (one split with cash) and one cash sale, 10:00 to 11:30 WIB."""
    qris_setting.set_static(ledger, QRIS, now=NOW)
    day = [  # minutes after 10:00 WIB, product, rupiah paid in cash (the rest by QRIS)
        (0, "NST-250", 0),  # 0001 Rp55.000, bill number on some statements
        (5, "KST-250", 0),  # 0002 Rp60.000
        (10, "NST-250", 55_000),  # 0003 all cash: not checked
        (20, "NST-250", 0),  # 0004 Rp55.000 again: told apart by time
        (60, "PSJ-250", 0),  # 0005 Rp50.000: the money never came
        (90, "LDH-250", 20_000),  # 0006 Rp45.000: Rp20.000 cash + Rp25.000 QRIS
    ]
    for minutes, sku, cash in day:
        at = NOW + timedelta(minutes=minutes)
        cart = sales.Cart([CartLine(sku)])
        total = sales.quote(ledger, cart).total
        pay = [PaymentPart("cash", cash, cash)] if cash else []
        if cash < total:
            pay.append(PaymentPart("qris"))  # the selling service makes the code for this sale
        selling.sell(ledger, cart, pay, now=at)


def _xlsx(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Laporan Settlement QRIS"])
    sheet.append([])
    sheet.append(["Tanggal Transaksi", "Nominal", "RRN", "Keterangan"])
    rows = [
        (datetime(2026, 3, 19, 16, 0), 30000.0, "600000000001"),
        (datetime(2026, 3, 20, 10, 1, 12), 55000.0, "600000000002"),
        (datetime(2026, 3, 20, 10, 6, 40), 60000, "600000000003"),
        (datetime(2026, 3, 20, 10, 21, 5), 55000.0, "600000000004"),
        (datetime(2026, 3, 20, 11, 31), 25000.0, "600000000005"),
        (datetime(2026, 3, 20, 12, 0), 70000.0, "600000000006"),
        (datetime(2026, 3, 20, 12, 0), 70000.0, "600000000006"),
    ]
    for at, amount, rrn in rows:
        sheet.append([at, amount, rrn, "QRIS PAYMENT"])
    book.save(path)
    return path


def _tabbed(path: Path) -> Path:
    text = (STATEMENTS / "mutasi-qris.csv").read_text().replace(";", "\t")
    path.write_text(text)
    return path


@pytest.fixture(params=["semicolons", "commas", "xlsx", "tabs"])
def statement_file(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    return {
        "semicolons": lambda: STATEMENTS / "mutasi-qris.csv",
        "commas": lambda: STATEMENTS / "settlement.csv",
        "xlsx": lambda: _xlsx(tmp_path / "settlement.xlsx"),
        "tabs": lambda: _tabbed(tmp_path / "mutasi.tsv"),
    }[request.param]()


def test_every_format_finds_the_missing_credit_and_the_extra_one(
    ledger: Ledger, statement_file: Path
) -> None:
    _sell_the_day(ledger)
    before = ledger.query("SELECT * FROM sales ORDER BY sale_no")
    read = read_statement(statement_file, ledger_tz(ledger))
    assert read.duplicates == 1
    result = reconcile.reconcile(ledger, read, DAY, now=NOW + timedelta(hours=8))

    assert [m.sale.sale_no[-4:] for m in result.matched] == ["0001", "0002", "0004", "0006"]
    assert [m.sale.amount for m in result.matched] == [55_000, 60_000, 55_000, 25_000]
    assert [s.sale_no for s in result.missing] == ["CP07-260320-0005"]
    assert [(c.amount, c.reference) for c in result.extra] == [(70_000, "600000000006")]
    assert result.other_days == 1 and not result.ok
    by_time = {m.sale.sale_no[-4:]: m.credit.reference for m in result.matched}
    assert by_time["0001"] == "600000000002" and by_time["0004"] == "600000000004"

    # a sale with no credit is flagged, never changed; the result is a verified journal entry
    assert ledger.query("SELECT * FROM sales ORDER BY sale_no") == before
    assert reconcile.flagged(ledger, DAY) == ["CP07-260320-0005"]
    assert verify(ledger).ok
    last = next(e for e in reversed(list(ledger.entries())) if e.kind == "qris_reconcile")
    assert last.payload["totals"] == {
        "qris_sales": 245_000,
        "matched": 195_000,
        "missing": 50_000,
        "extra": 70_000,
    }


def ledger_tz(ledger: Ledger) -> ZoneInfo:
    return profile.load(ledger).tz


def test_the_bill_number_wins_over_the_nearest_time(ledger: Ledger) -> None:
    """Two Rp55.000 sales; the later credit names the first sale, so they pair by bill number."""
    _sell_the_day(ledger)
    read = read_statement(STATEMENTS / "settlement.csv", ledger_tz(ledger))
    result = reconcile.reconcile(ledger, read, DAY, window=timedelta(hours=2), now=NOW)
    first = result.matched[0]
    assert first.sale.sale_no == "CP07-260320-0001" and first.by == "bill"
    assert {m.by for m in result.matched[1:]} == {"time"}


@pytest.mark.parametrize(
    ("text", "rupiah"),
    [
        ("15.000,00", 15_000),
        ("15000.00", 15_000),
        ("15,000.00", 15_000),
        ("15.000", 15_000),
        ("15,000", 15_000),
        ("Rp 15.000", 15_000),
        ("IDR 1.250.000,00", 1_250_000),
        ("15000", 15_000),
        ("15000,0", 15_000),
        ("-15.000,00", -15_000),
        ("(15.000)", -15_000),
        ("15.000,-", 15_000),
        (15000.0, 15_000),
        (15000, 15_000),
    ],
)
def test_amounts_read_as_whole_rupiah(text: str | float, rupiah: int) -> None:
    assert parse_amount(text) == rupiah


@pytest.mark.parametrize("text", ["15.000,50", "15000.5", 15000.25, "abc", "15..000", "1,5,0"])
def test_a_fraction_or_garbage_is_refused_not_rounded(text: str | float) -> None:
    with pytest.raises(InvalidInput) as exc:
        parse_amount(text)
    assert exc.value.code in ("statement_fraction", "statement_amount")


def test_a_fraction_in_a_statement_names_the_row(ledger: Ledger, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("Tanggal;Nominal\n20/03/2026 10:00;55.000,00\n20/03/2026 10:05;14.955,50\n")
    with pytest.raises(InvalidInput) as exc:
        read_statement(bad, ledger_tz(ledger))
    assert exc.value.code == "statement_fraction"
    assert "bad.csv baris 3" in exc.value.message("id")


def test_unknown_columns_are_one_clear_line_and_columns_can_be_mapped(
    ledger: Ledger, tmp_path: Path
) -> None:
    _sell_the_day(ledger)
    odd = tmp_path / "odd.csv"
    odd.write_text("Kapan;Berapa;Kode\n20/03/2026 10:06:40;60.000;A1\n")
    with pytest.raises(InvalidInput) as exc:
        read_statement(odd, ledger_tz(ledger))
    assert exc.value.code == "statement_columns"
    assert "Kapan, Berapa, Kode" in exc.value.message("en")
    assert "--columns" in exc.value.message("en")

    mapped = read_statement(
        odd, ledger_tz(ledger), parse_columns("date=kapan,amount=Berapa,ref=Kode")
    )
    assert [(c.amount, c.reference, c.at and c.at.hour) for c in mapped.credits] == [
        (60_000, "A1", 10)
    ]
    by_number = read_statement(odd, ledger_tz(ledger), parse_columns("date=1,amount=2"))
    assert [c.amount for c in by_number.credits] == [60_000]
    with pytest.raises(InvalidInput) as bad:
        parse_columns("when=Kapan")
    assert bad.value.code == "statement_columns_option"


def test_cli_reconcile_lists_and_records(tmp_path: Path) -> None:
    cli = Cli(tmp_path)
    cli.setup_booth()
    ledger = Ledger.open(cli.db, create=False)
    _sell_the_day(ledger)
    ledger.close()
    r = cli("qris", "reconcile", str(STATEMENTS / "mutasi-qris.csv"), "--date", DAY)
    assert r.exit_code == 1, r.stderr
    assert "4 cocok" in r.stdout and "CP07-260320-0005" in r.stdout and "Rp70.000" in r.stdout
    assert "1 baris ganda" in r.stdout
    data = cli("qris", "reconcile", str(STATEMENTS / "mutasi-qris.csv"), "--json").json()
    assert data["ok"] is False and data["totals"]["missing"] == 50_000
    assert cli("verify").exit_code == 0
    closed = cli(
        "close", "--date", DAY, "--cash-counted", "0", "--json", "--pdf", str(tmp_path / "z.pdf")
    )
    assert closed.json()["reconcile"]["missing"][0]["sale_no"] == "CP07-260320-0005"
    z = "\n".join(p.extract_text() for p in PdfReader(tmp_path / "z.pdf").pages)
    assert "4 cocok, 1 tanpa dana masuk" in z and "Tanpa dana masuk: CP07-260320-0005" in z

    junk = tmp_path / "junk.csv"
    junk.write_text("a,b\n1,2\n")
    refused = cli("--lang", "en", "qris", "reconcile", str(junk))
    assert refused.exit_code == 2 and refused.stdout == ""
    assert refused.stderr.count("\n") == 1 and "not recognised" in refused.stderr
    missing = cli("qris", "reconcile", str(tmp_path / "nope.csv"))
    assert missing.exit_code == 2 and missing.stderr.count("\n") == 1


@st.composite
def _day_of_payments(draw: st.DrawFn) -> tuple[list[reconcile.QrisSale], list[Credit], int, int]:
    """QRIS sales; the credits are those that arrived (some never did) plus stray ones."""
    tz = ZoneInfo("Asia/Jakarta")
    start = datetime(2026, 3, 20, 9, 0, tzinfo=tz)
    n = draw(st.integers(0, 25))
    amounts = st.sampled_from([15_000, 25_000, 50_000, 55_000, 60_000])
    sales_ = [
        reconcile.QrisSale(
            f"CP07-260320-{i + 1:04d}",
            start + timedelta(minutes=draw(st.integers(0, 600))),
            draw(amounts),
        )
        for i in range(n)
    ]
    arrived = [s for s in sales_ if draw(st.booleans()) or draw(st.booleans())]
    credits = [
        Credit(
            row=i + 2,
            day=DAY,
            at=s.at + timedelta(seconds=draw(st.integers(-600, 600))),
            amount=s.amount,
        )
        for i, s in enumerate(arrived)
    ]
    stray = draw(st.integers(0, 3))
    credits += [
        Credit(row=100 + i, day=DAY, at=start - timedelta(hours=1), amount=draw(amounts))
        for i in range(stray)
    ]
    return sales_, draw(st.permutations(credits)), len(sales_) - len(arrived), stray


@given(_day_of_payments())
def test_every_sale_and_credit_is_accounted_once(
    day: tuple[list[reconcile.QrisSale], list[Credit], int, int],
) -> None:
    sales_, credits, never_arrived, stray = day
    matched, missing, extra = reconcile.match(sales_, credits, timedelta(minutes=30))
    assert all(m.sale.amount == m.credit.amount for m in matched)
    assert len({m.sale.sale_no for m in matched}) == len(matched)
    assert len({m.credit.row for m in matched}) == len(matched)
    assert len(matched) + len(missing) == len(sales_)
    assert len(matched) + len(extra) == len(credits)
    # stray credits (an hour before any sale) never match; every credit that arrived does
    assert len(missing) == never_arrived and len(extra) == stray


def test_statements_go_through_the_shared_csv_reader(tmp_path: Path) -> None:
    """UTF-16 (Excel's "Unicode text") reads; a NUL or an oversized cell is refused by its line."""
    tz = ZoneInfo("Asia/Jakarta")
    text = "Mutasi Rekening\n\nTanggal\tWaktu\tNominal\tKeterangan\n20/03/2026\t10:01\t15.000,00\tQRIS\n"
    utf16 = tmp_path / "mutasi.txt"
    utf16.write_bytes(text.encode("utf-16"))
    st = read_statement(utf16, tz)
    assert [(c.row, c.amount) for c in st.credits] == [(4, 15_000)]  # the line an editor shows
    nul = tmp_path / "nul.csv"
    nul.write_bytes(b"Tanggal,Nominal\n20/03/2026,15000\x00\n")
    with pytest.raises(InvalidInput, match="NUL"):
        read_statement(nul, tz)
    big = tmp_path / "big.csv"
    big.write_text("Tanggal,Nominal\n20/03/2026," + "9" * 5000 + "\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match="Baris 2"):
        read_statement(big, tz)
