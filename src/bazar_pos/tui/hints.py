"""Refusals as the app says them: the screen and key that fix it, never a command to type.

The domain's messages name CLI commands (the CLI prints them as they are); inside the app the
same refusal points at the screen and key instead. Keyed by the error's stable code.
"""

from __future__ import annotations

from bazar_pos.errors import BazarError
from bazar_pos.i18n import tr

HINTS: dict[str, tuple[str, str]] = {
    "no_qris": (
        "Booth belum punya QRIS: pasang di Pengaturan (F5), bagian QRIS, lalu F9 simpan",
        "The booth has no QRIS yet: set it in Settings (F5), QRIS section, then F9 to save",
    ),
    "day_closed": (
        "Hari ini sudah ditutup: buka lagi di Tutup hari (F4) dengan F10",
        "Today is closed: reopen it in Close day (F4) with F10",
    ),
    "no_printer": (
        "Belum ada printer: atur di Pengaturan (F5), bagian Struk",
        "No printer set: set one in Settings (F5), Receipt section",
    ),
    "no_secret": (
        "Booth belum bergabung ke hub: gabung di Pengaturan (F5) dengan file kit dan F7",
        "The booth has not joined a hub: join in Settings (F5) with the kit file and F7",
    ),
    "has_refunds": (
        "Penjualan ini sudah ada retur: retur sisanya dengan F7",
        "This sale has refunds: refund the rest with F7",
    ),
}


def say(exc: BazarError) -> str:
    """One line for the vendor, in the current language."""
    hint = HINTS.get(exc.code)
    return tr(*hint) if hint else exc.message()
