"""The vendor's own event summary (A4): what the whole event earned them, day by day.

Profit and cost are the vendor's business: this page is for them, never for the organizer.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bazar_pos import money
from bazar_pos.booth import profile
from bazar_pos.documents import close_notes, dates
from bazar_pos.documents.receipt import write_atomic
from bazar_pos.documents.tables import a4, styles, table
from bazar_pos.i18n import tr


def write(prof: profile.Profile, summary: dict[str, Any], path: Path) -> Path:
    return write_atomic(path, lambda fh: render(prof, summary, fh))


def _product_rows(rows: list[dict[str, Any]]) -> list[list[Any]]:
    return [[tr("Produk", "Product"), "Qty", "Net", tr("Modal", "Cost"), tr("Laba", "Profit")]] + [
        [r["name"], r["qty"], money.fmt(r["net"]), money.fmt(r["cost"]), money.fmt(r["profit"])]
        for r in rows
    ]


def render(prof: profile.Profile, s: dict[str, Any], dest: Any) -> None:
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer

    st = styles()
    doc = a4(dest, f"Ringkasan {prof.code} {s['from']}..{s['to']}")
    widths = [66 * mm, 16 * mm, 30 * mm, 30 * mm, 30 * mm]
    story: list[Any] = [
        Paragraph(f"{tr('Ringkasan Penjual', 'Vendor Summary')} — {prof.name}", st["title"]),
        Paragraph(f"{prof.code} · {prof.event}", st["body"]),
        Paragraph(f"{dates.long_date(s['from'])} – {dates.long_date(s['to'])}", st["body"]),
        Spacer(1, 6),
        table(
            [
                [tr("Keterangan", "Item"), tr("Jumlah", "Amount")],
                [tr("Penjualan bersih", "Net sales"), money.fmt(s["net"])],
                [tr("Modal barang terjual", "Cost of goods sold"), money.fmt(s["cost"])],
                [tr("LABA KOTOR", "GROSS PROFIT"), money.fmt(s["profit"])],
            ],
            [110 * mm, 60 * mm],
        ),
        Paragraph(tr("Per hari", "By day"), st["h2"]),
        table(
            [[tr("Tanggal", "Date"), "Net", tr("Modal", "Cost"), tr("Laba", "Profit")]]
            + [
                [d["date"], money.fmt(d["net"]), money.fmt(d["cost"]), money.fmt(d["profit"])]
                for d in s["days"]
            ],
            [50 * mm, 40 * mm, 40 * mm, 40 * mm],
        ),
        Paragraph(tr("Terlaris menurut laba", "Best sellers by profit"), st["h2"]),
        table(_product_rows(s["by_profit"]), widths),
        Paragraph(tr("Terlaris menurut jumlah", "Best sellers by quantity"), st["h2"]),
        table(_product_rows(s["by_qty"]), widths),
        Paragraph(tr("Sisa stok", "Stock left"), st["h2"]),
        table(
            [["SKU", tr("Produk", "Product"), tr("Stok", "Stock")]]
            + [[r["sku"], r["name"], r["stock"]] for r in s["stock"]],
            [30 * mm, 110 * mm, 30 * mm],
            numeric_from=2,
        ),
    ]
    if s["uncosted"]:
        story.append(Paragraph(close_notes.uncosted_line(s["uncosted"]), st["small"]))
    doc.build(story)
