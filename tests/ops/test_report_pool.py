"""Reports read through a pool of their own: a burst of heavy reports queues there, pages go on."""

from __future__ import annotations

import asyncio
import json

import pytest
from prometheus_client.parser import text_string_to_metric_families

from portal.db import REPORTS, fetch, tortoise_config
from portal.graphql.relay import to_global_id
from portal.settings import load_settings
from tests.conftest import running_app
from tests.factories import DEWI_NIP
from tests.reports.world import make_report_world

STAFFING = """
query($input: ReportInput!) {
  report(input: $input) {
    __typename
    ... on Report { rows { cells { label } headcount staffingGap } totals { values { value } } }
  }
}
"""
ME = "query Me { me { nip name } }"


def test_the_reports_connection_is_the_replica_or_a_pool_of_the_primary():
    primary = "postgres://portal@db.example:5432/portal"
    replica = "postgres://portal@replica.example:5432/portal"
    config = tortoise_config(
        load_settings(database_url=primary, database_report_pool_max=3), with_reports=True
    )
    reports = config["connections"][REPORTS]["credentials"]
    assert reports["host"] == "db.example"
    assert (reports["minsize"], reports["maxsize"]) == (0, 3)  # opened by the first report
    assert reports["application_name"] == "portal-reports"
    assert config["connections"]["default"]["credentials"]["maxsize"] == 10
    assert config["connections"]["default"]["credentials"]["application_name"] == "portal"

    config = tortoise_config(
        load_settings(database_url=primary, database_replica_url=replica), with_reports=True
    )
    assert config["connections"][REPORTS]["credentials"]["host"] == "replica.example"
    # Migrations see only the primary.
    assert set(tortoise_config(load_settings(database_url=primary))["connections"]) == {"default"}
    # SQLite has one connection: reports read it (there is no pool to keep apart).
    sqlite = tortoise_config(load_settings(database_url="sqlite://:memory:"), with_reports=True)
    assert set(sqlite["connections"]) == {"default"}


@pytest.mark.postgres_only
async def test_a_report_waits_for_the_report_pool_while_pages_answer(settings):
    """The only report connection is busy: Dewi's report waits for it, her `me` does not."""
    one = settings.model_copy(update={"database_report_pool_max": 1})
    async with running_app(one) as client:
        rw = await make_report_world()
        await client.login(DEWI_NIP)
        dinkes = to_global_id("OrgUnit", rw.w.dinkes.id)
        ask = {
            "input": {
                "measures": ["HEADCOUNT", "STAFFING_GAP"],
                "groupBy": ["UNIT"],
                "unitLevel": 2,
                "filters": [{"dimension": "UNIT", "values": [dinkes]}],
            }
        }
        first = await client.data(STAFFING, ask)  # opens the report pool's one connection
        from tortoise import connections

        pool = connections.get(REPORTS)
        async with pool.acquire_connection() as held:  # a long report holding it
            who = await held.fetchval("SELECT application_name FROM pg_stat_activity "
                                      "WHERE pid = pg_backend_pid()")  # fmt: skip
            assert who == "portal-reports"
            # Reports are planned for their own parameters, never with a cached generic plan.
            assert await held.fetchval("SHOW plan_cache_mode") == "force_custom_plan"
            assert await held.fetchval("SHOW statement_timeout") == "30s"
            waiting = asyncio.create_task(client.data(STAFFING, ask))
            me = await asyncio.wait_for(client.data(ME), timeout=5)
            assert me["me"]["nip"] == DEWI_NIP
            await asyncio.sleep(0.3)
            assert not waiting.done()  # queued on the report pool, nothing else blocked
        answer = await asyncio.wait_for(waiting, timeout=10)
        assert answer == first
        report = answer["report"]
        assert report["__typename"] == "Report"
        assert [(r["cells"][0]["label"], r["headcount"]) for r in report["rows"]] == [
            ("Dinas Kesehatan", 5),
            ("Puskesmas Pamulang", 5),
        ]
        # Pages never used the report pool; the report never used the page pool's connections.
        names = await fetch(
            "SELECT application_name AS name, COUNT(*) AS n FROM pg_stat_activity "
            "WHERE datname = current_database() AND application_name LIKE 'portal%' "
            "GROUP BY application_name"
        )
        counts = {r["name"]: r["n"] for r in names}
        assert counts.get("portal-reports") == 1  # the pool's maximum
        assert counts.get("portal", 0) >= 1
        scraped = await client.http.get("/metrics")
        samples = {
            (s.name, s.labels.get("connection")): s.value
            for family in text_string_to_metric_families(scraped.text)
            for s in family.samples
        }
        assert samples[("portal_db_pool_size", "reports")] == 1


JP_RIGHT = """
query($input: ReportInput!) {
  report(input: $input) {
    __typename
    ... on Report { totals { values { value } } }
    ... on ReportError { code field message }
  }
}
"""
SHORTFALLS = "query { jpShortfalls(first: 5) { totalCount } }"
SURVEY = 'query { surveyResults(from: "2026-01-01", to: "2026-12-31") { overall { ikm } } }'


@pytest.mark.postgres_only
async def test_a_report_the_database_stops_is_a_typed_too_slow(settings):
    """Past PORTAL_REPORT_TIMEOUT the server stops the statement: TOO_SLOW, nothing else hurt.

    The statement is made to wait deterministically: another transaction holds an exclusive
    lock on the table the report reads (statement_timeout counts the wait).
    """
    import asyncpg

    quick = settings.model_copy(update={"report_timeout": 0.5})
    async with running_app(quick) as client:
        await make_report_world()
        await client.login(DEWI_NIP)
        ask = {"input": {"measures": ["EMPLOYEES_UNDER_20_JP"], "groupBy": []}}
        before = await client.data(JP_RIGHT, ask)
        assert before["report"]["__typename"] == "Report"
        blocker = await asyncpg.connect(settings.database_url)
        try:
            async with blocker.transaction():
                await blocker.execute(
                    "LOCK TABLE training_jp_year, survey_response IN ACCESS EXCLUSIVE MODE"
                )
                slow = await client.data(JP_RIGHT, ask)
                assert slow["report"]["__typename"] == "ReportError"
                assert slow["report"]["code"] == "TOO_SLOW"
                assert "Persempit" in slow["report"]["message"]
                listed = await client.gql(SHORTFALLS)
                assert listed["errors"][0]["extensions"]["code"] == "TOO_SLOW"
                csv = await client.http.get(
                    "/reports/export.csv", params={"input": json.dumps(ask["input"])}
                )
                assert csv.status_code == 400
                assert csv.text.startswith("TOO_SLOW")
                survey = await client.gql(SURVEY)
                assert survey["errors"][0]["extensions"]["code"] == "TOO_SLOW"
                me = await client.data(ME)  # the pages' pool never waited
                assert me["me"]["nip"] == DEWI_NIP
        finally:
            await blocker.close()
        # The cancelled statements left the report connections usable.
        assert await client.data(JP_RIGHT, ask) == before
        assert "errors" not in await client.gql(SHORTFALLS)
        assert "errors" not in await client.gql(SURVEY)
