"""`hub audit`: a booth's ledger file checked against every bundle the hub accepted from it.

The booth here is real (its own database, sales, day closes and signed bundles); the forger
rewrites the whole journal and recomputes every hash, which the ledger's own `verify` cannot see.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from bazar_pos import canonical, i18n
from bazar_pos.booth import close, projections, qris_setting, sales
from bazar_pos.booth.cart import Cart
from bazar_pos.booth.demo import DEMO_QRIS
from bazar_pos.booth.ledger import GENESIS, Entry, Ledger, entry_hash, verify
from bazar_pos.booth.models import CartLine, PaymentPart
from bazar_pos.hub import registry, status
from bazar_pos.hub.ingest import ingest
from bazar_pos.services import closing, selling
from bazar_pos.store import write_txn
from bazar_pos.sync import audit, booth_key, bundle
from tests.conftest import NOW, Cli, new_booth
from tests.hubkit import make_hub

DAYS = ("2026-03-20", "2026-03-21")


def _sell_and_report(ledger: Ledger, hub: Any, day_index: int) -> dict[str, Any]:
    at = NOW + timedelta(days=day_index)
    sales.checkout(ledger, [CartLine("NST-250", 2)], [PaymentPart("cash")], now=at)
    qris_setting.set_static(ledger, DEMO_QRIS, now=at)
    selling.sell(  # a QRIS sale records only the code made for it (issue 12)
        ledger, Cart([CartLine("KST-250")]), [PaymentPart("qris")], now=at + timedelta(hours=2)
    )
    summary = close.close_day(ledger, DAYS[day_index], now=at + timedelta(hours=10))
    signed = closing.build_bundle(ledger, summary, now=at + timedelta(hours=10))
    assert ingest(hub, bundle.dumps(signed), now=at).status == "accepted"
    return signed


@pytest.fixture
def reported(tmp_path: Path) -> tuple[Any, Path]:
    """A hub (CP-07 registered) and a booth file that reported two days to it."""
    hub, _, _ = make_hub(tmp_path / "hub.db", booths=0)
    registry.add_booth(hub, "CP-07", name="Kue Bu Sari", location="Rusun Karang Anyar")
    ledger = new_booth(tmp_path / "booth.db")
    booth_key.remember(ledger, registry.issue_kit(hub, "CP-07").kit_key)
    for i in range(2):
        _sell_and_report(ledger, hub, i)
    ledger.close()
    return hub, tmp_path / "booth.db"


def _forge(src: Path, dst: Path, drop: int) -> None:
    """Hide one sale: drop its entry, renumber and re-chain everything after, rebuild the tables."""
    old = Ledger.open(src)
    kept = [e for e in old.entries() if e.seq != drop]
    old.close()
    forged = Ledger.open(dst)
    prev = GENESIS
    with write_txn(forged.conn) as conn:
        for seq, e in enumerate(kept, start=1):
            digest = entry_hash(prev, seq, e.at, e.kind, e.payload)
            conn.execute(
                "INSERT INTO entries (seq, at, kind, payload, prev_hash, hash)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (seq, e.at, e.kind, canonical.dumps(e.payload), prev, digest),
            )
            projections.apply(conn, Entry(seq, e.at, e.kind, e.payload, prev, digest))
            prev = digest
    forged.close()


def _first_sale_seq(path: Path) -> int:
    ledger = Ledger.open(path)
    try:
        return next(e.seq for e in ledger.entries() if e.kind == "sale")
    finally:
        ledger.close()


def test_an_honest_ledger_agrees_with_every_accepted_bundle(reported: tuple) -> None:
    hub, booth_db = reported
    ledger = audit.open_copy(booth_db)
    result = audit.audit(ledger, status.bundles_of(hub, "CP-07"))
    ledger.close()
    assert result.ok, result.disagreements
    assert result.bundles == 2 and result.entries > 10


def test_an_honest_day_with_a_refund_agrees_with_its_bundle(tmp_path: Path) -> None:
    """A refund on the day counts in that day's products and hours: the audit replays it as
    the close did, and never accuses an honest booth."""
    hub, _, _ = make_hub(tmp_path / "hub.db", booths=0)
    registry.add_booth(hub, "CP-07", name="Kue Bu Sari", location="Rusun Karang Anyar")
    ledger = new_booth(tmp_path / "booth.db")
    booth_key.remember(ledger, registry.issue_kit(hub, "CP-07").kit_key)
    sale = sales.checkout(ledger, [CartLine("NST-250", 2)], [PaymentPart("cash")], now=NOW)
    sales.refund(ledger, sale.sale_no, {"NST-250": 1}, reason="rusak", now=NOW + timedelta(hours=1))
    summary = close.close_day(ledger, DAYS[0], now=NOW + timedelta(hours=10))
    signed = closing.build_bundle(ledger, summary, now=NOW + timedelta(hours=10))
    assert signed["totals"]["refunds"] > 0
    assert ingest(hub, bundle.dumps(signed), now=NOW).status == "accepted"
    ledger.close()
    copy = audit.open_copy(tmp_path / "booth.db")
    result = audit.audit(copy, status.bundles_of(hub, "CP-07"))
    copy.close()
    assert result.ok, result.disagreements


def test_a_rewritten_rechained_ledger_is_caught_for_every_reported_day(
    reported: tuple, tmp_path: Path
) -> None:
    hub, booth_db = reported
    forged_path = tmp_path / "forged.db"
    _forge(booth_db, forged_path, drop=_first_sale_seq(booth_db))
    forged = Ledger.open(forged_path)
    assert verify(forged).ok  # its own chain is perfect: verify alone cannot see the forgery
    forged.close()
    ledger = audit.open_copy(forged_path)
    result = audit.audit(ledger, status.bundles_of(hub, "CP-07"))
    ledger.close()
    assert not result.ok
    assert [d[:13] for d in result.disagreements] == [f"{DAYS[0]} r1", f"{DAYS[1]} r1"]
    assert all("(ditulis ulang)" in d for d in result.disagreements)  # Indonesian by default


def test_a_bundle_whose_figures_the_ledger_does_not_give_is_named(
    reported: tuple, tmp_path: Path
) -> None:
    """Signed by the booth's own key but not what its ledger says: the recomputation names it."""
    hub, booth_db = reported
    ledger = Ledger.open(booth_db)
    b = status.bundles_of(hub, "CP-07")[1]
    b["products"][0]["name"] = "Nastar (ganti nama)"
    b["revision"] = 2
    key = ledger.one("SELECT value FROM local_secrets WHERE key = 'booth_key'")
    assert key
    ledger.close()
    assert ingest(hub, bundle.dumps(bundle.sign(b, key["value"])), now=NOW).status == "accepted"
    copy = audit.open_copy(booth_db)
    with i18n.speaking("en"):
        result = audit.audit(copy, status.bundles_of(hub, "CP-07"))
    indonesian = audit.audit(copy, status.bundles_of(hub, "CP-07"))
    copy.close()
    assert result.disagreements == [
        f"{DAYS[1]} r2: the ledger makes this revision 1",
        f"{DAYS[1]} r2: products recomputed from the ledger differ from the bundle",
    ]
    assert indonesian.disagreements == [  # in the reader's language, Indonesian by default
        f"{DAYS[1]} r2: menurut buku besar ini revisi 1",
        f"{DAYS[1]} r2: products yang dihitung ulang dari buku besar berbeda dengan bundel",
    ]


def test_hub_audit_command_names_the_first_disagreement(
    reported: tuple, tmp_path: Path, cli: Cli
) -> None:
    _, booth_db = reported
    cli.env["BAZAR_POS_HUB_DB"] = str(tmp_path / "hub.db")
    cli.env["BAZAR_POS_LANG"] = "en"
    ok = cli("hub", "audit", str(booth_db))
    assert ok.exit_code == 0 and "agrees with the 2 bundles" in ok.stdout
    _forge(booth_db, tmp_path / "forged.db", drop=_first_sale_seq(booth_db))
    bad = cli("hub", "audit", str(tmp_path / "forged.db"), "--json")
    assert bad.exit_code == 1 and not bad.json()["ok"]
    assert len(bad.json()["disagreements"]) == 2
    text = cli("hub", "audit", str(tmp_path / "forged.db"))
    assert text.exit_code == 1 and f"DISAGREES (2): {DAYS[0]} r1" in text.stdout
    missing = cli("hub", "audit", str(tmp_path / "nothing.db"))
    assert missing.exit_code == 2 and "not found" in missing.stderr
    (tmp_path / "junk.db").write_bytes(b"junk" * 100)
    junk = cli("hub", "audit", str(tmp_path / "junk.db"))
    assert junk.exit_code == 2 and len(junk.stderr.strip().splitlines()) == 1
