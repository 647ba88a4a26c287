"""/metrics: Prometheus text with requests, latency, operations, errors, pool, subscriptions."""

from __future__ import annotations

from prometheus_client.parser import text_string_to_metric_families

from tests.factories import SITI_NIP, make_world


def _samples(text: str) -> dict[str, list]:
    found: dict[str, list] = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            found.setdefault(sample.name, []).append(sample)
    return found


async def test_metrics_count_requests_operations_and_errors(client, settings):
    await make_world()
    await client.login(SITI_NIP)
    await client.data("query Me { me { nip } }")
    await client.gql("query Broken { me { noSuchField } }")
    response = await client.http.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    samples = _samples(response.text)

    requests = {
        (s.labels["method"], s.labels["route"], s.labels["status"]): s.value
        for s in samples["portal_http_requests_total"]
    }
    assert requests[("POST", "/graphql", "200")] >= 2
    assert requests[("POST", "/auth/dev-login", "303")] == 1
    buckets = [
        s
        for s in samples["portal_http_request_duration_seconds_bucket"]
        if s.labels["route"] == "/graphql"
    ]
    assert buckets
    assert buckets[-1].labels["le"] == "+Inf"
    assert buckets[-1].value >= 2
    operations = {
        (s.labels["operation"], s.labels["outcome"]): s.value
        for s in samples["portal_graphql_operations_total"]
    }
    assert operations[("Me", "ok")] == 1
    assert operations[("Broken", "error")] == 1
    assert "portal_graphql_operation_duration_seconds_bucket" in samples
    assert samples["portal_graphql_errors_total"]
    assert samples["portal_subscriptions_open"][0].value == 0
    assert samples["portal_websocket_connections"][0].value == 0
    if settings.is_postgres:
        pool = {
            s.name: s.value for s in samples["portal_db_pool_size"] + samples["portal_db_pool_idle"]
        }
        assert pool["portal_db_pool_size"] >= 1


async def test_operation_names_from_clients_are_bounded(client):
    metrics = client.http._transport.app.state.metrics  # type: ignore[attr-defined]
    assert metrics.operation_label("x" * 100) == "invalid"
    assert metrics.operation_label("bad-name") == "invalid"
    for i in range(300):
        metrics.operation_label(f"Op{i}")
    assert metrics.operation_label("OneMore") == "other"
    assert metrics.operation_label("Op1") == "Op1"
