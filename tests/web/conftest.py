"""Browser fixtures: Debian's Chromium driven by Playwright, at a phone viewport.

Without /usr/bin/chromium (or the playwright package) a developer's run skips the browser tests
with the reason; on CI (CI=true) they fail instead, like the PostgreSQL tests.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
# The policy the app is built for: everything from our own origin, nothing inline.
CSP = (
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'"
)


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"browser tests cannot run on CI: {reason}")
    pytest.skip(f"browser tests skipped: {reason}")


def run_async(coroutine: Any) -> Any:
    """Run a coroutine to completion from a test that drives the browser.

    Playwright's sync API keeps an event loop running on the test's thread, so asyncio.run()
    cannot be used there; a short-lived worker thread gets a loop of its own.
    """
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


@pytest.fixture
def browser(settings: Any) -> Iterator[Any]:
    # Depends on `settings` so the database (migrated with asyncio.run) is ready before
    # Playwright starts its event loop on this thread.
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is missing (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed (pip install -e '.[dev]')")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Phone:
    """A phone-sized browser context on the live portal that records what goes wrong in it."""

    def __init__(self, browser: Any, base: str) -> None:
        self.base = base
        self.context = browser.new_context(
            **PHONE, base_url=base, locale="id-ID", timezone_id="Asia/Jakarta"
        )
        self.context.set_default_timeout(15_000)
        self.problems: list[str] = []
        # The server sets no CSP yet; the tests add the strict one so a violation shows up here.
        index = re.compile(rf"^{re.escape(base)}/(index\.html)?(\?.*)?$")
        self.context.route(index, self._with_csp)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda error: self.problems.append(f"uncaught: {error}"))
        self.page.on("console", self._console)

    def _with_csp(self, route: Any) -> None:
        response = route.fetch()
        route.fulfill(
            response=response, headers={**response.headers, "content-security-policy": CSP}
        )

    def _console(self, message: Any) -> None:
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.problems.append(f"CSP: {message.text}")

    def sign_in(self, nip: str) -> None:
        """Through the app's sign-in screen and the development persona picker."""
        from playwright.sync_api import expect

        page = self.page
        response = page.goto("/")
        assert response is not None
        assert response.headers.get("content-security-policy") == CSP
        expect(page.get_by_role("heading", level=1)).to_have_text("Masuk ke Portal ASN")
        page.get_by_role("link", name="Masuk sebagai persona demo").click()
        page.locator(f"button[name=nip][value='{nip}']").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Halo,")

    def wait_live(self) -> None:
        from playwright.sync_api import expect

        expect(self.page.locator("html")).to_have_attribute("data-live", "open")

    def shot(self, name: str) -> None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

    def close(self) -> None:
        self.context.close()
