"""SSO sign-in against the real test provider: code flow, PKCE, state, nonce, identity mapping."""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode, urlsplit

import httpx

from portal.audit.models import AuditEntry
from portal.people.models import Employee
from tests.auth.conftest import ME, ORIGIN, PORTAL, error_code, gql, sign_in, start_login
from tests.factories import BUDI_NIP, SITI_NIP, make_world
from tests.idp.fixture import login_with_http_client

EMPLOYEES = "{ employees { edges { node { nip } } } }"
JSON = {"Accept": "application/json"}


async def test_sign_in_as_siti_maps_by_nip_and_sees_only_her_own_data(portal, browser, idp):
    w = await make_world()

    response = await sign_in(portal, browser, "siti", next_url="/#/enrollments")

    assert response.status_code == 303
    assert response.headers["location"] == "/#/enrollments"
    cookie = response.headers["set-cookie"].lower()
    assert "portal_session=" in cookie
    assert "httponly" in cookie
    assert "samesite=lax" in cookie
    assert "secure" not in cookie  # development over http; production sets Secure
    assert (await gql(portal, ME))["data"]["me"]["nip"] == SITI_NIP
    # Her own data only: not her supervisor's profile, not the employee list.
    budi = await gql(portal, f'{{ employee(nip: "{BUDI_NIP}") {{ email }} }}')
    assert error_code(budi) == "FORBIDDEN"
    assert error_code(await gql(portal, EMPLOYEES)) == "FORBIDDEN"

    siti = await Employee.get(id=w.siti.id)
    assert siti.sso_subject == "siti"  # bound on first sign-in
    entry = await AuditEntry.get(action="auth.sign_in", actor_id=w.siti.id)
    assert entry.after == {"method": "sso", "subject": "siti", "subject_bound": True}
    assert entry.client_ip == "127.0.0.1"
    assert entry.request_id


async def test_budi_sees_his_line(portal, browser, idp):
    w = await make_world()
    await sign_in(portal, browser, "budi")
    nips = {e["node"]["nip"] for e in (await gql(portal, EMPLOYEES))["data"]["employees"]["edges"]}
    assert nips == {SITI_NIP, w.colleague.nip}


async def test_each_sign_in_starts_a_fresh_session(portal, browser, idp):
    await make_world()
    await portal.post("/auth/dev-login", data={"nip": BUDI_NIP})
    before = portal.cookies["portal_session"]
    await start_login(portal)  # the flow's state rides in the old session...
    await sign_in(portal, browser, "siti")
    after = portal.cookies["portal_session"]
    assert after != before
    assert (await gql(portal, ME))["data"]["me"]["nip"] == SITI_NIP  # ...and Budi is gone


async def test_next_outside_our_origin_is_ignored(portal, browser, idp):
    await make_world()
    response = await sign_in(portal, browser, "siti", next_url="https://evil.example/steal")
    assert response.headers["location"] == "/"


async def test_authorization_request_uses_pkce_s256_state_and_nonce(portal, idp):
    url = await start_login(portal)
    query = parse_qs(urlsplit(url).query)
    assert url.startswith(f"{idp.issuer}/auth?")
    assert query["code_challenge_method"] == ["S256"]
    assert query["code_challenge"]
    assert query["state"]
    assert query["nonce"]
    assert query["redirect_uri"] == [f"{PORTAL}/auth/callback"]
    assert set(query["scope"][0].split()) == {"openid", "profile", "email", "nip"}


async def test_unknown_person_is_refused_with_a_page_and_no_session(portal, browser, idp):
    await make_world()
    response = await sign_in(portal, browser, "stranger")
    assert response.status_code == 403
    assert "text/html" in response.headers["content-type"]
    assert "Belum terdaftar" in response.text
    assert "NOT_REGISTERED" in response.text
    assert error_code(await gql(portal, ME)) == "UNAUTHENTICATED"
    entry = await AuditEntry.get(action="auth.sign_in_refused")
    assert entry.after["reason"] == "NOT_REGISTERED"
    assert entry.after["subject"] == "stranger"
    assert entry.after["method"] == "sso"


async def test_unknown_person_gets_json_when_asking_for_json(portal, browser, idp):
    await make_world()
    response = await sign_in(portal, browser, "stranger", headers=JSON)
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "NOT_REGISTERED"


async def test_inactive_person_is_refused(portal, browser, idp):
    w = await make_world()
    await Employee.filter(id=w.siti.id).update(active=False)
    response = await sign_in(portal, browser, "siti", headers=JSON)
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "NOT_ACTIVE"
    assert error_code(await gql(portal, ME)) == "UNAUTHENTICATED"


async def test_account_without_nip_maps_by_verified_email(portal, browser, idp):
    w = await make_world()
    await Employee.filter(id=w.siti.id).update(email="Siti@tangerangselatankota.go.id")
    response = await sign_in(portal, browser, "emailonly")
    assert response.status_code == 303
    assert (await gql(portal, ME))["data"]["me"]["nip"] == SITI_NIP
    assert (await Employee.get(id=w.siti.id)).sso_subject == "emailonly"


async def test_an_unverified_email_is_not_an_identity(portal, browser, idp):
    w = await make_world()
    await Employee.filter(id=w.siti.id).update(email="siti@tangerangselatankota.go.id")
    response = await sign_in(portal, browser, "unverified", headers=JSON)
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "EMAIL_NOT_VERIFIED"
    assert error_code(await gql(portal, ME)) == "UNAUTHENTICATED"
    assert (await Employee.get(id=w.siti.id)).sso_subject is None


async def test_dewi_signs_in_through_the_provider_and_reads_reports(portal, browser, idp):
    await make_world()
    assert (await sign_in(portal, browser, "dewi")).status_code == 303
    body = await gql(
        portal,
        "{ report(input: {measures: [HEADCOUNT], groupBy: [UNIT], unitLevel: 1}) {"
        " __typename ... on Report { totals { values { value } } } } }",
    )
    assert body["data"]["report"]["__typename"] == "Report"
    assert body["data"]["report"]["totals"]["values"][0]["value"] == 8  # make_world's staff
    assert (await gql(portal, "{ viewer { isHr } }"))["data"]["viewer"]["isHr"] is True


async def test_other_subject_for_the_same_nip_is_refused(portal, browser, idp):
    w = await make_world()
    await Employee.filter(id=w.siti.id).update(sso_subject="siti-old-account")
    response = await sign_in(portal, browser, "siti", headers=JSON)
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "SUBJECT_MISMATCH"
    assert (await Employee.get(id=w.siti.id)).sso_subject == "siti-old-account"


async def test_replayed_callback_is_refused(portal, browser, idp, sso_settings):
    await make_world()
    authorize = await start_login(portal)
    callback = login_with_http_client(browser, authorize, "siti", "password")
    assert (await portal.get(callback)).status_code == 303
    # The state was used up: the same callback again, in this browser or another, is refused.
    again = await portal.get(callback, headers=JSON)
    assert again.status_code == 400
    assert again.json()["error"]["code"] == "STATE_MISMATCH"
    assert error_code(await gql(portal, ME)) == "UNAUTHENTICATED"  # and the session is gone
    async with httpx.AsyncClient(transport=portal._transport, base_url=PORTAL) as other:
        assert (await other.get(callback, headers=JSON)).json()["error"]["code"] == "STATE_MISMATCH"


async def test_callback_without_a_matching_state_is_refused(portal, browser, idp):
    await make_world()
    authorize = await start_login(portal)
    callback = login_with_http_client(browser, authorize, "siti", "password")
    forged = callback.replace("state=", "state=x")
    response = await portal.get(forged, headers=JSON)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "STATE_MISMATCH"


async def test_nonce_mismatch_is_refused(portal, browser, idp):
    """A code minted for another authorization request (other nonce) is not accepted."""
    await make_world()
    authorize = httpx.URL(await start_login(portal))
    params = dict(authorize.params) | {"nonce": "an-attackers-nonce"}
    tampered = str(authorize.copy_with(query=urlencode(params).encode()))
    callback = login_with_http_client(browser, tampered, "siti", "password")
    response = await portal.get(callback, headers=JSON)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "TOKEN_INVALID"
    assert error_code(await gql(portal, ME)) == "UNAUTHENTICATED"
    entry = await AuditEntry.get(action="auth.sign_in_refused")
    assert entry.after["reason"] == "TOKEN_INVALID"
    assert "nonce" in entry.after["detail"]


async def test_cancel_at_the_idp_is_a_clear_refusal(portal, idp):
    await make_world()
    authorize = httpx.URL(await start_login(portal))
    state = authorize.params["state"]
    response = await portal.get(
        "/auth/callback", params={"error": "access_denied", "state": state}, headers=JSON
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "IDP_ERROR"


async def test_login_page_when_sso_is_off_points_to_dev_login(client):
    response = await client.http.get("/auth/login", params={"next": "/x"})
    assert response.status_code == 303
    assert response.headers["location"] == "/auth/dev-login?next=%2Fx"


async def test_login_and_logout_with_origin(portal, browser, idp):
    """The logout form is a cookie-authenticated POST: it carries our Origin like a browser."""
    await make_world()
    await sign_in(portal, browser, "siti")
    response = await portal.post("/auth/logout", headers=ORIGIN)
    assert response.status_code == 303
    assert response.headers["location"].startswith(f"{idp.issuer}/session/end?")
