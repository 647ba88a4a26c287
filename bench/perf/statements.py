"""SQL statements and database round trips per request, counted in-process (bench only).

Run as a script by bench/run: reads a JSON spec on stdin (database URL, people, pairs), serves the
portal app in this process (httpx's ASGI transport, the app's own lifespan) and counts, for each
GraphQL request, what asyncpg sends: application statements, transaction control
(BEGIN/COMMIT/ROLLBACK), the pool's reset on release, and statement preparations (a cache miss
of asyncpg's prepared-statement cache costs one extra round trip). Nothing here touches
production code: asyncpg's Connection is wrapped in this process only.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import httpx  # noqa: E402
import operations  # noqa: E402
from asyncpg.connection import Connection  # noqa: E402

COUNTS: Counter[str] = Counter()
ORIGIN = "http://testserver"


def _kind(query: str) -> str:
    head = query.lstrip()[:40].upper()
    if head.startswith(
        ("BEGIN", "COMMIT", "ROLLBACK", "START TRANSACTION", "SAVEPOINT", "RELEASE")
    ):
        return "transaction"
    if "PG_ADVISORY_UNLOCK_ALL" in head or head.startswith(("RESET ALL", "CLOSE ALL", "UNLISTEN")):
        return "reset"
    return "statement"


def _install_counter() -> None:
    """Wrap the three asyncpg entry points every query of Tortoise and portal.db goes through."""
    execute, run, prepare = Connection.execute, Connection._execute, Connection._get_statement

    async def counted_execute(self: Connection, query: str, *args: Any, **kw: Any) -> Any:
        if not args:  # with arguments it goes through _execute, counted there
            COUNTS[_kind(query)] += 1
        return await execute(self, query, *args, **kw)

    async def counted_run(self: Connection, query: str, *args: Any, **kw: Any) -> Any:
        COUNTS[_kind(query)] += 1
        return await run(self, query, *args, **kw)

    async def counted_prepare(self: Connection, query: str, *args: Any, **kw: Any) -> Any:
        record_class = kw.get("record_class") or self._protocol.get_record_class()
        key = (query, record_class, kw.get("ignore_custom_codec", False))
        if kw.get("use_cache", True) and self._stmt_cache.get(key) is None:
            COUNTS["prepare"] += 1
        return await prepare(self, query, *args, **kw)

    Connection.execute = counted_execute  # type: ignore[method-assign]
    Connection._execute = counted_run  # type: ignore[method-assign]
    Connection._get_statement = counted_prepare  # type: ignore[method-assign]


async def measure(spec: dict[str, Any]) -> dict[str, list[dict[str, int]]]:
    from portal.app import create_app
    from portal.events import drain_background
    from portal.graphql.relay import to_global_id
    from portal.settings import load_settings

    _install_counter()
    # One client address signs many people in: the sign-in and mutation limits are for attackers.
    os.environ["PORTAL_RATE_LIMIT_ENABLED"] = "0"
    settings = load_settings(
        database_url=spec["database_url"],
        dev_login=True,
        base_url=ORIGIN,
        log_level="WARNING",
    )
    app = create_app(settings)
    docs = operations.documents()
    year = spec["year"]
    warm = spec.get("warm", 3)
    results: dict[str, list[dict[str, int]]] = {}

    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url=ORIGIN) as http:
            cookies: dict[str, str] = {}

            async def sign_in(nip: str) -> str:
                if nip not in cookies:
                    r = await http.post(
                        "/auth/dev-login", data={"nip": nip}, headers={"Origin": ORIGIN}
                    )
                    assert r.status_code == 303, r.text
                    cookies[nip] = f"portal_session={r.cookies['portal_session']}"
                    http.cookies.clear()
                return cookies[nip]

            async def count(
                op: str, nip: str, body: dict[str, Any], record: bool
            ) -> dict[str, Any]:
                cookie = await sign_in(nip)
                await drain_background()
                COUNTS.clear()
                cpu = time.process_time()
                r = await http.post(
                    "/graphql",
                    json=body,
                    headers={"Cookie": cookie, "Origin": ORIGIN, "Accept-Encoding": "identity"},
                )
                await drain_background()
                cpu_us = round((time.process_time() - cpu) * 1e6)
                answer = r.json()
                sample = dict(COUNTS) | {"cpu_us": cpu_us}
                if record:
                    results.setdefault(op, []).append(sample)
                if r.status_code != 200 or answer.get("errors"):
                    raise RuntimeError(f"{op} as {nip} failed: {r.text[:500]}")
                return answer

            def gql(doc: str, name: str, variables: dict[str, Any]) -> dict[str, Any]:
                return {"query": doc, "operationName": name, "variables": variables}

            # By hand, a subset: {"only": ["home", "catalog"]} (bench/run measures every one).
            only = set(spec.get("only") or ("home", "catalog", "report", "request"))
            readers = spec["readers"]
            for i, nip in enumerate(readers if "home" in only else []):
                await count("home", nip, gql(docs["home"], "Home", {"year": year}), i >= warm)
            for i, nip in enumerate(readers if "catalog" in only else []):
                variables = {"first": 20, "after": None, "filter": {}, "sort": "STARTS_ON_ASC"}
                await count("catalog", nip, gql(docs["catalog"], "Catalog", variables), i >= warm)
            for i in range(warm + spec.get("report_samples", 5) if "report" in only else 0):
                nip = spec["hr"][i % len(spec["hr"])]
                variables = {"input": operations.REPORT_INPUT}
                await count(
                    "report", nip, gql(docs["report"], "StandardReport", variables), i >= warm
                )
            decisions: list[tuple[str, str]] = []
            for i, (nip, supervisor, session) in enumerate(
                spec["pairs"] if "request" in only else []
            ):
                variables = {
                    "input": {
                        "sessionId": to_global_id("TrainingSession", session),
                        "reason": "bench",
                    }
                }
                answer = await count(
                    "request", nip, gql(docs["request"], "RequestEnrollment", variables), i >= warm
                )
                payload = answer["data"]["requestEnrollment"]
                if payload["__typename"] != "RequestEnrollmentSuccess":
                    raise RuntimeError(f"request as {nip} failed: {payload}")
                decisions.append((supervisor, payload["enrollment"]["id"]))
            for i, (supervisor, enrollment_id) in enumerate(decisions):
                decision = "APPROVE" if i % 2 else "REJECT"
                variables = {
                    "input": {"enrollmentId": enrollment_id, "decision": decision, "note": "bench"}
                }
                answer = await count(
                    "decide",
                    supervisor,
                    gql(docs["decide"], "DecideEnrollment", variables),
                    i >= warm,
                )
                payload = answer["data"]["decideEnrollment"]
                if payload["__typename"] != "DecideEnrollmentSuccess":
                    raise RuntimeError(f"decision by {supervisor} failed: {payload}")
    return results


def main() -> None:
    spec = json.load(sys.stdin)
    print(json.dumps(asyncio.run(measure(spec))))


if __name__ == "__main__":
    main()
