"""`hub pengampu token`, `hub token list` and `hub token revoke`, as the organizer types them."""

from __future__ import annotations

import httpx

from bazar_pos.hub.api import create_app
from bazar_pos.payments import terminal_to_rows
from tests.conftest import Cli
from tests.test_qris_render import decode, grid_image
from tests.web.conftest import WebHub


def organizer(hub: WebHub) -> Cli:
    cli = Cli(hub.path.parent)
    cli.env["BAZAR_POS_HUB_DB"] = str(hub.path)
    return cli


def test_pengampu_token_prints_a_qr_of_the_login_link_that_logs_in(web_hub: WebHub) -> None:
    out = organizer(web_hub)(
        "hub", "pengampu", "token", "Bu Rina", "--url", "http://10.0.0.5:8765/"
    )
    assert out.exit_code == 0, out.stderr
    lines = out.stdout.splitlines()
    token = lines[1]
    link = f"http://10.0.0.5:8765/login?token={token}"
    assert link in lines[2]
    assert decode(grid_image(terminal_to_rows(lines[3:]))) == link


async def test_the_printed_link_logs_in(web_hub: WebHub) -> None:
    data = organizer(web_hub)("hub", "pengampu", "token", "Pak Budi", "--json").json()
    assert data["pengampu"] == "Pak Budi" and data["login_url"].endswith(data["token"])
    path = "/" + data["login_url"].split("/", 3)[3]
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=create_app(web_hub.path)), base_url="http://hub"
    ) as c:
        r = await c.get(path)
        assert r.status_code == 303 and r.headers["location"] == "/status"
        assert "Pak Budi" in (await c.get("/status")).text


def test_an_unknown_pengampu_gets_one_clear_line_and_no_token(web_hub: WebHub) -> None:
    cli = organizer(web_hub)
    out = cli("hub", "pengampu", "token", "Bu Rinaa")
    assert out.exit_code == 2 and out.stdout == ""
    assert out.stderr.strip().endswith("yang terdaftar: Bu Rina, Pak Budi")
    assert len(cli("hub", "token", "list", "--json").json()["tokens"]) == 2


def test_list_and_revoke_by_number_or_by_token(web_hub: WebHub) -> None:
    cli = organizer(web_hub)
    listed = cli("hub", "token", "list", "--json").json()["tokens"]
    assert [(t["id"], t["value"], t["revoked_at"]) for t in listed] == [
        (1, "Bu Rina", None),
        (2, "Pak Budi", None),
    ]
    assert web_hub.rina not in cli("hub", "token", "list").stdout
    first = cli("hub", "token", "revoke", "1", "--json").json()
    again = cli("hub", "token", "revoke", web_hub.rina, "--json").json()
    assert first["id"] == again["id"] == 1 and first["revoked_at"] == again["revoked_at"]
    assert cli("hub", "token", "revoke", web_hub.budi).exit_code == 0
    unknown = cli("hub", "token", "revoke", "nope")
    assert unknown.exit_code == 2 and "Token tidak dikenal" in unknown.stderr
    assert "DICABUT" in cli("hub", "token", "list").stdout


def test_hub_token_alone_still_issues_a_new_organizer_token(web_hub: WebHub) -> None:
    out = organizer(web_hub)("hub", "token", "--json").json()
    assert out["token"] and out["token"] != web_hub.organizer
