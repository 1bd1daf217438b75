"""What the hub trusts: keys no hub can forge, figures that add up, the event's dates, booth-days
set aside, office files that stay inert, private files, and files judged one by one."""

from __future__ import annotations

import base64
import csv
import hashlib
import hmac
import itertools
import json
import os
import sqlite3
import stat
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from pypdf import PdfReader

from bazar_pos.booth.ledger import Ledger
from bazar_pos.errors import InvalidInput
from bazar_pos.hub import export, registry, report, status
from bazar_pos.hub.ingest import ingest
from bazar_pos.hub.schema import migrations
from bazar_pos.hub.set_aside import history, set_aside
from bazar_pos.hub.store import open_hub
from bazar_pos.sync import bundle
from bazar_pos.sync.bundle import BundleRejected
from bazar_pos.sync.kit import Kit
from tests.conftest import NOW, Cli
from tests.hubkit import Keys, Server, make_bundle, make_hub, sign


def refusal(db: Any, b: dict[str, Any] | bytes) -> str:
    raw = b if isinstance(b, bytes) else bundle.dumps(b).encode()
    with pytest.raises(BundleRejected) as exc:
        ingest(db, raw, now=NOW)
    return exc.value.code


def put(db: Any, b: dict[str, Any]) -> str:
    return ingest(db, bundle.dumps(b), now=NOW).status


# --- 1. signatures no hub can forge -----------------------------------------------------------


def _every_text_in(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    found: set[str] = set()
    for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
        for row in conn.execute(f'SELECT * FROM "{table}"'):
            for value in row:
                if isinstance(value, str):
                    found.add(value)
                    if value.startswith("{"):
                        found |= _strings(json.loads(value))
    conn.close()
    return found


def _strings(obj: Any) -> set[str]:
    if isinstance(obj, str):
        return {obj}
    if isinstance(obj, dict):
        return set().union(*(_strings(v) for v in obj.values())) if obj else set()
    if isinstance(obj, list):
        return set().union(*(_strings(v) for v in obj)) if obj else set()
    return set()


def _as_seed(text: str) -> str | None:
    """Any text that could be a 32-byte Ed25519 seed, in the form `bundle.sign` takes."""
    for decode in (base64.b64decode, bytes.fromhex):
        try:
            raw = decode(text)
        except ValueError:
            continue
        if len(raw) >= 32:
            return base64.b64encode(raw[:32]).decode()
    return base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


def test_a_copy_of_hub_db_alone_cannot_make_a_bundle_the_hub_accepts(tmp_path: Path) -> None:
    db, _, keys = make_hub(tmp_path / "hub.db", booths=2)
    real = make_bundle("B-000", keys["B-000"], net=100_000)
    assert put(db, real) == "accepted"  # B-000 enrolled; B-001 has its kit but never sent
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    stolen = tmp_path / "stolen.db"
    stolen.write_bytes((tmp_path / "hub.db").read_bytes())
    texts = _every_text_in(stolen)
    assert bundle.public_key(keys["B-000"].booth_key) in texts  # only the public halves are there
    assert keys["B-000"].booth_key not in texts and keys["B-000"].kit_key not in texts
    attempts = 0
    for text in texts:
        seed = _as_seed(text)
        assert seed
        forged = make_bundle("B-000", keys["B-000"], revision=2, net=900_000)
        forged = bundle.sign({**forged, "signer": real["signer"]}, seed)  # the enrolled key's name
        assert refusal(db, forged) == "bad_signature"
        own = sign(make_bundle("B-000", keys["B-000"], revision=3), Keys(seed, seed))
        assert refusal(db, own) == "wrong_key"  # a key of its own: B-000 already has one
        new = sign(make_bundle("B-001", keys["B-001"]), Keys(seed, seed))
        assert refusal(db, new) == "wrong_kit"  # enrolling B-001 needs its kit's private key
        v1 = {k: v for k, v in real.items() if k not in ("signer", "signature")} | {"version": 1}
        mac = hmac.new(text.encode(), bundle.dumps(v1).encode(), hashlib.sha256).hexdigest()
        assert refusal(db, {**v1, "signature": {"alg": "HMAC-SHA256", "value": mac}}) == (
            "old_version"
        )
        attempts += 4
    assert attempts > 40
    assert db.execute("SELECT booth, revision, net FROM booth_days").fetchall() == [
        ("B-000", 1, 100_000)
    ]


def test_the_first_bundle_enrols_the_booth_key_and_a_new_kit_replaces_it(tmp_path: Path) -> None:
    db, _, keys = make_hub(tmp_path / "hub.db", booths=2)
    k = keys["B-000"]
    later = make_bundle("B-000", k, date="2026-03-21")
    assert put(db, later) == "accepted"  # any bundle may go first: the file of a later day too
    enrolled = db.execute("SELECT public_key FROM booths WHERE code = 'B-000'").fetchone()[0]
    assert enrolled == bundle.public_key(k.booth_key)
    assert put(db, make_bundle("B-000", k, date="2026-03-20")) == "accepted"
    thief = Keys(k.kit_key, bundle.new_key())  # the kit, copied after the booth joined
    assert refusal(db, make_bundle("B-000", thief, revision=2)) == "wrong_key"
    laptop = Keys(registry.issue_kit(db, "B-000").kit_key, bundle.new_key())  # a new kit
    assert refusal(db, make_bundle("B-000", k, revision=2)) == "wrong_kit"  # the old one is done
    assert put(db, make_bundle("B-000", laptop, revision=2)) == "accepted"
    assert put(db, later) == "duplicate"  # known bundles stay known


# --- 2. only figures that add up --------------------------------------------------------------

AMOUNTS = st.integers(0, 10**9)
HOURS = st.lists(
    st.tuples(st.integers(0, 23), st.integers(0, 50)),  # an hour and its sales
    min_size=1,
    max_size=6,
    unique_by=lambda h: h[0],
)


def _split(draw: st.DrawFn, total: int, parts: int) -> list[int]:
    """`parts` whole amounts of at least 0 that add up to `total`."""
    cuts = sorted(draw(st.integers(0, total)) for _ in range(parts - 1))
    return [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]


def _parts(draw: st.DrawFn, paid: int, refunds: int, parts: int) -> list[int]:
    """Net split into parts as a booth splits it (per hour, product or payment method): each
    part's kept sales minus its refunds, so no part is above `paid` or below `-refunds`."""
    return [
        s - r for s, r in zip(_split(draw, paid, parts), _split(draw, refunds, parts), strict=True)
    ]


@st.composite
def consistent_bundles(draw: st.DrawFn) -> dict[str, Any]:
    """A bundle whose every sum adds up, with figures anywhere a booth could produce them."""
    drawn = draw(HOURS)
    sales_count = sum(n for _, n in drawn)
    paid = draw(AMOUNTS) if sales_count else 0  # the kept sales: none without a sale
    refunds = draw(st.integers(0, 10**7))  # refunds of earlier days may come on any day
    net = paid - refunds
    nets = _parts(draw, paid, refunds, len(drawn))
    hours = [{"hour": h, "sales_count": n, "net": v} for (h, n), v in zip(drawn, nets, strict=True)]
    voided_count = draw(st.integers(0, 5))
    voids = draw(AMOUNTS) if voided_count else 0
    discounts = draw(AMOUNTS)
    skus = draw(st.lists(st.sampled_from(["A", "B-1", "C.2", "D/3"]), min_size=1, unique=True))
    amounts = _parts(draw, paid, refunds, len(skus))
    cash_sales, qris, transfer, other = _parts(draw, paid, refunds, 4)
    opening, cash_in, cash_out, counted = (draw(AMOUNTS) for _ in range(4))
    expected = opening + cash_sales + cash_in - cash_out
    return make_bundle(
        "B-000",
        KEYS,
        totals={
            "sales_count": sales_count,
            "voided_count": voided_count,
            "gross": paid + discounts + voids,
            "discounts": discounts,
            "voids": voids,
            "refunds": refunds,
            "net": net,
            "by_payment": {"cash": cash_sales, "qris": qris, "transfer": transfer, "other": other},
            "cash": {
                "opening": opening,
                "cash_in": cash_in,
                "cash_out": cash_out,
                "expected": expected,
                "counted": counted,
                "difference": counted - expected,
            },
        },
        products=[
            {"sku": s, "name": s, "category": "", "qty": 1, "amount": a, "closing_stock": 0}
            for s, a in zip(skus, amounts, strict=True)
        ],
        hours=hours,
    )


KEYS = Keys(bundle.new_key(), bundle.new_key())
LINKED = [  # every figure that must equal a sum of others
    ("totals", "sales_count"),
    ("totals", "gross"),
    ("totals", "discounts"),
    ("totals", "refunds"),
    ("totals", "net"),
    ("totals", "by_payment", "cash"),
    ("totals", "by_payment", "qris"),
    ("totals", "cash", "opening"),
    ("totals", "cash", "cash_in"),
    ("totals", "cash", "expected"),
    ("totals", "cash", "counted"),
    ("totals", "cash", "difference"),
    ("products", 0, "amount"),
    ("hours", 0, "net"),
    ("hours", 0, "sales_count"),
]


def _change(b: dict[str, Any], where: tuple[Any, ...], delta: int) -> dict[str, Any]:
    changed = json.loads(bundle.dumps(b))
    target = changed
    for step in where[:-1]:
        target = target[step]
    target[where[-1]] += delta
    return changed


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    b=consistent_bundles(),
    where=st.sampled_from(LINKED),
    delta=st.integers(-(10**6), 10**6).filter(bool),
)
def test_consistent_bundles_pass_and_any_single_changed_figure_is_refused(
    b: dict[str, Any], where: tuple[Any, ...], delta: int
) -> None:
    bundle.check(b)
    with pytest.raises(BundleRejected) as exc:
        bundle.check(_change(b, where, delta))
    assert exc.value.code in ("inconsistent", "out_of_range")


def test_random_consistent_bundles_are_accepted_and_any_changed_figure_refused(
    tmp_path: Path,
) -> None:
    """Through the real ingest: signed consistent bundles are taken; a figure changed after
    signing, even one no sum ties (a quantity, the voided count), is refused."""
    db, _, _ = make_hub(tmp_path / "hub.db", booths=1)
    revisions = itertools.count(1)
    kit = registry.issue_kit(db, "B-000")
    keys = Keys(kit.kit_key, KEYS.booth_key)

    @settings(max_examples=40, deadline=None)
    @given(b=consistent_bundles(), delta=st.integers(1, 5))
    def run(b: dict[str, Any], delta: int) -> None:
        b = sign({**b, "revision": next(revisions)}, keys)
        assert put(db, b) == "accepted"
        for where in (("products", 0, "qty"), ("totals", "voided_count"), *LINKED[:3]):
            assert refusal(db, _change(b, where, delta)) in ("bad_signature", "inconsistent")

    run()


def test_the_event_dates_bound_every_bundle_and_can_be_changed(tmp_path: Path) -> None:
    db, _, keys = make_hub(tmp_path / "hub.db")
    k = keys["B-000"]
    for day in ("9999-12-31", "0001-01-01", "2026-04-01", "2026-02-28"):
        assert refusal(db, make_bundle("B-000", k, date=day)) == "outside_dates"
    assert put(db, make_bundle("B-000", k, date="2026-03-31")) == "accepted"
    with pytest.raises(InvalidInput) as exc:
        registry.set_dates(db, ("2026-03-01", "2026-03-30"))  # would leave 31 March outside
    assert exc.value.code == "dates_in_use"
    registry.set_dates(db, ("2026-03-01", "2026-04-02"))
    assert put(db, make_bundle("B-000", k, date="2026-04-01")) == "accepted"
    for bad in ("2026-03-05..2026-03-01", "kemarin", "2026-02-30"):
        with pytest.raises(InvalidInput):
            registry.parse_dates(bad)
    assert registry.parse_dates("2026-03-20") == ("2026-03-20", "2026-03-20")


def test_a_hub_without_event_dates_says_how_to_set_them(tmp_path: Path) -> None:
    db, _, keys = make_hub(tmp_path / "hub.db")
    db.execute("UPDATE event SET first_date = NULL, last_date = NULL")
    assert refusal(db, make_bundle("B-000", keys["B-000"])) == "no_event_dates"
    assert "hub dates" in status.rejections(db)[0]["reason"]


# --- 8. set aside a bad booth-day -------------------------------------------------------------


def test_a_booth_day_set_aside_is_kept_out_of_the_report_and_can_come_back(tmp_path: Path) -> None:
    db, _, keys = make_hub(tmp_path / "hub.db")
    put(db, make_bundle("B-000", keys["B-000"], net=100_000))
    put(db, make_bundle("B-001", keys["B-001"], net=95_000_000))  # typed for Rp95.000
    assert report.build(db).net == 95_100_000
    set_aside(db, "b-001", "2026-03-20", reason="salah ketik", restore=False, now=NOW)
    rep = report.build(db)
    assert rep.net == 100_000 and sum(rep.by_payment.values()) == 100_000
    assert sum(h["net"] for h in rep.by_hour) == 100_000
    assert sum(p["amount"] for p in rep.top_products) == 100_000
    assert [(s["booth"], s["reason"]) for s in rep.set_aside] == [("B-001", "salah ketik")]
    assert ("B-001", "2026-03-20") not in {(m["booth"], m["date"]) for m in rep.missing}
    row = next(r for r in status.status(db, "2026-03-20") if r["booth"] == "B-001")
    assert row["set_aside"] and row["reported"]
    assert db.execute("SELECT COUNT(*) FROM bundles").fetchone()[0] == 2  # kept
    with pytest.raises(InvalidInput):
        set_aside(db, "B-001", "2026-03-20", reason="lagi", restore=False, now=NOW)
    set_aside(db, "B-001", "2026-03-20", reason="dicek ulang", restore=True, now=NOW)
    assert report.build(db).net == 95_100_000
    set_aside(db, "B-001", "2026-03-20", reason="tetap salah", restore=False, now=NOW)
    put(db, make_bundle("B-001", keys["B-001"], revision=2, net=95_000))  # the booth corrects
    assert report.build(db).net == 195_000
    assert [h["action"] for h in history(db)] == ["reject", "restore", "reject"]


def test_reject_and_unreject_commands(cli: Cli, tmp_path: Path) -> None:
    db, _, keys = make_hub(tmp_path / "hub.db")
    put(db, make_bundle("B-001", keys["B-001"], net=95_000_000))
    cli.env["BAZAR_POS_HUB_DB"] = str(tmp_path / "hub.db")
    r = cli("hub", "reject", "B-001", "--date", "2026-03-20", "--reason", "salah ketik")
    assert r.exit_code == 0 and "disisihkan" in r.stdout
    assert cli("hub", "report", "--json").json()["net"] == 0
    text = cli("hub", "status", "--date", "2026-03-20").stdout
    assert "DISISIHKAN" in text
    again = cli("hub", "reject", "B-001", "--date", "2026-03-20", "--reason", "x")
    assert again.exit_code == 2 and len(again.stderr.strip().splitlines()) == 1
    none = cli("hub", "reject", "B-002", "--date", "2026-03-20", "--reason", "x")
    assert none.exit_code == 2 and "belum lapor" in none.stderr
    back = cli("hub", "unreject", "B-001", "--date", "2026-03-20", "--reason", "dicek")
    assert back.exit_code == 0 and cli("hub", "report", "--json").json()["net"] == 95_000_000


# --- 5. safe office files ---------------------------------------------------------------------

NASTY = [
    "<i>Kue & co",
    '=HYPERLINK("http://x","klik")',
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "\tTab",
    "\rCR",
]


def test_report_files_never_hold_a_formula_or_a_control_character(cli: Cli, tmp_path: Path) -> None:
    db, _, _ = make_hub(tmp_path / "hub.db", booths=0)
    booths = [
        registry.Booth(f"N-{i}", name, f"Lokasi {name}", name, "kue")
        for i, name in enumerate(NASTY)
    ]
    registry.add_booths(db, booths)
    for i, name in enumerate(NASTY):
        keys = Keys(registry.issue_kit(db, f"N-{i}").kit_key, bundle.new_key())
        b = make_bundle(f"N-{i}", keys)
        b["products"][0]["name"] = f"{name} nul\x00 esc\x1b <b>&amp;"
        put(db, sign(b, keys))
    cli.env["BAZAR_POS_HUB_DB"] = str(tmp_path / "hub.db")
    r = cli(
        "hub",
        "report",
        "--xlsx",
        str(tmp_path / "r.xlsx"),
        "--csv",
        str(tmp_path / "csv"),
        "--pdf",
        str(tmp_path / "r.pdf"),
    )
    assert r.exit_code == 0, r.stderr
    wb = load_workbook(tmp_path / "r.xlsx")
    texts = [c for ws in wb for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert not [c.value for c in texts if c.data_type == "f"]
    names = {c.value for c in texts}
    assert set(NASTY[:-1]) <= names  # written as the text it is, not run
    assert "\\x0dCR" in names  # a carriage return is a control character: shown, not kept
    assert not any(ch in v for v in names for ch in "\x00\x1b")
    assert any("nul\\x00 esc\\x1b" in v for v in names)
    for path in (tmp_path / "csv").glob("*.csv"):
        with path.open(newline="", encoding="utf-8") as fh:
            for row in csv.reader(fh):
                for field in row:
                    assert not field.startswith(("=", "+", "@", "\t", "\r")), (path, field)
                    assert field == "-" or not field.startswith("-") or field[1:].isdigit(), field
                    assert "\x00" not in field and "\x1b" not in field
    by_booth = (tmp_path / "csv" / "by_booth.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" in by_booth and "'@SUM(A1)" in by_booth
    pdf_text = "".join(p.extract_text() for p in PdfReader(tmp_path / "r.pdf").pages)
    assert "Lokasi <i>Kue & co" in pdf_text  # markup in a name is printed, not parsed
    assert export.csv_field(-5) == -5 and export.csv_field("-5 kg") == "'-5 kg"


# --- 6. private files -------------------------------------------------------------------------


def test_hub_booth_and_kit_files_are_private_from_the_first_byte(
    cli: Cli, tmp_path: Path, private_umask: None
) -> None:
    home = tmp_path / "fresh"
    cli.env["BAZAR_POS_HOME"] = str(home)
    cli.env["BAZAR_POS_HUB_DB"] = str(home / "org" / "hub.db")
    r = cli("hub", "init", "--event", "Bazar", "--dates", "2026-03-20..2026-03-22")
    assert r.exit_code == 0, r.stderr
    assert cli("hub", "booth", "add", "CP-07", "--name", "A", "--location", "B").exit_code == 0
    cli.setup_booth()
    booth_db = next(home.rglob("booth.db"))
    copy = home / "usb" / "cadangan" / "cp07.db"
    assert cli("backup", "-o", str(copy)).exit_code == 0
    for path in (home / "org" / "hub.db", home / "org" / "kits" / "CP-07.kit.json", booth_db, copy):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    for wal in home.rglob("*-wal"):
        assert stat.S_IMODE(wal.stat().st_mode) == 0o600, wal
    for folder in (home / "org", home / "org" / "kits", copy.parent, home / "usb"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    assert not list(home.rglob("*.tmp"))


# --- 4. files alone ---------------------------------------------------------------------------


def test_import_judges_each_file_alone_without_a_traceback(cli: Cli, tmp_path: Path) -> None:
    db, _, keys = make_hub(tmp_path / "hub.db")
    cli.env["BAZAR_POS_HUB_DB"] = str(tmp_path / "hub.db")
    files = []
    bad_bodies = [
        b"[" * 100_000 + b"]" * 100_000,
        b'{"format": "bazar-pos/daily-totals", "x": NaN}',
        bundle.dumps(make_bundle("B-001", keys["B-001"]))
        .replace('"net":100000', '"net":1e400')
        .encode(),
        bundle.dumps(make_bundle("B-001", keys["B-001"], revision=2**70)).encode(),
        b"\xff\xfe\x00binary",
    ]
    for i, code in enumerate(("B-000", "B-001", "B-002")):
        good = tmp_path / f"good{i}.json"
        good.write_text(bundle.dumps(make_bundle(code, keys[code])))
        bad = tmp_path / f"bad{i}.json"
        bad.write_bytes(bad_bodies[i])
        files += [bad, good]
    for i, raw in enumerate(bad_bodies[3:]):
        (tmp_path / f"more{i}.json").write_bytes(raw)
        files.append(tmp_path / f"more{i}.json")
    r = cli("hub", "import", *map(str, files))
    assert r.exit_code == 1
    assert "Traceback" not in r.stderr + r.stdout
    assert len(r.stderr.strip().splitlines()) == 5
    assert "3 dari 8 berkas diterima, 5 ditolak" in r.stdout
    assert db.execute("SELECT COUNT(*) FROM booth_days").fetchone()[0] == 3


# --- 9. the server ----------------------------------------------------------------------------


def test_hub_serve_logs_one_line_per_bundle(tmp_path: Path) -> None:
    import httpx

    _, _, keys = make_hub(tmp_path / "hub.db")
    good = bundle.dumps(make_bundle("B-000", keys["B-000"]))
    with Server(tmp_path / "hub.db") as server:
        for body in (good, good, "[" * 5000):
            httpx.post(server.url + "/api/v1/bundles", content=body, timeout=10)
        allow = httpx.put(server.url + "/api/v1/bundles", timeout=10)
        lines = [line for line in server.lines() if "B-000" in line or "ditolak" in line]
    assert allow.status_code == 405 and allow.headers["allow"] == "POST"
    assert len(lines) == 3
    assert "diterima" in lines[0] and "B-000 2026-03-20 r1" in lines[0]  # the run's language
    assert "duplikat" in lines[1] and "ditolak 127.0.0.1: too_deep" in lines[2]


# --- kits and joining -------------------------------------------------------------------------


def test_join_names_a_missing_kit_and_an_old_one(cli: Cli, tmp_path: Path) -> None:
    cli.env["BAZAR_POS_LANG"] = "en"
    r = cli("join", str(tmp_path / "nowhere.kit.json"))
    assert r.exit_code == 2 and "file not found" in r.stderr
    old = tmp_path / "old.kit.json"
    old.write_text(json.dumps({"format": "bazar-pos/booth-kit", "version": 1, "secret": "s"}))
    r = cli("join", str(old))
    assert r.exit_code == 2 and "version-1 kit" in r.stderr
    bad = tmp_path / "bad.kit.json"
    kit = {
        "format": "bazar-pos/booth-kit",
        "version": 2,
        **dict.fromkeys(("event", "booth", "name", "location", "hub_url"), "x"),
        "kit_key": "not a key",
    }
    bad.write_text(json.dumps(kit))
    r = cli("join", str(bad))
    assert r.exit_code == 2 and "damaged" in r.stderr


def test_joining_makes_a_booth_key_that_stays(cli: Cli, tmp_path: Path) -> None:
    db, _, _ = make_hub(tmp_path / "hub.db", booths=0)
    registry.add_booth(db, "CP-07", name="Kue", location="CP")
    kit_path = registry.save_kit(db, "CP-07", tmp_path / "CP-07.kit.json")
    assert cli("join", str(kit_path)).exit_code == 0
    ledger = Ledger.open(next(cli.home.rglob("booth.db")))
    keys = dict(ledger.conn.execute("SELECT key, value FROM local_secrets").fetchall())
    ledger.close()
    assert keys["kit_key"] == Kit.read(kit_path).kit_key
    assert cli("join", str(kit_path)).exit_code == 0
    ledger = Ledger.open(next(cli.home.rglob("booth.db")))
    again = dict(ledger.conn.execute("SELECT key, value FROM local_secrets").fetchall())
    ledger.close()
    assert again["booth_key"] == keys["booth_key"]


def test_migration_0003_forgets_every_booth_secret(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old = sqlite_utils.Database(sqlite3.connect(path, isolation_level=None))
    migrations.apply(old, stop_before="0003_trust")
    old.execute(
        "INSERT INTO event (id, name, timezone, token_hash, created_at)"
        " VALUES (1, 'Bazar', 'Asia/Jakarta', 'h', 't')"
    )
    old.execute("INSERT INTO booths VALUES ('B-000', 'Booth', 'L', '', '', ?)", ("f" * 64,))
    old.execute(
        "INSERT INTO booth_days (booth, date, revision, bundle_id, sales_count, gross, discounts,"
        " voids, refunds, net, cash, qris, transfer, other, cash_difference, head_hash)"
        " VALUES ('B-000', '2026-03-20', 1, 'x', 1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 'h')"
    )
    old.conn.close()
    db = open_hub(path)
    assert "f" * 64 not in _every_text_in(path)
    assert "secret" not in {c.name for c in db["booths"].columns}
    ev = registry.event(db)
    assert (ev.first_date, ev.last_date) == ("2026-03-20", "2026-03-20")
    assert os.path.exists(path)
