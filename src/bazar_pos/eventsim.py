"""A whole simulated event, for demos and scale tests: booths sell through the real booth
services, close their days, sign bundles, and the hub ingests them.

It stands outside `booth/` and `hub/` because it drives both, the way a real event does: the
only thing that crosses from a booth to the hub is the signed bundle. Deterministic for a seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bazar_pos.booth import catalog, close, profile, sales
from bazar_pos.booth.ledger import Ledger
from bazar_pos.booth.models import CartLine, PaymentPart
from bazar_pos.errors import BazarError
from bazar_pos.hub import registry
from bazar_pos.hub.ingest import ingest
from bazar_pos.hub.store import open_hub
from bazar_pos.services import closing
from bazar_pos.sync import booth_key, bundle

LOCATIONS = [
    "Sawah Besar",
    "Cempaka Putih",
    "Gambir",
    "Kemayoran",
    "Menteng",
    "Tanah Abang",
    "Senen",
    "Johar Baru",
]
PARTNERS = [("Bulog", "sembako"), ("Pasar Jaya", "sembako"), ("Dharma Jaya", "daging")]
UMKM = [
    "Kue Bu Sari",
    "Dapur Mak Ijah",
    "Sirup Pak Haji",
    "Batik Betawi Encim",
    "Kurma Barokah",
    "Kerupuk Mpok Nur",
    "Dodol Bang Jali",
    "Hijab Zahra",
    "Takjil Ceu Imas",
    "Nastar Ummi",
]
CATALOGS: dict[str, list[tuple[str, int]]] = {
    "kue kering": [
        ("Nastar Keju 250 g", 55_000),
        ("Kastengel 250 g", 60_000),
        ("Putri Salju 250 g", 50_000),
        ("Lidah Kucing 250 g", 45_000),
    ],
    "minuman": [
        ("Sirup Cocopandan 460 ml", 24_000),
        ("Es Buah Segar", 15_000),
        ("Kolak Pisang Cup", 12_000),
    ],
    "fashion": [
        ("Kemeja Batik Cap", 185_000),
        ("Hijab Segi Empat", 65_000),
        ("Sarung Tumpal", 150_000),
    ],
    "makanan": [
        ("Kerupuk Udang 250 g", 35_000),
        ("Dodol Betawi 500 g", 40_000),
        ("Kurma Sukari 1 kg", 120_000),
    ],
    "sembako": [
        ("Beras SPHP 5 kg", 62_500),
        ("Minyakita 1 L", 15_700),
        ("Gula Pasir 1 kg", 17_500),
        ("Telur 10 butir", 28_000),
    ],
    "daging": [("Daging Sapi Beku 1 kg", 125_000), ("Ayam Karkas 1 kg", 38_000)],
}
UMKM_CATEGORIES = ["kue kering", "minuman", "fashion", "makanan"]
HOUR_WEIGHTS = {10: 3, 11: 4, 12: 4, 13: 3, 14: 4, 15: 6, 16: 10, 17: 12, 18: 5, 19: 4, 20: 3}


@dataclass(frozen=True)
class SimResult:
    booths: int
    days: list[str]
    bundles: int
    sales: int
    net: int


def simulate(
    hub_db: Path,
    *,
    event: str = "Bazar Jakpreneur Ramadan (simulasi)",
    locations: int = 6,
    booths: int = 30,
    days: int = 2,
    seed: int = 1,
    start: date = date(2026, 2, 14),
    sales_per_day: tuple[int, int] = (40, 120),
    missing_rate: float = 0.02,
    places: list[str] | None = None,
) -> SimResult:
    rng = random.Random(seed)
    tz = ZoneInfo("Asia/Jakarta")
    setup_at = datetime.combine(start, time(7, 0), tz)
    hub = open_hub(hub_db, create=True)
    last = start + timedelta(days=days - 1)
    registry.init_hub(hub, event, dates=(start.isoformat(), last.isoformat()), now=setup_at)
    specs = []
    names = places or LOCATIONS
    for li in range(locations):
        place = names[li % len(names)] + ("" if li < len(names) else f" {li}")
        prefix = "".join(w[0] for w in place.split()).upper()[:2] + f"{li:01d}"
        for bi in range(booths):
            if bi < len(PARTNERS):
                name, category = f"{PARTNERS[bi][0]} {place}", PARTNERS[bi][1]
            else:
                name = f"{UMKM[(li * booths + bi) % len(UMKM)]} {bi}"
                category = UMKM_CATEGORIES[(li + bi) % len(UMKM_CATEGORIES)]
            specs.append(
                registry.Booth(
                    f"{prefix}-{bi + 1:02d}",
                    name,
                    place,
                    f"Pengampu {place} {bi // 5 + 1}",
                    category,
                )
            )
    registry.add_booths(hub, specs)
    total_sales = total_net = n_bundles = 0
    day_list = [(start + timedelta(days=d)).isoformat() for d in range(days)]
    for spec in specs:
        ledger = _open_booth(spec, event, registry.issue_kit(hub, spec.code).kit_key, setup_at)
        try:
            for d, day in enumerate(day_list):
                count = rng.randint(*sales_per_day)
                _sell_a_day(ledger, rng, date.fromisoformat(day), tz, count)
                closed_at = datetime.combine(date.fromisoformat(day), time(21, 30), tz)
                summary = close.close_day(ledger, day, now=closed_at)
                if d > 0 and rng.random() < missing_rate:
                    continue  # this booth forgot to send: the report lists it as missing
                signed = closing.build_bundle(ledger, summary, now=closed_at)
                ingest(hub, bundle.dumps(signed), now=closed_at)
                total_sales += summary.totals["sales_count"]  # what the report will count
                total_net += summary.totals["net"]
                n_bundles += 1
        finally:
            ledger.close()
    hub.close()
    return SimResult(len(specs), day_list, n_bundles, total_sales, total_net)


def _open_booth(spec: registry.Booth, event: str, kit_key: str, at: datetime) -> Ledger:
    ledger = Ledger.in_memory()
    profile.init(
        ledger, code=spec.code, name=spec.name, event=event, location=spec.location, now=at
    )
    booth_key.remember(ledger, kit_key)
    items = CATALOGS[spec.category]
    catalog.import_rows(
        ledger,
        (
            {
                "sku": f"P{i:02d}",
                "name": name,
                "price": str(price),
                "stock": "400",
                "category": spec.category,
            }
            for i, (name, price) in enumerate(items)
        ),
        now=at,
    )
    return ledger


def _sell_a_day(ledger: Ledger, rng: random.Random, day: date, tz: ZoneInfo, count: int) -> None:
    skus = [p.sku for p in catalog.list_products(ledger)]
    hours = rng.choices(list(HOUR_WEIGHTS), weights=list(HOUR_WEIGHTS.values()), k=count)
    for i, hour in enumerate(sorted(hours)):
        at = datetime.combine(day, time(hour, (i * 7) % 60), tz)
        cart = [CartLine(sku, rng.randint(1, 3)) for sku in rng.sample(skus, rng.randint(1, 2))]
        method = rng.choices(["cash", "qris", "transfer"], weights=[55, 40, 5])[0]
        pay = [PaymentPart(method, reference="QRIS-SIM" if method == "qris" else None)]
        try:
            sale = sales.checkout(ledger, cart, pay, now=at)
        except BazarError:
            continue  # sold out: the customer goes elsewhere
        if rng.random() < 0.01:
            sales.void(ledger, sale.sale_no, reason="salah input", now=at)
