"""The hub's store without HTTP: revisions, conflicts, refusals, booths and kits, migrations."""

from __future__ import annotations

import json
import sqlite3
import stat
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils

from bazar_pos.errors import InvalidInput
from bazar_pos.hub import registry, status
from bazar_pos.hub.ingest import ingest
from bazar_pos.hub.schema import migrations
from bazar_pos.hub.store import open_hub
from bazar_pos.sync import bundle
from bazar_pos.sync.bundle import BundleRejected
from bazar_pos.sync.kit import Kit
from tests.conftest import DATA, NOW
from tests.hubkit import DATES, EVENT, Keys, make_bundle, make_hub, sign


@pytest.fixture
def hub(tmp_path: Path) -> tuple[Any, dict[str, str]]:
    db, _, secrets = make_hub(tmp_path / "hub.db")
    return db, secrets


def put(db: Any, b: dict[str, Any]) -> str:
    return ingest(db, bundle.dumps(b), now=NOW).status


def one(db: Any, sql: str, *args: Any) -> Any:
    return db.execute(sql, args).fetchone()


def test_the_highest_revision_is_in_use_with_all_its_figures(hub: tuple) -> None:
    db, secrets = hub
    s = secrets["B-000"]
    first = make_bundle("B-000", s, net=100_000)
    second = make_bundle(
        "B-000",
        s,
        revision=2,
        net=130_000,
        products=[
            {"sku": "NST", "name": "Nastar", "category": "kue", "qty": 3, "amount": 90_000},
            {"sku": "KST", "name": "Kastengel", "category": "kue", "qty": 1, "amount": 40_000},
        ],
        hours=[
            {"hour": 9, "sales_count": 1, "net": 30_000},
            {"hour": 17, "sales_count": 2, "net": 100_000},
        ],
    )
    for p in second["products"]:
        p["closing_stock"] = 5
    second["totals"]["voided_count"] = 2
    second["totals"]["cash"]["counted"] += 500
    second["totals"]["cash"]["difference"] = 500
    second = sign(second, s)
    late = make_bundle("B-000", s, net=90_000)  # another revision 1, arriving after revision 2
    assert [put(db, b) for b in (first, first, second, late, first)] == [
        "accepted",
        "duplicate",
        "accepted",
        "superseded",
        "duplicate",
    ]
    day = one(
        db,
        "SELECT revision, net, qris, voided_count, cash_expected, cash_counted, cash_difference"
        " FROM booth_days WHERE booth = 'B-000'",
    )
    assert day == (2, 130_000, 40_000, 2, 90_000, 90_500, 500)
    products = db.execute(
        "SELECT sku, qty, amount FROM booth_day_products WHERE booth = 'B-000' ORDER BY sku"
    ).fetchall()
    assert products == [("KST", 1, 40_000), ("NST", 3, 90_000)]
    assert db.execute("SELECT hour, sales_count, net FROM booth_day_hours").fetchall() == [
        (9, 1, 30_000),
        (17, 2, 100_000),
    ]
    assert db.execute("SELECT revision, status FROM bundles ORDER BY id").fetchall() == [
        (1, "superseded"),
        (2, "accepted"),
        (1, "superseded"),
    ]


def test_a_same_revision_conflict_is_kept_shown_and_never_merged(hub: tuple) -> None:
    db, secrets = hub
    s = secrets["B-001"]
    assert put(db, make_bundle("B-001", s, net=70_000)) == "accepted"
    assert put(db, make_bundle("B-001", s, net=75_000)) == "conflict"
    assert put(db, make_bundle("B-001", s, net=75_000)) == "duplicate"
    assert one(db, "SELECT net FROM booth_days WHERE booth = 'B-001'") == (70_000,)
    (c,) = status.conflicts(db, "2026-03-20")
    assert (c["booth"], c["revision"], c["net"], c["resolved"]) == ("B-001", 1, 75_000, False)
    assert status.conflicts(db, "2026-03-21") == []
    row = next(r for r in status.status(db, "2026-03-20") if r["booth"] == "B-001")
    assert row["conflict"] and row["net"] == 70_000
    assert put(db, make_bundle("B-001", s, revision=2, net=76_000)) == "accepted"
    assert [c["resolved"] for c in status.conflicts(db)] == [True]


@pytest.mark.parametrize(
    ("code", "change"),
    [
        ("other_event", {"event": "Bazar Lain"}),
        ("unknown_booth", {"booth": "X-999"}),
        ("schema", {"booth": "X" * 500}),
        ("schema", {"products": {"sku": "NST"}}),
        ("schema", {"date": "2026-3-20"}),
    ],
)
def test_a_refusal_leaves_only_an_audit_row(hub: tuple, code: str, change: dict) -> None:
    db, secrets = hub
    raw = bundle.dumps({**make_bundle("B-002", secrets["B-002"]), **change})
    with pytest.raises(BundleRejected) as exc:
        ingest(db, raw, now=NOW, via="file", source="b.json")
    assert exc.value.code == code
    assert one(db, "SELECT COUNT(*) FROM bundles") == (0,)
    (r,) = status.rejections(db)
    assert (r["code"], r["via"], r["source"], r["size"]) == (code, "file", "b.json", len(raw))
    assert (r["reason_id"], r["reason"]) == (exc.value.message("id"), exc.value.message("en"))
    assert r["booth"] is None or len(r["booth"]) <= 64


def test_a_name_no_bundle_could_carry_is_refused_when_registered(tmp_path: Path) -> None:
    """A bundle carries at most 200 characters of event, booth name and location (and a city
    hub's envelope of pengampu and category): a longer one registered would have had every
    bundle of that booth refused, its money never in the report."""
    long = "Kue Bu Sari " * 17  # 204 characters, 203 without the last space
    db = open_hub(tmp_path / "hub.db", create=True)
    with pytest.raises(InvalidInput) as exc:
        registry.init_hub(db, long, dates=DATES, now=NOW)
    assert exc.value.message("id") == "Nama acara terlalu panjang: 203 karakter, paling banyak 200"
    registry.init_hub(db, EVENT, dates=DATES, now=NOW)
    for field in ("name", "location", "pengampu", "category"):
        values = {"name": "Kue", "location": "Lokasi", "pengampu": "Bu Rina", "category": "kue"}
        with pytest.raises(InvalidInput) as exc:
            registry.add_booth(db, "B-000", **{**values, field: long})
        assert exc.value.code == "too_long" and "203" in exc.value.message("en")
    assert exc.value.message("en") == "The category is too long: 203 characters, at most 200"
    csv = tmp_path / "booths.csv"
    csv.write_text(f"code,name,location\nB-001,Kue,Lokasi\nB-002,{long},Lokasi\n")
    with pytest.raises(InvalidInput) as exc:
        registry.read_booths_csv(csv)
    assert (
        exc.value.message("en") == "Line 3: The booth name is too long: 203 characters, at most 200"
    )
    fits = "x" * registry.MAX_TEXT
    registry.add_booth(db, "B-000", name=fits, location=fits, pengampu=fits, category=fits)
    assert db.execute("SELECT COUNT(*) FROM booths").fetchone()[0] == 1


def test_status_defaults_to_the_event_day_not_the_utc_day(hub: tuple) -> None:
    db, secrets = hub
    early = datetime(2026, 3, 19, 23, 30, tzinfo=UTC)  # 06:30 WIB on the 20th
    assert status.default_day(db, early) == "2026-03-20"
    put(db, make_bundle("B-000", secrets["B-000"], date="2026-03-18"))
    assert status.default_day(db, early) == "2026-03-20"  # today, within the event's dates
    after = datetime(2026, 4, 5, 3, 0, tzinfo=UTC)
    assert status.default_day(db, after) == "2026-03-31"  # past the event: its last date
    with pytest.raises(InvalidInput):
        status.check_day("2026-02-30")


def test_booths_from_the_example_csv_get_kits_only_their_owner_can_read(
    tmp_path: Path, private_umask: None
) -> None:
    db = open_hub(tmp_path / "hub.db", create=True)
    registry.init_hub(db, EVENT, dates=DATES, hub_url="http://10.0.0.5:8765", now=NOW)
    booths = registry.read_booths_csv(DATA / "booths.csv")
    codes = registry.add_booths(db, booths, skip_existing=True)
    assert len(codes) == 180
    assert registry.add_booths(db, booths, skip_existing=True) == []
    with pytest.raises(InvalidInput):
        registry.add_booths(db, booths[:1])
    (kit_path,) = registry.write_kits(db, ["CP-07"], tmp_path / "kits")
    kit = Kit.read(kit_path)
    assert (kit.event, kit.booth, kit.location, kit.hub_url) == (
        EVENT,
        "CP-07",
        "Cempaka Putih",
        "http://10.0.0.5:8765",
    )
    kept = one(db, "SELECT kit_key, public_key FROM booths WHERE code = 'CP-07'")
    assert kept == (bundle.public_key(kit.kit_key), None)  # the public half only
    assert stat.S_IMODE(kit_path.stat().st_mode) == 0o600
    assert stat.S_IMODE(kit_path.parent.stat().st_mode) == 0o700
    signed = make_bundle("CP-07", Keys(kit.kit_key, bundle.new_key()))
    assert ingest(db, bundle.dumps(signed), now=NOW).status == "accepted"


def test_a_csv_naming_a_booth_twice_is_refused_with_its_line(tmp_path: Path) -> None:
    csv_file = tmp_path / "b.csv"
    csv_file.write_text("code,name,location\nA-1,Satu,X\nB-1,Dua,X\na-1,Lagi,X\n")
    with pytest.raises(InvalidInput, match="4"):
        registry.read_booths_csv(csv_file)


def test_the_organizer_token_is_kept_only_as_a_hash(tmp_path: Path) -> None:
    db, token, _ = make_hub(tmp_path / "hub.db")
    assert token not in json.dumps(db.execute("SELECT * FROM event").fetchall())
    assert registry.token_ok(db, token) and not registry.token_ok(db, token + "x")
    new = registry.new_token(db)
    assert registry.token_ok(db, new) and not registry.token_ok(db, token)


def test_migration_0002_backfills_the_days_already_in_use(tmp_path: Path) -> None:
    """A hub created before 0002 keeps its figures and gains the new columns from its bundles."""
    path = tmp_path / "old.db"
    old = sqlite_utils.Database(sqlite3.connect(path, isolation_level=None))
    migrations.apply(old, stop_before="0002_provenance_and_cash")
    b = make_bundle("B-000", Keys(bundle.new_key(), bundle.new_key()), net=100_000)
    b["totals"]["voided_count"] = 3
    old.execute("INSERT INTO booths VALUES ('B-000', 'Booth', 'L', '', '', 's')")
    old.execute(
        "INSERT INTO bundles (bundle_id, booth, date, revision, status, received_at, body)"
        " VALUES ('x', 'B-000', '2026-03-20', 1, 'accepted', 't', ?)",
        (bundle.dumps(b),),
    )
    old.execute(
        "INSERT INTO booth_days VALUES ('B-000', '2026-03-20', 1, 'x', 3, 105000, 5000, 0, 0,"
        " 100000, 60000, 40000, 0, 0, 0, ?)",
        ("ab" * 32,),
    )
    old.execute("INSERT INTO rejections (at, code, reason, size) VALUES ('t', 'schema', 'r', 9)")
    old.conn.close()
    db = open_hub(path)
    assert one(db, "SELECT net, voided_count, cash_expected, cash_counted FROM booth_days") == (
        100_000,
        3,
        60_000,
        60_000,
    )
    assert one(db, "SELECT via, source, reason_id FROM rejections") == ("", "", "")
    assert [m.name for m in migrations.pending(db)] == []
