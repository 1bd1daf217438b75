"""The organizer's web pages in-process (ASGI): scopes, sessions, safety headers, escaping."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime, timedelta
from pathlib import Path

import httpx
import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from bazar_pos import money
from bazar_pos.hub import report, tokens
from bazar_pos.hub.api import create_app
from bazar_pos.hub.store import open_hub
from tests.conftest import DAY, NOW
from tests.web.conftest import FORMULA, HOSTILE, WebHub

PAGES = ["/status", f"/status?date={DAY}", "/report", "/rejections", "/booth/B-000"]


class Clock:
    def __init__(self) -> None:
        self.at = NOW

    def __call__(self) -> datetime:
        return self.at


def client(path: Path, clock: Clock | None = None) -> httpx.AsyncClient:
    app = create_app(path, clock=clock or Clock())
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://hub")


async def login(c: httpx.AsyncClient, token: str) -> httpx.Response:
    return await c.post("/login", data={"token": token})


async def test_a_logged_out_visitor_sees_nothing_but_the_login_form(web_hub: WebHub) -> None:
    async with client(web_hub.path) as c:
        for url in [*PAGES, "/", "/report/download/pdf", "/booth/NOPE"]:
            r = await c.get(url)
            assert r.status_code == 303 and r.headers["location"] in ("/login", "/status"), url
            assert "B-00" not in r.text and "Rp" not in r.text
        page = await c.get("/login")
    assert page.status_code == 200 and 'name="token"' in page.text
    assert "B-00" not in page.text and "Rp" not in page.text


async def test_organizer_sees_every_booth_and_the_cookie_is_httponly_strict(
    web_hub: WebHub,
) -> None:
    async with client(web_hub.path) as c:
        r = await login(c, web_hub.organizer)
        assert r.status_code == 303 and r.headers["location"] == "/status"
        cookie = r.headers["set-cookie"]
        assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/" in cookie
        page = (await c.get("/status")).text
    for code in ("B-000", "B-001", "B-002", "B-003", "B-004", "B-005"):
        assert f'data-booth="{code}"' in page
    assert 'data-booth="B-002" data-reported="0"' in page  # missing, listed with its pengampu
    assert "3/6" in page and "Rp245.000" in page  # 120,000 + 75,000 + 50,000


async def test_pengampu_sees_only_their_booths_everywhere(web_hub: WebHub) -> None:
    web_hub.send_refused("B-002")  # a booth of Bu Rina
    web_hub.send_refused("B-003")  # a booth of Pak Budi
    async with client(web_hub.path) as c:
        await login(c, web_hub.rina)
        status_page = (await c.get("/status")).text
        report_page = (await c.get("/report")).text
        rejections = (await c.get("/rejections")).text
        other_booth = await c.get("/booth/B-001")
        own_booth = await c.get("/booth/B-000")
    assert re.findall(r'data-booth="([^"]+)"', status_page) == ["B-002", "B-004", "B-000"]
    assert "Pak Budi" not in status_page + report_page + rejections
    assert "1/3" in status_page and "Rp120.000" in status_page
    db = open_hub(web_hub.path)
    mine = report.build(db, pengampu="Bu Rina")
    assert mine.net == 120_000
    assert 'id="event-net">Rp120.000<' in report_page
    assert "B-002" in rejections and "B-003" not in rejections
    assert other_booth.status_code == 404 and "Kopi" not in other_booth.text
    assert own_booth.status_code == 200 and "ab" * 32 in own_booth.text


async def test_the_login_link_sets_the_cookie_and_drops_the_token_from_the_address(
    web_hub: WebHub,
) -> None:
    async with client(web_hub.path) as c:
        r = await c.get(f"/login?token={web_hub.budi}")
        assert r.status_code == 303 and r.headers["location"] == "/status"
        assert web_hub.budi not in r.headers["location"]
        page = await c.get("/status")
    assert page.status_code == 200 and "Pak Budi" in page.text


async def test_a_revoked_token_ends_its_sessions_and_cannot_log_in(web_hub: WebHub) -> None:
    async with client(web_hub.path) as c:
        await login(c, web_hub.rina)
        assert (await c.get("/status")).status_code == 200
        db = open_hub(web_hub.path)
        tokens.revoke(db, web_hub.rina, now=NOW)
        db.close()
        assert (await c.get("/status")).status_code == 303
        c.cookies.clear()
        again = await login(c, web_hub.rina)
    assert again.status_code == 401 and "dicabut" in again.text


async def test_a_new_organizer_token_ends_the_old_ones_sessions(web_hub: WebHub) -> None:
    from bazar_pos.hub import registry

    async with client(web_hub.path) as c:
        await login(c, web_hub.organizer)
        db = open_hub(web_hub.path)
        fresh = registry.new_token(db)
        db.close()
        assert (await c.get("/report")).status_code == 303
        assert (await login(c, fresh)).status_code == 303
        assert (await c.get("/report")).status_code == 200


async def test_logout_ends_the_session(web_hub: WebHub) -> None:
    async with client(web_hub.path) as c:
        await login(c, web_hub.organizer)
        cookie = c.cookies.get("bazar_session")
        out = await c.post("/logout")
        assert out.status_code == 303 and out.headers["location"] == "/login"
        c.cookies.set("bazar_session", cookie or "")
        assert (await c.get("/status")).status_code == 303


async def test_login_attempts_are_rate_limited_per_client(web_hub: WebHub) -> None:
    clock = Clock()
    async with client(web_hub.path, clock) as c:
        codes = [(await login(c, f"guess-{i}")).status_code for i in range(12)]
        assert codes == [401] * 10 + [429] * 2
        blocked = await login(c, web_hub.organizer)
        assert blocked.status_code == 429 and "Terlalu banyak" in blocked.text
        clock.at = NOW + timedelta(minutes=2)
        assert (await login(c, web_hub.organizer)).status_code == 303


async def test_every_page_carries_a_strict_csp_and_no_inline_script(web_hub: WebHub) -> None:
    async with client(web_hub.path) as c:
        pages = [await c.get("/login")]
        await login(c, web_hub.organizer)
        pages += [await c.get(url) for url in PAGES]
    for r in pages:
        assert r.status_code == 200, r.url
        csp = r.headers["content-security-policy"]
        script = next(p for p in csp.split(";") if p.strip().startswith("script-src"))
        assert script.split() == ["script-src", "'self'"] and "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp and r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["referrer-policy"] == "no-referrer"
        assert re.findall(r"<script[^>]*>", r.text) in (
            [],
            ['<script src="/static/refresh.js" defer>'],
        )
        assert not re.search(r"\son[a-z]+\s*=", r.text)  # no inline event handlers
        assert "style=" not in r.text


async def test_names_from_outside_show_as_text_and_no_secret_is_in_a_page(web_hub: WebHub) -> None:
    async with client(web_hub.path) as c:
        await login(c, web_hub.organizer)
        pages = [(await c.get(url)).text for url in PAGES]
    every = "".join(pages)
    assert HOSTILE not in every and "&lt;script&gt;alert(1)&lt;/script&gt;" in every
    assert FORMULA in every
    for secret in [
        web_hub.organizer,
        web_hub.rina,
        web_hub.budi,
        *(k for keys in web_hub.secrets.values() for k in (keys.kit_key, keys.booth_key)),
    ]:
        assert secret not in every


async def test_report_downloads_are_the_hub_report_files_for_the_scope(web_hub: WebHub) -> None:
    async with client(web_hub.path) as c:
        await login(c, web_hub.budi)
        pdf = await c.get("/report/download/pdf")
        xlsx = await c.get("/report/download/xlsx")
        csv = await c.get("/report/download/csv")
        nothing = await c.get("/report/download/exe")
    assert pdf.headers["content-type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Rp125.000" in text and "B-000" not in text
    sheet = load_workbook(io.BytesIO(xlsx.content))[
        "per_booth"
    ]  # the visitor's language, Indonesian by default
    assert sorted(row[0] for row in sheet.iter_rows(min_row=2, values_only=True)) == [
        "B-001",
        "B-003",
        "B-005",
    ]
    names = zipfile.ZipFile(io.BytesIO(csv.content)).namelist()
    assert "by_booth.csv" in names and "by_day.csv" in names
    assert nothing.status_code == 404


async def test_english_on_request(web_hub: WebHub) -> None:
    async with client(web_hub.path) as c:
        await login(c, web_hub.organizer)
        r = await c.get("/lang/en?next=/report")
        assert r.status_code == 303 and r.headers["location"] == "/report"
        page = (await c.get("/report")).text
        away = [
            (await c.get("/lang/en", params={"next": url})).headers["location"]
            for url in ("//evil.example/", "/\\evil.example", "https://evil.example", "/%0d%0a")
        ]
    assert "Event report" in page and 'lang="en"' in page
    assert away == ["/", "/", "/", "/%0d%0a"]


async def test_the_api_keeps_its_bearer_tokens_and_openapi_has_no_pages(web_hub: WebHub) -> None:
    async with client(web_hub.path) as c:
        ok = await c.get("/api/v1/status", headers={"Authorization": f"Bearer {web_hub.organizer}"})
        pengampu = await c.get(
            "/api/v1/status", headers={"Authorization": f"Bearer {web_hub.rina}"}
        )
        await login(c, web_hub.organizer)
        cookie_only = await c.get("/api/v1/status")
        paths = (await c.get("/openapi.json")).json()["paths"]
    assert ok.status_code == 200
    assert pengampu.status_code == 401 and cookie_only.status_code == 401
    assert sorted(paths) == [
        "/api/v1/bundles",
        "/api/v1/forwarded",
        "/api/v1/report",
        "/api/v1/status",
        "/healthz",
    ]


@pytest.mark.parametrize(
    ("method", "url", "body"),
    [
        ("GET", "/status?date=kemarin", None),
        ("GET", "/status?date=2026-02-30", None),
        ("GET", "/status?date=" + "9" * 5000, None),
        ("GET", "/booth/%00", None),
        ("GET", "/booth/" + "x" * 5000, None),
        ("GET", "/booth/B-000%27%20OR%201=1", None),
        ("GET", "/static/..%2f..%2fpyproject.toml", None),
        ("GET", "/static/web.css", None),
        ("GET", "/lang/xx?next=javascript:alert(1)", None),
        ("GET", "/login?token=" + "%ff" * 300, None),
        ("POST", "/login", b"token=%ff%fe&token=x"),
        ("POST", "/login", b"\xff\xfe" * 10_000),
        ("POST", "/login", b""),
        ("POST", "/logout", b""),
        ("GET", "/report/download/..", None),
    ],
)
async def test_nothing_a_visitor_sends_answers_500(
    web_hub: WebHub, method: str, url: str, body: bytes | None
) -> None:
    async with client(web_hub.path) as c:
        await login(c, web_hub.organizer)
        r = await c.request(method, url, content=body)
    assert r.status_code < 500, (url, r.status_code, r.text[:200])
    if "date=" in url:
        assert r.status_code == 400 and "Tanggal tidak sah" in r.text


async def test_set_aside_and_conflicts_stay_in_their_scope(web_hub: WebHub) -> None:
    """Bu Rina's booth-day set aside (and its conflict) is in her report and the organizer's,
    never in Pak Budi's, another location's or another day's (nor in Pak Budi's files)."""
    from bazar_pos.hub.set_aside import set_aside

    web_hub.send("B-000", 130_000)  # same revision, other figures: a conflict
    db = open_hub(web_hub.path)
    set_aside(db, "B-000", DAY, reason="salah ketik, dicek", restore=False, now=NOW)
    assert [a["booth"] for a in report.build(db, pengampu="Bu Rina").set_aside] == ["B-000"]
    assert [c["booth"] for c in report.build(db, pengampu="Bu Rina").conflicts] == ["B-000"]
    assert report.build(db, pengampu="Pak Budi").set_aside == []
    assert report.build(db, pengampu="Pak Budi").conflicts == []
    assert report.build(db, pengampu="Pak Budi").bundles == 2
    assert report.build(db, location="Lokasi 1").set_aside == []
    assert report.build(db, date="2026-03-21").set_aside == []
    assert report.build(db, date="2026-03-21").conflicts == []
    db.close()
    async with client(web_hub.path) as c:
        await login(c, web_hub.budi)
        budi_csv = zipfile.ZipFile(io.BytesIO((await c.get("/report/download/csv")).content))
        budi_pdf = (await c.get("/report/download/pdf")).content
    assert "B-000" not in budi_csv.read("set_aside.csv").decode()
    assert "B-000" not in "".join(p.extract_text() for p in PdfReader(io.BytesIO(budi_pdf)).pages)


async def test_the_status_page_counts_a_set_aside_booth_day_as_the_report_does(
    web_hub: WebHub,
) -> None:
    """Set aside, B-000's Rp120.000 is in no total: the day's and its location's net on the
    status page equal the report's, and the booth is marked where its figure is shown."""
    from bazar_pos.hub.set_aside import set_aside

    db = open_hub(web_hub.path)
    set_aside(db, "B-000", DAY, reason="salah ketik", restore=False, now=NOW)
    rep = report.build(db, date=DAY)
    db.close()
    async with client(web_hub.path) as c:
        await login(c, web_hub.organizer)
        page = (await c.get(f"/status?date={DAY}")).text
        booth = (await c.get("/booth/B-000")).text
    assert rep.net == 125_000
    assert 'id="day-net">Rp125.000<' in page
    nets = re.findall(
        r'<p class="figures"><span class="count">[^<]*</span> · <span class="net">'
        r"([^<]*)</span>",
        page,
    )
    assert sorted(nets) == sorted(money.fmt(loc["net"]) for loc in rep.by_location)
    async with client(web_hub.path) as c:
        await login(c, web_hub.organizer)
        report_page = (await c.get("/report")).text
    aside = report_page.split('<ul id="set-aside"')[1].split("</ul>")[0]
    assert 'data-booth="B-000"' in aside and "Rp120.000" in aside and "salah ketik" in aside
    assert 'id="event-net">Rp125.000<' in report_page
    mark = "disisihkan, tidak dihitung"
    assert page.count(mark) == 1 and mark in page.split('data-booth="B-000"')[1].split("</li>")[0]
    assert mark in booth


async def test_the_day_links_never_offer_a_day_outside_the_event(web_hub: WebHub) -> None:
    """A month after the one-day event, the status page links its day, not today's date."""
    clock = Clock()
    clock.at = NOW + timedelta(days=30)
    async with client(web_hub.path, clock) as c:
        await login(c, web_hub.organizer)
        page = (await c.get("/status")).text
    days = page.split('<nav class="days"')[1].split("</nav>")[0]
    assert re.findall(r"\d{4}-\d{2}-\d{2}", days) == [DAY, DAY]  # the link and its text
