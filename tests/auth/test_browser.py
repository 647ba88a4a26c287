"""Once in a real browser: headless Chromium signs in through the provider's pages and out again.

The portal is served for real (uvicorn on a free loopback port, in a thread) because the browser
follows real redirects between it and the IdP. Skipped only when /usr/bin/chromium is missing on a
developer's machine; on CI (CI=true) a missing browser is a failure.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import threading
from collections.abc import AsyncIterator, Iterator

import pytest
import uvicorn

from portal.db import close_db, init_db
from portal.settings import Settings
from tests.auth.conftest import sso_settings_for
from tests.factories import make_world
from tests.idp.fixture import start_idp

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

if not (os.path.exists(CHROMIUM) or os.environ.get("CI")):
    pytest.skip(
        f"{CHROMIUM} not found (apt-get install chromium); CI fails instead of skipping",
        allow_module_level=True,
    )


@contextlib.contextmanager
def serve(settings: Settings, sock: socket.socket) -> Iterator[None]:
    """The portal app under uvicorn in a thread, on an already bound socket."""
    from portal.app import create_app

    config = uvicorn.Config(create_app(settings), log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        for _ in range(200):
            if server.started:
                break
            if not thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            threading.Event().wait(0.05)
        yield
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@contextlib.asynccontextmanager
async def chromium() -> AsyncIterator[object]:
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            await browser.close()


async def test_sign_in_and_out_in_headless_chromium(database_url):
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    base = f"http://127.0.0.1:{sock.getsockname()[1]}"
    idp = start_idp(redirect_uris=[f"{base}/auth/callback"], post_logout_redirect_uris=[f"{base}/"])
    try:
        settings = sso_settings_for(database_url, idp, base_url=base)
        await init_db(settings)
        try:
            await make_world()
        finally:
            await close_db()
        with serve(settings, sock):
            async with chromium() as browser:
                page = await browser.new_page()  # type: ignore[attr-defined]
                await page.goto(f"{base}/")
                await page.get_by_text("Masuk dengan SSO").click()
                await page.wait_for_url(f"{idp.issuer}/interaction/**")
                await page.fill("input[name=login]", "siti")
                await page.fill("input[name=password]", "password")
                await page.click("button[type=submit]")
                await page.wait_for_url(f"{base}/")
                await (
                    page.locator("main")
                    .get_by_text("Siti Rahmawati")
                    .first.wait_for(timeout=10_000)
                )
                assert "19920315 201903 2 001" in await page.content()

                # Sign-out sits in the account menu of the header.
                await page.get_by_label("Menu akun").click()
                await page.get_by_role("button", name="Keluar").click()
                await page.wait_for_url(f"{base}/?state=*")
                await page.get_by_text("Masuk dengan SSO").wait_for(timeout=10_000)
                # The IdP session ended too: signing in again shows its login form.
                await page.get_by_text("Masuk dengan SSO").click()
                await page.wait_for_url(f"{idp.issuer}/interaction/**")
                assert await page.locator("input[name=password]").count() == 1
    finally:
        await asyncio.to_thread(idp.stop)
        sock.close()
