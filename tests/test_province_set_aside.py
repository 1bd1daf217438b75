"""A city's set-aside reaches the province: the province's figure for a city is the city's own.

Over the real path: a booth's bundles to a real city `hub serve`, which forwards them to a real
province `hub serve`; the organizer's `hub reject` / `hub unreject` at the city, then
`hub forward` (or files and `hub import`)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import httpx
from pypdf import PdfReader

from bazar_pos.documents import event_report
from bazar_pos.hub import forwarding, report
from bazar_pos.hub.ingest import ingest
from bazar_pos.hub.store import open_hub
from bazar_pos.sync import bundle
from tests.conftest import NOW, Cli
from tests.hubkit import Server, make_bundle
from tests.test_province import CODES, make_city, make_province


def _city_net(path: Path) -> int:
    db = open_hub(path)
    try:
        return report.build(db).net
    finally:
        db.close()


def _province_net(path: Path, city: str) -> int:
    db = open_hub(path)
    try:
        return sum(c["net"] for c in report.build(db).by_city if c["city"] == city)
    finally:
        db.close()


def _agree(tmp_path: Path) -> int:
    city, province = _city_net(tmp_path / "JP.db"), _province_net(tmp_path / "province.db", "JP")
    assert city == province
    return city


def test_a_citys_set_aside_and_restore_reach_the_province(tmp_path: Path) -> None:
    cli = Cli(tmp_path)
    jp = ["hub", "--db", str(tmp_path / "JP.db")]
    make_province(tmp_path / "province.db").close()
    with Server(tmp_path / "province.db") as prov:
        db, keys = make_city(tmp_path / "JP.db", "JP", parent_url=prov.url)
        db.close()
        with Server(tmp_path / "JP.db") as city:
            for i, code in enumerate(CODES):
                b = make_bundle(code, keys[code], net=100_000 + i)
                assert httpx.post(city.url + "/api/v1/bundles", content=bundle.dumps(b)).is_success
            province = open_hub(tmp_path / "province.db")
            deadline = time.monotonic() + 120
            while province.execute("SELECT COUNT(*) FROM booth_days").fetchone()[0] < 3:
                assert time.monotonic() < deadline, "the city hub did not forward"
                time.sleep(0.2)
            province.close()
            assert _agree(tmp_path) == 300_003

            why = "salah ketik, dicek dengan pedagang"
            assert (
                cli(*jp, "reject", "A-002", "--date", "2026-03-20", "--reason", why).exit_code == 0
            )
            assert cli(*jp, "forward").exit_code == 0
            assert _agree(tmp_path) == 200_002
            province = open_hub(tmp_path / "province.db")
            row = province.execute(
                "SELECT booth, action, reason, origin FROM set_asides"
            ).fetchone()
            assert row[:3] == ("JP/A-002", "reject", why) and row[3].startswith("JP#")
            rep = report.build(province)
            listed = [(s["booth"], s["decided_by"], s["reason"]) for s in rep.set_aside]
            assert listed == [("JP/A-002", "JP", why)]
            province.close()
            pdf = tmp_path / "province.pdf"
            text = "".join(
                p.extract_text()
                for p in PdfReader(event_report.write(rep, pdf, generated=NOW)).pages
            )
            assert f"JP: {why}" in " ".join(text.split())

            ok = "sudah dicek, benar"
            assert (
                cli(*jp, "unreject", "A-002", "--date", "2026-03-20", "--reason", ok).exit_code == 0
            )
            assert cli(*jp, "forward").exit_code == 0
            assert _agree(tmp_path) == 300_003
            again = cli(*jp, "forward", "--json").json()
            assert again["sent"] == 0 and again["waiting"] == 0


def _files(city: Any, tmp_path: Path, name: str) -> list[str]:
    return forwarding.to_dir(city, tmp_path / name, now=NOW).files


def test_set_aside_by_files_a_new_revision_and_a_replay(tmp_path: Path) -> None:
    """Files through `hub import`, in the order `hub import dir/*` takes them; a decision that
    comes twice changes nothing; a newer revision is counted at both hubs alike."""
    cli = Cli(tmp_path)
    jp = ["hub", "--db", str(tmp_path / "JP.db")]
    prov = ["hub", "--db", str(tmp_path / "province.db")]
    make_province(tmp_path / "province.db").close()
    city, keys = make_city(tmp_path / "JP.db", "JP")
    for code in CODES:
        ingest(city, bundle.dumps(make_bundle(code, keys[code], net=50_000)), now=NOW)
    assert cli(*prov, "import", *_files(city, tmp_path, "usb1")).exit_code == 0
    assert _agree(tmp_path) == 150_000

    reason = "Rp95.000.000 untuk Rp95.000"
    assert cli(*jp, "reject", "A-001", "--date", "2026-03-20", "--reason", reason).exit_code == 0
    files = _files(city, tmp_path, "usb2")
    assert len(files) == 1 and "set-aside" in files[0]
    for _ in range(2):
        assert cli(*prov, "import", *files).exit_code == 0
    assert _agree(tmp_path) == 100_000

    fixed = make_bundle("A-001", keys["A-001"], net=95_000, revision=2)
    ingest(city, bundle.dumps(fixed), now=NOW)
    assert cli(*prov, "import", *sorted(_files(city, tmp_path, "usb3"))).exit_code == 0
    assert _agree(tmp_path) == 195_000
    city.close()


def test_a_decision_for_a_bundle_not_in_use_is_refused_and_changes_nothing(
    tmp_path: Path,
) -> None:
    """The city decided on a revision the province has not (or no longer) counted: refused with
    its reason and an audit row, never applied to another bundle."""
    province = make_province(tmp_path / "province.db")
    city, keys = make_city(tmp_path / "JP.db", "JP")
    ingest(city, bundle.dumps(make_bundle("A-001", keys["A-001"])), now=NOW)
    forwarding.deliver(city, forwarding.local_post(province, now=lambda: NOW), now=lambda: NOW)
    newer = make_bundle("A-001", keys["A-001"], net=60_000, revision=2)
    ingest(city, bundle.dumps(newer), now=NOW)
    city.execute("DELETE FROM outbox WHERE state = 'waiting'")  # the newer one not sent yet
    city.conn.commit()
    cli = Cli(tmp_path)
    jp = ["hub", "--db", str(tmp_path / "JP.db")]
    assert cli(*jp, "reject", "A-001", "--date", "2026-03-20", "--reason", "cek").exit_code == 0
    done = forwarding.deliver(
        city, forwarding.local_post(province, now=lambda: NOW), now=lambda: NOW
    )
    assert done.sent == 0 and len(done.refused) == 1
    assert province.execute("SELECT COUNT(*) FROM set_asides").fetchone()[0] == 0
    (code,) = province.execute("SELECT code FROM rejections").fetchone()
    assert code == "set_aside_elsewhere"
    assert report.build(province).net == 100_000


def test_every_waiting_figure_counts_the_decisions_too(tmp_path: Path) -> None:
    """`hub parent join`, `hub forward` and the dashboard show one figure: three bundles and
    one set-aside decision wait, so none of them may say three."""
    from bazar_pos.hub import registry
    from bazar_pos.tui.dashboard import read_hub
    from tests.hubkit import EVENT, booth_keys
    from tests.test_province import DATES, _booth

    cli = Cli(tmp_path)
    jp = ["hub", "--db", str(tmp_path / "JP.db")]
    make_province(tmp_path / "province.db").close()
    city = open_hub(tmp_path / "JP.db", create=True)
    registry.init_hub(city, EVENT, dates=DATES, now=NOW)
    registry.add_booths(city, [_booth(c) for c in CODES])
    for code in CODES:
        ingest(city, bundle.dumps(make_bundle(code, booth_keys(city, code))), now=NOW)
    city.close()
    why = "salah ketik"
    assert cli(*jp, "reject", "A-001", "--date", "2026-03-20", "--reason", why).exit_code == 0

    said = cli(*jp, "parent", "join", str(tmp_path / "JP.hubkit.json")).stdout
    assert "4 menunggu" in said
    assert cli(*jp, "forward", "--json").json()["waiting"] == 4
    assert read_hub(tmp_path / "JP.db", "2026-03-20", "2026-03-20").waiting == 4
