"""The session cookie: flags, a fresh id on sign-in, absolute and idle expiry."""

from __future__ import annotations

import base64
import json
import time

from itsdangerous import TimestampSigner

from portal.auth import sessions
from portal.people.models import Employee
from portal.settings import load_settings
from tests.auth.conftest import session_data
from tests.conftest import running_app
from tests.factories import BUDI_NIP, SITI_NIP, make_world

ME = "{ me { nip } }"
SECRET = "s" * 40


class Clock:
    """Stands in for the ``time`` module inside portal.auth.sessions."""

    def __init__(self) -> None:
        self.now = time.time()

    def time(self) -> float:
        return self.now


async def me_or_code(client) -> str:
    body = await client.gql(ME)
    if body.get("errors"):
        return body["errors"][0]["extensions"]["code"]
    return body["data"]["me"]["nip"]


async def test_session_cookie_is_httponly_and_samesite_lax(client, settings):
    await make_world()
    response = await client.http.post("/auth/dev-login", data={"nip": SITI_NIP})
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie
    assert "samesite=lax" in cookie
    assert f"max-age={settings.session_max_age}" in cookie
    assert "secure" not in cookie  # development runs on plain http


async def test_production_cookie_is_secure(database_url):
    settings = load_settings(database_url=database_url, env="production", secret_key=SECRET)
    signed = TimestampSigner(SECRET).sign(base64.b64encode(json.dumps({"x": 1}).encode()))
    async with running_app(settings) as client:
        response = await client.http.post(
            "/auth/logout",
            headers={"Origin": "http://testserver", "Cookie": f"portal_session={signed.decode()}"},
        )
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie
    assert "samesite=lax" in cookie
    assert "secure" in cookie


async def test_every_sign_in_gets_a_fresh_session_id(client, settings):
    await make_world()
    await client.login(SITI_NIP)
    first = session_data(client.http, settings)
    await client.login(BUDI_NIP)
    second = session_data(client.http, settings)
    assert first["sid"] != second["sid"]
    assert second["eid"] != first["eid"]
    assert set(second) == {"sid", "eid", "via", "iat", "seen"}
    assert second["via"] == "dev-login"


async def test_session_ends_after_its_absolute_lifetime(client, settings, monkeypatch):
    await make_world()
    clock = Clock()
    monkeypatch.setattr(sessions, "time", clock)
    await client.login(SITI_NIP)
    # Busy all day: used every hour, never idle, still ends at the absolute limit.
    for _ in range(settings.session_max_age // 3600):
        clock.now += 3600 - 1
        assert await me_or_code(client) == SITI_NIP
    clock.now += 3600
    assert await me_or_code(client) == "UNAUTHENTICATED"
    clock.now -= 7200  # even back in time the cleared session stays gone
    assert await me_or_code(client) == "UNAUTHENTICATED"


async def test_session_ends_when_idle(client, settings, monkeypatch):
    await make_world()
    clock = Clock()
    monkeypatch.setattr(sessions, "time", clock)
    await client.login(SITI_NIP)
    clock.now += settings.session_idle_timeout - 10
    assert await me_or_code(client) == SITI_NIP  # use touches the idle clock
    clock.now += settings.session_idle_timeout - 10
    assert await me_or_code(client) == SITI_NIP
    clock.now += settings.session_idle_timeout + 1
    assert await me_or_code(client) == "UNAUTHENTICATED"


async def test_session_of_a_deactivated_employee_ends(client):
    w = await make_world()
    await client.login(SITI_NIP)
    await Employee.filter(id=w.siti.id).update(active=False)
    assert await me_or_code(client) == "UNAUTHENTICATED"
    await Employee.filter(id=w.siti.id).update(active=True)
    assert await me_or_code(client) == "UNAUTHENTICATED"  # reactivation needs a new sign-in


async def test_dev_login_is_refused_in_production(database_url):
    settings = load_settings(database_url=database_url, env="production", secret_key=SECRET)
    async with running_app(settings) as client:
        await make_world()
        response = await client.http.post("/auth/dev-login", data={"nip": SITI_NIP})
        assert response.status_code in (404, 405)
        assert await me_or_code(client) == "UNAUTHENTICATED"
