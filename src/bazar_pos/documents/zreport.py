"""The Z report: one page a vendor signs at the end of the day and the organizer can check."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bazar_pos import money
from bazar_pos.booth import profile, reconcile, staff
from bazar_pos.booth.close import DaySummary
from bazar_pos.booth.ledger import Ledger
from bazar_pos.documents import close_notes, dates, vendor_summary
from bazar_pos.documents.receipt import method_name, write_atomic
from bazar_pos.documents.tables import a4, styles, table
from bazar_pos.i18n import t


def write(ledger: Ledger, summary: DaySummary, path: Path) -> Path:
    """The day's last QRIS check is read at writing time: a statement often comes after the close."""
    prof = profile.load(ledger)
    checked = reconcile.latest(ledger, summary.day)
    people = staff.by_person(ledger, summary.day)
    return write_atomic(path, lambda fh: render(prof, summary, fh, checked, people))


def render(
    prof: profile.Profile,
    s: DaySummary,
    dest: Any,
    checked: dict[str, Any] | None = None,
    people: list[staff.PersonDay] | None = None,
) -> None:
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer

    st = styles()
    tot = s.totals
    doc = a4(dest, f"Z report {prof.code} {s.day}")
    story: list[Any] = [
        Paragraph(f"{t('zreport.day_close_z_report')} — {prof.name}", st["title"]),
        Paragraph(f"{prof.code} · {prof.location} · {prof.event}", st["body"]),
        Paragraph(f"{dates.long_date(s.day)} · {t('zreport.revision')} {s.revision}", st["body"]),
        Spacer(1, 6),
        Paragraph(t("zreport.summary"), st["h2"]),
        table(
            [
                [t("zreport.item"), t("zreport.amount")],
                [t("zreport.sales"), str(tot["sales_count"])],
                [t("zreport.gross"), money.fmt(tot["gross"])],
                [t("zreport.discounts"), money.fmt(-tot["discounts"])],
                [
                    t("zreport.voided", voided_count=tot["voided_count"]),
                    money.fmt(-tot["voids"]),
                ],
                [t("zreport.refunds"), money.fmt(-tot["refunds"])],
                [t("zreport.net_sales"), money.fmt(tot["net"])],
            ],
            [110 * mm, 60 * mm],
        ),
        Paragraph(t("zreport.by_payment_method"), st["h2"]),
        table(
            [[t("zreport.method"), t("zreport.amount")]]
            + [[method_name(k), money.fmt(v)] for k, v in tot["by_payment"].items()],
            [110 * mm, 60 * mm],
        ),
        Paragraph(t("zreport.cash"), st["h2"]),
        table(
            [
                [t("zreport.item"), t("zreport.amount")],
                [t("zreport.opening_float"), money.fmt(s.cash["opening"])],
                [
                    t("zreport.cash_sales_net_of_refunds"),
                    money.fmt(s.cash["sales"]),
                ],
                [t("zreport.cash_in"), money.fmt(s.cash["cash_in"])],
                [t("zreport.cash_out"), money.fmt(-s.cash["cash_out"])],
                [t("zreport.expected"), money.fmt(s.cash["expected"])],
                [t("zreport.counted"), money.fmt(s.cash["counted"])],
                [t("zreport.difference"), money.fmt(s.cash["difference"])],
            ],
            [110 * mm, 60 * mm],
        ),
    ]
    story += _profit(s.profit, st) + _qris_check(checked, st)
    notes = s.cash.get("denominations") or {}
    if notes:
        story += [
            Paragraph(t("zreport.cash_by_denomination"), st["h2"]),
            table(
                [[t("zreport.denomination"), t("zreport.count"), "Total"]]
                + [[money.fmt(int(k)), str(v), money.fmt(int(k) * v)] for k, v in notes.items()],
                [70 * mm, 50 * mm, 50 * mm],
            ),
        ]
    if people:
        story += _people(people, st)
    story += [
        Paragraph(t("zreport.stock"), st["h2"]),
        table(
            [
                [
                    "SKU",
                    t("zreport.product"),
                    t("zreport.opening"),
                    t("zreport.in"),
                    t("zreport.adj"),
                    t("zreport.sold"),
                    t("zreport.back"),
                    t("zreport.closing"),
                    t("zreport.counted"),
                    t("zreport.variance"),
                ]
            ]
            + [_stock_row(p) for p in s.stock],
            [w * mm for w in (18, 40, 13, 13, 14, 14, 14, 13, 16, 14)],
            numeric_from=2,
        ),
        Spacer(1, 8),
        Paragraph(
            f"{t('zreport.ledger_head_hash')} (seq {s.head_seq}): {s.head_hash}",
            st["small"],
        ),
        Paragraph(
            t("zreport.vendor_signature"),
            st["body"],
        ),
    ]
    doc.build(story)


def _profit(p: dict[str, Any], st: dict[str, Any]) -> list[Any]:
    """The vendor's own page: net, cost of goods and gross profit, per product (a loss shows)."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph

    if not p:
        return []  # a close recorded before costs were kept
    out: list[Any] = [
        Paragraph(t("zreport.gross_profit_vendor_only"), st["h2"]),
        table(
            [
                *vendor_summary.product_rows(p["products"]),
                [t("summary.total"), "", "", *(money.fmt(p[k]) for k in ("net", "cost", "profit"))],
            ],
            [w * mm for w in vendor_summary.PRODUCT_WIDTHS_MM],
            numeric_from=2,
        ),
    ]
    if p["uncosted"]:
        out.append(Paragraph(close_notes.uncosted_line(p["uncosted"]), st["small"]))
    return out


def _qris_check(r: dict[str, Any] | None, st: dict[str, Any]) -> list[Any]:
    from reportlab.platypus import Paragraph

    head = Paragraph(t("zreport.qris_checked_against_statement"), st["h2"])
    out = [head, Paragraph(close_notes.reconcile_line(r), st["body"])]
    for m in (r or {}).get("missing", []):
        out.append(
            Paragraph(
                t(
                    "zreport.no_credit",
                    sale_no=m["sale_no"],
                    amount=money.fmt(m["amount"]),
                    time=m["time"],
                ),
                st["small"],
            )
        )
    return out


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


def _people(people: list[staff.PersonDay], st: dict[str, Any]) -> list[Any]:
    """Who sold, voided and refunded, and which owner approved: the helper's loss is visible."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph

    return [
        Paragraph(t("zreport.by_person"), st["h2"]),
        table(
            [
                [
                    t("zreport.person_name"),
                    t("zreport.person_sales"),
                    t("zreport.person_voids"),
                    t("zreport.refunds"),
                    t("zreport.approved_by"),
                ]
            ]
            + [
                [
                    p.name,
                    f"{p.sales} · {money.fmt(p.sold)}",
                    f"{p.voids} · {money.fmt(-p.voided)}",
                    f"{p.refunds} · {money.fmt(-p.refunded)}",
                    ", ".join(sorted(p.approved_by or ())),
                ]
                for p in people
            ],
            [38 * mm, 36 * mm, 36 * mm, 36 * mm, 34 * mm],
            numeric_from=1,
        ),
    ]
