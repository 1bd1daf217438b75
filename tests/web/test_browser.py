"""The pages in a real Chromium (Selenium, Debian's chromium and chromedriver) against the real
`bazar-pos hub serve` on 127.0.0.1, at phone and desktop sizes.

Screenshots of every page are kept in tests/artifacts/web/ (git-ignored) for a person to look at.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from bazar_pos import money
from bazar_pos.sync import bundle
from tests.conftest import DAY, Cli
from tests.hubkit import Server, make_bundle
from tests.web.conftest import FORMULA, HOSTILE, WebHub, build_hub

pytestmark = pytest.mark.slow

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
ARTIFACTS = Path(__file__).parent.parent / "artifacts" / "web"
PHONE, SMALL_PHONE, DESKTOP = (390, 844), (360, 740), (1280, 900)
WAIT = 60  # seconds; generous under a loaded machine, never a timing assertion

if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
    pytest.skip(
        "browser tests need Debian's chromium and chromium-driver "
        "(`apt-get install -y chromium chromium-driver`; `make test` installs them)",
        allow_module_level=True,
    )

from selenium import webdriver  # noqa: E402
from selenium.common.exceptions import NoAlertPresentException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


class Browser:
    """One headless Chromium with a fresh profile, sized like a phone or a desk screen."""

    def __init__(self) -> None:
        self.profile = tempfile.mkdtemp(prefix="bazar-chromium-")
        options = webdriver.ChromeOptions()
        options.binary_location = str(CHROMIUM)
        for arg in (
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            f"--user-data-dir={self.profile}",
        ):
            options.add_argument(arg)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        self.driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
        self.driver.set_page_load_timeout(WAIT)

    def size(self, width: int, height: int) -> None:
        """The page's viewport exactly (a phone's CSS pixels), not the window around it."""
        self.driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 800},
        )

    def shot(self, name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.driver.save_screenshot(str(path))
        return path

    def wide(self) -> int:
        """How far the page reaches sideways; wider than the viewport means sideways scrolling."""
        return int(self.driver.execute_script("return document.documentElement.scrollWidth"))

    def errors(self) -> list[str]:
        """Console errors, CSP violations among them."""
        return [e["message"] for e in self.driver.get_log("browser") if e["level"] == "SEVERE"]

    def close(self) -> None:
        self.driver.quit()
        shutil.rmtree(self.profile, ignore_errors=True)


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[tuple[WebHub, Server]]:
    web_hub = build_hub(tmp_path / "hub.db")
    with Server(web_hub.path) as server:
        yield web_hub, server


@pytest.fixture
def browser() -> Iterator[Browser]:
    b = Browser()
    yield b
    b.close()


def log_in(b: Browser, url: str, token: str) -> None:
    b.driver.get(url + "/login")
    b.driver.find_element(By.ID, "token").send_keys(token)
    b.driver.find_element(By.CSS_SELECTOR, "form.login button").click()
    WebDriverWait(b.driver, WAIT).until(lambda d: d.current_url.endswith("/status"))


def booths_listed(b: Browser) -> dict[str, str]:
    """Read in one script, so a live refresh cannot swap the list halfway through."""
    return dict(
        b.driver.execute_script(
            "return [...document.querySelectorAll('li[data-booth]')]"
            ".map(li => [li.dataset.booth, li.dataset.reported])"
        )
    )


def test_pengampu_on_a_phone_sees_only_their_booths_and_a_sync_appears_live(
    hub: tuple[WebHub, Server], browser: Browser
) -> None:
    web_hub, server = hub
    browser.size(*PHONE)
    log_in(browser, server.url, web_hub.rina)
    assert booths_listed(browser) == {"B-000": "1", "B-002": "0", "B-004": "0"}
    assert "Pak Budi" not in browser.driver.page_source
    browser.shot("status-pengampu-phone-before-sync")
    browser.size(PHONE[0], 300)  # a short screen, so the reader has scrolled down
    browser.driver.execute_script("window.stillTheSamePage = true; window.scrollTo(0, 60);")
    scrolled = browser.driver.execute_script("return window.scrollY")
    assert scrolled > 0

    signed = make_bundle("B-002", web_hub.secrets["B-002"], net=33_000)
    posted = httpx.post(server.url + "/api/v1/bundles", content=bundle.dumps(signed), timeout=30)
    assert posted.status_code == 201
    WebDriverWait(browser.driver, WAIT).until(lambda _: booths_listed(browser)["B-002"] == "1")

    assert browser.driver.execute_script("return window.stillTheSamePage === true")
    assert browser.driver.execute_script("return window.scrollY") == scrolled
    browser.size(*PHONE)
    assert browser.driver.find_element(By.ID, "reported").text == "2/3"
    assert browser.driver.find_element(By.ID, "day-net").text == money.fmt(120_000 + 33_000)
    browser.shot("status-pengampu-phone-after-sync")
    assert browser.errors() == []


def test_the_report_page_shows_the_figures_of_hub_report_json(
    hub: tuple[WebHub, Server], browser: Browser
) -> None:
    web_hub, server = hub
    org = Cli(web_hub.path.parent)
    org.env["BAZAR_POS_HUB_DB"] = str(web_hub.path)
    expected = org("hub", "report", "--json").json()
    browser.size(*DESKTOP)
    log_in(browser, server.url, web_hub.organizer)
    browser.driver.get(server.url + "/report")
    page = browser.driver

    def chart(section: str) -> dict[str, str]:
        return dict(
            page.execute_script(
                f"return [...document.querySelectorAll('#{section} tr:not(.bar)')]"
                ".map(r => [r.dataset.key, r.querySelector('td').innerText])"
            )
        )

    assert page.find_element(By.ID, "event-net").text == money.fmt(expected["net"])
    assert chart("by-day") == {d["date"]: money.fmt(d["net"]) for d in expected["by_day"]}
    assert chart("by-location") == {
        loc["location"]: money.fmt(loc["net"]) for loc in expected["by_location"]
    }
    assert chart("by-payment") == {k: money.fmt(v) for k, v in expected["by_payment"].items()}
    assert expected["net"] == 245_000
    assert browser.errors() == []


def test_a_logged_out_visitor_sees_nothing(hub: tuple[WebHub, Server], browser: Browser) -> None:
    _, server = hub
    browser.size(*PHONE)
    for path in ("/status", "/report", "/rejections", "/booth/B-000"):
        browser.driver.get(server.url + path)
        assert browser.driver.current_url == server.url + "/login"
        text = browser.driver.find_element(By.TAG_NAME, "body").text
        assert "B-00" not in text and "Rp" not in text
    browser.shot("login-phone")


def test_names_from_outside_show_as_text(hub: tuple[WebHub, Server], browser: Browser) -> None:
    web_hub, server = hub
    browser.size(*DESKTOP)
    log_in(browser, server.url, web_hub.organizer)
    browser.driver.get(f"{server.url}/status?date={DAY}")
    names = browser.driver.execute_script("return document.getElementById('live').textContent")
    assert HOSTILE in names and FORMULA in names
    with pytest.raises(NoAlertPresentException):
        browser.driver.switch_to.alert.text  # noqa: B018
    assert browser.driver.execute_script("return document.querySelectorAll('script').length") == 1
    browser.driver.get(server.url + "/booth/B-000")
    assert HOSTILE in browser.driver.find_element(By.TAG_NAME, "h1").text
    assert browser.errors() == []


def test_every_page_fits_a_360_pixel_phone_and_is_kept_as_screenshots(
    hub: tuple[WebHub, Server], browser: Browser
) -> None:
    web_hub, server = hub
    web_hub.send_refused("B-003")
    web_hub.send("B-003", 60_000, revision=2)
    log_in(browser, server.url, web_hub.organizer)
    pages = {
        "status": "/status",
        "booth": "/booth/B-003",
        "report": "/report",
        "rejections": "/rejections",
    }
    for size_name, size in (("phone360", SMALL_PHONE), ("phone", PHONE), ("desktop", DESKTOP)):
        browser.size(*size)
        for name, path in pages.items():
            browser.driver.get(server.url + path)
            browser.driver.execute_script(
                "document.querySelectorAll('details').forEach(d => d.open = true)"
            )
            shot = browser.shot(f"{name}-organizer-{size_name}")
            assert shot.stat().st_size > 0
            assert browser.wide() <= size[0], (name, size_name, browser.wide())
    assert browser.errors() == []


def test_names_without_spaces_wrap_on_a_360_pixel_phone(
    hub: tuple[WebHub, Server], browser: Browser
) -> None:
    """A booth name, location and pengampu of 100 letters without a space (from a CSV) wrap
    inside the phone's width on every page that shows them; the page never scrolls sideways."""
    from bazar_pos.hub import registry
    from bazar_pos.hub.store import open_hub

    web_hub, server = hub
    db = open_hub(web_hub.path)
    registry.add_booths(
        db, [registry.Booth("B-099", "KueBuSari" * 11, "RusunKarangAnyar" * 6, "IbuRina" * 14, "")]
    )
    db.close()
    log_in(browser, server.url, web_hub.organizer)
    browser.size(*SMALL_PHONE)
    for path in ("/booth/B-099", "/status", "/report"):
        browser.driver.get(server.url + path)
        browser.shot(f"long-names-{path.strip('/').replace('/', '-')}-phone360")
        assert browser.wide() <= SMALL_PHONE[0], (path, browser.wide())
