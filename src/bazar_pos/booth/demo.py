"""A demo booth a vendor can try at once: a Ramadan bazaar catalog and a sample QRIS."""

from __future__ import annotations

from datetime import datetime

from bazar_pos.booth import catalog, profile
from bazar_pos.booth.ledger import Ledger

# The constructed sample from shared/examples/qris: a valid static QRIS of a fictitious merchant.
DEMO_QRIS = (
    "00020101021126720020ID.CO.BANKCONTOH.WWW01189360099900000123450215BZR000000012345"
    "0303UMI51440014ID.CO.QRIS.WWW0215ID10250000123450303UMI5204581253033605802ID5921"
    "WARUNG BAZAAR BOOTH 76013JAKARTA PUSAT61051011062070703A01630455C7"
)

DEMO_CATALOG: list[tuple[str, str, int, int, str]] = [
    ("NST-250", "Nastar Keju 250 g", 55_000, 24, "kue kering"),
    ("KST-250", "Kastengel 250 g", 60_000, 20, "kue kering"),
    ("PSJ-250", "Putri Salju 250 g", 50_000, 18, "kue kering"),
    ("LDH-250", "Lidah Kucing 250 g", 45_000, 15, "kue kering"),
    ("SGU-250", "Kue Sagu Keju 250 g", 45_000, 12, "kue kering"),
    ("KRP-IKN", "Kerupuk Ikan 250 g", 25_000, 30, "camilan"),
    ("KRP-UDG", "Kerupuk Udang Sidoarjo 250 g", 35_000, 25, "camilan"),
    ("KPK-PDS", "Keripik Pisang Pedas 200 g", 20_000, 30, "camilan"),
    ("RGN-ABN", "Rengginang Abon 250 g", 30_000, 20, "camilan"),
    ("DDL-BTW", "Dodol Betawi 500 g", 40_000, 16, "kue basah"),
    ("KLP-1", "Kolak Pisang Cup", 12_000, 40, "takjil"),
    ("BBR-SMS", "Bubur Sumsum Cup", 10_000, 40, "takjil"),
    ("ES-BUAH", "Es Buah Segar", 15_000, 50, "minuman"),
    ("SRP-MJN", "Sirup Marjan Cocopandan 460 ml", 24_000, 36, "minuman"),
    ("SRP-PHA", "Sirup Pak Haji Melon 600 ml", 28_000, 24, "minuman"),
    ("KRM-600", "Kurma Ajwa 500 g", 95_000, 10, "kurma"),
    ("KRM-SKR", "Kurma Sukari 1 kg", 120_000, 8, "kurma"),
    ("BTK-TLS", "Batik Tulis Betawi", 350_000, 5, "batik"),
    ("BTK-CAP", "Kemeja Batik Cap Ondel-ondel", 185_000, 8, "batik"),
    ("SRG-BTK", "Sarung Batik Motif Tumpal", 150_000, 6, "batik"),
    ("HJB-SGE", "Hijab Segi Empat Voal", 65_000, 15, "busana"),
    ("BRS-SPH", "Beras SPHP 5 kg", 62_500, 40, "sembako"),
    ("MNY-2L", "Minyakita 1 L", 15_700, 60, "sembako"),
    ("GLA-1K", "Gula Pasir 1 kg", 17_500, 50, "sembako"),
    ("TLR-10", "Telur Ayam 10 butir", 28_000, 30, "sembako"),
    ("DGS-1K", "Daging Sapi Beku 1 kg", 125_000, 12, "daging"),
    ("AYM-1K", "Ayam Karkas 1 kg", 38_000, 15, "daging"),
    ("KTP-10", "Ketupat Anyaman (10)", 20_000, 25, "lebaran"),
]


def seed(ledger: Ledger, *, now: datetime) -> bool:
    """Fill an empty database with the demo booth; leave one that has data as it is."""
    if profile.is_initialized(ledger):
        return False
    profile.init(
        ledger,
        code="DEMO-01",
        name="Dapur Bu Sari (demo)",
        event="Bazar Jakpreneur Ramadan",
        location="Rusun Karang Anyar, Sawah Besar",
        now=now,
    )
    profile.update_settings(
        ledger,
        {"qris": DEMO_QRIS, "receipt_footer": "Terima kasih! IG @dapurbusari - WA 0812-0000-0000"},
        now=now,
    )
    catalog.import_rows(
        ledger,
        (
            {"sku": s, "name": n, "price": str(p), "stock": str(q), "category": c}
            for s, n, p, q, c in DEMO_CATALOG
        ),
        now=now,
    )
    return True
