"""QRIS: static-to-dynamic with CRC per sale, and one QR matrix build beside qrcode's own."""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import qrcode
from qrcode.constants import ERROR_CORRECT_M

from bazar_pos.booth.demo import DEMO_QRIS
from bazar_pos.payments import build_matrix, to_dynamic, validate
from common import median_ms, report


def interleaved_ms(
    a: Callable[[], object], b: Callable[[], object], repeat: int
) -> tuple[float, float]:
    """Medians of `a` and `b` run in turns, so that a load change on the machine hits both."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeat):
        for fn, out in ((a, times[0]), (b, times[1])):
            start = time.perf_counter()
            fn()
            out.append((time.perf_counter() - start) * 1000)
    return statistics.median(times[0]), statistics.median(times[1])


def main() -> None:
    # per sale: the vendor's static code was checked once; the new code is built from its pieces
    dyn = median_ms(lambda: to_dynamic(DEMO_QRIS, 125_000, "CP07-260320-0001"), 2000) * 1000
    report("to_dynamic + CRC", dyn, None, "< 50 us", unit="us")
    payload = to_dynamic(DEMO_QRIS, 125_000, "CP07-260320-0001")
    check = median_ms(lambda: validate(payload), 2000) * 1000
    report("validate (a pasted code; no longer on the sale path)", check, None, "", unit="us")

    def floor() -> None:
        qr = qrcode.QRCode(error_correction=ERROR_CORRECT_M)
        qr.add_data(payload)
        qr.make()

    ours, base = interleaved_ms(lambda: build_matrix(payload), floor, 40)
    report("QR matrix build", ours, base, "<= 1.1")


if __name__ == "__main__":
    main()
