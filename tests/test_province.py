"""Six cities, one report: city hubs forward every booth bundle, exactly as signed, to the
province, which checks both the booth's and the city hub's signature.

What a city hub can and cannot forge is pinned down here, claim by claim, as README says it."""

from __future__ import annotations

import json
import sqlite3
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from pypdf import PdfReader

from bazar_pos import money
from bazar_pos.errors import InvalidInput
from bazar_pos.hub import cities, forwarding, registry, report, status
from bazar_pos.hub.ingest import Arrival, ingest, ingest_many
from bazar_pos.hub.store import open_hub
from bazar_pos.sync import audit, bundle, forward
from tests.conftest import NOW, Cli
from tests.hubkit import DATES, EVENT, Keys, Server, booth_keys, free_port, make_bundle, sign

CITY_NAMES = {"JP": "Jakarta Pusat", "JS": "Jakarta Selatan"}
CODES = ("A-001", "A-002", "B-001")  # the same codes in both cities: unique per city only


def _now() -> datetime:
    return NOW


def make_province(path: Path, city_codes: tuple[str, ...] = ("JP", "JS")) -> Any:
    """A province hub with its city hubs registered and each city's booths on its own list."""
    db = open_hub(path, create=True)
    registry.init_hub(db, EVENT, dates=DATES, now=NOW)
    for code in city_codes:
        cities.add_city(db, code, name=CITY_NAMES[code]).write(path.parent / f"{code}.hubkit.json")
        registry.add_booths(db, [_booth(c, code) for c in CODES])
    return db


def _booth(code: str, city: str = "") -> registry.Booth:
    return registry.Booth(code, f"Kue {code}", f"Lokasi {code[0]}", f"Bu {code[0]}", "kue", city)


def make_city(path: Path, code: str, *, parent_url: str = "") -> tuple[Any, dict[str, Keys]]:
    """A city hub with its booths, joined to the province through its hub kit."""
    db = open_hub(path, create=True)
    registry.init_hub(db, EVENT, dates=DATES, now=NOW)
    registry.add_booths(db, [_booth(c) for c in CODES])
    keys = {c: booth_keys(db, c) for c in CODES}
    cities.join_parent(db, path.parent / f"{code}.hubkit.json", url=parent_url, now=NOW)
    return db, keys


def _count(db: Any, sql: str) -> int:
    return int(db.execute(sql).fetchone()[0])


def envelope_of(city_db: Any) -> dict[str, Any]:
    """The first waiting envelope, as the city hub would send it."""
    _, text = next(forwarding._envelopes(city_db, cities.parent(city_db)))
    return json.loads(text)


def resign(env: dict[str, Any], city_db: Any) -> dict[str, Any]:
    """What a dishonest city hub can do: sign any envelope it likes with its own key."""
    p = cities.parent(city_db)
    return forward.make(
        env["bundle"],
        {k: v for k, v in env["registration"].items() if k != "public_key"},
        city=env["city"],
        hub_key=p.hub_key,
        kit_key=p.kit_key,
    )


def refused(province: Any, env: dict[str, Any]) -> str:
    (out,) = ingest_many(province, [Arrival(forward.dumps(env), "forward", "t")], now=NOW)
    assert isinstance(out, bundle.BundleRejected), out
    return out.code


def test_booths_sync_to_their_city_and_the_province_report_is_their_sum(tmp_path: Path) -> None:
    """Real servers on 127.0.0.1: a province and two city hubs, each `hub serve`."""
    make_province(tmp_path / "province.db").close()
    with Server(tmp_path / "province.db") as prov:
        sent: dict[tuple[str, str], int] = {}
        servers = []
        try:
            for n, city in enumerate(("JP", "JS")):
                db, keys = make_city(tmp_path / f"{city}.db", city, parent_url=prov.url)
                db.close()
                servers.append(srv := Server(tmp_path / f"{city}.db"))
                for i, code in enumerate(CODES):
                    for day in ("2026-03-20", "2026-03-21"):
                        net = 100_000 * (n + 1) + 1_000 * i + (day == "2026-03-21") * 7
                        b = make_bundle(code, keys[code], date=day, net=net)
                        r = httpx.post(srv.url + "/api/v1/bundles", content=bundle.dumps(b))
                        assert r.status_code == 201
                        sent[city, code] = sent.get((city, code), 0) + net
            province = open_hub(tmp_path / "province.db")
            deadline = time.monotonic() + 120
            while _count(province, "SELECT COUNT(*) FROM booth_days") < 12:
                assert time.monotonic() < deadline, "the city hubs did not forward"
                time.sleep(0.2)
            rep = report.build(province)
            assert rep.net == sum(sent.values())
            assert {b["booth"]: b["net"] for b in rep.by_booth} == {
                f"{c}/{code}": net for (c, code), net in sent.items()
            }
            for c in rep.by_city:
                assert c["net"] == sum(v for (city, _), v in sent.items() if city == c["city"])
                assert c["name"] == CITY_NAMES[c["city"]] and c["missing"] == 0
            assert sum(d["net"] for d in rep.by_city_day) == rep.net
            assert sum(loc["net"] for loc in rep.by_location) == rep.net
            assert all(r[0] == "forward" for r in province.execute("SELECT via FROM bundles"))
            province.close()
        finally:
            for srv in servers:
                srv.stop()
                srv.close()


def test_a_city_hub_away_keeps_its_outbox_and_everything_arrives_once(tmp_path: Path) -> None:
    make_province(tmp_path / "province.db").close()
    port = free_port()
    city, keys = make_city(tmp_path / "JP.db", "JP", parent_url=f"http://127.0.0.1:{port}")
    for code in CODES:
        ingest(city, bundle.dumps(make_bundle(code, keys[code])), now=NOW)
    away = forwarding.send(city, now=_now, timeout=2)
    assert away.unreachable and away.sent == 0 and away.waiting == 3
    with Server(tmp_path / "province.db", port=port):
        back = forwarding.send(city, now=_now)
        assert (back.sent, back.waiting, back.refused) == (3, 0, [])
        again = forwarding.send(city, now=_now)
        assert (again.sent, again.waiting) == (0, 0)
    province = open_hub(tmp_path / "province.db")
    assert _count(province, "SELECT COUNT(*) FROM bundles") == 3
    assert _count(province, "SELECT COUNT(*) FROM rejections") == 0


def test_files_instead_of_http_and_a_replayed_file_changes_nothing(tmp_path: Path) -> None:
    province = make_province(tmp_path / "province.db")
    city, keys = make_city(tmp_path / "JP.db", "JP")
    ingest(city, bundle.dumps(make_bundle("A-001", keys["A-001"])), now=NOW)
    files = forwarding.to_dir(city, tmp_path / "usb", now=NOW).files
    assert len(files) == 1 and forwarding.waiting_count(city) == 0
    for _ in range(2):
        (r,) = ingest_many(province, [Arrival(Path(files[0]).read_bytes(), "file", "x")], now=NOW)
        assert not isinstance(r, bundle.BundleRejected)
    assert r.status == "duplicate"
    assert _count(province, "SELECT COUNT(*) FROM bundles") == 1


def test_a_bundle_as_large_as_a_booth_may_send_reaches_the_province(tmp_path: Path) -> None:
    """Just under the 1 MB a booth bundle may be: the city takes it, and so does the province,
    forwarded by network or carried as a file (its envelope is a little larger)."""
    province = make_province(tmp_path / "province.db")
    city, keys = make_city(tmp_path / "JP.db", "JP")
    long = {"name": "N" * 200, "category": "k" * 200, "qty": 1, "amount": 0, "closing_stock": 0}
    products = [{**long, "sku": f"S{i:05d}"} for i in range(2089)]
    products[0]["amount"] = 100_000
    for code in ("A-001", "A-002"):
        big = bundle.dumps(make_bundle(code, keys[code], products=products))
        assert bundle.MAX_BYTES - 1_000 < len(big.encode()) <= bundle.MAX_BYTES
        assert ingest(city, big, now=NOW).status == "accepted"
        if code == "A-001":  # by network
            post = forwarding.local_post(province, now=lambda: NOW)
            assert forwarding.deliver(city, post, now=lambda: NOW).sent == 1
    (envelope,) = forwarding.to_dir(city, tmp_path / "usb", now=NOW).files  # A-002, as a file
    assert Path(envelope).stat().st_size > bundle.MAX_BYTES
    out = Cli(tmp_path)("hub", "--db", str(tmp_path / "province.db"), "import", envelope)
    assert out.exit_code == 0, out.stdout + out.stderr
    assert {b["booth"]: b["net"] for b in report.build(province).by_booth} == {
        "JP/A-001": 100_000,
        "JP/A-002": 100_000,
        "JP/B-001": 0,
        "JS/A-001": 0,
        "JS/A-002": 0,
        "JS/B-001": 0,
    }


def test_hub_audit_at_the_province_checks_the_booth_under_its_city(tmp_path: Path) -> None:
    """At a province the booth is JP/CP-07: its ledger is audited against the bundles the
    province took from it (never 'agrees with 0 bundles'), and a rewritten copy disagrees."""
    from bazar_pos.booth import close, sales
    from bazar_pos.booth.models import CartLine, PaymentPart
    from bazar_pos.services import closing
    from bazar_pos.sync import booth_key
    from tests.conftest import new_booth

    province = make_province(tmp_path / "province.db")
    city, _ = make_city(tmp_path / "JP.db", "JP")
    for db, where in ((province, "JP"), (city, "")):
        registry.add_booth(db, "CP-07", name="Kue Bu Sari", location="Gambir", city=where)
    ledger = new_booth(tmp_path / "booth.db")
    booth_key.remember(ledger, registry.issue_kit(city, "CP-07").kit_key)
    sales.checkout(ledger, [CartLine("NST-250", 2)], [PaymentPart("cash")], now=NOW)
    summary = close.close_day(ledger, "2026-03-20", now=NOW)
    signed = closing.build_bundle(ledger, summary, now=NOW)
    ledger.close()
    assert ingest(city, bundle.dumps(signed), now=NOW).status == "accepted"
    forwarding.deliver(city, forwarding.local_post(province, now=lambda: NOW), now=lambda: NOW)
    province.close()
    cli = Cli(tmp_path)
    cli.env["BAZAR_POS_LANG"] = "en"
    out = cli("hub", "--db", str(tmp_path / "province.db"), "audit", str(tmp_path / "booth.db"))
    assert out.exit_code == 0 and "agrees with the 1 bundles" in out.stdout, out.stdout
    assert out.stdout.startswith("Booth JP/CP-07")
    from tests.test_hub_audit import _first_sale_seq, _forge

    _forge(
        tmp_path / "booth.db", tmp_path / "forged.db", drop=_first_sale_seq(tmp_path / "booth.db")
    )
    bad = cli("hub", "--db", str(tmp_path / "province.db"), "audit", str(tmp_path / "forged.db"))
    assert bad.exit_code == 1 and bad.stdout.startswith("Booth JP/CP-07: DISAGREES (1)")
    province = open_hub(tmp_path / "province.db")  # CP-07 in a second city: its key tells
    registry.add_booth(province, "CP-07", name="Kopi", location="Tebet", city="JS")
    copy = audit.open_copy(tmp_path / "booth.db")
    assert status.booth_for(province, "CP-07", audit.public_key_of(copy)) == "JP/CP-07"
    copy.close()
    with pytest.raises(InvalidInput) as exc:
        status.booth_for(province, "CP-07", None)
    assert "JP/CP-07, JS/CP-07" in exc.value.message("en")
    province.close()


def test_a_city_hub_cannot_change_a_figure_or_swap_a_booths_key(tmp_path: Path) -> None:
    province = make_province(tmp_path / "province.db")
    city, keys = make_city(tmp_path / "JP.db", "JP")
    ingest(city, bundle.dumps(make_bundle("A-001", keys["A-001"], net=100_000)), now=NOW)
    env = envelope_of(city)
    forwarding.deliver(city, forwarding.local_post(province, now=_now), now=_now)
    assert report.build(province).net == 100_000

    # a figure changed consistently (every sum still adds up), the envelope signed again
    real = make_bundle("A-001", keys["A-001"], revision=2, net=100_000)
    edited = make_bundle("A-001", keys["A-001"], revision=2, net=900_000)
    edited["signature"] = real["signature"]
    assert refused(province, resign({**env, "bundle": edited}, city)) == "bad_signature"

    # the same day signed again with a key of the city hub's own: the booth's key is pinned
    own = bundle.new_key()
    forged = sign(make_bundle("A-001", keys["A-001"], revision=2, net=900_000), Keys(own, own))
    reg = {**env["registration"], "public_key": forged["signer"]["public_key"]}
    assert refused(province, resign({**env, "registration": reg, "bundle": forged}, city)) == (
        "wrong_key"
    )

    # a booth the province has not on its list
    extra = sign(make_bundle("Z-999", keys["A-001"]), Keys(own, bundle.new_key()))
    reg = {**env["registration"], "code": "Z-999", "public_key": extra["signer"]["public_key"]}
    assert refused(province, resign({**env, "registration": reg, "bundle": extra}, city)) == (
        "unknown_booth"
    )
    assert report.build(province).net == 100_000
    assert _count(province, "SELECT COUNT(*) FROM rejections") == 3


def test_what_a_city_hub_can_forge_shows(tmp_path: Path) -> None:
    """The limit, said plainly: the city hub issued its booths' kits, so for a listed booth whose
    bundle has not yet reached the province it can enrol a key of its own. It shows: the real
    booth's bundles are then refused at the province, each with an audit row naming it."""
    province = make_province(tmp_path / "province.db")
    city, keys = make_city(tmp_path / "JP.db", "JP")
    ingest(city, bundle.dumps(make_bundle("A-002", keys["A-002"])), now=NOW)
    env = envelope_of(city)
    own = bundle.new_key()
    forged = sign(make_bundle("A-002", keys["A-002"], net=5_000_000), Keys(own, own))
    reg = {**env["registration"], "public_key": forged["signer"]["public_key"]}
    (taken,) = ingest_many(
        province,
        [Arrival(forward.dumps(resign({**env, "registration": reg, "bundle": forged}, city)))],
        now=NOW,
    )
    assert not isinstance(taken, bundle.BundleRejected)
    assert refused(province, env) == "wrong_key"  # the real booth's bundle, refused and audited
    (row,) = province.execute("SELECT booth, code FROM rejections").fetchall()
    assert row == ("JP/A-002", "wrong_key")


def test_bad_input_is_refused_with_a_reason_and_an_audit_row_only(tmp_path: Path) -> None:
    province = make_province(tmp_path / "province.db", ("JP",))
    city, keys = make_city(tmp_path / "JP.db", "JP")
    ingest(city, bundle.dumps(make_bundle("A-001", keys["A-001"])), now=NOW)
    env = envelope_of(city)
    stranger = bundle.new_key()
    cases = {
        "unknown_city": resign({**env, "city": "ZZ"}, city),
        "wrong_hub": forward.make(
            env["bundle"],
            {k: v for k, v in env["registration"].items() if k != "public_key"},
            city="JP",
            hub_key=stranger,
            kit_key=stranger,
        ),
        "bad_signature": {**env, "registration": {**env["registration"], "name": "Lain"}},
        "registration_mismatch": resign(
            {**env, "registration": {**env["registration"], "code": "A-002"}}, city
        ),
        "other_event": resign(
            {
                **env,
                "event": "Bazar Lain",
                "bundle": make_bundle("A-001", keys["A-001"], event="Bazar Lain"),
            },
            city,
        ),
        "schema": {**env, "registration": "A-001"},
        "malformed": b"{not json",
    }
    for code, env_bad in cases.items():
        raw = env_bad if isinstance(env_bad, bytes) else forward.dumps(env_bad).encode()
        (out,) = ingest_many(province, [Arrival(raw, "forward", "t")], now=NOW)
        assert isinstance(out, bundle.BundleRejected) and out.code == code, (code, out)
        assert out.message("id") and out.message("en")
    # a city hub forwarding for another city's booth: JP's envelope named as JS's
    (tmp_path / "p2").mkdir()
    province2 = make_province(tmp_path / "p2" / "province.db")
    assert refused(province2, resign({**env, "city": "JS"}, city)) == "wrong_hub"
    assert _count(province, "SELECT COUNT(*) FROM rejections") == len(cases)
    assert _count(province, "SELECT COUNT(*) FROM bundles") == 0
    assert _count(province, "SELECT COUNT(*) FROM cities WHERE public_key IS NOT NULL") == 0


def test_a_replay_under_another_citys_booth_is_refused(tmp_path: Path) -> None:
    province = make_province(tmp_path / "province.db")
    jp, jp_keys = make_city(tmp_path / "JP.db", "JP")
    ingest(jp, bundle.dumps(make_bundle("A-001", jp_keys["A-001"])), now=NOW)
    env = envelope_of(jp)
    forwarding.deliver(jp, forwarding.local_post(province, now=_now), now=_now)
    js_db = open_hub(tmp_path / "JS.db", create=True)
    registry.init_hub(js_db, EVENT, dates=DATES, now=NOW)
    cities.join_parent(js_db, tmp_path / "JS.hubkit.json", url="", now=NOW)
    js_parent = cities.parent(js_db)
    stolen = forward.make(
        env["bundle"],
        {k: v for k, v in env["registration"].items() if k != "public_key"},
        city="JS",
        hub_key=js_parent.hub_key,
        kit_key=js_parent.kit_key,
    )
    assert refused(province, stolen) == "replay"
    assert _count(province, "SELECT COUNT(*) FROM booth_days") == 1


def test_the_province_forwards_on_to_a_national_hub(tmp_path: Path) -> None:
    """The same mechanism nests: the province joins a national hub and forwards what it kept."""
    province = make_province(tmp_path / "province.db")
    city, keys = make_city(tmp_path / "JP.db", "JP")
    ingest(city, bundle.dumps(make_bundle("A-001", keys["A-001"], net=250_000)), now=NOW)
    forwarding.deliver(city, forwarding.local_post(province, now=_now), now=_now)
    (tmp_path / "nat").mkdir()
    national = open_hub(tmp_path / "nat" / "national.db", create=True)
    registry.init_hub(national, EVENT, dates=DATES, now=NOW)
    kit = cities.add_city(national, "DKI", name="DKI Jakarta").write(
        tmp_path / "nat" / "DKI.hubkit.json"
    )
    registry.add_booths(national, [_booth("JP/A-001", "DKI")])
    cities.join_parent(province, kit, url="", now=NOW)
    done = forwarding.deliver(province, forwarding.local_post(national, now=_now), now=_now)
    assert (done.sent, done.refused) == (1, [])
    assert report.build(national).net == 250_000
    assert national.execute("SELECT booth FROM booth_days").fetchone()[0] == "DKI/JP/A-001"


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    nets=st.dictionaries(
        st.tuples(st.sampled_from(["JP", "JS"]), st.sampled_from(CODES), st.integers(20, 22)),
        st.integers(0, 5_000_000),
        max_size=18,
    )
)
def test_random_events_across_cities_reconcile_at_every_level(
    nets: dict[tuple[str, str, int], int],
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        province = make_province(root / "province.db")
        hubs = {c: make_city(root / f"{c}.db", c) for c in ("JP", "JS")}
        for (c, code, day), net in nets.items():
            db, keys = hubs[c]
            b = make_bundle(code, keys[code], date=f"2026-03-{day}", net=net)
            ingest(db, bundle.dumps(b), now=NOW)
        for db, _ in hubs.values():
            forwarding.deliver(db, forwarding.local_post(province, now=_now), now=_now)
        rep = report.build(province)
        assert rep.net == sum(nets.values())
        assert sum(b["net"] for b in rep.by_booth) == rep.net
        assert sum(loc["net"] for loc in rep.by_location) == rep.net
        assert sum(c["net"] for c in rep.by_city) == rep.net
        assert sum(d["net"] for d in rep.by_city_day) == rep.net
        assert sum(p["net"] for p in rep.by_pengampu_payment) == rep.net
        assert sum(rep.by_payment.values()) == rep.net
        for c in rep.by_city:
            assert c["net"] == sum(v for (city, _, _), v in nets.items() if city == c["city"])
            city_locs = [loc for loc in rep.by_location if loc["city"] == c["city"]]
            assert sum(loc["net"] for loc in city_locs) == c["net"]
            assert c["missing"] == sum(1 for m in rep.missing if m["city"] == c["city"])
        for db, _ in hubs.values():
            db.close()
        province.close()


def test_the_organizer_commands_for_a_province(tmp_path: Path) -> None:
    cli = Cli(tmp_path)
    prov = ["hub", "--db", str(tmp_path / "province.db")]
    jp = ["hub", "--db", str(tmp_path / "JP.db")]
    dates = f"{DATES[0]}..{DATES[1]}"
    assert cli(*prov, "init", "--event", EVENT, "--dates", dates).exit_code == 0
    kit = tmp_path / "JP.hubkit.json"
    assert (
        cli(*prov, "city", "add", "jp", "--name", "Jakarta Pusat", "--kit", str(kit)).exit_code == 0
    )
    booths = tmp_path / "booths.csv"
    booths.write_text(
        "code,name,location,pengampu,category,wilayah\nA-001,Kue,Gambir,Bu A,kue,JP\n"
    )
    out = cli(*prov, "booths", "import", str(booths), "--json").json()
    assert out["registered"] == 1 and out["kits"] == []
    assert cli(*jp, "init", "--event", EVENT, "--dates", dates).exit_code == 0
    assert cli(*jp, "booth", "add", "A-001", "--name", "Kue", "--location", "Gambir").exit_code == 0
    assert cli(*jp, "forward").exit_code == 2  # not joined yet: one clear line
    joined = cli(*jp, "parent", "join", str(kit), "--json").json()
    assert joined["city"] == "JP" and joined["waiting"] == 0
    city = open_hub(tmp_path / "JP.db")
    keys = Keys(registry.issue_kit(city, "A-001").kit_key, bundle.new_key())
    ingest(city, bundle.dumps(make_bundle("A-001", keys, net=77_000)), now=NOW)
    city.close()
    sent = cli(*jp, "forward", "--to-dir", str(tmp_path / "usb"), "--json").json()
    assert sent["sent"] == 1
    imported = cli(*prov, "import", *sent["files"], "--json").json()
    assert imported["taken"] == 1
    status = cli(*prov, "status", "--city", "JP", "--date", "2026-03-20", "--json").json()
    assert [(b["booth"], b["city"], b["net"]) for b in status["booths"]] == [
        ("JP/A-001", "JP", 77_000)
    ]
    rep = cli(
        *prov,
        "report",
        "--json",
        "--xlsx",
        str(tmp_path / "p.xlsx"),
        "--csv",
        str(tmp_path / "csv"),
    ).json()
    assert rep["by_city"][0]["net"] == rep["net"] == 77_000
    sheet = load_workbook(tmp_path / "p.xlsx")["per_kota"]  # Indonesian by default
    assert [c.value for c in sheet[2]][:3] == ["JP", "Jakarta Pusat", 77_000]
    assert "JP,2026-03-20,77000" in (tmp_path / "csv" / "by_city_day.csv").read_text()
    empty = cli(*prov, "status", "--city", "JS", "--date", "2026-03-20", "--json").json()
    assert empty["booths"] == []
    web = cli(*prov, "city", "token", "jp", "--url", "http://10.0.0.5:8765", "--json").json()
    assert web["city"] == "JP" and web["login_url"].startswith("http://10.0.0.5:8765/")
    unknown = cli(*prov, "city", "token", "ZZ")
    assert unknown.exit_code == 2 and "ZZ" in unknown.stderr


def test_a_whole_province_in_one_command(tmp_path: Path) -> None:
    cli = Cli(tmp_path)
    out = cli(
        "hub", "--db", str(tmp_path / "province.db"), "demo", "--cities", "2", "--locations", "2",
        "--booths", "3", "--days", "2", "--seed", "7",
    )  # fmt: skip
    assert out.exit_code == 0, out.stderr
    province = open_hub(tmp_path / "province.db")
    rep = report.build(province)
    assert [c["city"] for c in rep.by_city] == ["JP", "JU"]
    own = 0
    for c in ("JP", "JU"):
        city = sqlite3.connect(tmp_path / "province-cities" / f"{c}.db")
        own += city.execute("SELECT SUM(net) FROM booth_days").fetchone()[0]
        city.close()
    assert rep.net == own and f"{rep.net:,}".replace(",", ".") in out.stdout
    pages = [p.extract_text() for p in PdfReader(tmp_path / "province-report.pdf").pages]
    for code, name in (("JP", "Jakarta Pusat"), ("JU", "Jakarta Utara")):
        (page,) = [p for p in pages if f"Kota: {code} {name}" in p]  # a page per city
        city = next(c for c in rep.by_city if c["city"] == code)
        assert "TOTAL KOTA" in page and money.fmt(city["net"]) in page
        for loc in (x for x in rep.by_location if x["city"] == code):
            assert loc["location"] in page


@pytest.mark.parametrize(
    ("name", "checked"),
    [("forwarded.schema.json", forward.SCHEMA), ("set-aside.schema.json", forward.DECISION_SCHEMA)],
)
def test_the_published_forwarding_schema_is_the_one_checked(
    name: str, checked: dict[str, Any]
) -> None:
    published = Path(__file__).parent.parent / "docs" / name
    assert json.loads(published.read_text(encoding="utf-8")) == checked
