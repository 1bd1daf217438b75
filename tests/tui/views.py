"""Every screen and dialog of the booth app, reached by the keys a vendor presses.

Shared by the snapshot tests and the test that reads each picture for cut text.
"""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from tests.tui.conftest import burst, settle, type_in

# name -> (keys after one sale and one begun, labels that must show whole)
VIEWS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "kasir": ((), ("F9 Tunai", "F8 Kosongkan", "F12 Campur", "^Q keluar", "Keranjang")),
    "riwayat": (("f2",), ("F6 Batalkan", "F7 Retur", "F8 Cetak ulang", "Hari lanjut")),
    "stok": (("f3",), ("F6 Produk baru", "F10 Hitung", "Stok")),
    "tutup": (("f4",), ("F9 Tutup hari", "F10 Buka lagi", "Modal awal", "Kas seharusnya")),
    "pengaturan": (("f5",), ("F9 Simpan", "F7 Gabung hub", "Hub penyelenggara", "File kit")),
    "cash": (("f9",), ("Bayar tunai", "F2 Pas", "F3 Rp110.000", "F5 Rp150.000", "Kembalian")),
    "split": (("f12",), ("Bayar campur", "Bagian pertama", "Sisanya dengan")),
    "transfer": (("f11",), ("Transfer", "Referensi")),
    "qris": (("f10",), ("QRIS",)),
    "line": (("f6", "enter"), ("Jumlah (0 = hapus baris)", "Diskon baris")),
    "discount": (("f7",), ("Diskon seluruh belanja",)),
    "clear": (("f8",), ("Kosongkan keranjang?", "Ya (Enter)", "Tidak (Esc)")),
    "void": (("f2", "f6"), ("Batalkan", "Alasan (wajib)")),
    "refund": (("f2", "f7"), ("Retur", "dari 1", "dari 3", "Alasan", "Pilih jumlah")),
    "product": (("f3", "f6"), ("Produk baru", "SKU", "Nama", "Harga (Rp)", "Stok awal")),
    "restock": (("f3", "f8"), ("Tambah stok",)),
    "adjust": (("f3", "f9"), ("Koreksi stok",)),
    "stockcount": (("f4", "f6"), ("Hitung stok akhir hari", "F9 selesai")),
    "cashmove": (("f4", "f7"), ("Kas masuk / keluar",)),
}

# name -> the same labels in English (after switching the language): longer words, same room
LABELS_EN: dict[str, tuple[str, ...]] = {
    "kasir": ("F9 Cash", "F8 Clear", "F12 Split", "^Q quits", "Cart"),
    "riwayat": ("F6 Void", "F7 Refund", "F8 Reprint", "Day after"),
    "stok": ("F6 New product", "F10 Count", "Stock"),
    "tutup": ("F9 Close day", "F10 Reopen", "Opening float", "Cash expected"),
    "pengaturan": ("F9 Save", "F7 Join hub", "Organizer hub", "Kit file"),
    "cash": ("Cash payment", "F2 Exact", "F3 Rp110.000", "F5 Rp150.000", "Change"),
    "split": ("Split payment", "First part", "The rest with"),
    "transfer": ("Transfer", "Reference"),
    "qris": ("QRIS",),
    "line": ("Quantity (0 = remove the line)", "Line discount"),
    "discount": ("Discount on the whole sale",),
    "clear": ("Clear the cart?", "Yes (Enter)", "No (Esc)"),
    "void": ("Void", "Reason (required)"),
    "refund": ("Refund", "of 1", "of 3", "Reason", "Choose how many"),
    "product": ("New product", "SKU", "Name", "Price (Rp)", "Opening stock"),
    "restock": ("Restock",),
    "adjust": ("Adjust stock",),
    "stockcount": ("End-of-day stock count", "F9 done"),
    "cashmove": ("Cash in / out",),
}


async def one_sale_and_one_in_progress(pilot: Pilot[Any]) -> None:
    """A day with something in it: one sale paid exact in cash, the next one begun."""
    await type_in(pilot, "nas\r3*kas\r")
    await burst(pilot, "f9", "enter")
    await pilot.app.workers.wait_for_complete()  # the receipt is written off the UI thread
    await settle(pilot)
    await type_in(pilot, "2*put\r")
    pilot.app.clear_notifications()


async def open_view(pilot: Pilot[Any], name: str) -> None:
    await one_sale_and_one_in_progress(pilot)
    for key in VIEWS[name][0]:
        await pilot.press(key)
    await settle(pilot)
