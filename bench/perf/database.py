"""A throw-away PostgreSQL database for one run, and the people and sessions the load uses."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import asyncpg

ROOT = Path(__file__).resolve().parents[2]
PORTAL = str(ROOT / ".venv" / "bin" / "portal")
LIVE = ("REQUESTED", "WAITLISTED", "ENROLLED", "ATTENDED")


def server_url() -> str:
    """The PostgreSQL server (any database on it) the run creates its databases on."""
    return os.environ.get(
        "PORTAL_BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres"
    )


def database_url(name: str) -> str:
    base, _, _ = server_url().rpartition("/")
    return f"{base}/{name}"


async def _admin(sql: str) -> None:
    conn = await asyncpg.connect(server_url())
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


async def create(name: str) -> None:
    await _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    await _admin(f'CREATE DATABASE "{name}"')


async def drop(name: str) -> None:
    await _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def load(name: str, *, employees: int, seed: int) -> str:
    """Migrate and fill with the demo generator (the same `portal` commands an operator runs)."""
    env = {**os.environ, "PORTAL_DATABASE_URL": database_url(name), "PORTAL_LOG_LEVEL": "WARNING"}
    subprocess.run([PORTAL, "migrate"], env=env, check=True, stdout=subprocess.DEVNULL)
    out = subprocess.run(
        [PORTAL, "seed", "--demo", "--employees", str(employees), "--seed", str(seed)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    print(out.stdout.strip().splitlines()[-1], file=sys.stderr)
    return out.stdout.strip().splitlines()[-1]


async def analyze(name: str) -> None:
    """Statistics for the planner, as autovacuum would gather soon after a bulk load."""
    conn = await asyncpg.connect(database_url(name))
    try:
        await conn.execute("VACUUM ANALYZE")
    finally:
        await conn.close()


@dataclass
class Cast:
    """Who takes part: readers for the home query, HR for reports, requesters and approvers."""

    readers: list[str]  # NIPs, the demo persona Siti first
    hr: list[str]
    # (requester NIP, supervisor NIP, session id); no live request exists for the pair
    pairs: list[tuple[str, str, int]]
    supervisor_of: dict[str, str] = field(default_factory=dict)

    @property
    def requesters(self) -> list[str]:
        return list(dict.fromkeys(p[0] for p in self.pairs))

    @property
    def supervisors(self) -> list[str]:
        return list(dict.fromkeys(p[1] for p in self.pairs))


async def cast(name: str, *, readers: int, requesters: int, seed: int) -> Cast:
    """Pick the people of the run, deterministically for a seed."""
    conn = await asyncpg.connect(database_url(name))
    try:
        salt = str(seed)
        reader_rows = await conn.fetch(
            """SELECT nip FROM employee WHERE active AND position_id IS NOT NULL
               ORDER BY (nip = '199203152019032001') DESC, md5(nip || $1) LIMIT $2""",
            salt,
            readers,
        )
        hr_rows = await conn.fetch(
            """SELECT DISTINCT e.nip FROM role_grant g JOIN employee e ON e.id = g.employee_id
               WHERE g.role = 'HR' AND e.active ORDER BY e.nip"""
        )
        # Requesters whose position has an active holder above it (the approver), and sessions
        # anyone may ask for that need only that approver (no extra steps, no HR verification).
        people = await conn.fetch(
            """SELECT e.nip, s.nip AS supervisor FROM employee e
               JOIN position p ON p.id = e.position_id
               JOIN LATERAL (SELECT h.nip FROM employee h WHERE h.position_id = p.parent_id
                             AND h.active ORDER BY h.id LIMIT 1) s ON true
               WHERE e.active ORDER BY md5(e.nip || $1) LIMIT $2""",
            salt,
            requesters,
        )
        sessions = [
            r["id"]
            for r in await conn.fetch(
                """SELECT s.id FROM training_session s JOIN course c ON c.id = s.course_id
                   WHERE s.status = 'OPEN'
                     AND s.enrollment_deadline >= (now() AT TIME ZONE 'Asia/Jakarta')::date
                     AND coalesce(jsonb_array_length(c.eligible_kinds), 0) = 0
                     AND coalesce(jsonb_array_length(c.approval_steps), 0) = 0
                     AND NOT coalesce(s.hr_verification, c.requires_hr_verification)
                     AND NOT EXISTS (SELECT 1 FROM course_unit u WHERE u.course_id = c.id)
                   ORDER BY s.id"""
            )
        ]
        taken = {
            (r["nip"], r["session_id"])
            for r in await conn.fetch(
                """SELECT e.nip, n.session_id FROM enrollment n
                   JOIN employee e ON e.id = n.employee_id
                   WHERE n.status = ANY($1::text[])""",
                list(LIVE),
            )
        }
    finally:
        await conn.close()
    pairs: list[tuple[str, str, int]] = []
    # Walk sessions in the outer loop, shifted per requester, so consecutive requests spread
    # over people and sessions (no hot row at the start of the run).
    for round_ in range(len(sessions)):
        for i, row in enumerate(people):
            session = sessions[(i + round_) % len(sessions)] if sessions else None
            if session is not None and (row["nip"], session) not in taken:
                pairs.append((row["nip"], row["supervisor"], session))
    return Cast(
        readers=[r["nip"] for r in reader_rows],
        hr=[r["nip"] for r in hr_rows],
        pairs=pairs,
        supervisor_of={r["nip"]: r["supervisor"] for r in people},
    )


async def pending_decisions(name: str, since_id: int) -> list[tuple[str, int]]:
    """(approver NIP, enrollment id) of requests made by the run that still wait for a decision."""
    conn = await asyncpg.connect(database_url(name))
    try:
        rows = await conn.fetch(
            """SELECT h.nip, n.id FROM enrollment n
               JOIN LATERAL (SELECT nip FROM employee h WHERE h.position_id = n.awaiting_position_id
                             AND h.active ORDER BY h.id LIMIT 1) h ON true
               WHERE n.id > $1 AND n.status = 'REQUESTED' AND NOT n.awaiting_hr ORDER BY n.id""",
            since_id,
        )
    finally:
        await conn.close()
    return [(r["nip"], r["id"]) for r in rows]


async def max_enrollment_id(name: str) -> int:
    conn = await asyncpg.connect(database_url(name))
    try:
        return int(await conn.fetchval("SELECT coalesce(max(id), 0) FROM enrollment"))
    finally:
        await conn.close()


async def server_version() -> str:
    conn = await asyncpg.connect(server_url())
    try:
        return str(await conn.fetchval("SHOW server_version"))
    finally:
        await conn.close()
