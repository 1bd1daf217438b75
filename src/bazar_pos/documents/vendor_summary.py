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
from bazar_pos.i18n import t


def write(prof: profile.Profile, summary: dict[str, Any], path: Path) -> Path:
    return write_atomic(path, lambda fh: render(prof, summary, fh))


PRODUCT_WIDTHS_MM = (22, 52, 14, 28, 26, 28)
"""SKU, product, quantity, net, cost, profit: the SKU tells apart products of the same name."""


def product_rows(rows: list[dict[str, Any]]) -> list[list[Any]]:
    """The profit table's head and one row per product (the Z report adds its total)."""
    head = ["SKU", t("summary.product"), t("summary.qty"), t("summary.net"), t("summary.cost")]
    return [[*head, t("summary.profit")]] + [
        [r["sku"], r["name"], r["qty"], *(money.fmt(r[k]) for k in ("net", "cost", "profit"))]
        for r in rows
    ]


def render(prof: profile.Profile, s: dict[str, Any], dest: Any) -> None:
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer

    st = styles()
    doc = a4(dest, f"{t('summary.vendor_summary')} {prof.code} {s['from']}..{s['to']}")
    widths = [w * mm for w in PRODUCT_WIDTHS_MM]
    story: list[Any] = [
        Paragraph(f"{t('summary.vendor_summary')} — {prof.name}", st["title"]),
        Paragraph(f"{prof.code} · {prof.event}", st["body"]),
        Paragraph(f"{dates.long_date(s['from'])} – {dates.long_date(s['to'])}", st["body"]),
        Spacer(1, 6),
        table(
            [
                [t("zreport.item"), t("zreport.amount")],
                [t("summary.net_sales"), money.fmt(s["net"])],
                [t("summary.cost_of_goods_sold"), money.fmt(s["cost"])],
                [t("summary.gross_profit_total"), money.fmt(s["profit"])],
            ],
            [110 * mm, 60 * mm],
        ),
        Paragraph(t("summary.by_day"), st["h2"]),
        table(
            [[t("summary.date"), t("summary.net"), t("summary.cost"), t("summary.profit")]]
            + [
                [d["date"], money.fmt(d["net"]), money.fmt(d["cost"]), money.fmt(d["profit"])]
                for d in s["days"]
            ],
            [50 * mm, 40 * mm, 40 * mm, 40 * mm],
        ),
        Paragraph(t("summary.best_by_profit"), st["h2"]),
        table(product_rows(s["by_profit"]), widths, numeric_from=2),
        Paragraph(t("summary.best_by_qty"), st["h2"]),
        table(product_rows(s["by_qty"]), widths, numeric_from=2),
        Paragraph(t("summary.stock_left"), st["h2"]),
        table(
            [["SKU", t("summary.product"), t("summary.stock")]]
            + [[r["sku"], r["name"], r["stock"]] for r in s["stock"]],
            [30 * mm, 110 * mm, 30 * mm],
            numeric_from=2,
        ),
    ]
    if s["uncosted"]:
        story.append(Paragraph(close_notes.uncosted_line(s["uncosted"]), st["small"]))
    doc.build(story)
