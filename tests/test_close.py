"""Closing the day: the cash adds up, the day locks, reopening makes a new revision."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from bazar_pos.booth import cash, close, sales, totals
from bazar_pos.booth.ledger import Ledger, verify
from bazar_pos.booth.models import CartLine, PaymentPart
from bazar_pos.documents import zreport
from bazar_pos.errors import BazarError
from bazar_pos.services import closing
from bazar_pos.sync import booth_key, bundle
from tests.conftest import DAY, NOW, Cli, new_booth

KIT_KEY = bundle.new_key()


def _join(ledger: Ledger) -> None:
    booth_key.remember(ledger, KIT_KEY)


def _booth_public(ledger: Ledger) -> str:
    row = ledger.one("SELECT value FROM local_secrets WHERE key = 'booth_key'")
    assert row
    return bundle.public_key(row["value"])


def _day_of_sales(ledger: Ledger) -> None:
    cash.move(ledger, "in", 200_000, reason="modal awal", opening_float=True, now=NOW)
    sales.checkout(
        ledger, [CartLine("NST-250", 2)], [PaymentPart("cash", tendered=200_000)], now=NOW
    )
    s2 = sales.checkout(ledger, [CartLine("KST-250")], [PaymentPart("transfer")], now=NOW)
    s3 = sales.checkout(
        ledger, [CartLine("PSJ-250")], [PaymentPart("cash")], now=NOW + timedelta(hours=3)
    )
    sales.void(ledger, s2.sale_no, reason="salah input", now=NOW)
    sales.refund(ledger, s3.sale_no, reason="rusak", now=NOW + timedelta(hours=4))
    cash.move(ledger, "out", 20_000, reason="es batu", now=NOW)
    cash.move(ledger, "in", 50_000, reason="uang kecil", now=NOW)


def test_close_totals_and_cash(ledger: Ledger) -> None:
    _day_of_sales(ledger)
    s = close.close_day(ledger, DAY, denominations={100_000: 3, 20_000: 2}, now=NOW)
    t = s.totals
    assert (t["sales_count"], t["gross"], t["voids"], t["refunds"]) == (2, 220_000, 60_000, 50_000)
    assert t["net"] == 110_000 == sum(t["by_payment"].values())
    # float 200.000 + cash sales 110.000 + 50.000 in - 20.000 out
    assert s.cash["expected"] == 340_000
    assert s.cash["counted"] == 340_000 and s.cash["difference"] == 0
    assert sum(p["amount"] for p in s.products) == t["net"]
    assert sum(h["net"] for h in s.hours) == t["net"]
    assert s.head_hash == ledger.entries(s.head_seq).__next__().hash
    assert verify(ledger).ok


def test_close_locks_the_day_and_reopen_bumps_the_revision(ledger: Ledger) -> None:
    _day_of_sales(ledger)
    close.close_day(ledger, DAY, counted=300_000, now=NOW)
    head = ledger.head()
    for attempt in (
        lambda: sales.checkout(ledger, [CartLine("NST-250")], [PaymentPart("cash")], now=NOW),
        lambda: close.close_day(ledger, DAY, counted=1, now=NOW),
        lambda: cash.move(ledger, "in", 1000, reason="x", now=NOW),
    ):
        with pytest.raises(BazarError):
            attempt()
    assert ledger.head() == head
    with pytest.raises(BazarError):
        close.reopen(ledger, "2026-03-21", reason="x", now=NOW)
    assert close.reopen(ledger, DAY, reason="lupa catat", now=NOW) == 2
    sales.checkout(ledger, [CartLine("NST-250")], [PaymentPart("cash")], now=NOW)
    again = close.close_day(ledger, DAY, counted=300_000, now=NOW)
    assert again.revision == 2 and again.totals["sales_count"] == 3
    assert verify(ledger).ok


def test_bad_counts(ledger: Ledger) -> None:
    for text in ("100000x", "3000x2", "abc", "100000x-1"):
        with pytest.raises(BazarError):
            close.parse_denominations(text)
    assert close.parse_denominations("100.000x2, 500x3") == {100_000: 2, 500: 3}
    with pytest.raises(BazarError):
        close.close_day(ledger, DAY, counted=-5, now=NOW)


def test_z_report_pdf(ledger: Ledger, tmp_path: Path) -> None:
    _day_of_sales(ledger)
    s = close.close_day(
        ledger, DAY, denominations={100_000: 3}, stock_counts={"NST-250": 20}, now=NOW
    )
    zreport.write(ledger, s, tmp_path / "z.pdf")
    text = "\n".join(p.extract_text() for p in PdfReader(tmp_path / "z.pdf").pages)
    for expected in (
        "Kue Bu Sari",
        "CP-07",
        "Rp110.000",
        "Rp340.000",
        "Rp300.000",
        "-Rp40.000",
        "Nastar Keju 250 g",
    ):
        assert expected in text, expected
    full = text
    assert s.head_hash in full.replace("\n", "")


def test_bundle_is_signed_and_tamper_evident(ledger: Ledger) -> None:
    _join(ledger)
    _day_of_sales(ledger)
    s = close.close_day(ledger, DAY, counted=340_000, now=NOW)
    b = closing.build_bundle(ledger, s, now=NOW)
    bundle.check(b)
    public = _booth_public(ledger)
    assert b["signer"] == {**b["signer"], "public_key": public}
    assert b["signer"]["kit_key"] == bundle.public_key(KIT_KEY) and bundle.enrolment_ok(b)
    assert bundle.signature_ok(b, public)
    assert not bundle.signature_ok(b, bundle.public_key(bundle.new_key()))
    b["totals"]["by_payment"]["cash"] += 1
    assert not bundle.signature_ok(b, public)
    _join(ledger)  # joining again keeps the booth's key: a hub that enrolled it still knows it
    assert _booth_public(ledger) == public


ops = st.lists(
    st.tuples(
        st.sampled_from(["sell", "void", "refund"]),
        st.integers(0, 20),
        st.sampled_from(["NST-250", "KST-250", "KRP-250"]),
        st.integers(1, 3),
        st.sampled_from(["cash", "qris", "transfer"]),
        st.integers(0, 12),
    ),
    max_size=15,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops)
def test_bundle_totals_equal_the_ledger(sequence: list[tuple]) -> None:
    ledger = new_booth()
    _join(ledger)
    try:
        for kind, pick, sku, qty, method, hour in sequence:
            now = NOW + timedelta(hours=hour % 12)
            done = [r["sale_no"] for r in sales.list_sales(ledger, DAY)]
            try:
                if kind == "sell":
                    pay = (
                        PaymentPart("qris", reference="QRIS")
                        if method == "qris"
                        else PaymentPart(method)
                    )
                    sales.checkout(ledger, [CartLine(sku, qty)], [pay], now=now)
                elif kind == "void" and done:
                    sales.void(ledger, done[pick % len(done)], reason="x", now=now)
                elif kind == "refund" and done:
                    sales.refund(ledger, done[pick % len(done)], {sku: 1}, reason="x", now=now)
            except BazarError:
                pass
        expected = totals.day_totals(ledger, DAY)
        s = close.close_day(ledger, DAY, now=NOW + timedelta(hours=12))
        b = closing.build_bundle(ledger, s, now=NOW)
        bundle.check(b)  # every bundle a booth makes passes the hub's checks
        t = b["totals"]
        assert {k: t[k] for k in bundle.TOTAL_KEYS} == {
            k: getattr(expected, k) for k in bundle.TOTAL_KEYS
        }
        assert t["by_payment"] == expected.by_payment
        assert sum(p["amount"] for p in b["products"]) == t["net"]
        assert sum(h["net"] for h in b["hours"]) == t["net"]
    finally:
        ledger.close()


def test_close_cli(cli: Cli) -> None:
    cli.setup_booth()
    cli("cash", "float", "100000")
    cli("sell", "NST-250", "--pay", "cash")
    r = cli("close", "--cash-counted", "150000", "--pdf", str(cli.home / "z.pdf"), "--json")
    assert r.exit_code == 0, r.stderr
    data = r.json()
    assert {k: data[k] for k in ("date", "revision", "sales_count", "net")} == {
        "date": DAY,
        "revision": 1,
        "sales_count": 1,
        "net": 55_000,
    }
    assert data["cash"] == {"expected": 155_000, "counted": 150_000, "difference": -5_000}
    assert len(data["head_hash"]) == 64 and Path(data["pdf"]).exists()
    r = cli("close", "--cash-counted", "1")
    assert r.exit_code == 2 and "sudah ditutup" in r.stderr
    r = cli("reopen", "--date", DAY, "--reason", "lupa", "--json")
    assert r.json()["next_revision"] == 2
    r = cli("close", "--cash-counted", "abc")
    assert r.exit_code == 2
    r = cli("export", "-o", str(cli.home / "b.json"))
    assert r.exit_code == 2 and "belum ditutup" in r.stderr


def test_a_day_still_to_come_cannot_be_closed(cli: Cli) -> None:
    """A mistyped --date (12 for 11) locked a future day, signed it empty for the hub, and
    refused that day's sales until an owner reopened it."""
    cli.setup_booth()
    r = cli("close", "--date", "2026-03-21", "--cash-counted", "0")
    assert r.exit_code == 2 and "belum tiba" in r.stderr
    r = cli("--lang", "en", "close", "--date", "2026-03-21", "--cash-counted", "0")
    assert r.exit_code == 2 and "has not come yet" in r.stderr
    ledger = Ledger.open(cli.db)
    try:
        assert not ledger.query("SELECT day FROM days")  # nothing was locked
    finally:
        ledger.close()
    assert cli("close", "--date", "2026-03-19", "--cash-counted", "0").exit_code == 0
    assert cli("close", "--date", DAY, "--cash-counted", "0").exit_code == 0


def test_sync_on_a_booth_without_a_hub_says_how_to_join(cli: Cli) -> None:
    """It said "hub unreachable; 0 bundles waiting" and exit 0: there was no hub to reach."""
    cli.setup_booth()
    r = cli("sync")
    assert r.exit_code == 2 and "belum bergabung ke hub" in r.stderr
    assert "tidak terjangkau" not in r.stderr + r.stdout
