"""The practical limit for the employee home query on this machine and database.

The smallest server that answers the web app's ``Home`` query (``me`` with duties, SKP, competency
gap, plan and enrollments) for a signed-in employee: Starlette, raw asyncpg, one hand-written SQL
statement, orjson. It checks the same signed session cookie as the portal and returns
byte-identical JSON (``bench/run`` and tests/bench verify that). It knows nothing else: no GraphQL
parsing, validation, permissions or ORM. Run: ``uvicorn server:app --app-dir bench/baseline``.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import os
import time
from collections.abc import AsyncIterator
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import asyncpg
import orjson
from itsdangerous import BadSignature, TimestampSigner
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from portal.people.ranks import Rank  # labels and names of the 34 ranks: data, not logic

JAKARTA = ZoneInfo("Asia/Jakarta")
SQL = (Path(__file__).resolve().parent / "home.sql").read_text(encoding="utf-8")
YEARLY_JP_RIGHT = 20
SECRET = os.environ.get("PORTAL_SECRET_KEY", "dev-secret-key")
MAX_AGE = int(os.environ.get("PORTAL_SESSION_MAX_AGE", str(12 * 3600)))
IDLE = int(os.environ.get("PORTAL_SESSION_IDLE_TIMEOUT", str(2 * 3600)))
SIGNER = TimestampSigner(SECRET)
RANKS = {r.value: {"code": r.value, "label": r.label, "title": r.title} for r in Rank}
JSON = {"content-type": "application/json"}


def gid(type_name: str, pk: int) -> str:
    return base64.urlsafe_b64encode(f"{type_name}:{pk}".encode()).decode().rstrip("=")


def full_name(front: str, name: str, back: str) -> str:
    text = f"{front} {name}".strip()
    return f"{text}, {back}" if back else text


def nip_formatted(nip: str) -> str:
    return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}" if len(nip) == 18 else nip


def local(value: str | None) -> str | None:
    return (
        None if value is None else dt.datetime.fromisoformat(value).astimezone(JAKARTA).isoformat()
    )


def employee_id(request: Request) -> int | None:
    """The signed-in employee from the portal's session cookie (same signature and expiry rules)."""
    raw = request.cookies.get("portal_session")
    if not raw:
        return None
    try:
        session = orjson.loads(base64.b64decode(SIGNER.unsign(raw.encode(), max_age=MAX_AGE)))
    except (BadSignature, ValueError):
        return None
    eid, iat, seen = session.get("eid"), session.get("iat"), session.get("seen")
    if not isinstance(eid, int) or not isinstance(iat, int) or not isinstance(seen, int):
        return None
    now = int(time.time())
    return None if now - iat > MAX_AGE or now - seen > IDLE else eid


def progress(target: str | None, values: list[str | None]) -> float | None:
    if target is None or not Decimal(target):
        return None
    done = sum((Decimal(v) if v is not None else Decimal(0) for v in values), Decimal(0))
    return round(float(done * 100 / Decimal(target)), 2)


def profile(rows: Any) -> dict[str, Any]:
    requirements, latest, competencies = rows
    names = {
        c[0]: {"id": gid("Competency", c[0]), "code": c[1], "name": c[2], "group": c[3]}
        for c in competencies
    }
    assessed = {a[0]: a for a in latest}
    items = []
    for cid, level in sorted(requirements):
        a = assessed.pop(cid, None)
        got = a[1] if a else None
        items.append(
            {
                "required": level,
                "assessed": got,
                "gap": max(level - (got or 0), 0),
                "met": (got or 0) >= level,
                "assessedOn": a[2] if a else None,
                "competency": names[cid],
            }
        )
    for cid in sorted(assessed):
        a = assessed[cid]
        items.append(
            {
                "required": None,
                "assessed": a[1],
                "gap": None,
                "met": False,
                "assessedOn": a[2],
                "competency": names[cid],
            }
        )
    total = len(requirements)
    met = sum(1 for i in items if i["met"])
    match = round(float(Fraction(met * 100, total)), 2) if total else None
    return {
        "jobPersonMatch": match,
        "requirementsTotal": total,
        "requirementsMet": met,
        "items": items,
    }


def plan(row: Any, year: int, completed: int) -> dict[str, Any]:
    status, items = row if row is not None else ("DRAFT", [])
    planned = sum(i[3] for i in items if i[4] != "DROPPED")
    return {
        "year": year,
        "status": status,
        "plannedJp": planned,
        "completedJp": completed,
        "rightJp": YEARLY_JP_RIGHT,
        "remainingJp": max(YEARLY_JP_RIGHT - completed, 0),
        "rightMet": completed >= YEARLY_JP_RIGHT,
        "items": [
            {
                "id": gid("TrainingPlanItem", i[0]),
                "title": i[1],
                "method": i[2],
                "plannedJp": i[3],
                "status": i[4],
                "competency": {"code": i[5], "name": i[6]} if i[5] is not None else None,
                "course": {"title": i[7]} if i[7] is not None else None,
            }
            for i in items
        ],
    }


def skp(row: Any) -> dict[str, Any] | None:
    if row is None:
        return None
    pk, year, status, result_rating, behaviour_rating, results = row
    return {
        "id": gid("Skp", pk),
        "year": year,
        "status": status,
        "resultRating": result_rating,
        "behaviourRating": behaviour_rating,
        "results": [
            {
                "id": gid("SkpResult", r[0]),
                "kind": r[1],
                "description": r[2],
                "indicators": [
                    {
                        "id": gid("SkpIndicator", i[0]),
                        "aspect": i[1],
                        "description": i[2],
                        "targetValue": i[3],
                        "targetText": i[4],
                        "unitLabel": i[5],
                        "progress": progress(i[3], i[6]),
                    }
                    for i in r[3]
                ],
            }
            for r in results
        ],
    }


def enrollment(e: Any) -> dict[str, Any]:
    return {
        "id": gid("Enrollment", e[0]),
        "status": e[1],
        "reason": e[2],
        "requestedAt": local(e[3]),
        "decidedAt": local(e[4]),
        "session": {
            "id": gid("TrainingSession", e[5]),
            "startsOn": e[6],
            "endsOn": e[7],
            "place": e[8],
            "onlineUrl": e[9],
            "seatsLeft": max(e[10] - e[11], 0),
            "capacity": e[10],
            "course": {"id": gid("Course", e[12]), "title": e[13], "jp": e[14], "mode": e[15]},
        },
        "history": [
            {
                "fromStatus": h[0],
                "toStatus": h[1],
                "note": h[2],
                "at": local(h[3]),
                "actor": {"fullName": full_name(h[4], h[5], h[6])} if h[5] is not None else None,
            }
            for h in e[16]
        ],
    }


def me(r: asyncpg.Record, year: int) -> dict[str, Any]:
    load = orjson.loads
    sup = load(r["supervisor"]) if r["supervisor"] else None
    return {
        "id": gid("Employee", r["id"]),
        "nip": r["nip"],
        "nipFormatted": nip_formatted(r["nip"]),
        "fullName": full_name(r["front_title"], r["name"], r["back_title"]),
        "employmentType": r["employment_type"],
        "rank": RANKS[r["rank"]],
        "position": None
        if r["position_name"] is None
        else {"name": r["position_name"], "kind": r["position_kind"], "level": r["position_level"]},
        "unit": {"name": r["unit_name"], "shortName": r["unit_short_name"]},
        "supervisor": None
        if sup is None
        else {"fullName": full_name(sup[0], sup[1], sup[2]), "nipFormatted": nip_formatted(sup[3])},
        "duties": [{"id": gid("Duty", d[0]), "description": d[1]} for d in load(r["duties"])],
        "skp": skp(load(r["skp"]) if r["skp"] else None),
        "competencyProfile": profile(load(r["profile"])),
        "trainingPlan": plan(load(r["plan"]) if r["plan"] else None, year, r["completed_jp"]),
        "enrollments": {
            "totalCount": r["enrollments_total"],
            "edges": [{"node": enrollment(e)} for e in load(r["enrollments"])],
        },
    }


async def graphql(request: Request) -> Response:
    eid = employee_id(request)
    if eid is None:
        return Response(b'{"data":null}', status_code=401, headers=JSON)
    payload = orjson.loads(await request.body())
    if payload.get("operationName") != "Home":
        return Response(b'{"errors":[{"message":"only Home"}]}', status_code=400, headers=JSON)
    year = (payload.get("variables") or {}).get("year") or dt.datetime.now(JAKARTA).year
    async with request.app.state.pool.acquire() as conn:
        row = await conn.fetchrow(SQL, eid, year)
    if row is None:
        return Response(b'{"data":null}', status_code=401, headers=JSON)
    return Response(orjson.dumps({"data": {"me": me(row, year)}}), headers=JSON)


async def healthz(request: Request) -> Response:
    return Response(b'{"status":"ok"}', headers=JSON)


@contextlib.asynccontextmanager
async def lifespan(app: Starlette) -> AsyncIterator[None]:
    url = os.environ["PORTAL_DATABASE_URL"].replace("postgres://", "postgresql://", 1)
    size = int(os.environ.get("PORTAL_DATABASE_POOL_MAX", "10"))
    app.state.pool = await asyncpg.create_pool(
        url, min_size=1, max_size=size, server_settings={"TimeZone": "UTC"}
    )
    try:
        yield
    finally:
        await app.state.pool.close()


app = Starlette(
    routes=[Route("/graphql", graphql, methods=["POST"]), Route("/healthz", healthz)],
    lifespan=lifespan,
)
