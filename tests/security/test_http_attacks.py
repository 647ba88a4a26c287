"""Attacks over HTTP: CSRF, IDOR, session fixation, open redirects, framing and sniffing."""

from __future__ import annotations

import datetime as dt

import httpx
import pytest

from portal.graphql.relay import to_global_id
from portal.people.models import Role, RoleGrant
from portal.security.headers import CSP
from portal.training.models import Enrollment
from tests.auth.conftest import session_data
from tests.factories import BUDI_NIP, DEWI_NIP, SITI_NIP, add_enrollments, make_world
from tests.security.conftest import dev_settings, error_codes, portal, production_settings

GRANT = """mutation { grantRole(input: {nip: "%s", role: HR}) { __typename } }"""
NODE = "query($id: ID!) { node(id: $id) { id __typename ... on Employee { nip } } }"
EVIL = "https://evil.example"


async def test_csrf_mutation_from_another_site_is_refused(client):
    await make_world()
    await client.login(DEWI_NIP)
    response = await client.http.post(
        "/graphql", json={"query": GRANT % SITI_NIP}, headers={"Origin": EVIL}
    )
    assert response.status_code == 403
    assert response.json()["errors"][0]["extensions"]["code"] == "CSRF_REJECTED"
    form = await client.http.post("/auth/logout", data={"x": "1"})  # a cross-site form
    assert form.status_code == 403
    assert not await RoleGrant.exists(role=Role.HR, employee__nip=SITI_NIP)


async def test_idor_on_node_id_is_refused(client):
    w = await make_world()
    await add_enrollments(w.stranger, 1, dt.date.today())
    await client.login(SITI_NIP)
    for gid in (
        to_global_id("Employee", w.stranger.id),
        to_global_id("Employee", w.dewi.id),
        to_global_id("Enrollment", (await Enrollment.get(employee=w.stranger)).id),
    ):
        body = await client.gql(NODE, {"id": gid})
        assert body["data"]["node"] is None, gid
        assert error_codes(body) == ["FORBIDDEN"], body
    assert w.stranger.nip not in str(body)
    own = await client.data(NODE, {"id": to_global_id("Employee", w.siti.id)})
    assert own["node"]["nip"] == SITI_NIP


async def test_session_fixation_a_planted_session_is_not_upgraded(client, settings):
    await make_world()
    # The attacker signs in as himself and plants that cookie in the victim's browser.
    await client.login(BUDI_NIP)
    planted = client.http.cookies.get("portal_session")
    planted_sid = session_data(client.http, settings)["sid"]
    await client.login(SITI_NIP)  # the victim signs in in that browser
    assert session_data(client.http, settings)["sid"] != planted_sid
    assert client.http.cookies.get("portal_session") != planted
    async with httpx.AsyncClient(
        transport=client.http._transport,
        base_url="http://testserver",
        cookies={"portal_session": planted},
    ) as attacker:
        body = (await attacker.post("/graphql", json={"query": "{ me { nip } }"})).json()
    assert body["data"]["me"]["nip"] == BUDI_NIP  # still only the attacker's own session


@pytest.mark.parametrize(
    "target",
    [
        EVIL,
        "//evil.example",
        "/\\evil.example",
        "javascript:alert(1)",
        " //evil.example",
        "\t/\t/evil.example",
        "https:/evil.example",
        "/%0a/evil.example",
    ],
)
async def test_open_redirect_on_next_is_refused(client, target):
    await make_world()
    login = await client.http.get("/auth/login", params={"next": target}, follow_redirects=False)
    assert login.status_code == 303
    assert "evil" not in login.headers["location"].split("next=")[0]
    submit = await client.http.post("/auth/dev-login", data={"nip": SITI_NIP, "next": target})
    assert submit.status_code == 303
    location = submit.headers["location"]
    assert location.startswith("/"), location
    assert not location.startswith("//"), location
    assert "evil.example" not in httpx.URL("http://testserver").join(location).host


async def test_missing_security_headers_are_added_everywhere(database_url):
    async with portal(production_settings(database_url)) as client:
        for method, path in [
            ("GET", "/"),
            ("GET", "/healthz"),
            ("POST", "/graphql"),
            ("GET", "/auth/login"),
            ("GET", "/nowhere"),
        ]:
            response = await client.http.request(method, path, json={"query": "{ __typename }"})
            headers = response.headers
            assert headers["content-security-policy"] == CSP, path
            assert headers["x-content-type-options"] == "nosniff"
            assert headers["x-frame-options"] == "DENY"
            assert "frame-ancestors 'none'" in headers["content-security-policy"]
            assert headers["referrer-policy"] == "same-origin"
            assert "camera=()" in headers["permissions-policy"]
            assert headers["strict-transport-security"].startswith("max-age=")
            assert "access-control-allow-origin" not in headers


async def test_no_hsts_in_development_and_graphiql_gets_its_own_policy(client):
    response = await client.http.get("/healthz")
    assert "strict-transport-security" not in response.headers
    assert response.headers["content-security-policy"] == CSP
    ide = await client.http.get("/graphql", headers={"Accept": "text/html"})
    assert "https://unpkg.com" in ide.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in ide.headers["content-security-policy"]


async def test_sign_in_pages_need_no_inline_style(client):
    await make_world()
    page = await client.http.get("/auth/dev-login")
    assert "<style" not in page.text
    assert 'href="/auth.css"' in page.text
    css = await client.http.get("/auth.css")
    assert css.status_code == 200
    assert "font-family" in css.text
    refused = await client.http.get("/auth/callback", headers={"Accept": "text/html"})
    assert "<style" not in refused.text


async def test_cors_is_closed_by_default(client):
    preflight = await client.http.options(
        "/graphql",
        headers={"Origin": EVIL, "Access-Control-Request-Method": "POST"},
    )
    assert "access-control-allow-origin" not in preflight.headers
    simple = await client.http.post(
        "/graphql", json={"query": "{ __typename }"}, headers={"Origin": EVIL}
    )
    assert "access-control-allow-origin" not in simple.headers


async def test_cors_allow_list_opens_only_the_listed_origins(database_url):
    app_origin = "https://app.example.go.id"
    async with portal(dev_settings(database_url, cors_origins=app_origin)) as client:
        ok = await client.http.options(
            "/graphql",
            headers={
                "Origin": app_origin,
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "authorization, content-type",
            },
        )
        assert ok.headers["access-control-allow-origin"] == app_origin
        assert "access-control-allow-credentials" not in ok.headers
        other = await client.http.options(
            "/graphql", headers={"Origin": EVIL, "Access-Control-Request-Method": "POST"}
        )
        assert "access-control-allow-origin" not in other.headers
