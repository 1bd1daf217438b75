"""Receipt PDF per sale beside a bare reportlab canvas drawing the same text and QR."""

from __future__ import annotations

import io
import sys
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from reportlab.pdfgen import canvas

from bazar_pos.booth import demo, profile, qris_setting, sales
from bazar_pos.booth.ledger import Ledger
from bazar_pos.booth.models import CartLine, PaymentPart
from bazar_pos.documents import receipt
from bazar_pos.payments import build_matrix, draw_on_canvas
from common import median_ms, report

NOW = datetime(2026, 3, 20, 3, 0, tzinfo=UTC)


def main() -> None:
    ledger = Ledger.in_memory()
    demo.seed(ledger, now=NOW)
    payload = qris_setting.dynamic_for(ledger, 170_000, "DEMO01-260320-0001")
    sale = sales.checkout(
        ledger,
        [CartLine("NST-250", 2), CartLine("KST-250", 1)],
        [PaymentPart("qris", reference=payload)],
        now=NOW,
    )
    prof = profile.load(ledger)
    lines = [f"{r.left} {r.right}" for r in receipt.layout(prof, sale)]

    def floor() -> None:
        c = canvas.Canvas(io.BytesIO(), pagesize=(164, 500))
        y = 490.0
        for text in lines:
            c.drawString(8, y, text)
            y -= 10
        draw_on_canvas(c, build_matrix(payload), 20, 20, 113)
        c.save()

    base = median_ms(floor, 30)
    ours = median_ms(lambda: receipt.render_pdf(prof, sale, io.BytesIO(), paper="58"), 30)
    report("receipt PDF 58 mm with QR", ours, base, "<= 1.5")


if __name__ == "__main__":
    main()
