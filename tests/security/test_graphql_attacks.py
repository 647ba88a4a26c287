"""Attacks on the GraphQL endpoint: each is refused before it costs the database anything."""

from __future__ import annotations

from portal.audit.models import AuditEntry
from tests.factories import SITI_NIP, make_world
from tests.security.conftest import dev_settings, error_codes, portal, production_settings

ME = "{ me { name } }"


async def _post(client, document: str, **extra):
    return await client.http.post("/graphql", json={"query": document, **extra})


async def test_alias_bomb_is_refused(client):
    await make_world()
    await client.login(SITI_NIP)
    bomb = "{ " + " ".join(f"a{i}: me {{ name }}" for i in range(100)) + " }"
    body = (await _post(client, bomb)).json()
    assert body.get("data") is None
    assert "aliases found" in body["errors"][0]["message"]


async def test_deep_nesting_is_refused(client):
    await make_world()
    await client.login(SITI_NIP)
    deep = "{ me { " + "supervisor { " * 40 + "name" + " }" * 40 + " } }"
    body = (await _post(client, deep)).json()
    assert "exceeds maximum operation depth" in body["errors"][0]["message"]


async def test_huge_document_is_refused_by_tokens_and_by_body_size(client):
    await make_world()
    await client.login(SITI_NIP)
    many_tokens = "{ me { " + "name " * 3000 + "} }"  # ~15 KB: under the body cap
    body = (await _post(client, many_tokens)).json()
    assert "token" in body["errors"][0]["message"].lower()
    huge = "{ me { name } }" + "#" * 500_000
    response = await _post(client, huge)
    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"


async def test_batch_flood_is_refused_when_batching_is_off(client):
    await make_world()
    await client.login(SITI_NIP)
    before = await AuditEntry.all().count()
    response = await client.http.post("/graphql", json=[{"query": ME}] * 100)
    assert response.status_code == 400
    assert "Batching is not enabled" in response.text
    assert await AuditEntry.all().count() == before


async def test_batch_flood_is_capped_when_batching_is_on(database_url):
    async with portal(dev_settings(database_url, graphql_batch_max=5)) as client:
        await make_world()
        await client.login(SITI_NIP)
        ok = await client.http.post("/graphql", json=[{"query": ME}] * 5)
        assert ok.status_code == 200
        assert [r["data"]["me"]["name"] for r in ok.json()] == ["Siti Rahmawati"] * 5
        flood = await client.http.post("/graphql", json=[{"query": ME}] * 6)
        assert flood.status_code == 400
        assert "Too many operations" in flood.text


async def test_cost_bomb_is_refused_before_it_runs(client, count_queries):
    await make_world()
    await client.login(SITI_NIP)
    # 100 employees x 100 enrollments x 100 more: far over the cost limit, under depth/aliases.
    bomb = """{ employees(first: 100) { edges { node { name
      enrollments(first: 100) { edges { node { id status employee { name nip
        enrollments(first: 100) { edges { node { id } } } } } } } } } } }"""
    with count_queries() as counter:
        body = (await _post(client, bomb)).json()
    assert "QUERY_TOO_COSTLY" in error_codes(body), body
    assert body["errors"][0]["extensions"]["cost"] > body["errors"][0]["extensions"]["maxCost"]
    # Only the session's principal was loaded: no resolver ran.
    assert not any("enrollment" in s for s in counter.statements)


async def test_cost_bomb_through_a_variable_is_refused(client):
    await make_world()
    await client.login(SITI_NIP)
    document = """query($n: Int) { employees(first: $n) { edges { node {
      enrollments(first: $n) { edges { node { employee { enrollments(first: $n) {
        edges { node { id } } } } } } } } } } }"""
    small = (await _post(client, document, variables={"n": 2})).json()
    assert "QUERY_TOO_COSTLY" not in error_codes(small)
    big = (await _post(client, document, variables={"n": 100})).json()
    assert "QUERY_TOO_COSTLY" in error_codes(big)


async def test_directive_flood_is_refused(client):
    await make_world()
    await client.login(SITI_NIP)
    flood = "{ me { name " + "@include(if: true) " * 50 + "} }"
    body = (await _post(client, flood)).json()
    assert "TOO_MANY_DIRECTIVES" in error_codes(body)
    fine = (await _post(client, "{ me { name @include(if: true) } }")).json()
    assert fine["data"]["me"]["name"] == "Siti Rahmawati"


async def test_introspection_in_production_is_refused(database_url):
    async with portal(production_settings(database_url)) as client:
        body = (await _post(client, "{ __schema { types { name } } }")).json()
        assert body.get("data") is None
        assert "introspection" in body["errors"][0]["message"].lower()
        typename = (await _post(client, '{ __type(name: "Employee") { name } }')).json()
        assert typename.get("data") is None


async def test_introspection_in_production_can_be_enabled(database_url):
    async with portal(production_settings(database_url, introspection=True)) as client:
        body = (await _post(client, "{ __schema { queryType { name } } }")).json()
        assert body["data"]["__schema"]["queryType"]["name"] == "Query"


async def test_field_suggestions_in_production_are_not_given(database_url):
    async with portal(production_settings(database_url)) as client:
        body = (await _post(client, "{ mee { name } }")).json()
        message = body["errors"][0]["message"]
        assert "Cannot query field" in message
        assert "Did you mean" not in message
    async with portal(dev_settings(database_url)) as client:
        body = (await _post(client, "{ mee { name } }")).json()
        assert "Did you mean" in body["errors"][0]["message"]


async def test_graphiql_in_production_is_not_served(database_url):
    html = {"Accept": "text/html"}
    async with portal(production_settings(database_url)) as client:
        response = await client.http.get("/graphql", headers=html)
        assert response.status_code == 404
        assert "graphiql" not in response.text.lower()
    async with portal(dev_settings(database_url)) as client:
        response = await client.http.get("/graphql", headers=html)
        assert response.status_code == 200
        assert "graphiql" in response.text.lower()


async def test_unexpected_error_is_masked_and_its_request_id_is_logged(client, monkeypatch, caplog):
    await make_world()
    await client.login(SITI_NIP)
    from portal.graphql.people import types

    def boom(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(types, "format_nip", boom)
    response = await _post(client, "{ me { nipFormatted } }")
    error = response.json()["errors"][0]
    assert "secret internals" not in response.text
    request_id = response.headers["x-request-id"]
    assert error["extensions"] == {"code": "INTERNAL_ERROR", "requestId": request_id}
    logged = [r for r in caplog.records if r.name == "portal.graphql" and r.levelname == "ERROR"]
    assert logged
    assert request_id in logged[0].getMessage()
    assert "secret internals" in str(logged[0].exc_info[1])
