"""The lines a day close adds under its figures, worded once for `close`, Tutup hari and the Z.

Profit, the QRIS check and the backup are decided in the domain; this only words them, in the
user's language, so the command and the screen say the same thing.
"""

from __future__ import annotations

from typing import Any

from bazar_pos import money
from bazar_pos.booth.backup import Backup, ClosingBackup
from bazar_pos.booth.totals import DayTotals
from bazar_pos.i18n import t


def profit_lines(p: dict[str, Any]) -> list[str]:
    """Cost of goods and gross profit; a close recorded before costs were kept has none."""
    if not p:
        return []
    lines = [t("close_notes.profit", cost=money.fmt(p["cost"]), profit=money.fmt(p["profit"]))]
    if p["uncosted"]:
        lines.append(uncosted_line(p["uncosted"]))
    return lines


def uncosted_line(skus: list[str]) -> str:
    return t("close_notes.uncosted", skus=", ".join(skus))


def day_line(tot: DayTotals) -> str:
    """A day's count and net (and refunds when any), as Riwayat's header and `sales` show it."""
    line = t("riwayat.sales", sales_count=tot.sales_count) + f" · {t('summary.net')} "
    line += money.fmt(tot.net)
    return line + (f" · {t('riwayat.refunds')} -{money.fmt(tot.refunds)}" if tot.refunds else "")


def reconcile_line(r: dict[str, Any] | None) -> str:
    """The day's last QRIS check against the merchant's statement, or that there was none."""
    if not r:
        return t("close_notes.qris_not_checked")
    return t(
        "close_notes.qris_checked",
        matched=len(r["matched"]),
        missing=len(r["missing"]),
        extra=len(r["extra"]),
    )


def backup_made(made: Backup) -> str:
    return t(
        "cli.backup.backup_written_and_verified_entries",
        path=made.path,
        entries=made.entries,
        head_hash=made.head_hash[:16],
    )


def backup_line(saved: ClosingBackup | None) -> str | None:
    """Where the close's backup went, or why it did not (the day stays closed either way)."""
    if saved is None or (saved.backup is None and saved.error is None):
        return None
    if saved.backup:
        return backup_made(saved.backup)
    assert saved.error is not None
    return f"{t('cli.backup.warning')}: {saved.error.message()}"
