"""The event report the organizer prints the evening the event ends (A4, Indonesian by default).

Cover with the headline figures, a summary page with charts, per-location tables, top products,
booths that did not report, and an annex of every booth-day with its ledger head hash so each
rupiah can be traced back to a booth's verified ledger.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape  # names from booths and the organizer are text, not markup

from bazar_pos import money
from bazar_pos.documents import dates, fonts
from bazar_pos.documents.receipt import method_name, write_atomic
from bazar_pos.documents.tables import styles, table
from bazar_pos.hub.report import Report
from bazar_pos.i18n import tr


def write(rep: Report, path: Path, *, generated: datetime, timezone: str = "Asia/Jakarta") -> Path:
    return write_atomic(path, lambda fh: render(rep, fh, generated=generated, timezone=timezone))


def _bar_chart(title: str, labels: list[str], values: list[int], width: float) -> Any:
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.shapes import Drawing, String
    from reportlab.lib import colors

    d = Drawing(width, 170)
    d.add(String(0, 158, title, fontName=fonts.FONT_BOLD, fontSize=9))
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 45, 30, width - 60, 115
    chart.data = [[v / 1_000_000 for v in values] or [0]]
    chart.categoryAxis.categoryNames = [lbl[:14] for lbl in labels] or ["-"]
    chart.categoryAxis.labels.fontName = fonts.FONT
    chart.categoryAxis.labels.fontSize = 6
    chart.categoryAxis.labels.angle = 20 if len(labels) > 4 else 0
    chart.categoryAxis.labels.dy = -8
    chart.valueAxis.labels.fontName = fonts.FONT
    chart.valueAxis.labels.fontSize = 6
    chart.valueAxis.valueMin = 0
    chart.bars[0].fillColor = colors.HexColor("#2e7d6b")
    d.add(chart)
    d.add(String(0, 140, tr("juta Rp", "million Rp"), fontName=fonts.FONT, fontSize=6))
    return d


def _pie(title: str, parts: dict[str, int], width: float) -> Any:
    from reportlab.graphics.charts.piecharts import Pie
    from reportlab.graphics.shapes import Drawing, String
    from reportlab.lib import colors

    d = Drawing(width, 170)
    d.add(String(0, 158, title, fontName=fonts.FONT_BOLD, fontSize=9))
    shown = {k: v for k, v in parts.items() if v > 0} or {"-": 1}
    pie = Pie()
    pie.x, pie.y, pie.width, pie.height = 30, 15, 120, 120
    pie.data = list(shown.values())
    total = sum(shown.values())
    pie.labels = [f"{method_name(k)} {100 * v / total:.0f}%" for k, v in shown.items()]
    pie.simpleLabels = True
    pie.slices.fontName = fonts.FONT
    pie.slices.fontSize = 7
    palette = ["#2e7d6b", "#e0a526", "#3b6fb6", "#a34a7a"]
    for i in range(len(shown)):
        pie.slices[i].fillColor = colors.HexColor(palette[i % len(palette)])
    d.add(pie)
    return d


def _coverage(label: str, rows: list[tuple[str, dict[str, Any]]]) -> Any:
    """Booths expected and reported, sales and net, one row per place (a city or a location)."""
    from reportlab.lib.units import mm

    return table(
        [
            [
                label,
                tr("Booth", "Booths"),
                tr("Lapor", "Reported"),
                tr("Transaksi", "Sales"),
                tr("Bersih", "Net"),
            ]
        ]
        + [
            [name, r["booths"], r["reported"], r["sales_count"], money.fmt(r["net"])]
            for name, r in rows
        ],
        [70 * mm, 22 * mm, 22 * mm, 26 * mm, 40 * mm],
    )


def _city_page(rep: Report, city: str, st: Any) -> list[Any]:
    """A city's heading, its figures and a table of its locations with the city's total."""
    from reportlab.platypus import Paragraph

    c = next(x for x in rep.by_city if x["city"] == city)
    places = [loc for loc in rep.by_location if loc["city"] == city]
    return [
        Paragraph(f"{tr('Kota', 'City')}: {escape(city)} {escape(c['name'])}", st["title"]),
        Paragraph(
            tr(
                f"Booth melapor {c['reported']} / {c['booths']}; booth-hari belum lapor:"
                f" {c['missing']}",
                f"Booths reported {c['reported']} / {c['booths']}; booth-days not reported:"
                f" {c['missing']}",
            ),
            st["body"],
        ),
        _coverage(
            tr("Lokasi", "Location"),
            [(p["location"], p) for p in places] + [(tr("TOTAL KOTA", "CITY TOTAL"), c)],
        ),
    ]


def render(rep: Report, dest: Any, *, generated: datetime, timezone: str) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer

    st = styles()
    stamp = f"{tr('Dibuat', 'Generated')} {dates.long_datetime(generated, timezone)}"

    def on_page(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(fonts.FONT, 7)
        canvas.drawString(15 * mm, 10 * mm, f"{rep.event} · {stamp}")
        canvas.drawRightString(A4[0] - 15 * mm, 10 * mm, f"{tr('Halaman', 'Page')} {doc.page}")
        canvas.restoreState()

    doc = SimpleDocTemplate(
        dest,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=18 * mm,
        title=f"{tr('Laporan acara', 'Event report')} {rep.event}",
        author="bazar-pos",
    )
    width = A4[0] - 30 * mm
    locations = [loc["location"] for loc in rep.by_location]
    period = (
        f"{dates.long_date(rep.dates[0])} – {dates.long_date(rep.dates[-1])}" if rep.dates else "-"
    )
    reported = sum(1 for b in rep.by_booth if b["days_reported"])
    story: list[Any] = [
        Spacer(1, 40 * mm),
        Paragraph(tr("Laporan Penjualan Acara", "Event Sales Report"), st["title"]),
        Paragraph(escape(rep.event), st["title"]),
        Paragraph(period, st["body"]),
        Paragraph(tr("Lokasi", "Locations") + ": " + escape(", ".join(locations)), st["body"]),
        Spacer(1, 10 * mm),
        table(
            [
                [tr("Angka utama", "Headline"), tr("Nilai", "Value")],
                [tr("Penjualan bersih", "Net sales"), money.fmt(rep.net)],
                [tr("Jumlah transaksi", "Transactions"), f"{rep.sales_count:,}".replace(",", ".")],
                [tr("Booth melapor", "Booths reported"), f"{reported} / {len(rep.by_booth)}"],
                [tr("Hari", "Days"), str(len(rep.dates))],
                [tr("Bundel diterima", "Bundles received"), str(rep.bundles)],
            ],
            [90 * mm, 60 * mm],
        ),
        Spacer(1, 6),
        Paragraph(stamp, st["small"]),
        PageBreak(),
        Paragraph(tr("Ringkasan", "Summary"), st["h2"]),
        table(
            [
                [
                    tr("Tanggal", "Date"),
                    tr("Booth", "Booths"),
                    tr("Transaksi", "Sales"),
                    tr("Bersih", "Net"),
                ]
            ]
            + [
                [dates.long_date(d["date"]), d["booths"], d["sales_count"], money.fmt(d["net"])]
                for d in rep.by_day
            ]
            + [[tr("TOTAL", "TOTAL"), "", rep.sales_count, money.fmt(rep.net)]],
            [70 * mm, 30 * mm, 35 * mm, 45 * mm],
        ),
        Spacer(1, 6),
        _bar_chart(
            tr("Penjualan per hari", "Sales per day"),
            [d["date"] for d in rep.by_day],
            [d["net"] for d in rep.by_day],
            width,
        ),
        _bar_chart(
            tr("Penjualan per lokasi", "Sales per location"),
            locations,
            [loc["net"] for loc in rep.by_location],
            width,
        ),
        _pie(tr("Cara bayar", "Payment mix"), rep.by_payment, width),
        Paragraph(tr("Per cara bayar", "By payment method"), st["h2"]),
        table(
            [[tr("Cara bayar", "Method"), tr("Bersih", "Net")]]
            + [[method_name(k), money.fmt(v)] for k, v in rep.by_payment.items()],
            [90 * mm, 60 * mm],
        ),
        *(
            [
                Paragraph(tr("Per kota", "By city"), st["h2"]),
                _coverage(
                    tr("Kota", "City"), [(f"{c['city']} {c['name']}", c) for c in rep.by_city]
                ),
            ]
            if len(rep.by_city) > 1
            else []
        ),
        Paragraph(tr("Per lokasi", "By location"), st["h2"]),
        _coverage(tr("Lokasi", "Location"), [(loc["location"], loc) for loc in rep.by_location]),
        Paragraph(tr("Per kategori", "By category"), st["h2"]),
        table(
            [[tr("Kategori", "Category"), tr("Transaksi", "Sales"), tr("Bersih", "Net")]]
            + [
                [c["category"] or "-", c["sales_count"], money.fmt(c["net"])]
                for c in rep.by_category
            ],
            [90 * mm, 30 * mm, 60 * mm],
        ),
        Paragraph(tr("Per pengampu", "By mentor (pengampu)"), st["h2"]),
        table(
            [[tr("Pengampu", "Mentor"), tr("Transaksi", "Sales"), tr("Bersih", "Net")]]
            + [
                [c["pengampu"] or "-", c["sales_count"], money.fmt(c["net"])]
                for c in rep.by_pengampu
            ],
            [90 * mm, 30 * mm, 60 * mm],
        ),
        Paragraph(tr("Produk terlaris (nilai)", "Top products (amount)"), st["h2"]),
        table(
            [[tr("Produk", "Product"), tr("Kategori", "Category"), "Qty", tr("Nilai", "Amount")]]
            + [
                [p["name"], p["category"], p["qty"], money.fmt(p["amount"])]
                for p in rep.top_products
            ],
            [80 * mm, 40 * mm, 20 * mm, 40 * mm],
            numeric_from=2,
        ),
    ]
    several = len(rep.by_city) > 1  # a province: a page per city, then its locations
    for place in rep.by_location:
        city, loc = place["city"], place["location"]
        if several and place is next(x for x in rep.by_location if x["city"] == city):
            story += [PageBreak(), *_city_page(rep, city, st)]
        booths = [b for b in rep.by_booth if (b["city"], b["location"]) == (city, loc)]
        story += [
            Paragraph(f"{tr('Lokasi', 'Location')}: {escape(loc)}", st["h2"]),
            table(
                [
                    [
                        tr("Booth", "Booth"),
                        tr("Nama", "Name"),
                        tr("Pengampu", "Mentor"),
                        tr("Hari lapor", "Days"),
                        tr("Transaksi", "Sales"),
                        tr("Bersih", "Net"),
                    ]
                ]
                + [
                    [
                        b["booth"],
                        b["name"],
                        b["pengampu"],
                        b["days_reported"],
                        b["sales_count"],
                        money.fmt(b["net"]),
                    ]
                    for b in booths
                ]
                + [
                    [
                        tr("Subtotal", "Subtotal"),
                        "",
                        "",
                        "",
                        sum(b["sales_count"] for b in booths),
                        money.fmt(sum(b["net"] for b in booths)),
                    ]
                ],
                [20 * mm, 55 * mm, 30 * mm, 20 * mm, 22 * mm, 33 * mm],
                numeric_from=3,
            ),
        ]
    story += [
        Paragraph(tr("Belum melapor", "Not reported"), st["h2"]),
        table(
            [
                [
                    tr("Tanggal", "Date"),
                    tr("Booth", "Booth"),
                    tr("Nama", "Name"),
                    tr("Lokasi", "Location"),
                ]
            ]
            + [
                [m["date"], m["booth"], m.get("name", ""), m.get("location", "")]
                for m in rep.missing
            ]
            or [["-", "-", "-", "-"]],
            [28 * mm, 22 * mm, 65 * mm, 65 * mm],
            numeric_from=4,
        ),
    ]
    if rep.conflicts:
        story += [
            Paragraph(
                tr(
                    "Konflik (revisi sama, isi berbeda)",
                    "Conflicts (same revision, different content)",
                ),
                st["h2"],
            ),
            table(
                [[tr("Booth", "Booth"), tr("Tanggal", "Date"), tr("Revisi", "Revision")]]
                + [[c["booth"], c["date"], c["revision"]] for c in rep.conflicts],
                [40 * mm, 40 * mm, 30 * mm],
                numeric_from=2,
            ),
        ]
    story += [
        PageBreak(),
        Paragraph(
            tr(
                "Lampiran: setiap booth-hari dan hash buku besarnya",
                "Annex: every booth-day and its ledger head hash",
            ),
            st["h2"],
        ),
        table(
            [[tr("Tanggal", "Date"), "Booth", tr("Rev", "Rev"), tr("Bersih", "Net"), "Hash"]]
            + [
                [d["date"], d["booth"], d["revision"], money.fmt(d["net"]), d["head_hash"]]
                for d in rep.booth_days
            ],
            [20 * mm, 16 * mm, 9 * mm, 28 * mm, 107 * mm],
            numeric_from=2,
        ),
    ]
    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)
