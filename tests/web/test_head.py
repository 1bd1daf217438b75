"""HEAD on the organizer's pages answers as GET would, headers and status alike, without a
body (the API keeps its documented methods)."""

from __future__ import annotations

from tests.conftest import DAY
from tests.web.conftest import WebHub
from tests.web.test_pages import client, login

PAGES = [
    "/",
    "/login",
    "/status",
    f"/status?date={DAY}",
    "/report",
    "/rejections",
    "/booth/B-000",
    "/booth/NOPE",
    "/report/download/csv",
    "/static/refresh.js",
    "/lang/en",
]
SAME = ("content-type", "content-security-policy", "location", "cache-control")


async def test_head_answers_as_get_without_a_body(web_hub: WebHub) -> None:
    async with client(web_hub.path) as c:
        for logged_in in (False, True):
            if logged_in:
                await login(c, web_hub.organizer)
            for url in PAGES:
                got, head = await c.get(url), await c.head(url)
                assert head.status_code == got.status_code != 405, url
                assert head.content == b"", url
                for name in SAME:
                    assert head.headers.get(name) == got.headers.get(name), (url, name)
        assert (await c.post("/status")).headers["allow"] == "GET, HEAD"
