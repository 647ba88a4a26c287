"""Malformed requests get a clear 4xx or a typed GraphQL error: never a 500, never a write."""

from __future__ import annotations

from portal.audit.models import AuditEntry
from portal.people.models import Employee
from tests.factories import DEWI_NIP, SITI_NIP, make_world


async def _snapshot() -> tuple[int, int]:
    return await Employee.all().count(), await AuditEntry.all().count()


async def test_malformed_requests_are_4xx(client):
    await make_world()
    await client.login(SITI_NIP)
    before = await _snapshot()
    http = client.http
    cases = {
        "broken json": dict(content=b"{not json", headers={"content-type": "application/json"}),
        "wrong content type": dict(
            content=b"query { me { name } }", headers={"content-type": "text/plain"}
        ),
        "form post": dict(data={"query": "{ me { name } }"}),
        "no query": dict(json={"variables": {}}),
        "query not a string": dict(json={"query": 42}),
        "variables not an object": dict(json={"query": "{ me { name } }", "variables": [1, 2]}),
        "batch when batching is off": dict(json=[{"query": "{ me { name } }"}]),
    }
    for name, kwargs in cases.items():
        response = await http.post("/graphql", **kwargs)
        assert 400 <= response.status_code < 500, (name, response.status_code, response.text)
    response = await http.get("/graphql", params={"query": "{ me { name } }"})
    assert 400 <= response.status_code < 500
    assert await _snapshot() == before


async def test_invalid_documents_are_graphql_errors(client):
    await make_world()
    await client.login(SITI_NIP)
    for document, fragment in [
        ("{ me { name ", "Syntax Error"),
        ("{ me { noSuchField } }", "Cannot query field"),
        ("query($n: String!) { employee(nip: $n) { name } }", "to be provided"),
    ]:
        response = await client.http.post("/graphql", json={"query": document})
        assert response.status_code in (200, 400)
        body = response.json()
        assert body["errors"], body
        assert fragment in body["errors"][0]["message"], body
    body = await client.gql("query($n: String!) { employee(nip: $n) { name } }", {"n": 123})
    assert "String cannot represent" in body["errors"][0]["message"]


async def test_oversized_body_is_413(client):
    await make_world()
    big = "{ me { name } }" + " " * 200_000
    response = await client.http.post("/graphql", json={"query": big})
    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"


async def test_depth_and_alias_limits(client):
    await make_world()
    await client.login(SITI_NIP)
    deep = "{ me { " + "supervisor { " * 15 + "name" + " }" * 15 + " } }"
    body = (await client.http.post("/graphql", json={"query": deep})).json()
    assert "exceeds maximum operation depth" in body["errors"][0]["message"]
    aliases = "{ " + " ".join(f"a{i}: me {{ name }}" for i in range(40)) + " }"
    body = (await client.http.post("/graphql", json={"query": aliases})).json()
    assert "aliases found" in body["errors"][0]["message"]


async def test_unexpected_errors_are_masked_with_a_request_id(client, monkeypatch):
    await make_world()
    await client.login(SITI_NIP)
    from portal.graphql.people import types

    def boom(*args, **kwargs):
        raise RuntimeError("database password is hunter2")

    monkeypatch.setattr(types, "format_nip", boom)
    response = await client.http.post("/graphql", json={"query": "{ me { nipFormatted } }"})
    error = response.json()["errors"][0]
    assert "hunter2" not in response.text
    assert error["extensions"]["code"] == "INTERNAL_ERROR"
    assert error["extensions"]["requestId"] == response.headers["x-request-id"]


async def test_absurd_years_are_typed_errors_not_crashes(client):
    """A year past what a date can hold (found by the fuzzer) is INVALID_YEAR on every field."""
    await make_world()
    await client.login(SITI_NIP)
    for field in (
        "trainingPlan(year: 499624) { plannedJp }",
        "skp(year: -5) { year }",
        "trainingRecords(year: 10000) { jp }",
    ):
        body = await client.gql(f"{{ me {{ {field} }} }}")
        assert body["errors"][0]["extensions"]["code"] == "INVALID_YEAR", body
    body = await client.gql("{ myTeam(year: 99999) { employee { nip } } }")
    assert body["errors"][0]["extensions"]["code"] == "INVALID_YEAR", body
    this_year = await client.gql("{ me { trainingPlan(year: 2100) { year } } }")
    assert "errors" not in this_year, this_year


async def test_nul_characters_are_refused_before_anything_runs(client):
    """PostgreSQL cannot store U+0000 in text (SQLite can): refused the same on both (fuzz find)."""
    await make_world()
    await client.login(DEWI_NIP)
    before = await _snapshot()
    literal = 'mutation { createUnit(input: {code: "X\\u0000", name: "Unit"}) { __typename } }'
    body = await client.gql(literal)
    assert body["errors"][0]["extensions"]["code"] == "INVALID_TEXT", body
    variables = await client.http.post(
        "/graphql",
        json={
            "query": "mutation($i: CreateUnitInput!) { createUnit(input: $i) { __typename } }",
            "variables": {"i": {"code": "UNIT-1", "name": "Unit\x00"}},
        },
    )
    assert variables.status_code == 400, variables.text
    assert "NUL" in variables.text
    assert await _snapshot() == before


async def test_audit_filters_longer_than_any_value_find_nothing(client):
    await make_world()
    await client.login(DEWI_NIP)
    query = "query($f: AuditLogFilter) { auditLog(filter: $f) { totalCount } }"
    for f in ({"objectId": "x" * 100}, {"action": "a" * 65}, {"actorNip": "1" * 200}):
        body = await client.data(query, {"f": f})
        assert body["auditLog"]["totalCount"] == 0, f
