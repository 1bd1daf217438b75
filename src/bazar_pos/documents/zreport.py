"""The Z report: one page a vendor signs at the end of the day and the organizer can check."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bazar_pos import money
from bazar_pos.booth import profile
from bazar_pos.booth.close import DaySummary
from bazar_pos.booth.ledger import Ledger
from bazar_pos.documents import dates
from bazar_pos.documents.receipt import method_name, write_atomic
from bazar_pos.documents.tables import styles, table
from bazar_pos.i18n import tr


def write(ledger: Ledger, summary: DaySummary, path: Path) -> Path:
    prof = profile.load(ledger)
    return write_atomic(path, lambda fh: render(prof, summary, fh))


def render(prof: profile.Profile, s: DaySummary, dest: Any) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    st = styles()
    t = s.totals
    doc = SimpleDocTemplate(
        dest,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=f"Z report {prof.code} {s.day}",
        author="bazar-pos",
    )
    story: list[Any] = [
        Paragraph(
            f"{tr('Laporan Tutup Hari (Z)', 'Day Close (Z) Report')} — {prof.name}", st["title"]
        ),
        Paragraph(f"{prof.code} · {prof.location} · {prof.event}", st["body"]),
        Paragraph(
            f"{dates.long_date(s.day)} · {tr('revisi', 'revision')} {s.revision}", st["body"]
        ),
        Spacer(1, 6),
        Paragraph(tr("Ringkasan", "Summary"), st["h2"]),
        table(
            [
                [tr("Keterangan", "Item"), tr("Jumlah", "Amount")],
                [tr("Jumlah transaksi", "Sales"), str(t["sales_count"])],
                [tr("Penjualan kotor", "Gross"), money.fmt(t["gross"])],
                [tr("Diskon", "Discounts"), f"-{money.fmt(t['discounts'])}"],
                [
                    tr(f"Dibatalkan ({t['voided_count']})", f"Voided ({t['voided_count']})"),
                    f"-{money.fmt(t['voids'])}",
                ],
                [tr("Retur", "Refunds"), f"-{money.fmt(t['refunds'])}"],
                [tr("PENJUALAN BERSIH", "NET SALES"), money.fmt(t["net"])],
            ],
            [110 * mm, 60 * mm],
        ),
        Paragraph(tr("Per cara bayar", "By payment method"), st["h2"]),
        table(
            [[tr("Cara bayar", "Method"), tr("Jumlah", "Amount")]]
            + [[method_name(k), money.fmt(v)] for k, v in t["by_payment"].items()],
            [110 * mm, 60 * mm],
        ),
        Paragraph(tr("Kas", "Cash"), st["h2"]),
        table(
            [
                [tr("Keterangan", "Item"), tr("Jumlah", "Amount")],
                [tr("Modal awal", "Opening float"), money.fmt(s.cash["opening"])],
                [
                    tr("Penjualan tunai (bersih retur)", "Cash sales (net of refunds)"),
                    money.fmt(s.cash["sales"]),
                ],
                [tr("Kas masuk", "Cash in"), money.fmt(s.cash["cash_in"])],
                [tr("Kas keluar", "Cash out"), f"-{money.fmt(s.cash['cash_out'])}"],
                [tr("Seharusnya", "Expected"), money.fmt(s.cash["expected"])],
                [tr("Dihitung", "Counted"), money.fmt(s.cash["counted"])],
                [tr("Selisih", "Difference"), money.fmt(s.cash["difference"])],
            ],
            [110 * mm, 60 * mm],
        ),
    ]
    notes = s.cash.get("denominations") or {}
    if notes:
        story += [
            Paragraph(tr("Rincian uang", "Cash by denomination"), st["h2"]),
            table(
                [[tr("Pecahan", "Denomination"), tr("Lembar/keping", "Count"), "Total"]]
                + [[money.fmt(int(k)), str(v), money.fmt(int(k) * v)] for k, v in notes.items()],
                [70 * mm, 50 * mm, 50 * mm],
            ),
        ]
    story += [
        Paragraph(tr("Stok", "Stock"), st["h2"]),
        table(
            [
                [
                    "SKU",
                    tr("Produk", "Product"),
                    tr("Awal", "Opening"),
                    tr("Masuk", "In"),
                    tr("Koreksi", "Adj."),
                    tr("Terjual", "Sold"),
                    tr("Kembali", "Back"),
                    tr("Akhir", "Closing"),
                    tr("Dihitung", "Counted"),
                    tr("Selisih", "Variance"),
                ]
            ]
            + [_stock_row(p) for p in s.stock],
            [20 * mm, 46 * mm, *[13 * mm] * 8],
            numeric_from=2,
        ),
        Spacer(1, 8),
        Paragraph(
            f"{tr('Hash buku besar', 'Ledger head hash')} (seq {s.head_seq}): {s.head_hash}",
            st["small"],
        ),
        Paragraph(
            tr(
                "Tanda tangan penjual: ____________________",
                "Vendor signature: ____________________",
            ),
            st["body"],
        ),
    ]
    doc.build(story)


def _stock_row(p: dict[str, Any]) -> list[Any]:
    """A close recorded before the day's moves were kept shows only what it has (blank)."""
    closing = p.get("expected_closing", p.get("closing"))
    return [
        p["sku"],
        p["name"],
        p["opening"],
        f"+{p['restocked']}" if "restocked" in p else "",
        f"{p['adjusted']:+d}" if "adjusted" in p else "",
        p["sold"],
        f"+{p['returned']}" if "returned" in p else "",
        closing,
        "" if p["counted"] is None else p["counted"],
        "" if p["variance"] is None else f"{p['variance']:+d}",
    ]
