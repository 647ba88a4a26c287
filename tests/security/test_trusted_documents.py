"""Trusted documents: only the web app's operations (text or hash), plus HR's `report` query."""

from __future__ import annotations

from graphql import parse, print_ast

from portal.graphql.trusted import document_hash, load_registry
from portal.settings import load_settings
from tests.factories import DEWI_NIP, SITI_NIP, make_world
from tests.security.conftest import dev_settings, error_codes, portal

NOT_ALLOWED = "PERSISTED_QUERY_NOT_ALLOWED"
REPORT = """query HrAnalysis($input: ReportInput!) {
  report(input: $input) { __typename ... on Report { rowCount } }
}"""
REPORT_INPUT = {"input": {"measures": ["HEADCOUNT"], "groupBy": ["UNIT"]}}


def _operation(name: str) -> tuple[str, str]:
    """(hash, text) of a trusted operation by name."""
    registry = load_registry(load_settings().trusted_documents_dir)
    for digest, text in registry.items():
        if f"query {name} " in text or f"query {name}{{" in text:
            return digest, text
    raise AssertionError(f"no trusted operation {name}")


def test_registry_hashes_printed_documents_and_ignores_whitespace_and_comments():
    digest, text = _operation("Shell")
    spaced = "# the shell\n" + text.replace("\n", "\n\n   ")
    assert document_hash(parse(spaced)) == digest
    assert print_ast(parse(text)) == text


async def test_untrusted_document_in_trusted_mode_is_refused(database_url):
    async with portal(dev_settings(database_url, trusted_documents=True)) as client:
        await make_world()
        await client.login(SITI_NIP)
        body = await client.gql("{ me { nip } }")
        assert error_codes(body) == [NOT_ALLOWED]
        assert body["data"] is None
        mutation = await client.gql("mutation { markNotificationsRead(input: {}) { marked } }")
        assert error_codes(mutation) == [NOT_ALLOWED]


async def test_trusted_operation_by_text_or_by_hash_runs(database_url):
    digest, text = _operation("Shell")
    async with portal(dev_settings(database_url, trusted_documents=True)) as client:
        await make_world()
        await client.login(SITI_NIP)
        by_text = await client.data(text)
        assert by_text["me"]["nip"] == SITI_NIP
        response = await client.http.post(
            "/graphql",
            json={"extensions": {"persistedQuery": {"version": 1, "sha256Hash": digest}}},
        )
        assert response.json()["data"]["me"]["nip"] == SITI_NIP
        unknown = await client.http.post(
            "/graphql", json={"extensions": {"persistedQuery": {"sha256Hash": "0" * 64}}}
        )
        assert unknown.status_code == 400


async def test_hr_report_query_is_allowed_for_hr_only(database_url):
    async with portal(dev_settings(database_url, trusted_documents=True)) as client:
        await make_world()
        await client.login(DEWI_NIP)
        body = await client.gql(REPORT, REPORT_INPUT)
        assert NOT_ALLOWED not in error_codes(body), body
        assert body["data"]["report"]["__typename"] == "Report"
        smuggled = await client.gql(
            "query($input: ReportInput!) { report(input: $input) { __typename } me { nip } }",
            REPORT_INPUT,
        )
        assert error_codes(smuggled) == [NOT_ALLOWED]
        await client.login(SITI_NIP)
        assert error_codes(await client.gql(REPORT, REPORT_INPUT)) == [NOT_ALLOWED]


async def test_without_trusted_mode_any_document_runs(client):
    await make_world()
    await client.login(SITI_NIP)
    assert (await client.data("{ me { nip } }"))["me"]["nip"] == SITI_NIP
