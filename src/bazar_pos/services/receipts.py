"""Write (and optionally print) a sale's receipt where the booth keeps them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bazar_pos import config
from bazar_pos.booth import profile, sales
from bazar_pos.booth.ledger import Ledger
from bazar_pos.documents import receipt
from bazar_pos.errors import BazarError


def receipts_dir(ledger: Ledger) -> Path:
    custom = profile.load(ledger).get("receipt_dir")
    if custom:
        return Path(str(custom))
    if ledger.path is None:
        return config.home() / "receipts"
    return config.receipts_dir(ledger.path)


def write_receipt(
    ledger: Ledger, sale_no: str, *, path: Path | None = None, paper: str | None = None
) -> Path:
    """One PDF per sale, named by its number; written atomically."""
    prof = profile.load(ledger)
    sale = sales.get(ledger, sale_no)
    chosen = paper or str(prof.get("receipt_paper") or "58")
    receipt.paper_size(chosen)
    target = path or receipts_dir(ledger) / f"{sale.sale_no}.pdf"
    return receipt.write_atomic(target, lambda fh: receipt.render_pdf(prof, sale, fh, paper=chosen))


def print_receipt(ledger: Ledger, sale_no: str, spec: str | None = None) -> None:
    from bazar_pos.documents import escpos_out

    prof = profile.load(ledger)
    sale = sales.get(ledger, sale_no)
    chosen = spec or prof.get("printer")
    if not chosen:
        raise escpos_out.PrinterError("no_printer")
    columns = 48 if str(prof.get("receipt_paper") or "58") == "80" else 32
    escpos_out.print_receipt(escpos_out.open_printer(str(chosen)), prof, sale, columns)


@dataclass(frozen=True)
class Issued:
    path: Path
    printed: bool
    printer_error: BazarError | None = None


def issue(ledger: Ledger, sale_no: str, *, path: Path | None = None) -> Issued:
    """After a sale: the PDF always, then the booth's printer when one is set.

    A printer that is off or jammed is reported in the result, never raised: the PDF is written
    and the vendor reprints later. A PDF that cannot be written raises as usual.
    """
    pdf = write_receipt(ledger, sale_no, path=path)
    if not profile.load(ledger).get("printer"):
        return Issued(pdf, printed=False)
    try:
        print_receipt(ledger, sale_no)
    except BazarError as exc:
        return Issued(pdf, printed=False, printer_error=exc)
    return Issued(pdf, printed=True)
