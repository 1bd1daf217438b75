"""A whole province in one command: six city hubs, each a simulated event, forwarding to one
province hub, the way Bazar Jakpreneur runs at once in the six cities of DKI Jakarta.

Every part is real but the network: booth ledgers, their signed bundles, the city hubs' own
keys and envelopes, the province's checks. The envelopes go from each city's outbox to the
province in-process, through the same judging as `POST /api/v1/forwarded`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bazar_pos.eventsim import simulate
from bazar_pos.hub import cities, forwarding, registry
from bazar_pos.hub.store import open_hub

EVENT = "Bazar Jakpreneur Ramadan (simulasi provinsi)"
CITIES: list[tuple[str, str, list[str]]] = [
    ("JP", "Jakarta Pusat",
     ["Sawah Besar", "Johar Baru", "Cempaka Putih", "Gambir", "Tanah Abang", "Senen"]),
    ("JU", "Jakarta Utara",
     ["Koja", "Cilincing", "Penjaringan", "Tanjung Priok", "Kelapa Gading", "Pademangan"]),
    ("JB", "Jakarta Barat",
     ["Cengkareng", "Grogol Petamburan", "Kalideres", "Kebon Jeruk", "Kembangan", "Palmerah"]),
    ("JS", "Jakarta Selatan",
     ["Kebayoran Baru", "Tebet", "Setiabudi", "Pancoran", "Cilandak", "Jagakarsa"]),
    ("JT", "Jakarta Timur",
     ["Cakung", "Duren Sawit", "Jatinegara", "Kramat Jati", "Matraman", "Pulo Gadung"]),
    ("KS", "Kepulauan Seribu",
     ["Pulau Panggang", "Pulau Kelapa", "Pulau Tidung", "Pulau Pari", "Pulau Harapan",
      "Pulau Untung Jawa"]),
]  # fmt: skip


@dataclass(frozen=True)
class ProvinceResult:
    cities: int
    booths: int
    bundles: int
    forwarded: int
    sales: int
    net: int


def simulate_province(
    province_db: Path,
    *,
    cities_count: int = 6,
    locations: int = 6,
    booths: int = 30,
    days: int = 2,
    seed: int = 1,
    start: date = date(2026, 2, 14),
) -> ProvinceResult:
    """The province hub at `province_db`; each city hub beside it in `<stem>-cities/CODE.db`."""
    folder = province_db.parent / f"{province_db.stem}-cities"
    setup_at = datetime.combine(start, time(7, 0), ZoneInfo("Asia/Jakarta"))
    last = (start + timedelta(days=days - 1)).isoformat()
    province = open_hub(province_db, create=True)
    registry.init_hub(province, EVENT, dates=(start.isoformat(), last), now=setup_at)
    total = ProvinceResult(0, 0, 0, 0, 0, 0)
    try:
        for i in range(cities_count):
            code, name, places = CITIES[i % len(CITIES)]
            code = code if i < len(CITIES) else f"{code}{i}"
            city_db = folder / f"{code}.db"
            sim = simulate(
                city_db, event=EVENT, locations=locations, booths=booths, days=days,
                seed=seed * 1000 + i, start=start, places=places,
            )  # fmt: skip
            kit = cities.add_city(province, code, name=name).write(folder / f"{code}.hubkit.json")
            city = open_hub(city_db)
            try:
                registry.add_booths(
                    province,
                    [
                        registry.Booth(
                            b["code"], b["name"], b["location"], b["pengampu"], b["category"], code
                        )
                        for b in registry.booths(city)
                    ],
                )
                cities.join_parent(city, kit, url="", now=setup_at)
                sent = forwarding.deliver(
                    city,
                    forwarding.local_post(province, now=lambda: setup_at),
                    now=lambda: setup_at,
                )
            finally:
                city.close()
            total = ProvinceResult(
                total.cities + 1,
                total.booths + sim.booths,
                total.bundles + sim.bundles,
                total.forwarded + sent.sent,
                total.sales + sim.sales,
                total.net + sim.net,
            )
    finally:
        province.close()
    return total
