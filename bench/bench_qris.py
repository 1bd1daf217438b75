"""QRIS: static-to-dynamic with CRC, and one QR matrix build beside the qrcode library's own."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import qrcode
from qrcode.constants import ERROR_CORRECT_M

from bazar_pos.booth.demo import DEMO_QRIS
from bazar_pos.payments import build_matrix, to_dynamic
from common import median_ms, report


def main() -> None:
    dyn = median_ms(lambda: to_dynamic(DEMO_QRIS, 125_000, "CP07-0320-0001"), 2000) * 1000
    report("to_dynamic + CRC", dyn, None, "< 50 us", unit="us")
    payload = to_dynamic(DEMO_QRIS, 125_000, "CP07-0320-0001")

    def floor() -> None:
        qr = qrcode.QRCode(error_correction=ERROR_CORRECT_M)
        qr.add_data(payload)
        qr.make()

    base = median_ms(floor, 30)
    ours = median_ms(lambda: build_matrix(payload), 30)
    report("QR matrix build", ours, base, "<= 1.1")


if __name__ == "__main__":
    main()
