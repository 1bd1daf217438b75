"""A small event for the web pages: two pengampu, hostile names, some booths reported."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from bazar_pos.hub import registry, tokens
from bazar_pos.hub.ingest import ingest
from bazar_pos.hub.store import open_hub
from bazar_pos.sync import bundle
from tests.conftest import DAY, NOW
from tests.hubkit import EVENT, Keys, booth_keys, make_bundle

HOSTILE = "<script>alert(1)</script>"
FORMULA = "=1+1"


@dataclass
class WebHub:
    path: Path
    organizer: str  # the organizer token
    rina: str  # pengampu token of Bu Rina (booths B-000, B-002, B-004)
    budi: str  # pengampu token of Pak Budi (booths B-001, B-003, B-005)
    secrets: dict[str, Keys]  # each booth's kit key and own key, as after `join`

    def send(self, booth: str, net: int, *, date: str = DAY, revision: int = 1) -> None:
        db = open_hub(self.path)
        try:
            b = make_bundle(booth, self.secrets[booth], date=date, revision=revision, net=net)
            ingest(db, bundle.dumps(b), now=NOW)
        finally:
            db.close()

    def send_refused(self, booth: str) -> None:
        """A bundle the hub refuses (a day that does not exist), kept as a rejection."""
        with pytest.raises(bundle.BundleRejected):
            self.send(booth, 10, date="2026-13-01")


def build_hub(path: Path) -> WebHub:
    db = open_hub(path, create=True)
    organizer = registry.init_hub(db, EVENT, dates=(DAY, DAY), now=NOW)  # a one-day event
    names = [HOSTILE, FORMULA, "Kue Bu Sari", "Es Teh", "Batik", "Kopi"]
    codes = registry.add_booths(
        db,
        [
            registry.Booth(
                f"B-{i:03d}",
                names[i],
                f"Lokasi {i // 3}" if i else f"Lokasi {HOSTILE}",
                "Bu Rina" if i % 2 == 0 else "Pak Budi",
                "kue",
            )
            for i in range(6)
        ],
    )
    secrets = {code: booth_keys(db, code) for code in codes}
    _, rina = tokens.issue_pengampu_token(db, "Bu Rina", now=NOW)
    _, budi = tokens.issue_pengampu_token(db, "Pak Budi", now=NOW)
    db.close()
    hub = WebHub(path, organizer, rina, budi, secrets)
    hub.send("B-000", 120_000)
    hub.send("B-001", 75_000)
    hub.send("B-003", 50_000)
    return hub


@pytest.fixture
def web_hub(tmp_path: Path) -> WebHub:
    return build_hub(tmp_path / "hub.db")
