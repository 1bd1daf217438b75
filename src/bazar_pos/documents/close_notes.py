"""The lines a day close adds under its figures, worded once for `close`, Tutup hari and the Z.

Profit, the QRIS check and the backup are decided in the domain; this only words them, in the
user's language, so the command and the screen say the same thing.
"""

from __future__ import annotations

from typing import Any

from bazar_pos import money
from bazar_pos.booth.backup import Backup, ClosingBackup
from bazar_pos.i18n import tr


def profit_lines(p: dict[str, Any]) -> list[str]:
    """Cost of goods and gross profit; a close recorded before costs were kept has none."""
    if not p:
        return []
    lines = [
        tr(
            f"Modal barang terjual: {money.fmt(p['cost'])}  laba kotor: {money.fmt(p['profit'])}",
            f"Cost of goods sold: {money.fmt(p['cost'])}  gross profit: {money.fmt(p['profit'])}",
        )
    ]
    if p["uncosted"]:
        lines.append(uncosted_line(p["uncosted"]))
    return lines


def uncosted_line(skus: list[str]) -> str:
    return tr(
        f"Tanpa harga modal (dihitung 0): {', '.join(skus)}",
        f"No cost price (counted as 0): {', '.join(skus)}",
    )


def reconcile_line(r: dict[str, Any] | None) -> str:
    """The day's last QRIS check against the merchant's statement, or that there was none."""
    if not r:
        return tr("QRIS belum dicocokkan dengan mutasi", "QRIS not checked against a statement")
    return tr(
        f"QRIS dicocokkan: {len(r['matched'])} cocok, {len(r['missing'])} tanpa dana masuk,"
        f" {len(r['extra'])} dana tanpa penjualan",
        f"QRIS checked: {len(r['matched'])} matched, {len(r['missing'])} with no credit,"
        f" {len(r['extra'])} credits with no sale",
    )


def backup_made(made: Backup) -> str:
    return tr(
        f"Cadangan ditulis dan diverifikasi: {made.path}\n"
        f"  {made.entries} catatan, hash {made.head_hash[:16]}",
        f"Backup written and verified: {made.path}\n"
        f"  {made.entries} entries, hash {made.head_hash[:16]}",
    )


def backup_line(saved: ClosingBackup | None) -> str | None:
    """Where the close's backup went, or why it did not (the day stays closed either way)."""
    if saved is None or (saved.backup is None and saved.error is None):
        return None
    if saved.backup:
        return backup_made(saved.backup)
    assert saved.error is not None
    return f"{tr('Peringatan', 'Warning')}: {saved.error.message()}"
