"""Deployment shapes tried for real: several workers with JSON logs; two instances and a replica."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from portal.db import close_db, init_db
from tests.factories import DEWI_NIP, make_world
from tests.faults.proxy import tcp_proxy
from tests.live import free_port, live_portal, session_cookie

REPORT = """query($input: ReportInput!) { report(input: $input) { __typename
  ... on Report { rowCount } } }"""
REPORT_INPUT = {"input": {"measures": ["HEADCOUNT"], "groupBy": ["UNIT"]}}
# Person-level lists and the survey's IKM read the replica too.
READ_ONLY = [
    "{ jpShortfalls(first: 5) { totalCount } }",
    "{ staffingNeeds(first: 5) { totalCount } }",
    '{ surveyResults(from: "2026-01-01", to: "2026-12-31") { overall { respondents } } }',
]


async def _seed(settings) -> None:
    await init_db(settings)
    try:
        await make_world()
    finally:
        await close_db()


def test_serve_with_two_workers_logs_json_with_request_ids(settings, tmp_path: Path):
    asyncio.run(_seed(settings))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log_file = tmp_path / "portal.log"
    env = {
        **os.environ,
        "PORTAL_DATABASE_URL": settings.database_url,
        "PORTAL_BASE_URL": base,
        "PORTAL_LOG_FORMAT": "json",
        "PORTAL_LOG_LEVEL": "INFO",
        "PORTAL_DEV_LOGIN": "1",
    }
    with log_file.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "portal.cli", "serve", "--port", str(port), "--workers", "2"],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    if httpx.get(f"{base}/readyz", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                assert proc.poll() is None, log_file.read_text()
                assert time.monotonic() < deadline, log_file.read_text()
                time.sleep(0.2)
            ids = set()
            for _ in range(6):
                response = httpx.post(f"{base}/graphql", json={"query": "{ viewer { isHr } }"})
                assert response.status_code == 200
                ids.add(response.headers["x-request-id"])
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=20)
    lines = [json.loads(line) for line in log_file.read_text().splitlines() if line.startswith("{")]
    access = [
        e for e in lines if e.get("logger") == "portal.access" and e.get("route") == "/graphql"
    ]
    assert {e["request_id"] for e in access} >= ids
    assert all(e["status"] == 200 and e["method"] == "POST" for e in access)
    workers = {e.get("process") for e in lines if "Started server process" in e["message"]}
    assert len(lines) > 0
    assert len(workers) >= 1
    assert sum("Started server process" in e["message"] for e in lines) == 2  # two workers


@pytest.mark.postgres_only
async def test_two_instances_route_reports_to_the_replica(settings):
    """The replica is this database behind a proxy: cutting it stops reports, nothing else."""
    await _seed(settings)
    with tcp_proxy() as replica:
        extra = {
            "PORTAL_DATABASE_REPLICA_URL": replica.url(settings.database_url),
            "PORTAL_DATABASE_CONNECT_TIMEOUT": "1",
        }
        with (
            live_portal(settings.database_url, extra_env=extra) as first,
            live_portal(settings.database_url, extra_env=extra) as second,
        ):
            for base in (first, second):
                cookie = await session_cookie(base, DEWI_NIP)
                async with httpx.AsyncClient(
                    base_url=base, headers={"Cookie": cookie, "Origin": base}
                ) as http:
                    ok = await http.post(
                        "/graphql", json={"query": REPORT, "variables": REPORT_INPUT}
                    )
                    assert ok.json()["data"]["report"]["__typename"] == "Report", ok.text
                    replica.cut()
                    try:
                        down = await http.post(
                            "/graphql", json={"query": REPORT, "variables": REPORT_INPUT}
                        )
                        assert down.status_code == 503, down.text
                        codes = [e["extensions"]["code"] for e in down.json()["errors"]]
                        assert codes == ["DATABASE_UNAVAILABLE"]
                        for query in READ_ONLY:
                            cut = await http.post("/graphql", json={"query": query})
                            errors = cut.json().get("errors") or [{}]
                            assert errors[0]["extensions"]["code"] == "DATABASE_UNAVAILABLE", (
                                query,
                                cut.text,
                            )
                        me = await http.post("/graphql", json={"query": "{ me { nip } }"})
                        assert me.json()["data"]["me"]["nip"] == DEWI_NIP  # the primary serves
                    finally:
                        replica.restore()
                    again = await http.post(
                        "/graphql", json={"query": REPORT, "variables": REPORT_INPUT}
                    )
                    assert again.json()["data"]["report"]["__typename"] == "Report"
