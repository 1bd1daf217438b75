"""A booth name (event, location) longer than a bundle carries is refused where it is typed:
the hub would refuse every bundle of that booth. At 200 it is taken, and so is its bundle."""

from __future__ import annotations

import json

from bazar_pos.hub import registry
from bazar_pos.hub.ingest import ingest
from bazar_pos.hub.store import open_hub
from tests.conftest import NOW, Cli
from tests.hubkit import DATES, EVENT


def test_init_refuses_a_name_the_hub_would_refuse_and_changes_nothing(cli: Cli) -> None:
    base = ["init", "--booth", "CP-07", "--event", "Bazar"]
    for option in ("--name", "--location", "--event"):
        args = [*base, "--name", "Kue", option, "x" * 250]
        r = cli(*args)
        assert r.exit_code == 2 and "250" in r.stderr and "200" in r.stderr, r.stderr
        assert "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert cli("summary", "--json").exit_code != 0  # nothing was set up
    en = cli("--lang", "en", *base, "--name", "y" * 201)
    assert "booth name is too long: 201 characters, at most 200" in en.stderr
    hub = open_hub(cli.home / "hub.db", create=True)
    registry.init_hub(hub, EVENT, dates=DATES, now=NOW)
    registry.add_booths(hub, [registry.Booth("CP-07", "z" * 200, "Gambir", "", "")])
    registry.save_kit(hub, "CP-07", cli.home / "kit.json")
    ok = cli("init", "--booth", "CP-07", "--event", EVENT, "--name", "z" * 200)
    assert ok.exit_code == 0, ok.stderr
    assert cli("join", str(cli.home / "kit.json")).exit_code == 0
    cli("product", "add", "NST", "--name", "Nastar", "--price", "50000", "--stock", "5")
    cli("sell", "NST", "--pay", "cash", "--tendered", "50000")
    assert cli("close", "--cash-counted", "50000").exit_code == 0
    assert cli("export", "-o", str(cli.home / "b.json")).exit_code == 0
    sent = (cli.home / "b.json").read_text()
    assert json.loads(sent)["booth_name"] == "z" * 200
    assert ingest(hub, sent, now=NOW).status == "accepted"  # the hub takes it
