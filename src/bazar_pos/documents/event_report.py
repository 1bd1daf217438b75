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

from bazar_pos import i18n, money
from bazar_pos.documents import dates, fonts
from bazar_pos.documents.receipt import method_name, write_atomic
from bazar_pos.documents.tables import a4, styles, table
from bazar_pos.hub.report import Report
from bazar_pos.i18n import t


def write(
    rep: Report,
    path: Path,
    *,
    generated: datetime,
    timezone: str = "Asia/Jakarta",
    lang: str | None = None,
) -> Path:
    """The event report PDF, in `lang` (default: the language of the command running now)."""
    with i18n.speaking(lang or i18n.current()):
        return write_atomic(
            path, lambda fh: render(rep, fh, generated=generated, timezone=timezone)
        )


_ID_MARKS = str.maketrans(",.", ".,")


def _n(count: float) -> str:
    """A number as the reader writes it: `2.388` and `2,5` in Indonesian, `2,388` and `2.5` in
    English. Rupiah keep `Rp2.388` in both (money.fmt), as on every receipt and screen."""
    text = f"{count:,.0f}" if count == int(count) else f"{count:,.1f}"
    return text.translate(_ID_MARKS) if i18n.current() == "id" else text


def _decided(a: dict[str, Any]) -> str:
    """A set-aside's reason, after the city hub that decided it (`JP: ...`) at a province."""
    return f"{a['decided_by']}: {a['reason']}" if a.get("decided_by") else str(a["reason"])


def _bar_chart(title: str, labels: list[str], values: list[int], width: float) -> Any:
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.shapes import Drawing, String
    from reportlab.lib import colors

    d = Drawing(width, 170)
    d.add(String(0, 158, title, fontName=fonts.FONT_BOLD, fontSize=9))
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 45, 30, width - 60, 115
    chart.data = [[v / 1_000_000 for v in values] or [0]]
    chart.categoryAxis.categoryNames = [_axis_name(lbl) for lbl in labels] or ["-"]
    chart.categoryAxis.labels.fontName = fonts.FONT
    chart.categoryAxis.labels.fontSize = 6
    chart.categoryAxis.labels.angle = 20 if len(labels) > 4 else 0
    chart.categoryAxis.labels.dy = -8
    chart.valueAxis.labels.fontName = fonts.FONT
    chart.valueAxis.labels.fontSize = 6
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labelTextFormat = _n
    chart.bars[0].fillColor = colors.HexColor("#2e7d6b")
    d.add(chart)
    d.add(String(0, 140, t("event_report.million_rp"), fontName=fonts.FONT, fontSize=6))
    return d


def _axis_name(name: str) -> str:
    """A place under its bar on two short lines: "Rusun Karang\nAnyar", never cut mid-word."""
    import textwrap

    lines = textwrap.wrap(name, 16) or ["-"]
    return "\n".join(lines[:2]) + ("…" if len(lines) > 2 else "")


def _pie(title: str, parts: dict[str, int], width: float) -> Any:
    from reportlab.graphics.charts.piecharts import Pie
    from reportlab.graphics.shapes import Drawing, String
    from reportlab.lib import colors

    d = Drawing(width, 170)
    d.add(String(0, 158, title, fontName=fonts.FONT_BOLD, fontSize=9))
    shown = {k: v for k, v in parts.items() if v > 0}
    if not shown:  # no money yet: a full circle would read "100%" of nothing
        d.add(String(0, 138, t("event_report.no_sales_yet"), fontName=fonts.FONT, fontSize=8))
        return d
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
                t("event_report.booths"),
                t("event_report.reported"),
                t("event_report.sales"),
                t("event_report.net"),
            ]
        ]
        + [
            [name, _n(r["booths"]), _n(r["reported"]), _n(r["sales_count"]), money.fmt(r["net"])]
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
        Paragraph(f"{t('event_report.city')}: {escape(city)} {escape(c['name'])}", st["title"]),
        Paragraph(
            t(
                "event_report.booths_reported_booth_days_not",
                reported=_n(c["reported"]),
                booths=_n(c["booths"]),
                missing=_n(c["missing"]),
            ),
            st["body"],
        ),
        _coverage(
            t("event_report.location"),
            [(p["location"], p) for p in places] + [(t("event_report.city_total"), c)],
        ),
    ]


def render(rep: Report, dest: Any, *, generated: datetime, timezone: str) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, Paragraph, Spacer

    st = styles()
    stamp = f"{t('event_report.generated')} {dates.long_datetime(generated, timezone)}"

    def on_page(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(fonts.FONT, 7)
        canvas.drawString(15 * mm, 10 * mm, f"{rep.event} · {stamp}")
        canvas.drawRightString(A4[0] - 15 * mm, 10 * mm, f"{t('event_report.page')} {doc.page}")
        canvas.restoreState()

    doc = a4(dest, f"{t('event_report.event_report')} {rep.event}", bottom_mm=18)
    width = A4[0] - 30 * mm
    locations = [loc["location"] for loc in rep.by_location]
    period = (
        f"{dates.long_date(rep.dates[0])} – {dates.long_date(rep.dates[-1])}" if rep.dates else "-"
    )
    reported = sum(1 for b in rep.by_booth if b["days_reported"])
    story: list[Any] = [
        Spacer(1, 40 * mm),
        Paragraph(t("event_report.event_sales_report"), st["title"]),
        Paragraph(escape(rep.event), st["title"]),
        Paragraph(period, st["body"]),
        Paragraph(t("event_report.locations") + ": " + escape(", ".join(locations)), st["body"]),
        Spacer(1, 10 * mm),
        table(
            [
                [t("event_report.headline"), t("event_report.value")],
                [t("event_report.net_sales"), money.fmt(rep.net)],
                [t("event_report.transactions"), _n(rep.sales_count)],
                [t("event_report.booths_reported"), f"{_n(reported)} / {_n(len(rep.by_booth))}"],
                [t("event_report.days"), str(len(rep.dates))],
                [t("event_report.bundles_received"), str(rep.bundles)],
            ],
            [90 * mm, 60 * mm],
        ),
        Spacer(1, 6),
        Paragraph(stamp, st["small"]),
        PageBreak(),
        Paragraph(t("event_report.summary"), st["h2"]),
        table(
            [
                [
                    t("event_report.date"),
                    t("event_report.booths"),
                    t("event_report.sales"),
                    t("event_report.net"),
                ]
            ]
            + [
                [
                    dates.long_date(d["date"]),
                    _n(d["booths"]),
                    _n(d["sales_count"]),
                    money.fmt(d["net"]),
                ]
                for d in rep.by_day
            ]
            + [[t("event_report.total"), "", _n(rep.sales_count), money.fmt(rep.net)]],
            [70 * mm, 30 * mm, 35 * mm, 45 * mm],
        ),
        Spacer(1, 6),
        _bar_chart(
            t("event_report.sales_per_day"),
            [d["date"] for d in rep.by_day],
            [d["net"] for d in rep.by_day],
            width,
        ),
        _bar_chart(
            t("event_report.sales_per_location"),
            locations,
            [loc["net"] for loc in rep.by_location],
            width,
        ),
        _pie(t("event_report.payment_mix"), rep.by_payment, width),
        Paragraph(t("event_report.by_payment_method"), st["h2"]),
        table(
            [[t("event_report.method"), t("event_report.net")]]
            + [[method_name(k), money.fmt(v)] for k, v in rep.by_payment.items()],
            [90 * mm, 60 * mm],
        ),
        *(
            [
                Paragraph(t("event_report.by_city"), st["h2"]),
                _coverage(
                    t("event_report.city"), [(f"{c['city']} {c['name']}", c) for c in rep.by_city]
                ),
            ]
            if len(rep.by_city) > 1
            else []
        ),
        Paragraph(t("event_report.by_location"), st["h2"]),
        _coverage(t("event_report.location"), [(loc["location"], loc) for loc in rep.by_location]),
        Paragraph(t("event_report.by_category"), st["h2"]),
        table(
            [[t("event_report.category"), t("event_report.sales"), t("event_report.net")]]
            + [
                [c["category"] or "-", _n(c["sales_count"]), money.fmt(c["net"])]
                for c in rep.by_category
            ],
            [90 * mm, 30 * mm, 60 * mm],
        ),
        Paragraph(t("event_report.by_mentor_pengampu"), st["h2"]),
        table(
            [[t("event_report.mentor"), t("event_report.sales"), t("event_report.net")]]
            + [
                [c["pengampu"] or "-", _n(c["sales_count"]), money.fmt(c["net"])]
                for c in rep.by_pengampu
            ],
            [90 * mm, 30 * mm, 60 * mm],
        ),
        Paragraph(t("event_report.top_products_amount"), st["h2"]),
        table(
            [
                [
                    t("event_report.product"),
                    t("event_report.category"),
                    t("summary.qty"),
                    t("event_report.amount"),
                ]
            ]
            + [
                [p["name"], p["category"], _n(p["qty"]), money.fmt(p["amount"])]
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
            Paragraph(f"{t('event_report.location')}: {escape(loc)}", st["h2"]),
            table(
                [
                    [
                        t("event_report.booth"),
                        t("event_report.name"),
                        t("event_report.mentor"),
                        t("event_report.days_2"),
                        t("event_report.sales"),
                        t("event_report.net"),
                    ]
                ]
                + [
                    [
                        b["booth"],
                        b["name"],
                        b["pengampu"],
                        _n(b["days_reported"]),
                        _n(b["sales_count"]),
                        money.fmt(b["net"]),
                    ]
                    for b in booths
                ]
                + [
                    [
                        t("event_report.subtotal"),
                        "",
                        "",
                        "",
                        _n(sum(b["sales_count"] for b in booths)),
                        money.fmt(sum(b["net"] for b in booths)),
                    ]
                ],
                [20 * mm, 55 * mm, 30 * mm, 20 * mm, 22 * mm, 33 * mm],
                numeric_from=3,
            ),
        ]
    story += [
        Paragraph(t("event_report.not_reported"), st["h2"]),
        table(
            [
                [
                    t("event_report.date"),
                    t("event_report.booth"),
                    t("event_report.name"),
                    t("event_report.location"),
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
                t("event_report.conflicts_same_revision_different_content"),
                st["h2"],
            ),
            table(
                [[t("event_report.booth"), t("event_report.date"), t("event_report.revision")]]
                + [[c["booth"], c["date"], c["revision"]] for c in rep.conflicts],
                [40 * mm, 40 * mm, 30 * mm],
                numeric_from=2,
            ),
        ]
    if rep.set_aside:  # figures the booths sent that no total counts: say which, and why
        story += [
            Paragraph(t("event_report.set_aside_not_counted"), st["h2"]),
            table(
                [
                    [
                        t("event_report.date"),
                        t("event_report.booth"),
                        t("event_report.reason"),
                        t("event_report.rev"),
                        t("event_report.net"),
                    ]
                ]
                + [
                    [
                        a["date"],
                        a["booth"],
                        Paragraph(escape(_decided(a)), st["small"]),
                        a["revision"],
                        money.fmt(a["net"]),
                    ]
                    for a in rep.set_aside
                ],
                [22 * mm, 22 * mm, 96 * mm, 10 * mm, 30 * mm],
                numeric_from=3,
            ),
        ]
    story += [
        PageBreak(),
        Paragraph(
            t("event_report.annex_every_booth_day_and"),
            st["h2"],
        ),
        table(
            [
                [
                    t("event_report.date"),
                    "Booth",
                    t("event_report.rev"),
                    t("event_report.net"),
                    "Hash",
                ]
            ]
            + [
                [d["date"], d["booth"], d["revision"], money.fmt(d["net"]), d["head_hash"]]
                for d in rep.booth_days
            ],
            [20 * mm, 16 * mm, 9 * mm, 28 * mm, 107 * mm],
            numeric_from=2,
        ),
    ]
    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)
