"""Schemathesis in GraphQL mode against a running portal: no 500, no masked bug, no schema lie.

Queries and mutations are generated from the committed SDL (schema/portal.graphql) and sent to a
real uvicorn process, anonymously and signed in as HR (who may reach the most resolvers). What
counts as a failure here: an HTTP 5xx, an ``INTERNAL_ERROR`` (a masked bug) or a response that
breaks the schema (null for a non-null field). Refusals (UNAUTHENTICATED, FORBIDDEN, a typed
payload error, a limit) are the API working. Schemathesis' stock GraphQL check counts any
top-level error as a failure; our design answers "not allowed" that way, so the checks are ours.

The normal run is bounded (FUZZ_EXAMPLES per persona, well under a minute) and derandomized: the
same examples every time, so CI does not fail on a new random find; the long run explores with a
random seed (``--hypothesis-seed=N`` repeats one). For a long run:
``PORTAL_FUZZ_LONG=1 .venv/bin/python -m pytest tests/fuzz -k long`` (FUZZ_LONG_EXAMPLES).
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from schemathesis.graphql import nodes
from schemathesis.specs.graphql.validation import NON_NULLABLE_FIELD_MARKERS

from portal.db import close_db, init_db
from tests.factories import DEWI_NIP, make_world
from tests.live import live_portal, session_cookie

SDL = Path(__file__).resolve().parents[2] / "schema" / "portal.graphql"
FUZZ_EXAMPLES = 120
FUZZ_LONG_EXAMPLES = int(os.environ.get("PORTAL_FUZZ_EXAMPLES", "5000"))
# Strawberry's Decimal travels as a string ("12.5"); anything else must be refused cleanly.
schemathesis.graphql.scalar(
    "Decimal",
    st.one_of(st.decimals(allow_nan=False, allow_infinity=False).map(str), st.text(max_size=8)).map(
        nodes.String
    ),
)
REQUEST_TIMEOUT = 15  # seconds; the portal's own statement timeout is 60
FUZZ_ENV = {"PORTAL_RATE_LIMIT_ENABLED": "0"}  # a flood of mutations is the point here


async def _seed(settings) -> None:
    await init_db(settings)
    try:
        await make_world()
    finally:
        await close_db()


def _problems(response: httpx.Response) -> list[str]:
    if response.status_code >= 500:
        return [f"HTTP {response.status_code}: {response.text[:300]}"]
    if response.status_code >= 400:
        return []  # refused before execution (413, 429, 400 for a malformed request)
    problems = []
    for error in response.json().get("errors") or []:
        code = (error.get("extensions") or {}).get("code")
        message = error.get("message", "")
        if code == "INTERNAL_ERROR":
            problems.append(f"masked bug: {error}")
        if any(marker in message for marker in NON_NULLABLE_FIELD_MARKERS):
            problems.append(f"schema violation: {message}")
    return problems


def _fuzz(base: str, cookie: str | None, examples: int, *, derandomize: bool) -> None:
    schema = schemathesis.graphql.from_path(SDL)
    headers = {"Origin": base} | ({"Cookie": cookie} if cookie else {})
    failures: list[str] = []

    with httpx.Client(base_url=base, headers=headers, timeout=REQUEST_TIMEOUT) as http:

        @given(case=schema.as_strategy())
        @hypothesis_settings(
            max_examples=examples,
            deadline=None,
            database=None,
            derandomize=derandomize,
            suppress_health_check=list(HealthCheck),
            phases=[Phase.explicit, Phase.generate],  # failures are listed, not shrunk
        )
        def run(case) -> None:
            try:
                response = http.post("/graphql", json={"query": case.body})
            except httpx.TransportError as exc:  # no answer in time is a finding too
                problems = [f"no answer: {exc!r}"]
            else:
                problems = _problems(response)
            if problems:  # collected, not raised: one run lists every finding
                failures.append(f"{case.operation.label}\n{case.body}\n{problems}")

        run()
    assert failures == [], f"{len(failures)} findings:\n\n" + "\n\n".join(failures[:8])


def _run(settings, *, signed_in: bool, examples: int, derandomize: bool = True) -> None:
    asyncio.run(_seed(settings))
    with live_portal(settings.database_url, extra_env=FUZZ_ENV) as base:
        cookie = asyncio.run(session_cookie(base, DEWI_NIP)) if signed_in else None
        _fuzz(base, cookie, examples, derandomize=derandomize)


def test_fuzz_graphql_anonymous_finds_no_500_and_no_schema_violation(settings):
    _run(settings, signed_in=False, examples=FUZZ_EXAMPLES)


def test_fuzz_graphql_signed_in_as_hr_finds_no_500_and_no_schema_violation(settings):
    _run(settings, signed_in=True, examples=FUZZ_EXAMPLES)


@pytest.mark.skipif(not os.environ.get("PORTAL_FUZZ_LONG"), reason="long run: PORTAL_FUZZ_LONG=1")
@pytest.mark.timeout(0)  # as long as it takes: thousands of examples
def test_fuzz_graphql_long_run(settings):
    _run(settings, signed_in=True, examples=FUZZ_LONG_EXAMPLES, derandomize=False)
