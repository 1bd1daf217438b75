"""The booth's own signing key: made on the booth at `join`, never leaves it.

The kit's one-time key (from the organizer) only vouches for this key inside each bundle, so a
hub learns the booth's public key from the first bundle it receives and holds nothing that signs.
Both keys live in `local_secrets`, outside the journal, so an exported ledger carries neither.
"""

from __future__ import annotations

from typing import Any

from bazar_pos.booth.ledger import Ledger
from bazar_pos.errors import NotFound
from bazar_pos.store import write_txn
from bazar_pos.sync import bundle


def remember(ledger: Ledger, kit_key: str) -> None:
    """Keep the kit's key; make the booth's key once (joining again keeps it, so a hub that
    already enrolled this booth still recognises its bundles)."""
    with write_txn(ledger.conn) as conn:
        conn.execute(
            "INSERT INTO local_secrets (key, value) VALUES ('kit_key', ?)"
            " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (kit_key,),
        )
        conn.execute(
            "INSERT OR IGNORE INTO local_secrets (key, value) VALUES ('booth_key', ?)",
            (bundle.new_key(),),
        )


def _keys(ledger: Ledger) -> tuple[str, str]:
    rows = dict(
        ledger.conn.execute(
            "SELECT key, value FROM local_secrets WHERE key IN ('booth_key', 'kit_key')"
        ).fetchall()
    )
    if len(rows) < 2:
        raise NotFound("no_secret")
    return str(rows["booth_key"]), str(rows["kit_key"])


def sign(ledger: Ledger, body: dict[str, Any]) -> dict[str, Any]:
    """The bundle with its signer block and its signature; NotFound when the booth never joined."""
    booth_key, kit_key = _keys(ledger)
    signer = bundle.signer_block(str(body["event"]), str(body["booth"]), booth_key, kit_key)
    return bundle.sign({**body, "signer": signer}, booth_key)
