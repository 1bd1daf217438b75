"""The organizer's commands as a script sees them: JSON contracts and one line per bad input."""

from __future__ import annotations

import json
import os
import stat
import threading
from pathlib import Path

import pytest

from bazar_pos.hub import registry
from bazar_pos.hub.store import open_hub
from bazar_pos.sync import bundle
from bazar_pos.sync.kit import Kit
from tests.conftest import DATA, DAY, Cli
from tests.hubkit import Keys, make_bundle

EVENT = "Bazar Jakpreneur"


@pytest.fixture
def org(cli: Cli) -> Cli:
    r = cli(
        "hub",
        "init",
        "--dates",
        "2026-03-01..2026-03-31",
        "--event",
        EVENT,
        "--hub-url",
        "http://10.0.0.5:8765",
        "--json",
    )
    assert r.exit_code == 0, r.stderr
    cli.token = r.json()["token"]  # type: ignore[attr-defined]
    return cli


_BOOTH_KEYS: dict[tuple[Path, str], Keys] = {}


def kit_secret(org: Cli, code: str) -> Keys:
    """The keys that booth would hold after joining with its kit (one booth key per booth)."""
    kit = Kit.read(org.home / "kits" / f"{code}.kit.json")
    key = (org.home, code)
    if key not in _BOOTH_KEYS or _BOOTH_KEYS[key].kit_key != kit.kit_key:
        _BOOTH_KEYS[key] = Keys(kit.kit_key, bundle.new_key())
    return _BOOTH_KEYS[key]


def write(folder: Path, name: str, b: dict) -> Path:
    path = folder / name
    path.write_text(bundle.dumps(b))
    return path


def test_init_prints_the_token_once_and_keeps_only_its_hash(cli: Cli) -> None:
    r = cli("hub", "init", "--dates", "2026-03-01..2026-03-31", "--event", EVENT)
    assert r.exit_code == 0
    token = r.stdout.strip().split()[-1]
    assert registry.token_ok(open_hub(cli.home / "hub.db"), token)
    assert token.encode() not in (cli.home / "hub.db").read_bytes()
    again = cli("hub", "init", "--dates", "2026-03-01..2026-03-31", "--event", "Lain")
    assert again.exit_code == 2 and again.stdout == ""
    assert len(again.stderr.strip().splitlines()) == 1 and "acara" in again.stderr


def test_booth_add_writes_a_private_kit_for_that_booth(org: Cli) -> None:
    r = org(
        "hub",
        "booth",
        "add",
        "cp-07",
        "--name",
        "Kue Bu Sari",
        "--location",
        "Cempaka Putih",
        "--pengampu",
        "Pengampu CP-2",
        "--category",
        "kue kering",
        "--json",
    )
    assert r.exit_code == 0, r.stderr
    assert r.json()["booth"] == "CP-07"
    path = Path(r.json()["kit"])
    kit = json.loads(path.read_text())
    assert set(kit) == {
        "format",
        "version",
        "event",
        "booth",
        "name",
        "location",
        "hub_url",
        "kit_key",
    }
    assert (kit["format"], kit["event"], kit["booth"], kit["hub_url"]) == (
        "bazar-pos/booth-kit",
        EVENT,
        "CP-07",
        "http://10.0.0.5:8765",
    )
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    dup = org("hub", "booth", "add", "CP-07", "--name", "Lagi", "--location", "CP")
    assert dup.exit_code == 2 and "CP-07" in dup.stderr
    bad = org("hub", "booth", "add", "CP 07!", "--name", "X", "--location", "CP")
    assert bad.exit_code == 2 and len(bad.stderr.strip().splitlines()) == 1


def test_booths_import_registers_the_example_event_once(org: Cli, tmp_path: Path) -> None:
    r = org("hub", "booths", "import", str(DATA / "booths.csv"), "--kits", str(tmp_path / "k"))
    assert r.exit_code == 0, r.stderr
    assert "180" in r.stdout
    assert len(list((tmp_path / "k").glob("*.kit.json"))) == 180
    before = Kit.read(tmp_path / "k" / "SN-30.kit.json").kit_key
    again = org("hub", "booths", "import", str(DATA / "booths.csv"), "--json")
    assert again.json()["registered"] == 0 and len(again.json()["skipped"]) == 180
    status = org("hub", "status", "--date", DAY, "--json").json()
    assert len(status["booths"]) == 180 and not any(b["reported"] for b in status["booths"])
    assert Kit.read(tmp_path / "k" / "SN-30.kit.json").kit_key == before


def test_a_bad_booth_csv_names_its_line_and_registers_nothing(org: Cli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("code,name,location\nA-1,Satu,X\nB-1,Dua,\n")
    r = org("hub", "booths", "import", str(bad))
    assert r.exit_code == 2 and "Baris 3" in r.stderr
    assert org("hub", "status", "--json").json()["booths"] == []
    r = org("hub", "booths", "import", str(tmp_path / "none.csv"))
    assert r.exit_code == 2 and len(r.stderr.strip().splitlines()) == 1


def test_import_files_then_status_shows_the_figures(org: Cli, tmp_path: Path) -> None:
    for code in ("CP-07", "CP-08", "CP-09"):
        assert (
            org(
                "hub", "booth", "add", code, "--name", f"Booth {code}", "--location", "CP"
            ).exit_code
            == 0
        )
    s7, s8 = kit_secret(org, "CP-07"), kit_secret(org, "CP-08")
    f1 = write(tmp_path, "cp07.json", make_bundle("CP-07", s7, net=120_000))
    f2 = write(tmp_path, "cp08.json", make_bundle("CP-08", s8, net=80_000))
    f3 = write(tmp_path, "cp07-r2.json", make_bundle("CP-07", s7, revision=2, net=125_000))
    r = org("hub", "import", str(f1), str(f2), str(f3), "--json")
    assert r.exit_code == 0, r.stderr
    assert [x["status"] for x in r.json()["results"]] == ["accepted", "accepted", "accepted"]
    again = org("hub", "import", str(f1))
    assert again.exit_code == 0 and "duplikat" in again.stdout  # worded; JSON keeps the wire
    status = org("hub", "status", "--date", DAY, "--json").json()
    assert status["date"] == DAY
    assert [
        (b["booth"], b["reported"], b["revision"], b["net"], b["conflict"])
        for b in status["booths"]
    ] == [
        ("CP-07", True, 2, 125_000, False),
        ("CP-08", True, 1, 80_000, False),
        ("CP-09", False, None, None, False),
    ]
    assert {"booth", "name", "location", "reported", "revision", "net"} <= set(status["booths"][0])
    text = org("hub", "status", "--date", DAY)
    assert "2/3" in text.stdout and "BELUM LAPOR" in text.stdout and "Rp125.000" in text.stdout


def test_refused_files_get_one_line_each_and_a_non_zero_exit(org: Cli, tmp_path: Path) -> None:
    assert org("hub", "booth", "add", "CP-07", "--name", "Kue", "--location", "CP").exit_code == 0
    good = make_bundle("CP-07", kit_secret(org, "CP-07"))
    tampered = {**good, "totals": {**good["totals"], "sales_count": 99}}
    stranger = Keys(bundle.new_key(), bundle.new_key())
    files = [
        write(tmp_path, "ok.json", good),
        write(tmp_path, "tampered.json", tampered),
        write(tmp_path, "wrongkey.json", make_bundle("CP-07", stranger, net=100_001)),
        write(tmp_path, "stranger.json", make_bundle("ZZ-01", stranger)),
        write(tmp_path, "other.json", make_bundle("CP-07", kit_secret(org, "CP-07"), event="X")),
        write(tmp_path, "future.json", {**good, "version": 3}),
        write(tmp_path, "v1.json", {**good, "version": 1}),
    ]
    (tmp_path / "junk.json").write_text("not json")
    (tmp_path / "big.json").write_bytes(b"{" + b" " * 1_100_000 + b"}")
    files += [tmp_path / "junk.json", tmp_path / "big.json", tmp_path / "missing.json"]
    r = org("hub", "import", *map(str, files))
    assert r.exit_code == 1  # some refused, some taken
    lines = r.stderr.strip().splitlines()
    assert len(lines) == len(files) - 1 and all("ditolak" in line for line in lines)
    assert "ok.json" in r.stdout and "1 dari 10 berkas diterima, 9 ditolak" in r.stdout
    codes = [
        x.get("code")
        for x in org("hub", "import", *map(str, files[1:]), "--json").json()["results"]
    ]
    assert codes == [
        "inconsistent",  # the figures no longer add up: refused before any signature work
        "wrong_key",
        "unknown_booth",
        "other_event",
        "future_version",
        "old_version",
        "malformed",
        "too_large",
        "unreadable",  # the missing file: nothing was read, nothing audited
    ]
    all_refused = org("hub", "import", str(files[1]))
    assert all_refused.exit_code == 1
    refusals = org("hub", "rejections", "--limit", "100", "--json").json()["rejections"]
    assert len(refusals) == 17 and {r["via"] for r in refusals} == {"file"}
    assert org("hub", "status", "--date", DAY, "--json").json()["booths"][0]["net"] == 100_000


def test_import_reads_a_bundle_from_a_pipe_whole(org: Cli, tmp_path: Path) -> None:
    """A pipe has no size to trust: its bundle is read to the end (up to the size limit)."""
    assert org("hub", "booth", "add", "CP-07", "--name", "Kue", "--location", "CP").exit_code == 0
    body = bundle.dumps(make_bundle("CP-07", kit_secret(org, "CP-07"))).encode()
    fifo = tmp_path / "from-usb.json"
    os.mkfifo(fifo)
    writer = threading.Thread(target=fifo.write_bytes, args=(body,), daemon=True)
    writer.start()
    r = org("hub", "import", str(fifo), "--json")
    writer.join(timeout=30)
    assert r.exit_code == 0, r.stdout + r.stderr
    assert [x["status"] for x in r.json()["results"]] == ["accepted"]


def test_messages_follow_the_language(org: Cli) -> None:
    org.env["BAZAR_POS_LANG"] = "en"
    r = org("hub", "status", "--date", "20/03/2026")
    assert r.exit_code == 2 and r.stderr.strip() == (
        "Error: Invalid date: '20/03/2026' (e.g. 2026-03-20)"
    )


def test_commands_on_a_missing_hub_say_how_to_make_one(cli: Cli) -> None:
    for args in (
        ("status",),
        ("booth", "add", "X-1", "--name", "X", "--location", "L"),
        ("import", "a.json"),
    ):
        r = cli("hub", *args)
        assert r.exit_code == 2 and "hub init" in r.stderr, args
    assert not (cli.home / "hub.db").exists()


def test_a_new_token_can_be_issued(org: Cli) -> None:
    r = org("hub", "token", "--json")
    assert r.exit_code == 0
    db = open_hub(org.home / "hub.db")
    assert registry.token_ok(db, r.json()["token"])
    assert not registry.token_ok(db, org.token)  # type: ignore[attr-defined]


def test_hub_db_option_and_environment(cli: Cli, tmp_path: Path) -> None:
    other = tmp_path / "elsewhere" / "org.db"
    assert (
        cli(
            "hub", "--db", str(other), "init", "--dates", "2026-03-01..2026-03-31", "--event", EVENT
        ).exit_code
        == 0
    )
    cli.env["BAZAR_POS_HUB_DB"] = str(other)
    assert cli("hub", "status", "--json").json()["booths"] == []
    assert not (cli.home / "hub.db").exists()
